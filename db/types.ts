import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A timestamp column: written as Date or ISO string, read back as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string, string>;

export interface ApiKeyTable {
  id: string;
  name: string;
  /** The first characters of the key, shown in listings so a user can tell keys apart. */
  prefix: string;
  /** SHA-256 of the whole key: keys are 256-bit random, so a slow hash would add nothing. */
  key_hash: string;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface RoomTable {
  id: string;
  unique_name: string | null;
  max_participants: number;
  enable_recording: boolean;
  webhook_event_url: string | null;
  webhook_event_failover_url: string | null;
  webhook_timeout_secs: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface RoomSessionTable {
  id: string;
  room_id: string;
  active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  ended_at: NullableTimestamp;
  ended_reason: string | null;
  /** The node that runs (or ran) the session; null before clusters. */
  node_id: string | null;
}

export interface ParticipantTable {
  id: string;
  session_id: string;
  room_id: string;
  context: string | null;
  joined_at: Timestamp;
  left_at: NullableTimestamp;
  left_reason: string | null;
  updated_at: Timestamp;
}

export interface RecordingTable {
  id: string;
  room_id: string;
  session_id: string;
  participant_id: string;
  type: 'audio' | 'video';
  stream_key: string | null;
  status: 'processing' | 'completed' | 'failed';
  codec: string | null;
  duration_secs: number | null;
  size_bytes: ColumnType<number | null, number | null | undefined, number | null>;
  storage_key: string | null;
  failure_reason: string | null;
  /** Why the recording ended before its track did (a fault); null when it ended as asked. */
  interruption: ColumnType<string | null, string | null | undefined, string | null>;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CompositionTable {
  id: string;
  room_id: string;
  session_id: string;
  status: 'enqueued' | 'processing' | 'completed' | 'failed';
  progress: number;
  format: 'mp4' | 'webm';
  resolution: string;
  video_layout: Json;
  duration_secs: number | null;
  size_bytes: ColumnType<number | null, number | null | undefined, number | null>;
  storage_key: string | null;
  failure_reason: string | null;
  webhook_event_url: string | null;
  webhook_event_failover_url: string | null;
  webhook_timeout_secs: number | null;
  started_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventTable {
  id: string;
  event_type: string;
  room_id: string | null;
  occurred_at: Timestamp;
  payload: Json;
  seq: Generated<number>;
}

export interface WebhookDeliveryTable {
  id: string;
  event_id: string;
  room_id: string | null;
  url: string;
  failover_url: string | null;
  timeout_secs: number | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  last_status_code: number | null;
  /** `primary` or `failover`: which URL took the event. */
  delivered_to: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: NullableTimestamp;
}

export interface RevokedTokenFamilyTable {
  family_id: string;
  room_id: string;
  reason: string;
  revoked_at: Timestamp;
  /** When every token of the family has run out: the row can go then. */
  expires_at: Timestamp;
}

export type IngressKind = 'url' | 'rtp' | 'whip';
export type IngressStatus = 'connecting' | 'publishing' | 'ended' | 'failed';

export interface IngressTable {
  id: string;
  room_id: string;
  kind: IngressKind;
  url: string | null;
  loop: boolean;
  context: string | null;
  status: IngressStatus;
  failure_reason: string | null;
  session_id: string | null;
  participant_id: string | null;
  /** For an RTP ingress, where to send and with which payload types and SSRCs (JSON). */
  rtp_inputs: string | null;
  node_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  ended_at: NullableTimestamp;
  ended_reason: string | null;
  /** For WHIP: SHA-256 (hex) of the bearer token, which is shown only once. */
  whip_token_hash: string | null;
  /** For WHIP: the id of the publisher's session resource while one publishes. */
  whip_session: string | null;
}

export interface Database {
  api_keys: ApiKeyTable;
  revoked_token_families: RevokedTokenFamilyTable;
  rooms: RoomTable;
  room_sessions: RoomSessionTable;
  participants: ParticipantTable;
  recordings: RecordingTable;
  compositions: CompositionTable;
  events: EventTable;
  webhook_deliveries: WebhookDeliveryTable;
  ingresses: IngressTable;
}

export type ApiKeyRow = Selectable<ApiKeyTable>;
export type RoomRow = Selectable<RoomTable>;
export type NewRoom = Insertable<RoomTable>;
export type RoomUpdate = Updateable<RoomTable>;
export type RoomSessionRow = Selectable<RoomSessionTable>;
export type ParticipantRow = Selectable<ParticipantTable>;
export type RecordingRow = Selectable<RecordingTable>;
export type CompositionRow = Selectable<CompositionTable>;
export type EventRow = Selectable<EventTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type IngressRow = Selectable<IngressTable>;
