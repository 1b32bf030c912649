import { deferred, KeyedQueue, sleep, type Deferred } from './async.js';
import { resolveSources, stopCaptured, type LocalTrack, type ResolvedSource } from './capture.js';
import { Emitter } from './emitter.js';
import { VideoRoomsError } from './errors.js';
import { Logger } from './logger.js';
import { MediaSession } from './media-session.js';
import { entry, LinkMeter, MetricsTimer } from './metrics.js';
import * as ops from './operations.js';
import type { WireJoin, WireRoomEvent, WireSubscription } from './operations.js';
import { Backoff, IceRestarter } from './reconnection.js';
import { RoomEventApplier } from './room-events.js';
import { StateStore, streamId } from './store.js';
import type {
  DisconnectionReason,
  Events,
  InitializeOptions,
  Message,
  NetworkMetrics,
  Participant,
  Room,
  State,
  Stream,
  StreamKey,
  StreamOptions,
  SubscriptionOptions,
  TrackKind,
  UpdateStreamOptions,
  WebRTCStats,
} from './types.js';
import { Wire } from './wire.js';

const KINDS: TrackKind[] = ['audio', 'video'];
/** How long after the media server restarted the SDK brings back subscriptions by itself. */
const RESTORE_WINDOW_MS = 30_000;

/** Telnyx's events other than these are only emitted while connected. */
const UNGATED = new Set<keyof Events>(['state_changed', 'connected', 'disconnected', 'network_metrics_report']);

/** The server's reasons for removing a participant, as disconnect reasons. */
const REMOVAL_REASONS: Record<string, DisconnectionReason> = {
  kicked: 'kicked',
  token_expired: 'unauthorized',
  session_ended: 'session_terminated',
  room_deleted: 'room_deleted',
  disconnected: 'network_error',
  left: 'user_initiated',
};

/** Which failures of a join end the connection rather than call for another attempt. */
function reasonForError(err: unknown): DisconnectionReason | null {
  if (!(err instanceof VideoRoomsError)) return 'unknown';
  switch (err.code) {
    case 'UNAUTHENTICATED':
    case 'INVALID_TOKEN':
      return 'unauthorized';
    case 'FORBIDDEN':
    case 'ROOM_FULL':
      return 'forbidden';
    case 'ROOM_DELETED':
      return 'room_deleted';
    case 'TIMED_OUT':
      return 'timed_out';
    case 'NETWORK_ERROR':
      return null;
    default:
      return 'unknown';
  }
}

function serverUrl(url: string | undefined): string {
  if (!url) {
    if (typeof location === 'undefined') throw new VideoRoomsError('INVALID_ARGUMENT', 'url is required outside a browser page');
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  }
  const u = new URL(url, typeof location === 'undefined' ? undefined : location.href);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  if (u.protocol === 'https:') u.protocol = 'wss:';
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/graphql';
  return u.toString();
}

interface LocalStream extends ResolvedSource {
  key: string;
}

interface WantedSubscription {
  participantId: string;
  key: string;
  audio: boolean;
  video: boolean;
  at: number;
}

/**
 * A video room as one client takes part in it: connection and join, publishing, subscribing,
 * the room's state and events, and getting back on its feet after a dropped WebSocket, a broken
 * ICE path or a media server restart.
 */
export class VideoRoom implements Room {
  readonly id: string;
  private token: string;
  private readonly context: string | undefined;
  private readonly url: string;
  private readonly log: Logger;
  private readonly emitter: Emitter<Events>;
  private readonly store: StateStore;
  private readonly applier: RoomEventApplier;
  private readonly media: MediaSession;
  private readonly ice: IceRestarter;
  private readonly metrics: MetricsTimer;
  private readonly meter = new LinkMeter();
  private readonly queue = new KeyedQueue();
  private readonly opts: Required<Pick<InitializeOptions, 'connectTimeoutMs' | 'reconnectWindowMs' | 'networkMetricsIntervalMs'>>;

  private wire: Wire | null = null;
  private stopRoomEvents: (() => void) | null = null;
  private lastSeq = 0;
  private participantId = '';
  private reconnectKey = '';
  private grants = { canPublish: false, canSubscribe: false };
  private readonly localStreams = new Map<string, LocalStream>();
  /** Subscriptions ended by the media loss, to bring back when their streams return. */
  private readonly lost = new Map<string, WantedSubscription>();
  private restoreUntil = 0;
  /** Set while the connection or the media is being rebuilt: operations wait for it. */
  private recovery: Deferred<void> | null = null;
  private ending = false;
  /** disconnect() is under way: our own ParticipantLeaving is expected. */
  private leaving = false;
  private connections = 0;
  /** Test hook: no reconnection attempt before this time. */
  private reconnectHoldUntil = 0;

