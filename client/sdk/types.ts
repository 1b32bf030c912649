import type { ConnectionQualityLevel, DisconnectionReason } from './constants.js';
import type { LogLevel } from './logger.js';

export type { ConnectionQualityLevel, DisconnectionReason } from './constants.js';

/** `connecting → connected → disconnected`; a Room starts `initialized`. */
export type Status = 'initialized' | 'connecting' | 'connected' | 'disconnected';

/** Why a participant is leaving, as the server says it (participant_leaving's last argument). */
export type ParticipantLeavingReason = 'kicked' | 'left' | 'disconnected' | 'session_ended' | 'room_deleted' | 'token_expired';

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
  /** `telephony_engine` is Telnyx's phone participant: this server has none yet. */
  readonly origin: 'local' | 'remote' | 'telephony_engine';
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
  /**
   * The audio of every remote stream this client receives, mixed into one track (Telnyx's room
   * audio): play it in one element instead of one per stream. Mixed here, from the subscriptions'
   * audio, and made the first time it is read; undefined while not connected or without Web Audio.
   */
  readonly mixedAudioTrack?: MediaStreamTrack;
  /**
   * Extra (not in Telnyx's SDK): the room records its participants' tracks (its
   * `enableRecording`), as of the last join or room snapshot.
   */
  readonly recording: boolean;
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

/** How a track of a stream fares: sent or received (or neither), and its 0..5 grade. */
export interface TrackNetworkMetrics {
  direction: 'sending' | 'receiving' | 'inactive';
  quality: ConnectionQualityLevel;
}

export interface NetworkMetricsEntry {
  connectionQuality: ConnectionQualityLevel;
  /** Round-trip time to the media server, ms. */
  rttMs?: number;
  /** Packets lost over the last interval, percent. */
  packetLossPercent?: number;
  /** Interarrival jitter, ms. */
  jitterMs?: number;
  /** Per stream key, with `includeStreams`. */
  streams?: Map<string, { audio: TrackNetworkMetrics; video: TrackNetworkMetrics }>;
}

/** participantId → metrics (the local participant: its own link; a remote one: what we receive of it). */
export type NetworkMetrics = Record<string, NetworkMetricsEntry>;

export interface Events {
  state_changed: (state: State) => void;
  connected: (state: State) => void;
  disconnected: (reason: DisconnectionReason, state: State, error?: Error) => void;
  participant_joined: (participantId: string, state: State) => void;
  /** `reason` is Telnyx's: `kicked` or null; `detail` is the server's own (`left`, `disconnected`, `token_expired`, ...). */
  participant_leaving: (participantId: string, reason: 'kicked' | null, state: State, detail: ParticipantLeavingReason | null) => void;
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
  /**
   * The access token runs out in `secondsLeft` and the SDK has not renewed it: no `refreshToken`
   * or `getToken` was given (60 s before expiry, or at half the life of a shorter token), or
   * renewing keeps failing. Answer with `room.updateToken(newToken)`.
   */
  token_expiring: (secondsLeft: number, state: State) => void;
  /**
   * Extra (not in Telnyx's SDK): the connection dropped or the media server restarted, and the
   * SDK is getting the room back by itself; operations wait meanwhile. Followed by `reconnected`,
   * or by `disconnected` when it gives up.
   */
  reconnecting: (state: State) => void;
  /** Extra: the room is back after `reconnecting` (same participant, media flowing again). */
  reconnected: (state: State) => void;
}

