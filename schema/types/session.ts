import { builder } from '../builder.js';
import { loaders } from '../loaders.js';
import { queryFilter, ParticipantFilterInput, RecordingFilterInput, RoomSessionFilterInput } from '../filters.js';
import { pageArgs, pageRequest, queryId, toConnection } from '../pagination.js';
import { ParticipantConnection, RecordingConnection, RoomRef, RoomSessionConnection, RoomSessionRef } from './refs.js';
import { NodeRef } from './node.js';

RoomSessionRef.implement({
  interfaces: [NodeRef],
  description: 'One period of activity in a room: from the first join until the room is empty, ended or deleted.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'UUID of the session.' }),
    room: t.field({
      type: RoomRef,
      description: 'The room the session took place in.',
      resolve: async (s, _args, ctx) => (await loaders(ctx).room.load(s.room_id))!,
    }),
    active: t.exposeBoolean('active', { description: 'Whether the session is in progress.' }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When the session started.' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime', description: 'When the session was last changed.' }),
    endedAt: t.expose('ended_at', { type: 'DateTime', nullable: true, description: 'When the session ended.' }),
    endedReason: t.exposeString('ended_reason', {
      nullable: true,
      description:
        'Why it ended: `empty` (everyone left), `ended_by_api` (endSession), `room_deleted`, `media_failure`, `server_shutdown`; `server_restarted` when the server stopped without ending it, `node_lost` when the node of a cluster that ran it died.',
    }),
    participants: t.field({
      type: ParticipantConnection,
      description: "The session's participants, newest first.",
      args: { ...pageArgs, filter: t.arg({ type: ParticipantFilterInput, description: 'Which items to return; all when left out.' }) },
      resolve: async (s, args, ctx, info) => {
        const filter = queryFilter(args.filter, info);
        return toConnection(await ctx.services.records.participants({ ...filter, sessionId: s.id }, pageRequest(args, info)));
      },
    }),
    recordings: t.field({
      type: RecordingConnection,
      description: "The session's recordings, newest first.",
      args: { ...pageArgs, filter: t.arg({ type: RecordingFilterInput, description: 'Which items to return; all when left out.' }) },
      resolve: async (s, args, ctx, info) => {
        const filter = queryFilter(args.filter, info);
        return toConnection(await ctx.services.records.recordings({ ...filter, sessionId: s.id }, pageRequest(args, info)));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  roomSession: t.field({
    type: RoomSessionRef,
    nullable: true,
    authScopes: { apiKey: true },
    description: 'One session by id; null if there is no such session.',
    args: { id: t.arg.id({ required: true, description: 'UUID of the session.' }) },
    resolve: async (_root, args, ctx) => (await ctx.services.records.session(queryId('id', String(args.id)))) ?? null,
  }),
  roomSessions: t.field({
    type: RoomSessionConnection,
    authScopes: { apiKey: true },
    description: 'Sessions of all rooms, newest first.',
    args: { ...pageArgs, filter: t.arg({ type: RoomSessionFilterInput, description: 'Which items to return; all when left out.' }) },
    resolve: async (_root, args, ctx, info) => toConnection(await ctx.services.records.sessions(queryFilter(args.filter, info), pageRequest(args, info))),
  }),
}));
