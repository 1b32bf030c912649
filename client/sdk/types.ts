import type { LogLevel } from './logger.js';

/** `connecting → connected → disconnected`; a Room starts `initialized`. */
export type Status = 'initialized' | 'connecting' | 'connected' | 'disconnected';

/** Why a room disconnected (Telnyx's names, plus `room_deleted`). */
export type DisconnectionReason = 'user_initiated' | 'network_error' | 'timed_out' | 'unauthorized' | 'forbidden' | 'kicked' | 'session_terminated' | 'room_deleted' | 'unknown';

export type TrackKind = 'audio' | 'video';
/** `self` (camera and microphone) or `presentation` (screen share). */
export type StreamKey = 'self' | 'presentation' | (string & {});

export interface Participant {
  readonly id: string;
  /** The string the participant joined with (often JSON). */
  readonly context?: string;
  /** Its streams: key → stream id. */
  readonly streams: Readonly<Record<string, string>>;
  readonly canReceiveMessages: boolean;
  readonly origin: 'local' | 'remote';
  readonly canPublish: boolean;
  readonly canSubscribe: boolean;
  readonly joinedAt: string;
}

export interface Stream {
  /** `participantId:key`. */
  readonly id: string;
  readonly key: StreamKey;
  readonly participantId: string;
  readonly origin: 'local' | 'remote';
  /** An audio track is published (whatever its enabled flag). */
  readonly hasAudio: boolean;
  readonly hasVideo: boolean;
  readonly isAudioEnabled: boolean;
  readonly isVideoEnabled: boolean;
  /** Muted by a moderator. */
  readonly isAudioCensored: boolean;
  readonly isVideoCensored: boolean;
  readonly isSimulcast: boolean;
  /** Local: the published track. Remote: the received track, while subscribed. */
  readonly audioTrack?: MediaStreamTrack;
  readonly videoTrack?: MediaStreamTrack;
  /** Local: published. Remote: subscribed with its tracks in place. */
  readonly isConfigured: boolean;
}

export interface Subscription {
  /** `participantId:key`, as the stream. */
  readonly id: string;
  readonly participantId: string;
  readonly key: StreamKey;
  readonly audio: boolean;
  readonly video: boolean;
}

export interface ActiveSpeaker {
  readonly participantId: string;
  readonly streamKey: StreamKey;
}

/** An immutable snapshot: every change makes a new one. */
export interface State {
  readonly status: Status;
  readonly localParticipantId: string;
  readonly sessionId: string | null;
  readonly participants: ReadonlyMap<string, Participant>;
  /** Keyed by stream id (`participantId:key`). */
  readonly streams: ReadonlyMap<string, Stream>;
  /** participantId → key → subscription. */
  readonly subscriptions: ReadonlyMap<string, ReadonlyMap<string, Subscription>>;
  readonly activeSpeaker: ActiveSpeaker | null;
}

export interface Message {
  type: 'text';
  payload: string;
  meta?: string;
  /**
   * Set (true) on a message an operator sent with the server API (sendRoomMessage): its sender
   * id is then the API key's id, not a participant's. Absent on participants' messages.
   */
  fromOperator?: true;
}

/** 5 excellent, 4 good, 3 average, 2 below average, 1 bad, 0 broken. */
export type ConnectionQualityLevel = 0 | 1 | 2 | 3 | 4 | 5;

export interface NetworkMetricsEntry {
  connectionQuality: ConnectionQualityLevel;
  /** Round-trip time to the media server, ms. */
  rttMs?: number;
  /** Packets lost over the last interval, percent. */
  packetLossPercent?: number;
  /** Interarrival jitter, ms. */
  jitterMs?: number;
}

/** participantId → metrics (the local participant: its own link; a remote one: what we receive of it). */
export type NetworkMetrics = Record<string, NetworkMetricsEntry>;

