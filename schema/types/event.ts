import type { VideoEventRecord } from '../../server/events/feed.js';
import { SHARES_RESULTS } from '../../server/shared/subscription-sharing.js';
import { builder } from '../builder.js';
import { queryFilter } from '../filters.js';

const VideoEventRef = builder.objectRef<VideoEventRecord>('VideoEvent').implement({
  description: 'An event of the account-wide feed: the same events, names and payloads as the webhooks.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'UUID of the event.' }),
    eventType: t.exposeString('eventType', {
      description: 'Such as `video.room.session.started`, `video.room.participant.joined`, `video.room.created`.',
    }),
    roomId: t.exposeID('roomId', { nullable: true, description: 'The room it concerns.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When it happened.' }),
    payload: t.expose('payload', { type: 'JSON', description: "The webhook's payload (snake_case fields, as Telnyx sends them)." }),
  }),
});

const EventFilterInput = builder.inputType('EventFilter', {
  fields: (t) => ({
    eventTypes: t.stringList({ description: 'Only these event types.' }),
    roomId: t.id({ description: 'Only events of this room.' }),
  }),
});

builder.subscriptionFields((t) => ({
  events: t.field({
    type: VideoEventRef,
    authScopes: { apiKey: true },
    description: 'Every event from now on, as it happens: for dashboards.',
    args: { filter: t.arg({ type: EventFilterInput, description: 'Which events to receive; all when left out.' }) },
    // An event resolves the same for every key that receives it.
    extensions: { [SHARES_RESULTS]: true },
    subscribe: (_root, args, ctx, info) => {
      const filter = queryFilter(args.filter, info);
      return ctx.services.events.subscribe({ eventTypes: filter.eventTypes, roomId: filter.roomId == null ? null : String(filter.roomId) });
    },
    resolve: (event) => event,
  }),
}));