export interface InitializeOptions {
  roomId: string;
  clientToken: string;
  /**
   * A refresh token (from generateClientToken): the SDK trades it for a new access token with
   * refreshClientToken before the current one runs out, and swaps it in, so that the room lasts
   * as long as the refresh token.
   */
  refreshToken?: string;
  /**
   * Or: fetches a new access token from the app's server, called before the current one runs out.
   * Without either, the app renews the token itself on `token_expiring`.
   */
  getToken?: () => Promise<string>;
  /** Anything others should see of this participant (often JSON), up to 4096 characters. */
  context?: string;
  /** The server: `https://host` / `ws://host/graphql`; default: the page's origin. */
  url?: string;
  logLevel?: LogLevel;
  /** Telnyx's switch for messages; here they are on unless this is `false` (then sendMessage refuses and nothing is received). */
  enableMessages?: boolean;
  /** connect() gives up after this long (`timed_out`); default 30 s. */
  connectTimeoutMs?: number;
  /** How long the SDK tries to get back a dropped connection before `network_error`; default 30 s. */
  reconnectWindowMs?: number;
  /** network_metrics_report interval, once enabled (enableNetworkMetricsReport); default 5 s. */
  networkMetricsIntervalMs?: number;
  /**
   * Extra: adaptive stream, as LiveKit's. For streams whose elements the app hands to
   * `attachVideo`, the server pauses the video while none of them is visible (off-screen,
   * `display: none`, the page hidden) and sends the simulcast layer that fits the largest one.
   * `true`, or `{debounceMs}` (how long hiding or resizing settles before the server is told; 300 ms).
   */
  adaptiveStream?: boolean | { debounceMs?: number };
}

/** Simulcast layers of a received video (0 = lowest); no temporalLayer: the highest. */
export interface PreferredLayers {
  spatialLayer: number;
  temporalLayer?: number;
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

/**
 * updateStream's argument describes the whole stream, as in Telnyx's SDK: a track replaces the
 * published one; a kind left out (or `false`) is turned off; `true` turns it back on. The
 * simulcast choice is addStream's (Telnyx's SDK also ignores it on update).
 */
export type UpdateStreamOptions = StreamOptions;

export interface SubscriptionOptions {
  audio: boolean;
  video: boolean;
  /** Simulcast video: the spatial layer to receive (0 = lowest). */
  preferredLayer?: number;
}

type StatsGroup = { audio?: Record<string, RTCStats>; video?: Record<string, RTCStats> };
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
  /** The same as updateClientToken: the room uses `token` from now on, and renews from it. */
  updateToken(token: string): Promise<void>;
  getState(): State;
  getLocalParticipant(): Participant;
  /** The local streams by key (a plain object, as Telnyx's SDK). */
  getLocalStreams(): { [key: string]: Stream };
  getParticipantStreams(participantId: string): Map<string, Stream>;
  /** Throws for a participant not in the room; undefined for a key it does not publish. */
  getParticipantStream(participantId: string, key: StreamKey): Stream | undefined;
  addStream(key: StreamKey, options?: StreamOptions): Promise<void>;
  updateStream(key: StreamKey, options?: UpdateStreamOptions): Promise<void>;
  removeStream(key: StreamKey): Promise<void>;
  addSubscription(participantId: string, key: StreamKey, options?: SubscriptionOptions): Promise<void>;
  updateSubscription(participantId: string, key: StreamKey, options: Partial<SubscriptionOptions>): Promise<void>;
  removeSubscription(participantId: string, key: StreamKey): Promise<void>;
  getWebRTCStatsForStream(participantId: string, key: StreamKey): Promise<WebRTCStats>;
  sendMessage(message: string | Message, recipients?: string[]): Promise<void>;
  /**
   * network_metrics_report for these participants (the local one: its own link), every 5 s while
   * connected; calling again replaces the list. `includeStreams` adds per-stream grades.
   */
  enableNetworkMetricsReport(participantIds: string[], options?: { includeStreams?: boolean }): Promise<void>;
  /** Stops reporting on these participants, or on all of them. */
  disableNetworkMetricsReport(participantIds?: string[]): Promise<void>;
  /**
   * Extra: the simulcast layers to receive of a subscribed video (the switch comes with that
   * layer's next key frame). Resolves with the layers now preferred, null for a single-layer video.
   * With adaptiveStream, attached elements choose the layer instead.
   */
  setPreferredLayers(participantId: string, key: StreamKey, layers: PreferredLayers): Promise<PreferredLayers | null>;
  /**
   * Extra: `element` shows this remote stream (set its srcObject as before). With adaptiveStream
   * the SDK pauses the video while no attached element is visible and picks the layer that fits
   * the largest; without it, nothing happens. Returns the function that detaches it.
   */
  attachVideo(participantId: string, key: StreamKey, element: HTMLElement): () => void;
  /** Extra: `element` (or every element) no longer shows the stream; with none left, its video pauses. */
  detachVideo(participantId: string, key: StreamKey, element?: HTMLElement): void;
}
