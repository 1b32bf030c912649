import type { MediaKind, StreamKey } from '../../media/index.js';

export type { MediaKind, StreamKey };

/** One track of a published stream, as every participant sees it. */
export interface TrackState {
  kind: MediaKind;
  producerId: string;
  /** Turned off by its publisher (camera off, microphone muted). */
  enabled: boolean;
  /** Turned off by a moderator; the publisher cannot turn it back on. */
  censored: boolean;
  simulcast: boolean;
}

export interface StreamState {
  participantId: string;
  key: StreamKey;
  audio: TrackState | null;
  video: TrackState | null;
}

export interface ParticipantState {
  id: string;
  context: string | null;
  joinedAt: Date;
  canPublish: boolean;
  canSubscribe: boolean;
  streams: StreamState[];
}

export interface ActiveSpeaker {
  participantId: string;
  streamKey: StreamKey;
}

export interface RoomStateView {
  roomId: string;
  sessionId: string | null;
  status: 'idle' | 'active';
  participants: ParticipantState[];
  activeSpeaker: ActiveSpeaker | null;
  /** The seq of the last event applied: deltas after a snapshot start at seq + 1. */
  seq: number;
}

/** Why a participant leaves, as recorded in `leftReason` and sent with ParticipantLeaving/Left. */
export type LeaveReason = 'left' | 'kicked' | 'disconnected' | 'session_ended' | 'room_deleted' | 'token_expired';

/** The deltas of a room's event stream; `RoomStateSnapshot` is made per subscriber. */
export type RoomDelta =
  | { type: 'ParticipantJoined'; participant: ParticipantState }
  | { type: 'ParticipantLeaving'; participantId: string; reason: LeaveReason }
  | { type: 'ParticipantLeft'; participantId: string; reason: LeaveReason }
  | { type: 'StreamPublished'; stream: StreamState }
  | { type: 'StreamUpdated'; stream: StreamState }
  | { type: 'StreamUnpublished'; participantId: string; streamKey: StreamKey }
  | { type: 'TrackEnabled' | 'TrackDisabled' | 'TrackCensored' | 'TrackUncensored'; participantId: string; streamKey: StreamKey; kind: MediaKind }
  | { type: 'AudioActivity'; participantId: string; streamKey: StreamKey }
  | { type: 'MessageReceived'; from: string; payload: string; recipients: string[] | null }
  | { type: 'MediaReconnectRequired'; reason: string }
  | { type: 'SessionStarted'; sessionId: string }
  | { type: 'SessionEnded'; sessionId: string; reason: string };

export type RoomEventRecord = RoomDelta & { seq: number; roomId: string; occurredAt: Date };

export type RoomEventListener = (event: RoomEventRecord) => void;
