import { AdaptiveStream } from './adaptive-stream.js';
import { removalReason } from './disconnect-reasons.js';
import { noParticipant, VideoRoomsError } from './errors.js';
import { SendMessageDocument } from './generated/graphql.js';
import { MetricsReporter } from './metrics-report.js';
import { Publisher } from './publisher.js';
import { Recovery } from './recovery.js';
import { RoomCore } from './room-core.js';
import { RoomEventFeed } from './room-event-feed.js';
import { RoomEventApplier } from './room-events.js';
import { RoomSession } from './room-session.js';
import { RoomStats } from './room-stats.js';
import { roomTokenRenewer } from './room-tokens.js';
import { Subscriber } from './subscriber.js';
import { SubscriptionQuality } from './subscription-quality.js';
import type { TokenRenewer } from './token-renewer.js';
import type {
  Events,
  InitializeOptions,
  Message,
  Participant,
  PreferredLayers,
  Room,
  State,
  Stream,
  StreamKey,
  StreamOptions,
  SubscriptionOptions,
  UpdateStreamOptions,
  WebRTCStats,
} from './types.js';

/**
 * A video room as one client takes part in it: the public face over the parts that do the work
 * (the session and its signalling connection, the publisher, the subscriber, recovery, stats,
 * tokens). `initialize` hands the app a plain object of its methods (see plain-room.ts).
 */
export class VideoRoom implements Room {
  readonly id: string;
  private readonly core: RoomCore;
  private readonly publisher: Publisher;
  private readonly subscriber: Subscriber;
  private readonly session: RoomSession;
  private readonly recovery: Recovery;
  private readonly stats: RoomStats;
  private readonly metrics: MetricsReporter;
  private readonly tokens: TokenRenewer;
  private readonly quality: SubscriptionQuality;
  /** Made at the first attachVideo with adaptiveStream on (it needs the DOM's observers). */
  private adaptive: AdaptiveStream | null = null;
  private readonly adaptiveOptions: { debounceMs?: number } | null;

  constructor(options: InitializeOptions) {
    const core = new RoomCore(options);
    this.core = core;
    this.id = core.id;
    this.tokens = roomTokenRenewer(core, options, (reason, err) => void this.session.finish(reason, err));
    this.publisher = new Publisher(core);
    this.subscriber = new Subscriber(core);
    this.stats = new RoomStats(core);
    this.metrics = new MetricsReporter(
      (ids, includeStreams) => this.stats.networkMetrics(ids, includeStreams),
      (m) => core.emit('network_metrics_report', m),
      core.timings.networkMetricsIntervalMs,
    );
    const applier = new RoomEventApplier(core.store, (event, ...args) => core.emit(event, ...args), {
      localParticipantId: () => core.participantId,
      localCanReceiveMessages: core.messagesEnabled,
      localTracks: (key) => this.publisher.localTracks(key),
      localOnly: (key) => this.publisher.isTrackless(key),
      removedByServer: (reason) => {
        if (!core.leaving) void this.session.finish(removalReason(reason), reason === 'token_expired' ? this.tokens.expiredError() : undefined);
      },
      streamGone: (pid, key) => this.subscriber.onStreamGone(pid, key),
      streamAppeared: (pid, key) => this.subscriber.onStreamAppeared(pid, key),
      streamChanged: (pid, key) => this.subscriber.onStreamChanged(pid, key),
      mediaReconnectRequired: (reason) => void this.recovery.recoverMedia(reason),
      sessionEnded: () => void this.session.finish('session_terminated'),
    });
    const feed = new RoomEventFeed(core, applier, (err) => void this.session.finish('unauthorized', err));
    this.session = new RoomSession(core, { feed, publisher: this.publisher, subscriber: this.subscriber, metrics: this.metrics, tokens: this.tokens }, (why) => void this.recovery.reconnect(why));
    this.recovery = new Recovery(core, this.session, this.subscriber, feed, this.tokens);
    this.quality = new SubscriptionQuality(core);
    this.adaptiveOptions = options.adaptiveStream ? (typeof options.adaptiveStream === 'object' ? options.adaptiveStream : {}) : null;
    // A new server consumer (subscribed, restored, a track added) is told again what to send.
    const fresh = (pid: string, key: string) => this.adaptive?.resubscribed(pid, key);
    core.emitter.on('subscription_started', fresh);
    core.emitter.on('subscription_reconfigured', fresh);
    core.emitter.on('subscription_ended', (pid, key) => this.adaptive?.unsubscribed(pid, key));
    core.emitter.on('disconnected', () => {
      this.adaptive?.close();
      this.adaptive = null;
    });
  }

  // ---- events and state ---------------------------------------------------------------------

  on<E extends keyof Events>(event: E, callback: Events[E]): () => void {
    return this.core.emitter.on(event, callback);
  }

  getState(): State {
    return this.core.store.snapshot();
  }

  getLocalParticipant(): Participant {
    const p = this.core.store.participant(this.core.participantId);
    if (!p) throw new VideoRoomsError('NOT_CONNECTED', 'not connected: there is no local participant');
    return p;
  }

  getLocalStreams(): { [key: string]: Stream } {
    return Object.fromEntries(this.core.store.streamsOf(this.core.participantId));
  }

