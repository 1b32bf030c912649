import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import type { MediaConfig } from './config.js';
import { MediaError } from './errors.js';
import { readPeerStats, readTransportRates, type PeerStatsReading, type TransportRates } from './media-stats.js';
import { consumerParams, MediaPeer, noTransport, producerInfo, trackOf, type PeerRouter, type PeerTransport } from './media-peer.js';
import { RoomRouters, type RoomRouterInfo, type WorkerSource } from './room-routers.js';
import { RouterHolder } from './router-holder.js';
import { plainTransportOptions, plainTransportParams, webRtcTransportOptions, webRtcTransportParams } from './transport-params.js';
import type {
  ConsumeOptions,
  ConsumerParams,
  PlainTransportOptions,
  PlainTransportParams,
  ProduceOptions,
  ProducerInfo,
  RoomMediaEvents,
  StreamKey,
  TrackRef,
  TransportDirection,
  WebRtcTransportParams,
} from './types.js';
import { checkDirection, checkDtlsParameters, checkKind, checkLayers, checkStreamKey, checkTrack, describeTrack, requireString } from './validation.js';

/**
 * The media of one live room: a router holder, and a peer per participant that owns its
 * transports, producers and consumers. close() cascades down the tree; what the peers report on
 * their observers comes out here as the room's events.
 *
 * The object outlives its router. When the worker dies the room emits `lost`, drops every peer
 * (their transports died with the worker) and waits for attach() on a live worker; calls made
 * meanwhile wait for that router instead of failing.
 *
 * A big room spreads its subscribers over the node's workers (room-routers.ts): recv transports
 * beyond `maxConsumersPerRouter` go to routers on other workers, which get the producers through
 * pipes. Losing one of those costs only the subscribers placed there (`subscribersLost`).
 */
export class RoomMedia extends EventEmitter<RoomMediaEvents> {
  readonly roomId: string;
  readonly #config: MediaConfig;
  readonly #holder: RouterHolder;
  readonly #routers: RoomRouters;
  readonly #peers = new Map<string, MediaPeer>();

