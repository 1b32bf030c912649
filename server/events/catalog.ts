import type { MediaKind, StreamKey } from '../../media/index.js';
import type { LeaveReason, LiveLeaveReason, LiveSessionEndReason, MediaReconnectReason, SessionEndReason } from './reasons.js';
import type { ParticipantState, RoomStateView, StreamState } from './room-state.js';

/**
 * The event catalog: every domain event the server produces, in one discriminated union.
 *
 * Two families share it. Account events are named as Telnyx names its webhooks and carry
 * Telnyx's snake_case payloads; they are recorded, sent as webhooks and streamed by the `events`
 * subscription. Room deltas are the live changes of one room, ordered by the room's `seq` and
 * streamed by `roomEvents`. Each outward shape (webhook body, feed item, room delta) is derived
 * from these types in one place: server/webhooks/envelope.ts, ./feed.ts, ./room-deltas.ts.
 */

/** The fields every room event carries: the room as a webhook receiver would want it. */
export interface RoomPayload {
  room_id: string;
  unique_name: string | null;
  max_participants: number;
  enable_recording: boolean;
}

interface SessionRef {
  room_id: string;
  session_id: string;
}

interface ParticipantRef extends SessionRef {
  participant_id: string;
  context: string | null;
}

interface RecordingRef extends SessionRef {
  participant_id: string;
  recording_id: string;
  type: MediaKind;
}

interface CompositionRef extends SessionRef {
  composition_id: string;
  format: 'mp4' | 'webm';
  resolution: string;
}

/** An ingress: media from outside, published by a participant of its own once it has joined. */
export interface IngressRef {
  room_id: string;
  ingress_id: string;
  kind: 'url' | 'rtp' | 'whip';
  session_id: string | null;
  participant_id: string | null;
  context: string | null;
}

/** Account event name → payload. */
export interface AccountEventPayloads {
  'video.room.created': RoomPayload;
  'video.room.updated': RoomPayload & { changed: string[] };
  'video.room.deleted': RoomPayload;
  'video.room.session.started': SessionRef;
  'video.room.session.ended': SessionRef & { duration_secs: number; ended_reason: SessionEndReason };
  'video.room.participant.joined': ParticipantRef;
  'video.room.participant.left': ParticipantRef & { duration_secs: number; left_reason: LeaveReason };
  'video.room.recording.started': RecordingRef & { stream_key: string | null };
  'video.room.recording.completed': RecordingRef & {
    stream_key: string | null;
    codec: string | null;
    duration_secs: number | null;
    size_mb: number | null;
    download_url: string;
    /** Why a fault cut the recording short (see Recording.interruption); null when it ended as asked. */
    interruption: string | null;
  };
  'video.room.recording.failed': RecordingRef & { failure_reason: string | null };
  'video.room.composition.completed': CompositionRef & { download_url: string; duration_secs: number | null; size_mb: number | null };
  'video.room.composition.failed': CompositionRef & { failure_reason: string | null };
  'video.room.ingress.created': IngressRef;
  /** Its first media arrived: the participant's stream is published. */
  'video.room.ingress.publishing': IngressRef;
  'video.room.ingress.ended': IngressRef & { ended_reason: string };
  'video.room.ingress.failed': IngressRef & { failure_reason: string };
}

export type AccountEventType = keyof AccountEventPayloads;

/** An account event as produced: its name, the room it concerns and its payload. */
export type AccountEvent = {
  [K in AccountEventType]: { type: K; roomId: string | null; payload: AccountEventPayloads[K] };
}[AccountEventType];

/** The live changes of a room; `RoomStateSnapshot` is made per subscriber (./room-deltas.ts). */
export type RoomDelta =
  | { type: 'ParticipantJoined'; participant: ParticipantState }
  | { type: 'ParticipantLeaving'; participantId: string; reason: LiveLeaveReason }
  | { type: 'ParticipantLeft'; participantId: string; reason: LiveLeaveReason }
  | { type: 'StreamPublished'; stream: StreamState }
  | { type: 'StreamUpdated'; stream: StreamState }
  | { type: 'StreamUnpublished'; participantId: string; streamKey: StreamKey }
  | { type: 'TrackEnabled' | 'TrackDisabled' | 'TrackCensored' | 'TrackUncensored'; participantId: string; streamKey: StreamKey; kind: MediaKind }
  | { type: 'AudioActivity'; participantId: string; streamKey: StreamKey }
  /** `from` is a participant id, or with `fromOperator` the id of the API key that sent it (server API). */
  | { type: 'MessageReceived'; from: string; fromOperator: boolean; payload: string; recipients: string[] | null }
  | { type: 'MediaReconnectRequired'; reason: MediaReconnectReason }
  | { type: 'SessionStarted'; sessionId: string }
  | { type: 'SessionEnded'; sessionId: string; reason: LiveSessionEndReason };

export type RoomDeltaType = RoomDelta['type'];

/** A room delta in the room's order. */
export type RoomEventRecord = RoomDelta & { seq: number; roomId: string; occurredAt: Date };

/** What a `roomEvents` subscriber sees first: the whole room, at the seq deltas continue from. */
export interface RoomStateSnapshot {
  type: 'RoomStateSnapshot';
  seq: number;
  roomId: string;
  occurredAt: Date;
  state: RoomStateView;
}

/** One item of a `roomEvents` subscription. */
export type RoomStreamItem = RoomEventRecord | RoomStateSnapshot;

/** Every domain event the server produces. */
export type DomainEvent = AccountEvent | RoomDelta;