  getParticipantStreams(participantId: string): Map<string, Stream> {
    if (!this.core.store.participant(participantId)) throw noParticipant(participantId);
    return this.core.store.streamsOf(participantId);
  }

  getParticipantStream(participantId: string, key: StreamKey): Stream | undefined {
    if (!this.core.store.participant(participantId)) throw noParticipant(participantId);
    return this.core.store.stream(participantId, key);
  }

  // ---- connection ---------------------------------------------------------------------------

  connect(): Promise<void> {
    return this.session.connect();
  }

  disconnect(): Promise<void> {
    return this.session.leave();
  }

  async updateClientToken(clientToken: string): Promise<void> {
    if (typeof clientToken !== 'string' || !clientToken) throw new VideoRoomsError('INVALID_ARGUMENT', 'clientToken must be a non-empty string');
    await this.tokens.use(clientToken);
  }

  updateToken(token: string): Promise<void> {
    return this.updateClientToken(token);
  }

  // ---- publishing and subscribing -----------------------------------------------------------

  addStream(key: StreamKey, options: StreamOptions = {}): Promise<void> {
    return this.publisher.addStream(key, options);
  }

  updateStream(key: StreamKey, options: UpdateStreamOptions = {}): Promise<void> {
    return this.publisher.updateStream(key, options);
  }

  removeStream(key: StreamKey): Promise<void> {
    return this.publisher.removeStream(key);
  }

  addSubscription(participantId: string, key: StreamKey, options: SubscriptionOptions = { audio: true, video: true }): Promise<void> {
    return this.subscriber.addSubscription(participantId, key, options);
  }

  updateSubscription(participantId: string, key: StreamKey, options: Partial<SubscriptionOptions>): Promise<void> {
    return this.subscriber.updateSubscription(participantId, key, options);
  }

  removeSubscription(participantId: string, key: StreamKey): Promise<void> {
    return this.subscriber.removeSubscription(participantId, key);
  }

  // ---- stats and messages -------------------------------------------------------------------

  getWebRTCStatsForStream(participantId: string, key: StreamKey): Promise<WebRTCStats> {
    return this.stats.forStream(participantId, key);
  }

  async enableNetworkMetricsReport(participantIds: string[], options: { includeStreams?: boolean } = {}): Promise<void> {
    if (!Array.isArray(participantIds)) throw new VideoRoomsError('INVALID_ARGUMENT', 'participantIds must be an array');
    this.metrics.enable(participantIds, !!options?.includeStreams);
  }

  async disableNetworkMetricsReport(participantIds?: string[]): Promise<void> {
    this.metrics.disable(participantIds);
  }

  async sendMessage(message: string | Message, recipients?: string[]): Promise<void> {
    this.core.requireConnected();
    if (!this.core.messagesEnabled) throw new VideoRoomsError('INVALID_ARGUMENT', 'messages are off: initialize was given enableMessages: false');
    let payload: string;
    if (typeof message === 'string') payload = message;
    else if (message && message.type === 'text' && typeof message.payload === 'string') payload = JSON.stringify(message);
    else throw new VideoRoomsError('INVALID_ARGUMENT', 'Message not valid');
    await this.core.ready();
    await this.core.send(SendMessageDocument, { payload, recipients: recipients?.length ? recipients : null }, 'sendMessage');
  }

  // ---- adaptive media -----------------------------------------------------------------------

  setPreferredLayers(participantId: string, key: StreamKey, layers: PreferredLayers): Promise<PreferredLayers | null> {
    return this.quality.setPreferredLayers(participantId, key, layers);
  }

  attachVideo(participantId: string, key: StreamKey, element: HTMLElement): () => void {
    if (!element || typeof element.getBoundingClientRect !== 'function') throw new VideoRoomsError('INVALID_ARGUMENT', 'attachVideo needs an element');
    if (!this.adaptiveOptions || this.core.store.snapshot().status === 'disconnected') return () => {};
    this.adaptive ??= new AdaptiveStream(this.quality, this.core.log, this.adaptiveOptions);
    return this.adaptive.attach(participantId, key, element);
  }

  detachVideo(participantId: string, key: StreamKey, element?: HTMLElement): void {
    this.adaptive?.detach(participantId, key, element);
  }

  /** For tests and diagnostics; not part of the API. */
  readonly __testHooks = {
    /**
     * Closes the WebSocket as a network failure would: the SDK reconnects by itself, after
     * `holdMs` (an outage that long).
     */
    dropConnection: (holdMs = 0) => {
      this.recovery.holdUntil = Date.now() + holdMs;
      this.core.signalling?.drop();
    },
    /** Restarts ICE on both transports, as after a network change. */
    restartIce: async () => {
      const ids = this.core.media.transportIds();
      for (const id of [ids.send, ids.recv]) if (id) await this.core.restartIce(id);
    },
    /** How many WebSockets this room has opened (1 + reconnections). */
    connectionCount: () => this.session.connectionCount,
    transportIds: () => this.core.media.transportIds(),
    transportStates: () => ({ send: this.core.media.transportState('send'), recv: this.core.media.transportState('recv') }),
    participantId: () => this.core.participantId,
  };
}
