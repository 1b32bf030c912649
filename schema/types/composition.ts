import { builder } from '../builder.js';
import { loaders } from '../loaders.js';
import { queryFilter, CompositionFilterInput, CompositionFormatEnum, CompositionStatusEnum } from '../filters.js';
import { pageArgs, pageRequest, queryId, toConnection } from '../pagination.js';
import type { VideoRegion } from '../../server/compositions/layout.js';
import { CompositionConnection, CompositionRef, RoomRef, RoomSessionRef } from './refs.js';
import { NodeRef } from './node.js';

const VideoRegionRef = builder.objectRef<VideoRegion>('VideoRegion').implement({
  description: 'A rectangle of the composed video, filled with a grid of video sources.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name of the region.' }),
    xPos: t.exposeInt('xPos', { description: 'Left edge in pixels from the left of the frame.' }),
    yPos: t.exposeInt('yPos', { description: 'Top edge in pixels from the top of the frame.' }),
    zPos: t.exposeInt('zPos', { description: 'Stacking order, -99 to 99; higher is on top.' }),
    width: t.exposeInt('width', { description: 'Width in pixels.' }),
    height: t.exposeInt('height', { description: 'Height in pixels.' }),
    maxColumns: t.exposeInt('maxColumns', { nullable: true, description: 'At most this many columns in the grid.' }),
    maxRows: t.exposeInt('maxRows', { nullable: true, description: 'At most this many rows in the grid.' }),
    videoSources: t.exposeStringList('videoSources', { description: 'Video recording ids, or `*` for all of the session.' }),
  }),
});

const BYTES_PER_MB = 1_000_000;

CompositionRef.implement({
  interfaces: [NodeRef],
  description: "A render of a session's recordings into one file.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'UUID of the composition.' }),
    room: t.field({ type: RoomRef, description: 'The room.', resolve: async (c, _a, ctx) => (await loaders(ctx).room.load(c.room_id))! }),
    session: t.field({
      type: RoomSessionRef,
      description: 'The session rendered.',
      resolve: async (c, _a, ctx) => (await loaders(ctx).session.load(c.session_id))!,
    }),
    status: t.field({ type: CompositionStatusEnum, description: 'Where the render stands.', resolve: (c) => c.status }),
    progress: t.exposeFloat('progress', { description: 'How much is rendered, 0 to 1.' }),
    format: t.field({ type: CompositionFormatEnum, description: 'The file format, as `createComposition` takes it.', resolve: (c) => c.format }),
    resolution: t.exposeString('resolution', { description: 'Frame size as `WIDTHxHEIGHT`.' }),
    videoLayout: t.field({
      type: [VideoRegionRef],
      description: 'The regions of the frame.',
      resolve: (c) => (c.video_layout as VideoRegion[] | null) ?? [],
    }),
    durationSecs: t.exposeInt('duration_secs', { nullable: true, description: 'Length in whole seconds, once completed.' }),
    sizeMb: t.float({
      nullable: true,
      description: 'Size of the file in megabytes (10^6 bytes), once completed.',
      resolve: (c) => (c.size_bytes == null ? null : c.size_bytes / BYTES_PER_MB),
    }),
    downloadUrl: t.string({
      nullable: true,
      description: 'Where to download the file, once completed: a link that works without credentials until it expires (DOWNLOAD_URL_TTL_SECS).',
      resolve: (x, _a, ctx) => (x.status === 'completed' && x.storage_key ? ctx.services.downloads.signedUrl('compositions', x.id) : null),
    }),
    failureReason: t.exposeString('failure_reason', { nullable: true, description: 'Why the render failed, if it did.' }),
    webhookEventUrl: t.exposeString('webhook_event_url', { nullable: true, description: "Where this composition's events go." }),
    webhookEventFailoverUrl: t.exposeString('webhook_event_failover_url', { nullable: true, description: 'Failover for its events.' }),
    webhookTimeoutSecs: t.exposeInt('webhook_timeout_secs', { nullable: true, description: 'Timeout of its webhook deliveries.' }),
    startedAt: t.expose('started_at', { type: 'DateTime', nullable: true, description: 'When rendering started.' }),
    endedAt: t.expose('ended_at', { type: 'DateTime', nullable: true, description: 'When rendering stopped.' }),
    completedAt: t.expose('completed_at', { type: 'DateTime', nullable: true, description: 'When the file was ready.' }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was requested.' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

builder.queryFields((t) => ({
  composition: t.field({
    type: CompositionRef,
    nullable: true,
    authScopes: { apiKey: true },
    description: 'One composition by id; null if there is no such composition.',
    args: { id: t.arg.id({ required: true, description: 'UUID of the composition.' }) },
    resolve: async (_root, args, ctx) => (await ctx.services.records.composition(queryId('id', String(args.id)))) ?? null,
  }),
  compositions: t.field({
    type: CompositionConnection,
    authScopes: { apiKey: true },
    description: 'Compositions of all rooms, newest first.',
    args: { ...pageArgs, filter: t.arg({ type: CompositionFilterInput, description: 'Which items to return; all when left out.' }) },
    resolve: async (_root, args, ctx, info) => toConnection(await ctx.services.records.compositions(queryFilter(args.filter, info), pageRequest(args, info))),
  }),
}));

builder.subscriptionFields((t) => ({
  composition: t.field({
    type: CompositionRef,
    nullable: false,
    authScopes: { apiKey: true },
    description:
      'A composition as it renders: first its current state, then every change of status and progress (written about every half second), ' +
      'ending after it is COMPLETED or FAILED (or deleted). An unknown id is an error.',
    args: { id: t.arg.id({ required: true, description: 'UUID of the composition.' }) },
    subscribe: (_root, args, ctx) => ctx.services.compositions.service.watch(queryId('id', String(args.id))),
    resolve: (row) => row,
  }),
}));
