import { builder } from '../builder.js';
import { loaders } from '../loaders.js';
import { queryFilter, RoomFilterInput, RoomSessionFilterInput } from '../filters.js';
import { pageArgs, pageRequest, queryId, toConnection } from '../pagination.js';
import { RoomConnection, RoomRef, RoomSessionConnection, RoomSessionRef } from './refs.js';
import { NodeRef } from './node.js';

RoomRef.implement({
  interfaces: [NodeRef],
  description: 'A persistent, reusable place to meet. Each period of activity in it is a session.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'UUID of the room.' }),
    uniqueName: t.exposeString('unique_name', { nullable: true, description: 'A name unique among rooms that are not deleted.' }),
    maxParticipants: t.exposeInt('max_participants', { description: 'How many participants may be in the room at once (2 to 50).' }),
    enableRecording: t.exposeBoolean('enable_recording', { description: "Whether every participant's tracks are recorded." }),
    webhookEventUrl: t.exposeString('webhook_event_url', { nullable: true, description: "Where the room's events are POSTed." }),
    webhookEventFailoverUrl: t.exposeString('webhook_event_failover_url', {
      nullable: true,
      description: 'Where events go when the primary URL fails.',
    }),
    webhookTimeoutSecs: t.exposeInt('webhook_timeout_secs', { nullable: true, description: 'How long a webhook delivery may take (0 to 30 s).' }),
    activeSession: t.field({
      type: RoomSessionRef,
      nullable: true,
      description: 'The session in progress, if anyone is in the room.',
      resolve: async (room, _args, ctx) => (await loaders(ctx).activeSession.load(room.id)) ?? null,
    }),
    liveParticipantCount: t.int({
      description: 'How many participants are in the room now (0 when nobody is): for lists that show which rooms are busy without a roomState per room.',
      resolve: async (room, _args, ctx) => (await ctx.services.directory.presentIn(room.id)).length,
    }),
    sessions: t.field({
      type: RoomSessionConnection,
      description: "The room's sessions, newest first.",
      args: { ...pageArgs, filter: t.arg({ type: RoomSessionFilterInput, description: 'Which items to return; all when left out.' }) },
      resolve: async (room, args, ctx, info) => {
        const filter = queryFilter(args.filter, info);
        return toConnection(await ctx.services.records.sessions({ ...filter, roomId: room.id }, pageRequest(args, info)));
      },
    }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When the room was created.' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime', description: 'When the room was last changed.' }),
    deletedAt: t.expose('deleted_at', { type: 'DateTime', nullable: true, description: 'When the room was deleted, if it was.' }),
  }),
});

builder.queryFields((t) => ({
  room: t.field({
    type: RoomRef,
    nullable: true,
    authScopes: { apiKey: true },
    description: 'One room by id, deleted or not; null if there is no such room.',
    args: { id: t.arg.id({ required: true, description: 'UUID of the room.' }) },
    resolve: async (_root, args, ctx) => (await ctx.services.rooms.get(queryId('id', String(args.id)))) ?? null,
  }),
  rooms: t.field({
    type: RoomConnection,
    authScopes: { apiKey: true },
    description: 'Rooms, newest first; deleted rooms only when `filter.includeDeleted` is true.',
    args: { ...pageArgs, filter: t.arg({ type: RoomFilterInput, description: 'Which items to return; all when left out.' }) },
    resolve: async (_root, args, ctx, info) => toConnection(await ctx.services.rooms.list(queryFilter(args.filter, info), pageRequest(args, info))),
  }),
}));
