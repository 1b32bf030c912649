import type { RecordingRow } from '../../db/types.js';
import type { DownloadLinks } from '../../server/storage/download-links.js';
import { builder } from '../builder.js';
import { loaders } from '../loaders.js';
import { queryFilter, RecordingFilterInput, RecordingStatusEnum, RecordingTypeEnum } from '../filters.js';
import { pageArgs, pageRequest, queryId, toConnection } from '../pagination.js';
import { ParticipantRef, RecordingConnection, RecordingRef, RoomRef, RoomSessionRef } from './refs.js';
import { NodeRef } from './node.js';

const BYTES_PER_MB = 1_000_000;

// downloadUrl and downloadUrlExpiresAt of one recording in one response describe the same link.
const links = new WeakMap<RecordingRow, { url: string; expiresAt: Date }>();
function link(r: RecordingRow, downloads: DownloadLinks): { url: string; expiresAt: Date } | null {
  if (r.status !== 'completed') return null;
  let l = links.get(r);
  if (!l) links.set(r, (l = downloads.signed('recordings', r.id)));
  return l;
}

RecordingRef.implement({
  interfaces: [NodeRef],
  description: "One participant's audio or video track, recorded while the room had recording on.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'UUID of the recording.' }),
    room: t.field({ type: RoomRef, description: 'The room.', resolve: async (r, _a, ctx) => (await loaders(ctx).room.load(r.room_id))! }),
    session: t.field({
      type: RoomSessionRef,
      description: 'The session.',
      resolve: async (r, _a, ctx) => (await loaders(ctx).session.load(r.session_id))!,
    }),
    participant: t.field({
      type: ParticipantRef,
      description: 'The participant whose track this is.',
      resolve: async (r, _a, ctx) => (await loaders(ctx).participant.load(r.participant_id))!,
    }),
    type: t.field({ type: RecordingTypeEnum, description: 'Audio or video.', resolve: (r) => r.type }),
    streamKey: t.exposeString('stream_key', { nullable: true, description: 'The stream the track belonged to: `self` or `presentation`.' }),
    status: t.field({ type: RecordingStatusEnum, description: 'Where the recording stands.', resolve: (r) => r.status }),
    codec: t.exposeString('codec', { nullable: true, description: 'Codec of the track, such as `opus` or `vp8`.' }),
    durationSecs: t.exposeInt('duration_secs', { nullable: true, description: 'Length in whole seconds, once completed.' }),
    sizeMb: t.float({
      nullable: true,
      description: 'Size of the file in megabytes (10^6 bytes), once completed.',
      resolve: (r) => (r.size_bytes == null ? null : r.size_bytes / BYTES_PER_MB),
    }),
    downloadUrl: t.string({
      nullable: true,
      description: 'Where to download the file, once completed: a link that works without credentials until it expires (DOWNLOAD_URL_TTL_SECS).',
      resolve: (x, _a, ctx) => link(x, ctx.services.downloads)?.url ?? null,
    }),
    downloadUrlExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When this `downloadUrl` stops working (ask again for a new one); null without a downloadUrl.',
      resolve: (x, _a, ctx) => link(x, ctx.services.downloads)?.expiresAt ?? null,
    }),
    failureReason: t.exposeString('failure_reason', { nullable: true, description: 'Why the recording failed, if it did.' }),
    interruption: t.exposeString('interruption', {
      nullable: true,
      description:
        'Why the recording stopped before its track did, when a fault cut it short (the media worker under the room died, the server was killed): the file holds what was recorded until then. Null when it ended as asked.',
    }),
    startedAt: t.expose('started_at', { type: 'DateTime', description: 'When recording started.' }),
    endedAt: t.expose('ended_at', { type: 'DateTime', nullable: true, description: 'When recording stopped.' }),
    completedAt: t.expose('completed_at', { type: 'DateTime', nullable: true, description: 'When the file was ready.' }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When the row was created.' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime', description: 'When the row was last changed.' }),
  }),
});

builder.queryFields((t) => ({
  recording: t.field({
    type: RecordingRef,
    nullable: true,
    authScopes: { apiKey: true },
    description: 'One recording by id; null if there is no such recording.',
    args: { id: t.arg.id({ required: true, description: 'UUID of the recording.' }) },
    resolve: async (_root, args, ctx) => (await ctx.services.records.recording(queryId('id', String(args.id)))) ?? null,
  }),
  recordings: t.field({
    type: RecordingConnection,
    authScopes: { apiKey: true },
    description: 'Recordings of all rooms, newest first.',
    args: { ...pageArgs, filter: t.arg({ type: RecordingFilterInput, description: 'Which items to return; all when left out.' }) },
    resolve: async (_root, args, ctx, info) => toConnection(await ctx.services.records.recordings(queryFilter(args.filter, info), pageRequest(args, info))),
  }),
}));