  constructor(options: InitializeOptions) {
    this.id = options.roomId;
    this.token = options.clientToken;
    this.context = options.context;
    this.url = serverUrl(options.url);
    this.log = new Logger(options.logLevel ?? 'WARN');
    this.opts = {
      connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
      reconnectWindowMs: options.reconnectWindowMs ?? 30_000,
      networkMetricsIntervalMs: options.networkMetricsIntervalMs ?? 5_000,
    };
    this.emitter = new Emitter<Events>(this.log);
    this.store = new StateStore(() => this.emit('state_changed', this.store.snapshot()));
    this.applier = new RoomEventApplier(this.store, (event, ...args) => this.emit(event, ...args), {
      localParticipantId: () => this.participantId,
      localTracks: (key) => this.localTracks(key),
      removedByServer: (reason) => {
        if (!this.leaving) void this.finish(REMOVAL_REASONS[reason] ?? 'unknown');
      },
      streamGone: (pid, key) => this.onRemoteStreamGone(pid, key),
      streamAppeared: (pid, key) => this.onRemoteStreamAppeared(pid, key),
      streamChanged: (pid, key) => this.onRemoteStreamChanged(pid, key),
      mediaReconnectRequired: (reason) => void this.recoverMedia(reason),
      sessionEnded: () => void this.finish('session_terminated'),
    });
    this.media = new MediaSession(
      {
        connectTransport: async (transportId, dtlsParameters) => {
          await this.send(ops.CONNECT_TRANSPORT, { transportId, dtlsParameters }, 'connectTransport');
        },
        publish: async (streamKey, kind, rtpParameters) => {
          const r = await this.send(ops.PUBLISH_STREAM, { streamKey, kind: kind.toUpperCase(), rtpParameters }, 'publishStream');
          return r.published.producerId as string;
        },
      },
      this.log,
      { transportState: (direction, transportId, state) => this.ice.onState(direction, transportId, state) },
    );
    this.ice = new IceRestarter(
      (transportId) => this.restartIce(transportId),
      (direction) => this.media.transportState(direction),
      this.log,
    );
    this.metrics = new MetricsTimer(
      () => this.collectMetrics(),
      (m) => this.emit('network_metrics_report', m),
    );
  }

  // ---- events and state ---------------------------------------------------------------------

  on<E extends keyof Events>(event: E, callback: Events[E]): () => void {
    return this.emitter.on(event, callback);
  }

