import type { Services } from '../../app/services.js';
import type { VideoRegion, VideoRegionInput } from '../../compositions/layout.js';
import { RestError } from './errors.js';
import { bodySchema } from './json-schema.js';
import { deleteOperation, listOperation, retrieveOperation } from './operations.js';
import { bodyFields, readBody, type BodySpec, type Operation } from './request.js';
import { iso, readQuery, type FilterSpec } from './wire.js';

type CompositionRow = NonNullable<Awaited<ReturnType<Services['records']['composition']>>>;

const BYTES_PER_MB = 1_000_000;

/** Telnyx keys a layout by region name; the domain keeps an ordered list of named regions. */
function layoutBody(regions: VideoRegion[] | null) {
  return Object.fromEntries(
    (regions ?? []).map((r) => [
      r.name,
      { x_pos: r.xPos, y_pos: r.yPos, z_pos: r.zPos, width: r.width, height: r.height, max_columns: r.maxColumns, max_rows: r.maxRows, video_sources: r.videoSources },
    ]),
  );
}

export function compositionBody(services: Services, c: CompositionRow) {
  return {
    id: c.id,
    record_type: 'room_composition',
    room_id: c.room_id,
    session_id: c.session_id,
    status: c.status,
    format: c.format,
    resolution: c.resolution,
    video_layout: layoutBody(c.video_layout as VideoRegion[] | null),
    duration_secs: c.duration_secs,
    size_mb: c.size_bytes == null ? null : c.size_bytes / BYTES_PER_MB,
    // As Composition.downloadUrl: a signed link, once the file is there.
    download_url: c.status === 'completed' && c.storage_key ? services.downloads.signedUrl('compositions', c.id) : null,
    webhook_event_url: c.webhook_event_url,
    webhook_event_failover_url: c.webhook_event_failover_url,
    webhook_timeout_secs: c.webhook_timeout_secs,
    started_at: iso(c.started_at),
    ended_at: iso(c.ended_at),
    completed_at: iso(c.completed_at),
    created_at: iso(c.created_at),
    updated_at: iso(c.updated_at),
  };
}

const REGION_FIELDS: BodySpec = {
  x_pos: ['xPos', 'integer'],
  y_pos: ['yPos', 'integer'],
  z_pos: ['zPos', 'integer'],
  width: ['width', 'integer'],
  height: ['height', 'integer'],
  max_columns: ['maxColumns', 'integer'],
  max_rows: ['maxRows', 'integer'],
  video_sources: ['videoSources', 'array'],
};

/** `{name: region}` as the service's list, each region's fields checked where they sit (`/video_layout/grid/width`). */
function layoutInput(layout: unknown): VideoRegionInput[] | undefined {
  if (layout == null) return undefined;
  if (typeof layout !== 'object' || Array.isArray(layout)) throw RestError.badBody([{ pointer: '/video_layout', detail: 'must be an object of regions keyed by name' }]);
  return Object.entries(layout).map(([name, region]) => {
    try {
      return { name, ...bodyFields(region, REGION_FIELDS) };
    } catch (err) {
      if (!(err instanceof RestError)) throw err;
      throw new RestError(
        422,
        err.errors.map((e) => ({ ...e, source: { pointer: `/video_layout/${name}${e.source?.pointer ?? ''}` } })),
      );
    }
  });
}

const CREATE_FIELDS: BodySpec = {
  session_id: ['sessionId', 'string', { type: 'string', format: 'uuid', description: 'The session to compose.' }],
  format: ['format', 'string', { type: 'string', enum: ['mp4', 'webm'], description: 'The container (mp4 by default).' }],
  resolution: ['resolution', 'string'],
  video_layout: ['videoLayout', 'object', { type: 'object', description: 'Regions keyed by name.', additionalProperties: bodySchema({ spec: REGION_FIELDS }) }],
  webhook_event_url: ['webhookEventUrl', 'string'],
  webhook_event_failover_url: ['webhookEventFailoverUrl', 'string'],
  webhook_timeout_secs: ['webhookTimeoutSecs', 'integer'],
};

const FILTERS: FilterSpec = {
  date_created_at: ['dateCreatedAt', 'date'],
  session_id: ['sessionId', 'uuid'],
  status: ['status', ['enqueued', 'processing', 'completed', 'failed']],
};

const CREATE = { summary: 'Compose the recordings of a session into one file', body: { spec: CREATE_FIELDS, required: ['session_id'] }, status: 202, returns: { one: 'room_composition' } } as const;

export const compositions = {
  list: listOperation('List room compositions', 'room_composition', FILTERS, (s, f, p) => s.records.compositions(f, p), compositionBody),
  create: {
    doc: CREATE,
    handle: async ({ services, query, body }) => {
      readQuery(query);
      const input = readBody(body, CREATE.body);
      for (const url of ['webhookEventUrl', 'webhookEventFailoverUrl']) if (input[url] === '') input[url] = null;
      const videoLayout = layoutInput(input.videoLayout);
      const format = input.format as string | undefined;
      if (format != null && format !== 'mp4' && format !== 'webm') throw RestError.badBody([{ pointer: '/format', detail: `must be mp4 or webm, got "${format.slice(0, 40)}"` }]);
      const row = await services.compositions.service.create({ ...input, sessionId: input.sessionId as string, format: format as 'mp4' | 'webm' | undefined, videoLayout });
      return { data: compositionBody(services, row) };
    },
  },
  retrieve: retrieveOperation('room_composition', 'room_composition_id', (s, id) => s.records.composition(id), compositionBody),
  delete: deleteOperation('Delete a room composition', 'room_composition_id', (s, id) => s.compositions.service.delete(id)),
} satisfies Record<string, Operation>;