  /** `workers`: the node's other workers, for a big room to spread over; without it the room stays on one router. */
  constructor(roomId: string, config: MediaConfig, workers?: WorkerSource) {
    super();
    this.roomId = roomId;
    this.#config = config;
    this.#holder = new RouterHolder(roomId, config, {
      dominantSpeaker: (producer) => this.emit('dominantSpeaker', { roomId, track: trackOf(producer), producerId: producer.id }),
      audioLevels: (levels) =>
        this.emit('audioLevels', {
          roomId,
          levels: levels.map(({ producer, volume }) => ({ track: trackOf(producer), producerId: producer.id, volume })),
        }),
      silence: () => this.emit('silence', { roomId }),
    });
    this.#routers = new RoomRouters(roomId, this.#holder, config, workers, (router, workerPid) => this.#onExtraLost(router, workerPid));
    this.#holder.observer.on('routerlost', () => {
      const participantIds = this.#dropPeers();
      this.#routers.closeExtra();
      this.emit('lost', { roomId, participantIds });
    });
    this.#holder.observer.on('routerrebuilt', (workerPid) => this.emit('rebuilt', { roomId, workerPid }));
  }

  get closed(): boolean {
    return this.#holder.closed;
  }

  /** The pid of the worker process hosting the room, while it has a router. */
  get workerPid(): number | undefined {
    return this.#holder.workerPid;
  }

  /** Each router of the room: its worker, and the subscribers and consumers it carries. */
  routerInfo(): RoomRouterInfo[] {
    return this.#routers.info(this.#holder.router, [...this.#peers.values()]);
  }

  /** Creates the room's router (and observers) on `worker`: at creation, and again after `lost`. */
  attach(worker: ms.Worker): Promise<void> {
    return this.#holder.attach(worker);
  }

  /** The router's capabilities, which a client loads into its device. The same after a rebuild. */
  async getRtpCapabilities(): Promise<ms.RtpCapabilities> {
    return (await this.#holder.live()).rtpCapabilities;
  }

  participantIds(): string[] {
    return [...this.#peers.keys()];
  }

  producers(): ProducerInfo[] {
    return [...this.#peers.values()].flatMap((peer) => peer.producers().map(producerInfo));
  }

  /**
   * A WebRTC transport for a browser. A participant has one per direction: creating another one for
   * the same direction closes the previous one with its producers or consumers (a client that
   * starts over after a reload).
   */
  async createWebRtcTransport(participantId: string, direction: TransportDirection): Promise<WebRtcTransportParams> {
    const { router, peer, release } = await this.#prepareTransport(participantId, direction);
    try {
      const options = { ...webRtcTransportOptions(this.#config), appData: { participantId, direction } };
      const transport = await router.call('direction', () => router.router.createWebRtcTransport(options));
      peer.adoptTransport({ type: 'webrtc', direction, transport, connected: false }, router);
      return webRtcTransportParams(transport);
    } finally {
      release();
    }
  }

  /** A plain RTP transport, for endpoints that are not browsers (ffmpeg ingest, recorder). */
  async createPlainTransport(participantId: string, direction: TransportDirection, options: PlainTransportOptions = {}): Promise<PlainTransportParams> {
    if (options.kind !== undefined && direction !== 'send') throw new MediaError('INVALID_ARGUMENT', 'only a send transport can be dedicated to one kind', 'options');
    if (options.kind !== undefined) checkKind(options.kind, 'options');
    const { router, peer, release } = await this.#prepareTransport(participantId, direction, options.mainRouter);
    try {
      const settings = { ...plainTransportOptions(this.#config, options), appData: { participantId, direction } };
      const transport = await router.call('options', () => router.router.createPlainTransport(settings));
      peer.adoptTransport({ type: 'plain', direction, kind: options.kind, transport, connected: false }, router);
      return plainTransportParams(transport, this.#config.announcedIp);
    } finally {
      release();
    }
  }

  async connectWebRtcTransport(participantId: string, transportId: string, dtlsParameters: ms.DtlsParameters): Promise<void> {
    await this.#holder.live();
    const tracked = this.#transport(participantId, transportId, 'webrtc');
    checkDtlsParameters(dtlsParameters);
    await this.#connectOnce(this.#via(participantId, tracked), tracked, 'dtlsParameters', () => tracked.transport.connect({ dtlsParameters }));
  }

  /**
   * Points a plain transport at its remote endpoint (not needed with comedia). With SRTP enabled,
   * `srtpParameters` (the endpoint's key, for what the transport receives) is required.
   */
  async connectPlainTransport(participantId: string, transportId: string, remote: { ip: string; port: number; rtcpPort?: number; srtpParameters?: ms.SrtpParameters }): Promise<void> {
    await this.#holder.live();
    const tracked = this.#transport(participantId, transportId, 'plain');
    await this.#connectOnce(this.#via(participantId, tracked), tracked, 'remote', () => tracked.transport.connect(remote));
  }

  /**
   * Resolves when the first RTP packet of a published track arrives (an ingress's media flows,
   * whatever sends it); rejects if the producer closes first.
   */
  async producerReceiving(track: TrackRef): Promise<void> {
    const router = await this.#holder.live();
    const producer = this.#producer(track);
    if (producer.score.length > 0) return;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        producer.off('trace', onTrace);
        producer.off('score', onScore);
        producer.observer.off('close', closed);
        void producer.enableTraceEvent([]).catch(() => {});
      };
      const arrived = () => {
        done();
        resolve();
      };
      const onTrace = (trace: ms.ProducerTraceEventData) => {
        if (trace.type === 'rtp') arrived();
      };
      const onScore = (score: ms.ProducerScore[]) => {
        if (score.length > 0) arrived();
      };
      const closed = () => {
        done();
        reject(new MediaError('PRODUCER_NOT_FOUND', `the ${describeTrack(track)} closed before any media arrived`, 'track'));
      };
      producer.on('trace', onTrace);
      producer.on('score', onScore);
      producer.observer.once('close', closed);
      void this.#holder.call(router, 'track', () => producer.enableTraceEvent(['rtp'])).catch(() => {});
    });
  }

  /** Resolves when a WebRTC transport's DTLS ends: `closed` (the remote said goodbye, or the transport closed) or `failed`. */
  async webRtcTransportEnded(participantId: string, transportId: string): Promise<'closed' | 'failed'> {
    await this.#holder.live();
    const { transport } = this.#transport(participantId, transportId, 'webrtc');
    if (transport.closed) return 'closed';
    return new Promise((resolve) => {
      const onState = (state: ms.DtlsState) => {
        if (state !== 'closed' && state !== 'failed') return;
        transport.off('dtlsstatechange', onState);
        resolve(state);
      };
      transport.on('dtlsstatechange', onState);
      transport.observer.once('close', () => resolve('closed'));
    });
  }

  /** New ICE credentials for a client whose network changed; the client restarts ICE with them. */
  async restartIce(participantId: string, transportId: string): Promise<ms.IceParameters> {
    await this.#holder.live();
    const tracked = this.#transport(participantId, transportId, 'webrtc');
    return this.#via(participantId, tracked).call('transportId', () => tracked.transport.restartIce());
  }

  async closeTransport(participantId: string, transportId: string): Promise<void> {
    await this.#holder.live();
    const tracked = this.#transport(participantId, transportId);
    this.#peers.get(participantId)?.closeTransport(tracked);
  }

  async getTransportStats(participantId: string, transportId: string): Promise<Array<ms.WebRtcTransportStat | ms.PlainTransportStat>> {
    await this.#holder.live();
    const tracked = this.#transport(participantId, transportId);
    return this.#via(participantId, tracked).call<Array<ms.WebRtcTransportStat | ms.PlainTransportStat>>('transportId', () => tracked.transport.getStats());
  }

  /** These participants' transports, producers and consumers, read from the worker together; those without media are left out. */
  readStats(participantIds: readonly string[]): Promise<PeerStatsReading[]> {
    const peers = participantIds.map((id) => this.#peers.get(id)).filter((peer): peer is MediaPeer => peer !== undefined);
    return Promise.all(peers.map((peer) => readPeerStats(peer.id, peer.objects())));
  }

  /** The room's transports' rates together (the server's totals for operators). */
  readTransportRates(): Promise<TransportRates> {
    return readTransportRates([...this.#peers.values()].flatMap((peer) => peer.objects().transports));
  }

  /** Publishes one track of a stream on the participant's send transport. */
  async produce(participantId: string, options: ProduceOptions): Promise<ProducerInfo> {
    requireString(participantId, 'participantId');
    checkStreamKey(options.streamKey, 'streamKey');
    checkKind(options.kind, 'kind');
    const router = await this.#holder.live();
    const peer = this.#peers.get(participantId);
    if (!peer) throw noTransport(participantId, 'send');
    const producer = await peer.produce(options);
    if (producer.kind === 'audio') {
      await this.#holder.call(router, 'kind', async () => this.#holder.speakers?.add(producer));
    }
    return producerInfo(producer);
  }

  /** Stops forwarding a track to every subscriber (server-side mute) without unpublishing it. */
  async pauseProducer(track: TrackRef): Promise<void> {
    const router = await this.#holder.live();
    const producer = this.#producer(track);
    await this.#holder.call(router, 'track', () => producer.pause());
  }

  async resumeProducer(track: TrackRef): Promise<void> {
    const router = await this.#holder.live();
    const producer = this.#producer(track);
    await this.#holder.call(router, 'track', () => producer.resume());
  }

  /** Unpublishes one track, or both tracks of the stream when `kind` is left out. */
  async closeProducer(participantId: string, streamKey: StreamKey, kind?: ms.MediaKind): Promise<void> {
    await this.#holder.live();
    const peer = this.#peers.get(participantId);
    const kinds: ms.MediaKind[] = kind ? [kind] : ['audio', 'video'];
    const tracks = kinds.map((k): TrackRef => ({ participantId, streamKey, kind: k })).filter((t) => peer?.producer(t));
    if (!peer || tracks.length === 0) {
      throw new MediaError('PRODUCER_NOT_FOUND', `participant ${participantId} publishes no ${kind ?? 'track'} in stream "${streamKey}"`, 'streamKey');
    }
    for (const track of tracks) peer.closeProducer(track);
  }

  async getProducerStats(track: TrackRef): Promise<ms.ProducerStat[]> {
    const router = await this.#holder.live();
    const producer = this.#producer(track);
    return this.#holder.call(router, 'track', () => producer.getStats());
  }

  /**
   * Creates a consumer, paused, on the subscriber's recv transport: the subscriber resumes it once
   * its own consumer exists, so that no packet (and no key frame) is sent into the void.
   */
  async consume(subscriberId: string, options: ConsumeOptions): Promise<ConsumerParams> {
    requireString(subscriberId, 'subscriberId');
    checkTrack(options.track, 'track');
    const track: TrackRef = { ...options.track };
    const router = await this.#holder.live();
    const subscriber = this.#peers.get(subscriberId);
    if (!subscriber) throw noTransport(subscriberId, 'recv');
    const recv = subscriber.requireTransport('recv');
    const producer = this.#producer(track);
    subscriber.checkNotConsuming(track);
    if (!router.canConsume({ producerId: producer.id, rtpCapabilities: options.rtpCapabilities })) {
      const codec = producer.rtpParameters.codecs[0]?.mimeType ?? 'unknown codec';
      throw new MediaError('CANNOT_CONSUME', `participant ${subscriberId} cannot receive the ${describeTrack(track)}: its rtpCapabilities do not support ${codec}`, 'rtpCapabilities');
    }
    // A subscriber on another of the room's routers receives the producer through a pipe.
    await this.#routers.pipe(router, producer, this.#via(subscriberId, recv));
    const consumer = await subscriber.consume(producer, track, options.rtpCapabilities, options.preferredLayers);
    return consumerParams(consumer, track);
  }

  async resumeConsumer(subscriberId: string, track: TrackRef): Promise<void> {
    await this.#holder.live();
    const consumer = this.#consumer(subscriberId, track);
    await this.#consumerCall(subscriberId, 'track', () => consumer.resume());
  }

  async pauseConsumer(subscriberId: string, track: TrackRef): Promise<void> {
    await this.#holder.live();
    const consumer = this.#consumer(subscriberId, track);
    await this.#consumerCall(subscriberId, 'track', () => consumer.pause());
  }

  /**
   * Picks the simulcast/SVC layer a subscriber receives (0 = lowest). The switch happens at the
   * next key frame of that layer. Resolves with the preferred layers now in force: undefined for a
   * single-layer stream, where there is nothing to choose.
   */
  async setPreferredLayers(subscriberId: string, track: TrackRef, layers: ms.ConsumerLayers): Promise<ms.ConsumerLayers | undefined> {
    checkLayers(layers);
    await this.#holder.live();
    const consumer = this.#consumer(subscriberId, track);
    if (consumer.type === 'simple') return undefined;
    await this.#consumerCall(subscriberId, 'layers', () => consumer.setPreferredLayers(layers));
    return consumer.preferredLayers;
  }

  async closeConsumer(subscriberId: string, track: TrackRef): Promise<void> {
    await this.#holder.live();
    this.#consumer(subscriberId, track);
    this.#peers.get(subscriberId)?.closeConsumer(track);
  }

  async getConsumerStats(subscriberId: string, track: TrackRef): Promise<Array<ms.ConsumerStat | ms.ProducerStat>> {
    await this.#holder.live();
    const consumer = this.#consumer(subscriberId, track);
    return this.#consumerCall(subscriberId, 'track', () => consumer.getStats());
  }

  /** Asks the publisher for a key frame for this consumer (a recorder needs one to start). */
  async requestKeyFrame(subscriberId: string, track: TrackRef): Promise<void> {
    const consumer = this.#consumer(subscriberId, track);
    if (consumer.kind === 'video') await this.#consumerCall(subscriberId, 'track', () => consumer.requestKeyFrame());
  }

  /** Whether the subscriber has a consumer of this track (the media layer drops it when the producer goes). */
  hasConsumer(subscriberId: string, track: TrackRef): boolean {
    return this.#peers.get(subscriberId)?.hasConsumer(track) ?? false;
  }

  /** A participant left: its peer closes with its transports, producers and consumers. */
  removeParticipant(participantId: string): void {
    this.#peers.get(participantId)?.close();
  }

  /** Ends the room's media: its routers close with everything on them. */
  close(): void {
    if (this.#holder.closed) return;
    this.#holder.close();
    this.#routers.closeExtra();
    this.#dropPeers();
    this.emit('closed', { roomId: this.roomId });
  }

  /** The router went (closed or lost) with every peer's objects: the peers are told, silently. */
  #dropPeers(): string[] {
    const peers = [...this.#peers.values()];
    this.#peers.clear();
    for (const peer of peers) peer.routerClosed();
    return peers.map((peer) => peer.id);
  }

  /** The peer, and the router its new transport goes on: the main one, or for a subscriber the one placement picks. */
  async #prepareTransport(participantId: string, direction: TransportDirection, mainRouter = false): Promise<{ router: PeerRouter; peer: MediaPeer; release: () => void }> {
    requireString(participantId, 'participantId');
    checkDirection(direction);
    const main = await this.#holder.live();
    const peer = this.#peers.get(participantId) ?? this.#addPeer(participantId, main);
    if (direction === 'send' || mainRouter) return { router: this.#routers.main(main), peer, release: () => {} };
    return { ...(await this.#routers.placeSubscriber(main, [...this.#peers.values()])), peer };
  }

  /** The worker under one of the room's other routers died: only the subscribers placed there lost anything. */
  #onExtraLost(router: ms.Router, workerPid: number): void {
    const lost = [...this.#peers.values()].filter((peer) => peer.routerOf('recv')?.router === router);
    for (const peer of lost) peer.recvLost();
    if (lost.length > 0) this.emit('subscribersLost', { roomId: this.roomId, participantIds: lost.map((peer) => peer.id), workerPid });
  }

  /** The router the participant's transport lives on (its recv transport may be on another than the main one). */
  #via(participantId: string, tracked: PeerTransport): PeerRouter {
    const router = this.#peers.get(participantId)?.routerOfTransport(tracked);
    if (!router) throw new MediaError('TRANSPORT_NOT_FOUND', `participant ${participantId} has no transport ${tracked.transport.id}`, 'transportId');
    return router;
  }

  #consumerCall<T>(subscriberId: string, field: string, operation: () => Promise<T>): Promise<T> {
    const recv = this.#peers.get(subscriberId)?.routerOf('recv');
    if (!recv) return Promise.reject(noTransport(subscriberId, 'recv'));
    return recv.call(field, operation);
  }

  #addPeer(participantId: string, router: ms.Router): MediaPeer {
    const roomId = this.roomId;
    const peer = new MediaPeer(participantId, this.#routers.main(router));
    this.#peers.set(participantId, peer);
    peer.observer.on('producerclose', (event) => this.emit('producerClosed', { roomId, ...event }));
    peer.observer.on('consumerclose', (event) => this.emit('consumerClosed', { roomId, subscriberId: participantId, ...event }));
    peer.observer.on('consumerlayerschange', (event) => this.emit('consumerLayersChanged', { roomId, subscriberId: participantId, ...event }));
    peer.observer.on('close', () => {
      // A peer the room still holds closed on its own (the participant left), not with the router.
      if (this.#peers.get(participantId) !== peer) return;
      this.#peers.delete(participantId);
      this.emit('peerClosed', { roomId, participantId });
    });
    return peer;
  }

  async #connectOnce(router: PeerRouter, tracked: PeerTransport, field: string, connect: () => Promise<void>): Promise<void> {
    if (tracked.connected) {
      throw new MediaError('ALREADY_CONNECTED', `transport ${tracked.transport.id} is already connected`, 'transportId');
    }
    tracked.connected = true;
    try {
      await router.call(field, connect);
    } catch (error) {
      tracked.connected = false;
      throw error;
    }
  }

  #transport<T extends PeerTransport['type']>(participantId: string, transportId: string, type?: T): Extract<PeerTransport, { type: T }> {
    const peer = this.#peers.get(participantId);
    if (!peer) {
      throw new MediaError('TRANSPORT_NOT_FOUND', `participant ${participantId} has no transport ${transportId}`, 'transportId');
    }
    return peer.transportById(transportId, type);
  }

  #producer(track: TrackRef): ms.Producer {
    checkTrack(track, 'track');
    const producer = this.#peers.get(track.participantId)?.producer(track);
    if (!producer) throw new MediaError('PRODUCER_NOT_FOUND', `nobody publishes the ${describeTrack(track)}`, 'track');
    return producer;
  }

  #consumer(subscriberId: string, track: TrackRef): ms.Consumer {
    checkTrack(track, 'track');
    const consumer = this.#peers.get(subscriberId)?.consumer(track);
    if (!consumer) {
      throw new MediaError('CONSUMER_NOT_FOUND', `participant ${subscriberId} does not receive the ${describeTrack(track)}`, 'track');
    }
    return consumer;
  }
}
