import type { Services } from '../../app/services.js';
import { deleteOperation, listOperation, retrieveOperation } from './operations.js';
import type { Operation } from './request.js';
import { iso, readQuery, type FilterSpec } from './wire.js';

type RecordingRow = NonNullable<Awaited<ReturnType<Services['records']['recording']>>>;

const BYTES_PER_MB = 1_000_000;

export function recordingBody(services: Services, r: RecordingRow) {
  return {
    id: r.id,
    record_type: 'room_recording',
    room_id: r.room_id,
    session_id: r.session_id,
    participant_id: r.participant_id,
    type: r.type,
    status: r.status,
    codec: r.codec,
    duration_secs: r.duration_secs,
    size_mb: r.size_bytes == null ? null : r.size_bytes / BYTES_PER_MB,
    // As Recording.downloadUrl: a signed link, once the file is there.
    download_url: r.status === 'completed' ? services.downloads.signedUrl('recordings', r.id) : null,
    started_at: iso(r.started_at),
    ended_at: iso(r.ended_at),
    completed_at: iso(r.completed_at),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

const FILTERS: FilterSpec = {
  date_started_at: ['dateStartedAt', 'date'],
  date_ended_at: ['dateEndedAt', 'date'],
  room_id: ['roomId', 'uuid'],
  session_id: ['sessionId', 'uuid'],
  participant_id: ['participantId', 'uuid'],
  status: ['status', ['processing', 'completed', 'failed']],
  type: ['type', ['audio', 'video']],
  duration_secs: ['durationSecs', 'count'],
};

// The store names the bulk filter as the GraphQL argument: `filter.status`.
const BULK_FIELDS = { 'filter.status': { parameter: 'filter[status]' }, filter: { parameter: 'filter' } };

const BULK = {
  summary: 'Delete every recording the filters match (a filter is required: none deletes nothing)',
  query: { page: true, filter: FILTERS },
  status: 201,
  returns: { one: 'bulk_delete_result' },
} as const;

export const recordings = {
  list: listOperation('List room recordings', 'room_recording', FILTERS, (s, f, p) => s.records.recordings(f, p), recordingBody),
  retrieve: retrieveOperation('room_recording', 'room_recording_id', (s, id) => s.records.recording(id), recordingBody),
  delete: deleteOperation('Delete a room recording', 'room_recording_id', (s, id) => s.recordingStore.delete(id)),
  // Telnyx's client may send page[...] with a bulk delete; it bounds nothing here: every match goes.
  deleteBulk: {
    doc: BULK,
    fields: BULK_FIELDS,
    handle: async ({ services, query }) => {
      const q = readQuery(query, BULK.query);
      return { data: { room_recordings: await services.recordingStore.deleteMatching(q.filter, false) } };
    },
  },
} satisfies Record<string, Operation>;
