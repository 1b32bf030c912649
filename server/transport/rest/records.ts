/**
 * What each REST answer holds, field by field: the one declaration the OpenAPI document is built
 * from, and the one the shaping functions (`roomBody`, `sessionBody`, ...) are held to by
 * test/rest/records.test.ts, so the document cannot promise a field the wire does not carry.
 */

export type WireType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface FieldDoc {
  type: WireType;
  description: string;
  nullable?: boolean;
  /** Present only when an `include_*` parameter asks for it. */
  optional?: boolean;
  format?: 'uuid' | 'date-time';
  enum?: readonly string[];
  /** An array's items. */
  items?: FieldRef;
  /** A map's values (`video_layout` keyed by region name). */
  values?: FieldRef;
}

/** Another record by name, or a field of its own. */
export type FieldRef = { record: RecordName } | FieldDoc;

export type RecordDoc = Record<string, FieldDoc>;

const uuid = (description: string, nullable = false): FieldDoc => ({ type: 'string', format: 'uuid', description, nullable });
const time = (description: string, nullable = false): FieldDoc => ({ type: 'string', format: 'date-time', description, nullable });
const recordType = (name: string): FieldDoc => ({ type: 'string', enum: [name], description: `Always \`${name}\`.` });
const text = (description: string, nullable = false): FieldDoc => ({ type: 'string', description, nullable });
const int = (description: string, nullable = false): FieldDoc => ({ type: 'integer', description, nullable });
const number = (description: string, nullable = false): FieldDoc => ({ type: 'number', description, nullable });

const WEBHOOKS = {
  webhook_event_url: text('Where events are sent.', true),
  webhook_event_failover_url: text('Where events go when the first URL fails.', true),
  webhook_timeout_secs: int('How long a webhook call may take.', true),
};

const room: RecordDoc = {
  id: uuid('The room id.'),
  record_type: recordType('room'),
  unique_name: text('A name unique among rooms.', true),
  max_participants: int('How many may be in a session at once.'),
  enable_recording: { type: 'boolean', description: 'Whether sessions are recorded.' },
  active_session_id: uuid('The session in progress, if any.', true),
  ...WEBHOOKS,
  created_at: time('When the room was created.'),
  updated_at: time('When the room last changed.'),
  sessions: { type: 'array', items: { record: 'room_session' }, optional: true, description: 'With include_sessions=true: its newest sessions, 250 at most.' },
};

const room_session: RecordDoc = {
  id: uuid('The session id.'),
  record_type: recordType('room_session'),
  room_id: uuid('The room it is a session of.'),
  active: { type: 'boolean', description: 'Whether the session is in progress.' },
  created_at: time('When the session began.'),
  updated_at: time('When the session last changed.'),
  ended_at: time('When it ended.', true),
  participants: { type: 'array', items: { record: 'room_participant' }, optional: true, description: 'With include_participants=true: its participants, 250 at most.' },
};

const room_participant: RecordDoc = {
  id: uuid('The participant id: the one `join` returns.'),
  record_type: recordType('room_participant'),
  session_id: uuid('The session joined.'),
  context: text('What the client token carried for this participant.', true),
  joined_at: time('When it joined.'),
  left_at: time('When it left.', true),
  updated_at: time('When it last changed.'),
};

const FILE = {
  duration_secs: int('Length of the media.', true),
  size_mb: number('Size of the file in megabytes (10^6 bytes).', true),
  download_url: text('A signed link to the file, once it is completed.', true),
};

const room_recording: RecordDoc = {
  id: uuid('The recording id.'),
  record_type: recordType('room_recording'),
  room_id: uuid('The room recorded.'),
  session_id: uuid('The session recorded.'),
  participant_id: uuid('Whose track it is.'),
  type: { type: 'string', enum: ['audio', 'video'], description: 'The kind of track.' },
  status: { type: 'string', enum: ['processing', 'completed', 'failed'], description: 'Where the recording is.' },
  codec: text('The codec of the track.', true),
  ...FILE,
  started_at: time('When recording began.'),
  ended_at: time('When recording ended.', true),
  completed_at: time('When the file was complete.', true),
  created_at: time('When the recording was created.'),
  updated_at: time('When it last changed.'),
};

const region: RecordDoc = {
  x_pos: int('Left edge, in pixels.', true),
  y_pos: int('Top edge, in pixels.', true),
  z_pos: int('Stacking order.', true),
  width: int('Width, in pixels.', true),
  height: int('Height, in pixels.', true),
  max_columns: int('Grid columns at most.', true),
  max_rows: int('Grid rows at most.', true),
  video_sources: { type: 'array', items: text('A participant id.'), nullable: true, description: 'Whose video fills the region.' },
};

const room_composition: RecordDoc = {
  id: uuid('The composition id.'),
  record_type: recordType('room_composition'),
  room_id: uuid('The room composed.'),
  session_id: uuid('The session composed.'),
  status: { type: 'string', enum: ['enqueued', 'processing', 'completed', 'failed'], description: 'Where the composition is.' },
  format: { type: 'string', enum: ['mp4', 'webm'], description: 'The container.' },
  resolution: text('Width x height, such as 1280x720.'),
  video_layout: { type: 'object', values: { record: 'video_region' }, description: 'Regions keyed by name.' },
  ...FILE,
  ...WEBHOOKS,
  started_at: time('When composing began.', true),
  ended_at: time('When composing ended.', true),
  completed_at: time('When the file was complete.', true),
  created_at: time('When the composition was asked for.'),
  updated_at: time('When it last changed.'),
};

const client_token: RecordDoc = {
  token: text('A client token to join the room with.'),
  token_expires_at: time('When the token expires.'),
  refresh_token: text('Trades for a new token at refresh_client_token.'),
  refresh_token_expires_at: time('When the refresh token expires.'),
};

const refreshed_client_token: RecordDoc = {
  token: text('A new client token.'),
  token_expires_at: time('When the token expires.'),
};

const action_result: RecordDoc = { result: { type: 'string', enum: ['ok'], description: 'Always `ok`.' } };

const bulk_delete_result: RecordDoc = { room_recordings: int('How many recordings were deleted.') };

export const RECORDS = { room, room_session, room_participant, room_recording, video_region: region, room_composition, client_token, refreshed_client_token, action_result, bulk_delete_result };

export type RecordName = keyof typeof RECORDS;
