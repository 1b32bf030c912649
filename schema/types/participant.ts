import { builder } from '../builder.js';
import { loaders } from '../loaders.js';
import { queryFilter, ParticipantFilterInput, RecordingFilterInput } from '../filters.js';
import { pageArgs, pageRequest, queryId, toConnection } from '../pagination.js';
import { ParticipantConnection, ParticipantRef, RecordingConnection, RoomSessionRef } from './refs.js';
import { NodeRef } from './node.js';

ParticipantRef.implement({
  interfaces: [NodeRef],
  description: 'One client connection in one session.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'UUID of the participant (the same id the client SDK uses).' }),
    session: t.field({
      type: RoomSessionRef,
      description: 'The session the participant was in.',
      resolve: async (p, _args, ctx) => (await loaders(ctx).session.load(p.session_id))!,
    }),
    roomId: t.exposeID('room_id', { description: 'The room the participant was in.' }),
    context: t.exposeString('context', { nullable: true, description: 'The string the client gave when it joined (often JSON).' }),
    joinedAt: t.expose('joined_at', { type: 'DateTime', description: 'When the participant joined.' }),
    leftAt: t.expose('left_at', { type: 'DateTime', nullable: true, description: 'When the participant left.' }),
    leftReason: t.exposeString('left_reason', {
      nullable: true,
      description:
        'Why it left: `left`, `kicked`, `disconnected`, `session_ended`, `room_deleted`, `token_expired`; `server_restarted` when the server stopped without ending it, `node_lost` when the node of a cluster that ran it died (a client that rejoins on another node is a new participant).',
    }),
    updatedAt: t.expose('updated_at', { type: 'DateTime', description: 'When the participant was last changed.' }),
    recordings: t.field({
      type: RecordingConnection,
      description: "The participant's recordings, newest first.",
      args: { ...pageArgs, filter: t.arg({ type: RecordingFilterInput, description: 'Which items to return; all when left out.' }) },
      resolve: async (p, args, ctx, info) => {
        const filter = queryFilter(args.filter, info);
        return toConnection(await ctx.services.records.recordings({ ...filter, participantId: p.id }, pageRequest(args, info)));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  participant: t.field({
    type: ParticipantRef,
    nullable: true,
    authScopes: { apiKey: true },
    description: 'One participant by id; null if there is no such participant.',
    args: { id: t.arg.id({ required: true, description: 'UUID of the participant.' }) },
    resolve: async (_root, args, ctx) => (await ctx.services.records.participant(queryId('id', String(args.id)))) ?? null,
  }),
  participants: t.field({
    type: ParticipantConnection,
    authScopes: { apiKey: true },
    description: 'Participants of all sessions, newest first.',
    args: { ...pageArgs, filter: t.arg({ type: ParticipantFilterInput, description: 'Which items to return; all when left out.' }) },
    resolve: async (_root, args, ctx, info) => toConnection(await ctx.services.records.participants(queryFilter(args.filter, info), pageRequest(args, info))),
  }),
}));