  private emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    if (!UNGATED.has(event) && this.store.current.status !== 'connected') return;
    this.emitter.emit(event, ...args);
  }

  getState(): State {
    return this.store.snapshot();
  }

  getLocalParticipant(): Participant {
    const p = this.store.participant(this.participantId);
    if (!p) throw new VideoRoomsError('NOT_CONNECTED', 'not connected: there is no local participant');
    return p;
  }

  getLocalStreams(): ReadonlyMap<string, Stream> {
    return this.store.streamsOf(this.participantId);
  }

  getParticipantStreams(participantId: string): ReadonlyMap<string, Stream> {
    if (!this.store.participant(participantId)) throw new VideoRoomsError('NOT_FOUND', `No participant exists with the id: ${participantId}`);
    return this.store.streamsOf(participantId);
  }

  getParticipantStream(participantId: string, key: StreamKey): Stream | undefined {
    return this.store.stream(participantId, key);
  }

  // ---- connection ---------------------------------------------------------------------------

  async connect(): Promise<void> {
    const { status } = this.store.current;
    if (status === 'connecting' || status === 'connected') throw new VideoRoomsError('ALREADY_CONNECTED', `the room is already ${status}`);
    this.ending = false;
    this.store.setStatus('connecting');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new VideoRoomsError('TIMED_OUT', `connect() took longer than ${this.opts.connectTimeoutMs} ms`)), this.opts.connectTimeoutMs);
    });
    try {
      await Promise.race([this.establish(null), timeout]);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      await this.finish(reasonForError(err) ?? 'network_error', error, false);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    this.store.setStatus('connected');
    this.emit('connected', this.store.snapshot());
    this.metrics.start(this.opts.networkMetricsIntervalMs);
  }

  async disconnect(): Promise<void> {
    const { status } = this.store.current;
    if (status === 'disconnected' || status === 'initialized') return;
    this.leaving = true;
    try {
      if (this.wire?.isOpen && this.participantId) {
        await Promise.race([this.send(ops.LEAVE, {}, 'leave').catch(() => {}), sleep(2000)]);
      }
      await this.finish('user_initiated');
    } finally {
      this.leaving = false;
    }
  }

  async updateClientToken(clientToken: string): Promise<void> {
    if (typeof clientToken !== 'string' || !clientToken) throw new VideoRoomsError('INVALID_ARGUMENT', 'clientToken must be a non-empty string');
    if (this.store.current.status === 'connected') {
      await this.ready();
      await this.send(ops.UPDATE_CLIENT_TOKEN, { token: clientToken }, 'updateClientToken');
    }
    this.token = clientToken;
  }

  /** Opens a WebSocket, joins (or takes back `reconnect`), sets up the media and the room events. */
  private async establish(reconnect: { participantId: string; reconnectKey: string } | null): Promise<WireJoin> {
    const wire = new Wire({ url: this.url, authorization: () => `Bearer ${this.token}`, log: this.log });
    this.wire = wire;
    this.connections += 1;
    void wire.closed.then((info) => {
      if (this.wire === wire && !info.requested) void this.reconnect(`WebSocket closed (${info.code} ${info.reason})`);
    });
    await wire.open(this.opts.connectTimeoutMs);
    const payload = await wire.request(ops.JOIN, { context: this.context ?? null, reconnect }, 'join');
    const joined = payload.joined as WireJoin;
    const newIdentity = joined.participantId !== this.participantId;
    // Back after the grace period: the server made a new participant; the old one is gone.
    if (newIdentity && this.participantId) this.store.removeParticipant(this.participantId);
    this.participantId = joined.participantId;
    this.reconnectKey = joined.reconnectKey;
    this.grants = joined.grants;
    if (newIdentity) this.store.setLocalParticipant(joined.participantId, joined.sessionId);
    await this.media.load(joined.routerRtpCapabilities);
    await this.subscribeRoomEvents(wire);
    if (joined.sendTransport || joined.recvTransport) await this.rebuildMedia(joined, !reconnect);
    return joined;
  }

  /** roomEvents: resolves once the first snapshot is applied; a gap in seq resubscribes. */
  private subscribeRoomEvents(wire: Wire): Promise<void> {
    this.stopRoomEvents?.();
    const first = deferred<void>();
    let gotSnapshot = false;
    const stop = wire.subscribe(ops.ROOM_EVENTS, { roomId: this.id }, {
      next: (data) => {
        const ev = data.roomEvents as WireRoomEvent;
        if (ev.__typename === 'RoomStateSnapshot') {
          gotSnapshot = true;
          this.lastSeq = ev.seq;
          this.applier.applySnapshot(ev.state);
          first.resolve();
          return;
        }
        if (!gotSnapshot) return;
        if (ev.__typename === 'MessageReceived' && ev.recipients && ev.seq === this.lastSeq) return this.applier.apply(ev);
        if (ev.seq <= this.lastSeq) return;
        if (ev.seq !== this.lastSeq + 1) {
          this.log.warn(`missed room events (${this.lastSeq + 1}..${ev.seq - 1}): resubscribing`);
          void this.subscribeRoomEvents(wire).catch((err) => this.log.warn('resubscribing failed', err));
          return;
        }
        this.lastSeq = ev.seq;
        this.applier.apply(ev);
      },
      error: (err) => {
        first.reject(err);
        if (this.wire === wire && wire.isOpen && !this.ending) {
          this.log.warn('roomEvents failed', err);
          if (err.code === 'UNAUTHENTICATED') void this.finish('unauthorized', err);
        }
      },
    });
    this.stopRoomEvents = stop;
    return first.promise;
  }

  /** New transports: the old media is gone. Publishes the local streams again and restores subscriptions. */
  private async rebuildMedia(joined: WireJoin, firstJoin: boolean): Promise<void> {
    this.ice.reset();
    if (!firstJoin) {
      this.restoreUntil = Date.now() + RESTORE_WINDOW_MS;
      for (const sub of this.store.allSubscriptions()) {
        this.lost.set(sub.id, { participantId: sub.participantId, key: sub.key, audio: sub.audio, video: sub.video, at: Date.now() });
        this.endSubscriptionLocally(sub.participantId, sub.key);
        this.emit('subscription_ended', sub.participantId, sub.key, this.store.snapshot());
      }
    }
    this.media.setTransports(joined.sendTransport, joined.recvTransport);
    for (const local of this.localStreams.values()) {
      await this.publishLocal(local).catch((err) => this.log.error(`could not publish "${local.key}" again`, err));
    }
    for (const sub of [...this.lost.values()]) {
      if (this.store.stream(sub.participantId, sub.key)) void this.restoreSubscription(sub);
    }
  }

  /** The WebSocket dropped: a new one, and join(reconnect) to stay the same participant. */
  private async reconnect(why: string): Promise<void> {
    if (this.recovery || this.ending || this.store.current.status !== 'connected') return;
    this.log.warn(`${why}: reconnecting`);
    const recovery = deferred<void>();
    this.recovery = recovery;
    this.stopRoomEvents?.();
    this.stopRoomEvents = null;
    const backoff = new Backoff(this.opts.reconnectWindowMs);
    for (;;) {
      const delay = backoff.next();
      if (delay === null) {
        const err = new VideoRoomsError('NETWORK_ERROR', `could not reconnect within ${this.opts.reconnectWindowMs} ms`);
        this.recovery = null;
        recovery.reject(err);
        await this.finish('network_error', err);
        return;
      }
      await sleep(Math.max(delay, this.reconnectHoldUntil - Date.now()));
      if (this.ending || this.store.current.status !== 'connected') {
        this.recovery = null;
        recovery.reject(new VideoRoomsError('NOT_CONNECTED', 'disconnected'));
        return;
      }
      try {
        const joined = await this.establish({ participantId: this.participantId, reconnectKey: this.reconnectKey });
        this.log.info(joined.resumed ? (joined.sendTransport || joined.recvTransport ? 'reconnected with new media' : 'reconnected') : 'joined again as a new participant');
        this.recovery = null;
        recovery.resolve();
        return;
      } catch (err) {
        this.wire?.close(4000, 'reconnect attempt failed');
        const fatal = reasonForError(err);
        if (fatal && fatal !== 'unknown' && fatal !== 'timed_out') {
          this.recovery = null;
          recovery.reject(err);
          await this.finish(fatal, err as Error);
          return;
        }
        this.log.debug(`reconnect attempt ${backoff.attempts} failed`, err);
      }
    }
  }

  /** The media server of the room restarted: new transports on the same WebSocket. */
  private async recoverMedia(reason: string): Promise<void> {
    if (this.recovery || this.ending) return;
    this.log.warn(`media reconnect required (${reason})`);
    const recovery = deferred<void>();
    this.recovery = recovery;
    this.restoreUntil = Date.now() + RESTORE_WINDOW_MS;
    for (const [id, sub] of this.lost) if (Date.now() - sub.at > 10_000) this.lost.delete(id);
    try {
      const payload = await this.send(ops.JOIN, { context: this.context ?? null, reconnect: { participantId: this.participantId, reconnectKey: this.reconnectKey } }, 'join');
      const joined = payload.joined as WireJoin;
      this.reconnectKey = joined.reconnectKey;
      if (joined.sendTransport || joined.recvTransport) await this.rebuildMedia(joined, false);
      this.recovery = null;
      recovery.resolve();
    } catch (err) {
      this.recovery = null;
      recovery.reject(err);
      const fatal = reasonForError(err);
      if (fatal) await this.finish(fatal, err as Error);
      else void this.reconnect('media recovery failed');
    }
  }

  /** New ICE credentials from the server for a transport whose path broke. */
  private async restartIce(transportId: string): Promise<void> {
    await this.ready();
    const r = await this.send(ops.RESTART_ICE, { transportId }, 'restartIce');
    await this.media.restartIce(transportId, r.iceParameters);
  }

  /** Waits while the connection or the media is being rebuilt. */
  private async ready(): Promise<void> {
    while (this.recovery) await this.recovery.promise.catch(() => {});
    if (this.store.current.status !== 'connected' && this.store.current.status !== 'connecting') {
      throw new VideoRoomsError('NOT_CONNECTED', 'the room is not connected');
    }
  }

  private async send(query: string, variables: Record<string, unknown>, field: string): Promise<any> {
    const wire = this.wire;
    if (!wire) throw new VideoRoomsError('NOT_CONNECTED', 'the room is not connected');
    return wire.request(query, variables, field);
  }

  /** Ends everything on this side and reports `reason` (once). */
  private async finish(reason: DisconnectionReason, error?: Error, announce = true): Promise<void> {
    if (this.ending && announce) return;
    this.ending = true;
    this.metrics.stop();
    this.ice.reset();
    this.stopRoomEvents?.();
    this.stopRoomEvents = null;
    this.media.closeTransports();
    for (const local of this.localStreams.values()) stopCaptured(local);
    this.localStreams.clear();
    this.lost.clear();
    this.wire?.close(1000, reason);
    this.wire = null;
    this.store.clearRoom();
    this.store.setStatus('disconnected');
    this.log.info(`disconnected: ${reason}`);
    this.emit('disconnected', reason, this.store.snapshot(), ...(error ? [error] : []));
  }

  // ---- publishing ---------------------------------------------------------------------------

  private requireConnected(): void {
    if (this.store.current.status !== 'connected') throw new VideoRoomsError('NOT_CONNECTED', 'the room is not connected');
  }

  private localTracks(key: string): { audioTrack?: MediaStreamTrack; videoTrack?: MediaStreamTrack } {
    const local = this.localStreams.get(key);
    return { audioTrack: local?.audio?.track, videoTrack: local?.video?.track };
  }

  async addStream(key: StreamKey, options: StreamOptions = {}): Promise<void> {
    this.requireConnected();
    if (typeof key !== 'string' || !key) throw new VideoRoomsError('INVALID_ARGUMENT', 'key must be a non-empty string');
    if (this.localStreams.has(key)) throw new VideoRoomsError('ALREADY_PUBLISHED', `A stream with the key ${key} is already published!`);
    if (!this.grants.canPublish) throw new VideoRoomsError('FORBIDDEN', 'this client token does not allow publishing (canPublish is false)');
    await this.queue.run(`stream:${key}`, async () => {
      const source = await resolveSources(key, options.audio, options.video, options.simulcast);
      if (!source.audio && !source.video) throw new VideoRoomsError('INVALID_ARGUMENT', 'addStream needs an audio or a video track');
      const local: LocalStream = { key, ...source };
      this.localStreams.set(key, local);
      try {
        await this.ready();
        await this.publishLocal(local);
      } catch (err) {
        this.localStreams.delete(key);
        for (const kind of KINDS) this.media.closeProducer(key, kind);
        stopCaptured(local);
        await this.send(ops.UNPUBLISH_STREAM, { streamKey: key }, 'unpublishStream').catch(() => {});
        throw err;
      }
    });
  }

  /** Produces each track of a local stream (again, after new transports), off if it was off. */
  private async publishLocal(local: LocalStream): Promise<void> {
    for (const kind of KINDS) {
      const t = local[kind];
      if (!t || this.media.producer(local.key, kind)) continue;
      const producer = await this.media.produce(local.key, t.track, { simulcast: kind === 'video' && local.simulcast });
      if (!t.enabled) {
        producer.pause();
        await this.send(ops.UPDATE_STREAM, { streamKey: local.key, [`${kind}Enabled`]: false }, 'updateStream');
      }
    }
    if (this.store.stream(this.participantId, local.key)) this.store.patchStream(this.participantId, local.key, { ...this.localTracks(local.key), isConfigured: true });
  }

  async updateStream(key: StreamKey, options: UpdateStreamOptions): Promise<void> {
    this.requireConnected();
    const local = this.localStreams.get(key);
    if (!local) throw new VideoRoomsError('NOT_FOUND', `No stream exists with the key: ${key} for the participant: ${this.participantId}`);
    await this.queue.run(`stream:${key}`, async () => {
      await this.ready();
      for (const kind of KINDS) {
        const want = options[kind];
        if (want === undefined) continue;
        const current = local[kind];
        if (typeof want === 'object') {
          // A new track for this kind.
          if (want.kind !== kind) throw new VideoRoomsError('INVALID_ARGUMENT', `${kind}: got a ${want.kind} track`);
          const next: LocalTrack = { track: want, captured: false, enabled: current?.enabled ?? true };
          const producer = this.media.producer(key, kind);
          if (producer) await producer.replaceTrack({ track: want });
          if (current?.captured && current.track !== want) current.track.stop();
          local[kind] = next;
          if (!producer) await this.publishLocal(local);
          continue;
        }
        if (!current) {
          if (!want) continue;
          // Turning on a kind the stream does not have yet: capture it and publish it.
          const source = await resolveSources(key, kind === 'audio' ? true : undefined, kind === 'video' ? true : undefined);
          local[kind] = source[kind];
          await this.publishLocal(local);
          continue;
        }
        if (current.enabled === want) continue;
        const producer = this.media.producer(key, kind);
        if (want) producer?.resume();
        else producer?.pause();
        try {
          await this.send(ops.UPDATE_STREAM, { streamKey: key, [`${kind}Enabled`]: want }, 'updateStream');
          current.enabled = want;
        } catch (err) {
          if (want) producer?.pause();
          else producer?.resume();
          throw err;
        }
      }
      if (this.store.stream(this.participantId, key)) this.store.patchStream(this.participantId, key, this.localTracks(key));
    });
  }

  async removeStream(key: StreamKey): Promise<void> {
    this.requireConnected();
    const local = this.localStreams.get(key);
    if (!local) throw new VideoRoomsError('NOT_FOUND', `No stream exists with the key: ${key} for the participant: ${this.participantId}`);
    await this.queue.run(`stream:${key}`, async () => {
      this.localStreams.delete(key);
      for (const kind of KINDS) this.media.closeProducer(key, kind);
      stopCaptured(local);
      await this.ready();
      await this.send(ops.UNPUBLISH_STREAM, { streamKey: key }, 'unpublishStream').catch((err) => {
        if (!(err instanceof VideoRoomsError && err.code === 'NOT_FOUND')) throw err;
      });
    });
  }

  // ---- subscribing --------------------------------------------------------------------------

  async addSubscription(participantId: string, key: StreamKey, options: SubscriptionOptions = { audio: true, video: true }): Promise<void> {
    this.requireConnected();
    if (!this.store.participant(participantId)) throw new VideoRoomsError('NOT_FOUND', `No participant exists with the id: ${participantId}`);
    if (!this.store.stream(participantId, key)) throw new VideoRoomsError('NOT_FOUND', `No stream exists with the key: ${key} for the participant: ${participantId}`);
    if (!this.grants.canSubscribe) throw new VideoRoomsError('FORBIDDEN', 'this client token does not allow subscribing (canSubscribe is false)');
    await this.queue.run(`sub:${streamId(participantId, key)}`, async () => {
      await this.ready();
      if (this.store.subscription(participantId, key)) return this.reconfigure(participantId, key, options, true);
      await this.subscribeNow(participantId, key, options);
    });
  }

  private async subscribeNow(participantId: string, key: string, options: SubscriptionOptions): Promise<void> {
    const result: WireSubscription = (
      await this.send(
        ops.SUBSCRIBE,
        { participantId, streamKey: key, audio: options.audio, video: options.video, rtpCapabilities: this.media.rtpCapabilities, preferredLayer: options.preferredLayer ?? null },
        'subscribe',
      )
    ).subscription;
    for (const c of result.consumers) await this.media.consume(c);
    await this.send(ops.RESUME_SUBSCRIPTION, { participantId, streamKey: key }, 'resumeSubscription');
    if (!this.store.stream(participantId, key)) {
      // The stream went away meanwhile.
      for (const kind of KINDS) this.media.closeConsumer(participantId, key, kind);
      throw new VideoRoomsError('NOT_FOUND', `No stream exists with the key: ${key} for the participant: ${participantId}`);
    }
    this.lost.delete(streamId(participantId, key));
    this.store.putSubscription({ participantId, key, audio: result.audio, video: result.video });
    this.attachRemoteTracks(participantId, key);
    this.emit('subscription_started', participantId, key, this.store.snapshot());
    // A track published while this ran (its StreamUpdated came before the subscription existed).
    if (this.missingKinds(participantId, key)) await this.reconfigure(participantId, key, {}, false);
  }

  /** Whether the subscription asks for a kind the stream has but we do not receive yet. */
  private missingKinds(participantId: string, key: string): boolean {
    const sub = this.store.subscription(participantId, key);
    const stream = this.store.stream(participantId, key);
    if (!sub || !stream) return false;
    return KINDS.some((kind) => sub[kind] && (kind === 'audio' ? stream.hasAudio : stream.hasVideo) && !this.media.consumer(participantId, key, kind));
  }

  private attachRemoteTracks(participantId: string, key: string): void {
    const sub = this.store.subscription(participantId, key);
    const audio = sub?.audio ? this.media.consumer(participantId, key, 'audio')?.track : undefined;
    const video = sub?.video ? this.media.consumer(participantId, key, 'video')?.track : undefined;
    this.store.patchStream(participantId, key, { audioTrack: audio, videoTrack: video, isConfigured: !!sub });
  }

  async updateSubscription(participantId: string, key: StreamKey, options: Partial<SubscriptionOptions>): Promise<void> {
    this.requireConnected();
    if (!this.store.subscription(participantId, key)) throw new VideoRoomsError('NOT_FOUND', `No subscription exists for: ${participantId} ${key}`);
    await this.queue.run(`sub:${streamId(participantId, key)}`, async () => {
      await this.ready();
      await this.reconfigure(participantId, key, options, true);
    });
  }

  /** updateSubscription on the server: new consumers for kinds turned on or published since. */
  private async reconfigure(participantId: string, key: string, options: Partial<SubscriptionOptions>, announce: boolean): Promise<void> {
    const before = this.store.subscription(participantId, key);
    if (!before) return;
    const result: WireSubscription = (
      await this.send(
        ops.UPDATE_SUBSCRIPTION,
        { participantId, streamKey: key, audio: options.audio ?? null, video: options.video ?? null, preferredLayer: options.preferredLayer ?? null },
        'updateSubscription',
      )
    ).subscription;
    for (const c of result.consumers) await this.media.consume(c);
    if (result.consumers.length) await this.send(ops.RESUME_SUBSCRIPTION, { participantId, streamKey: key }, 'resumeSubscription');
    for (const kind of KINDS) if (!result[kind]) this.media.closeConsumer(participantId, key, kind);
    if (!this.store.stream(participantId, key)) return;
    this.store.putSubscription({ participantId, key, audio: result.audio, video: result.video });
    this.attachRemoteTracks(participantId, key);
    if (announce || result.consumers.length) this.emit('subscription_reconfigured', participantId, key, this.store.snapshot());
  }

  async removeSubscription(participantId: string, key: StreamKey): Promise<void> {
    this.requireConnected();
    if (!this.store.subscription(participantId, key)) throw new VideoRoomsError('NOT_FOUND', `No subscription exists for: ${participantId} ${key}`);
    await this.queue.run(`sub:${streamId(participantId, key)}`, async () => {
      await this.ready();
      this.lost.delete(streamId(participantId, key));
      await this.send(ops.UNSUBSCRIBE, { participantId, streamKey: key }, 'unsubscribe').catch((err) => {
        if (!(err instanceof VideoRoomsError && err.code === 'NOT_FOUND')) throw err;
      });
      if (this.store.subscription(participantId, key)) {
        this.endSubscriptionLocally(participantId, key);
        this.emit('subscription_ended', participantId, key, this.store.snapshot());
      }
    });
  }

  private endSubscriptionLocally(participantId: string, key: string): void {
    for (const kind of KINDS) this.media.closeConsumer(participantId, key, kind);
    this.store.removeSubscription(participantId, key);
    this.store.patchStream(participantId, key, { audioTrack: undefined, videoTrack: undefined, isConfigured: false });
  }

  private onRemoteStreamGone(participantId: string, key: string): void {
    const sub = this.store.subscription(participantId, key);
    if (!sub) return;
    this.lost.set(sub.id, { participantId, key, audio: sub.audio, video: sub.video, at: Date.now() });
    this.endSubscriptionLocally(participantId, key);
    this.emit('subscription_ended', participantId, key, this.store.snapshot());
  }

  private onRemoteStreamAppeared(participantId: string, key: string): void {
    const lost = this.lost.get(streamId(participantId, key));
    if (lost && Date.now() < this.restoreUntil) void this.restoreSubscription(lost);
  }

  private restoreSubscription(sub: WantedSubscription): Promise<void> {
    return this.queue
      .run(`sub:${streamId(sub.participantId, sub.key)}`, async () => {
        await this.ready();
        if (!this.lost.has(streamId(sub.participantId, sub.key)) || this.store.subscription(sub.participantId, sub.key)) return;
        if (!this.store.stream(sub.participantId, sub.key)) return;
        await this.subscribeNow(sub.participantId, sub.key, { audio: sub.audio, video: sub.video });
        this.log.info(`subscription to ${sub.participantId} ${sub.key} restored`);
      })
      .catch((err) => this.log.warn(`could not restore the subscription to ${sub.participantId} ${sub.key}`, err));
  }

  /** A subscribed stream gained a track: receive it if the subscription asks for that kind. */
  private onRemoteStreamChanged(participantId: string, key: string): void {
    const sub = this.store.subscription(participantId, key);
    const stream = this.store.stream(participantId, key);
    if (!sub || !stream) return;
    const missing = this.missingKinds(participantId, key);
    const stale = KINDS.some((kind) => (kind === 'audio' ? !stream.hasAudio : !stream.hasVideo) && this.media.consumer(participantId, key, kind));
    if (stale) for (const kind of KINDS) if ((kind === 'audio' ? !stream.hasAudio : !stream.hasVideo)) this.media.closeConsumer(participantId, key, kind);
    if (!missing) {
      if (stale) this.attachRemoteTracks(participantId, key);
      return;
    }
    void this.queue
      .run(`sub:${streamId(participantId, key)}`, async () => {
        await this.ready();
        if (this.missingKinds(participantId, key)) await this.reconfigure(participantId, key, {}, false);
      })
      .catch((err) => this.log.warn(`could not receive the new track of ${participantId} ${key}`, err));
  }

  // ---- stats, metrics, messages -------------------------------------------------------------

  async getWebRTCStatsForStream(participantId: string, key: StreamKey): Promise<WebRTCStats> {
    const out: WebRTCStats = { senders: {}, receivers: {} };
    const toObject = (report: RTCStatsReport) => {
      const o: Record<string, unknown> = {};
      report.forEach((s: { id: string }) => (o[s.id] = s));
      return o;
    };
    for (const kind of KINDS) {
      if (participantId === this.participantId) {
        const p = this.media.producer(key, kind);
        if (p) out.senders[kind] = toObject(await p.getStats());
      } else {
        const c = this.media.consumer(participantId, key, kind);
        if (c) out.receivers[kind] = toObject(await c.getStats());
      }
    }
    return out;
  }

  private async collectMetrics(): Promise<NetworkMetrics | null> {
    if (this.store.current.status !== 'connected' || this.recovery) return null;
    const { send, recv } = await this.media.transportStats();
    const rtt = LinkMeter.rttMs(send) ?? LinkMeter.rttMs(recv);
    const metrics: NetworkMetrics = {};
    const own = send ? LinkMeter.outbound(send, rtt) : this.meter.inbound('recv', [recv], rtt);
    metrics[this.participantId] = entry(own);
    for (const pid of new Set(this.store.allSubscriptions().map((s) => s.participantId))) {
      const reports: RTCStatsReport[] = [];
      for (const [key] of this.store.streamsOf(pid)) {
        for (const kind of KINDS) {
          const c = this.media.consumer(pid, key, kind);
          if (c) reports.push(await c.getStats());
        }
      }
      const sample = this.meter.inbound(pid, reports, rtt);
      const e = entry(sample);
      // Subscribed but nothing at all arrived in the interval: the path is broken.
      if (sample.seen && sample.packetsExpected === 0) e.connectionQuality = 0;
      metrics[pid] = e;
    }
    return metrics;
  }

  async sendMessage(message: string | Message, recipients?: string[]): Promise<void> {
    this.requireConnected();
    let payload: string;
    if (typeof message === 'string') payload = message;
    else if (message && message.type === 'text' && typeof message.payload === 'string') payload = JSON.stringify(message);
    else throw new VideoRoomsError('INVALID_ARGUMENT', 'Message not valid');
    await this.ready();
    await this.send(ops.SEND_MESSAGE, { payload, recipients: recipients?.length ? recipients : null }, 'sendMessage');
  }

  /** For tests and diagnostics; not part of the API. */
  readonly __testHooks = {
    /**
     * Closes the WebSocket as a network failure would: the SDK reconnects by itself, after
     * `holdMs` (an outage that long).
     */
    dropConnection: (holdMs = 0) => {
      this.reconnectHoldUntil = Date.now() + holdMs;
      this.wire?.drop();
    },
    /** Restarts ICE on both transports, as after a network change. */
    restartIce: async () => {
      const ids = this.media.transportIds();
      for (const id of [ids.send, ids.recv]) if (id) await this.restartIce(id);
    },
    /** How many WebSockets this room has opened (1 + reconnections). */
    connectionCount: () => this.connections,
    transportIds: () => this.media.transportIds(),
    transportStates: () => ({ send: this.media.transportState('send'), recv: this.media.transportState('recv') }),
    participantId: () => this.participantId,
  };
}
