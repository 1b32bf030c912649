import { sleep } from './async.js';
import { reasonForError, removalReason } from './disconnect-reasons.js';
import { VideoRoomsError } from './errors.js';
import { LeaveDocument, UpdateClientTokenDocument, SendMessageDocument } from './generated/graphql.js';
import { MetricsTimer } from './metrics.js';
import { Publisher } from './publisher.js';
import { Recovery } from './recovery.js';
import { RoomCore } from './room-core.js';
import { RoomEventFeed } from './room-event-feed.js';
import { RoomEventApplier } from './room-events.js';
import { RoomSession } from './room-session.js';
import { RoomStats } from './room-stats.js';
import { Subscriber } from './subscriber.js';
import { TokenRenewer } from './token-renewer.js';
import { callbackSource, refreshTokenSource } from './token-sources.js';
import type { Events, InitializeOptions, Message, Participant, Room, State, Stream, StreamKey, StreamOptions, SubscriptionOptions, UpdateStreamOptions, WebRTCStats } from './types.js';

/**
 * A video room as one client takes part in it: the public face over the parts that do the work
 * (the session and its signalling connection, the publisher, the subscriber, recovery, stats).
 */
export class VideoRoom implements Room {
  readonly id: string;
  private readonly core: RoomCore;
  private readonly publisher: Publisher;
  private readonly subscriber: Subscriber;
  private readonly session: RoomSession;
  private readonly recovery: Recovery;
  private readonly stats: RoomStats;
  private readonly metrics: MetricsTimer;
  private readonly tokens: TokenRenewer;

  constructor(options: InitializeOptions) {
    const core = new RoomCore(options);
    this.core = core;
    this.id = core.id;
    this.tokens = new TokenRenewer(
      {
        source: options.refreshToken ? refreshTokenSource(core.url, core.id, options.refreshToken) : options.getToken ? callbackSource(options.getToken) : null,
        push: async (token) => {
          if (!core.connected) return;
          await core.ready();
          await core.send(UpdateClientTokenDocument, { token }, 'updateClientToken');
        },
        keep: (token) => (core.token = token),
        expiring: (secondsLeft) => core.emit('token_expiring', secondsLeft, core.store.snapshot()),
        expired: (err) => {
          if (core.connected) void this.session.finish('unauthorized', err);
        },
        log: core.log,
      },
      options.clientToken,
    );
    this.publisher = new Publisher(core);
    this.subscriber = new Subscriber(core);
    this.stats = new RoomStats(core);
    this.metrics = new MetricsTimer(
      () => this.stats.networkMetrics(),
      (m) => core.emit('network_metrics_report', m),
    );
    const applier = new RoomEventApplier(core.store, (event, ...args) => core.emit(event, ...args), {
      localParticipantId: () => core.participantId,
      localTracks: (key) => this.publisher.localTracks(key),
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

  getLocalStreams(): ReadonlyMap<string, Stream> {
    return this.core.store.streamsOf(this.core.participantId);
  }

  getParticipantStreams(participantId: string): ReadonlyMap<string, Stream> {
    if (!this.core.store.participant(participantId)) throw new VideoRoomsError('NOT_FOUND', `No participant exists with the id: ${participantId}`);
    return this.core.store.streamsOf(participantId);
  }

  getParticipantStream(participantId: string, key: StreamKey): Stream | undefined {
    return this.core.store.stream(participantId, key);
  }

  // ---- connection ---------------------------------------------------------------------------

  async connect(): Promise<void> {
    const { core } = this;
    const { status } = core.store.current;
    if (status === 'connecting' || status === 'connected') throw new VideoRoomsError('ALREADY_CONNECTED', `the room is already ${status}`);
    core.ending = false;
    core.store.setStatus('connecting');
    const { connectTimeoutMs } = core.timings;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new VideoRoomsError('TIMED_OUT', `connect() took longer than ${connectTimeoutMs} ms`)), connectTimeoutMs);
    });
    try {
      const establish = async () => {
        await this.tokens.ensureFresh();
        await this.session.establish(null);
      };
      await Promise.race([establish(), timeout]);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      await this.session.finish(reasonForError(err) ?? 'network_error', error, false);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    core.store.setStatus('connected');
    core.emit('connected', core.store.snapshot());
    this.metrics.start(core.timings.networkMetricsIntervalMs);
    this.tokens.start();
  }

  async disconnect(): Promise<void> {
    const { core } = this;
    const { status } = core.store.current;
    if (status === 'disconnected' || status === 'initialized') return;
    core.leaving = true;
    try {
      if (core.signalling?.isOpen && core.participantId) {
        await Promise.race([core.send(LeaveDocument, {}, 'leave').catch(() => {}), sleep(2000)]);
      }
      await this.session.finish('user_initiated');
    } finally {
      core.leaving = false;
    }
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

  updateStream(key: StreamKey, options: UpdateStreamOptions): Promise<void> {
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

  async sendMessage(message: string | Message, recipients?: string[]): Promise<void> {
    this.core.requireConnected();
    let payload: string;
    if (typeof message === 'string') payload = message;
    else if (message && message.type === 'text' && typeof message.payload === 'string') payload = JSON.stringify(message);
    else throw new VideoRoomsError('INVALID_ARGUMENT', 'Message not valid');
    await this.core.ready();
    await this.core.send(SendMessageDocument, { payload, recipients: recipients?.length ? recipients : null }, 'sendMessage');
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