export interface Events {
  state_changed: (state: State) => void;
  connected: (state: State) => void;
  disconnected: (reason: DisconnectionReason, state: State, error?: Error) => void;
  participant_joined: (participantId: string, state: State) => void;
  participant_leaving: (participantId: string, reason: string | null, state: State) => void;
  participant_left: (participantId: string, state: State) => void;
  stream_published: (participantId: string, key: StreamKey, state: State) => void;
  stream_unpublished: (participantId: string, key: StreamKey, state: State) => void;
  track_enabled: (participantId: string, key: StreamKey, kind: TrackKind, state: State) => void;
  track_disabled: (participantId: string, key: StreamKey, kind: TrackKind, state: State) => void;
  track_censored: (participantId: string, key: StreamKey, kind: TrackKind, state: State) => void;
  track_uncensored: (participantId: string, key: StreamKey, kind: TrackKind, state: State) => void;
  audio_activity: (participantId: string, key: StreamKey | null, state: State) => void;
  subscription_started: (participantId: string, key: StreamKey, state: State) => void;
  subscription_reconfigured: (participantId: string, key: StreamKey, state: State) => void;
  subscription_ended: (participantId: string, key: StreamKey, state: State) => void;
  message_received: (participantId: string, message: Message, recipients: string[] | null, state: State) => void;
  network_metrics_report: (metrics: NetworkMetrics) => void;
}

export interface InitializeOptions {
  roomId: string;
  clientToken: string;
  /** Anything others should see of this participant (often JSON), up to 4096 characters. */
  context?: string;
  /** The server: `https://host` / `ws://host/graphql`; default: the page's origin. */
  url?: string;
  logLevel?: LogLevel;
  /** connect() gives up after this long (`timed_out`); default 30 s. */
  connectTimeoutMs?: number;
  /** How long the SDK tries to get back a dropped connection before `network_error`; default 30 s. */
  reconnectWindowMs?: number;
  /** network_metrics_report interval; default 5 s. */
  networkMetricsIntervalMs?: number;
}

/**
 * A track to publish: `true` captures one (camera/microphone, or the screen for `presentation`),
 * constraints capture with them, a MediaStreamTrack is published as given. Telnyx's
 * `{track, options: {enableSimulcast}}` is accepted for video.
 */
export type TrackSource = boolean | MediaStreamTrack | MediaTrackConstraints | { track?: MediaStreamTrack; options?: { enableSimulcast?: boolean } };

export interface StreamOptions {
  audio?: TrackSource;
  video?: TrackSource;
  /** Send the video in three qualities so subscribers can pick one. */
  simulcast?: boolean;
}

/** `false` turns a track off (mute, camera off), `true` back on, a track replaces it; left out: unchanged. */
export interface UpdateStreamOptions {
  audio?: boolean | MediaStreamTrack;
  video?: boolean | MediaStreamTrack;
}

export interface SubscriptionOptions {
  audio: boolean;
  video: boolean;
  /** Simulcast video: the spatial layer to receive (0 = lowest). */
  preferredLayer?: number;
}

type StatsGroup = { audio?: Record<string, unknown>; video?: Record<string, unknown> };
/** RTCRtpSender/Receiver stats of a stream, keyed by report id, as Telnyx's SDK groups them. */
export interface WebRTCStats {
  senders: StatsGroup;
  receivers: StatsGroup;
}

export interface Room {
  readonly id: string;
  on<E extends keyof Events>(event: E, callback: Events[E]): () => void;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  updateClientToken(clientToken: string): Promise<void>;
  getState(): State;
  getLocalParticipant(): Participant;
  getLocalStreams(): ReadonlyMap<string, Stream>;
  getParticipantStreams(participantId: string): ReadonlyMap<string, Stream>;
  getParticipantStream(participantId: string, key: StreamKey): Stream | undefined;
  addStream(key: StreamKey, options?: StreamOptions): Promise<void>;
  updateStream(key: StreamKey, options: UpdateStreamOptions): Promise<void>;
  removeStream(key: StreamKey): Promise<void>;
  addSubscription(participantId: string, key: StreamKey, options?: SubscriptionOptions): Promise<void>;
  updateSubscription(participantId: string, key: StreamKey, options: Partial<SubscriptionOptions>): Promise<void>;
  removeSubscription(participantId: string, key: StreamKey): Promise<void>;
  getWebRTCStatsForStream(participantId: string, key: StreamKey): Promise<WebRTCStats>;
  sendMessage(message: string | Message, recipients?: string[]): Promise<void>;
}
