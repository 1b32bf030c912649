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
