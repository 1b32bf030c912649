import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import type { MediaConfig } from './config.js';
import { MediaError } from './errors.js';
import { readPeerStats, readTransportRates, type PeerStatsReading, type TransportRates } from './media-stats.js';
import { MediaPeer, noTransport, producerInfo, trackOf, type PeerRouter, type PeerTransport } from './media-peer.js';
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
 */
export class RoomMedia extends EventEmitter<RoomMediaEvents> {
  readonly roomId: string;
  readonly #config: MediaConfig;
  readonly #holder: RouterHolder;
  readonly #peers = new Map<string, MediaPeer>();

  constructor(roomId: string, config: MediaConfig) {
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
    this.#holder.observer.on('routerlost', () => this.emit('lost', { roomId, participantIds: this.#dropPeers() }));
    this.#holder.observer.on('routerrebuilt', (workerPid) => this.emit('rebuilt', { roomId, workerPid }));
  }

  get closed(): boolean {
    return this.#holder.closed;
  }

  /** The pid of the worker process hosting the room, while it has a router. */
  get workerPid(): number | undefined {
    return this.#holder.workerPid;
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
    const { router, peer } = await this.#prepareTransport(participantId, direction);
    const transport = await this.#holder.call(router, 'direction', () => router.createWebRtcTransport({ ...webRtcTransportOptions(this.#config), appData: { participantId, direction } }));
    peer.adoptTransport({ type: 'webrtc', direction, transport, connected: false });
    return webRtcTransportParams(transport);
  }

  /** A plain RTP transport, for endpoints that are not browsers (ffmpeg ingest, recorder). */
  async createPlainTransport(participantId: string, direction: TransportDirection, options: PlainTransportOptions = {}): Promise<PlainTransportParams> {
    const { router, peer } = await this.#prepareTransport(participantId, direction);
    const transport = await this.#holder.call(router, 'options', () => router.createPlainTransport({ ...plainTransportOptions(this.#config, options), appData: { participantId, direction } }));
    peer.adoptTransport({ type: 'plain', direction, transport, connected: false });
    return plainTransportParams(transport, this.#config.announcedIp);
  }

  async connectWebRtcTransport(participantId: string, transportId: string, dtlsParameters: ms.DtlsParameters): Promise<void> {
    const router = await this.#holder.live();
    const tracked = this.#transport(participantId, transportId, 'webrtc');
    checkDtlsParameters(dtlsParameters);
    await this.#connectOnce(router, tracked, 'dtlsParameters', () => tracked.transport.connect({ dtlsParameters }));
  }

  /**
   * Points a plain transport at its remote endpoint (not needed with comedia). With SRTP enabled,
   * `srtpParameters` (the endpoint's key, for what the transport receives) is required.
   */
  async connectPlainTransport(participantId: string, transportId: string, remote: { ip: string; port: number; rtcpPort?: number; srtpParameters?: ms.SrtpParameters }): Promise<void> {
    const router = await this.#holder.live();
    const tracked = this.#transport(participantId, transportId, 'plain');
    await this.#connectOnce(router, tracked, 'remote', () => tracked.transport.connect(remote));
  }

  /** New ICE credentials for a client whose network changed; the client restarts ICE with them. */
  async restartIce(participantId: string, transportId: string): Promise<ms.IceParameters> {
    const router = await this.#holder.live();
    const tracked = this.#transport(participantId, transportId, 'webrtc');
    return this.#holder.call(router, 'transportId', () => tracked.transport.restartIce());
  }

  async closeTransport(participantId: string, transportId: string): Promise<void> {
    await this.#holder.live();
    const tracked = this.#transport(participantId, transportId);
    this.#peers.get(participantId)?.closeTransport(tracked);
  }

  async getTransportStats(participantId: string, transportId: string): Promise<Array<ms.WebRtcTransportStat | ms.PlainTransportStat>> {
    const router = await this.#holder.live();
    const tracked = this.#transport(participantId, transportId);
    return this.#holder.call<Array<ms.WebRtcTransportStat | ms.PlainTransportStat>>(router, 'transportId', () => tracked.transport.getStats());
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
    subscriber.requireTransport('recv');
    const producer = this.#producer(track);
    subscriber.checkNotConsuming(track);
    if (!router.canConsume({ producerId: producer.id, rtpCapabilities: options.rtpCapabilities })) {
      const codec = producer.rtpParameters.codecs[0]?.mimeType ?? 'unknown codec';
      throw new MediaError('CANNOT_CONSUME', `participant ${subscriberId} cannot receive the ${describeTrack(track)}: its rtpCapabilities do not support ${codec}`, 'rtpCapabilities');
    }
    const consumer = await subscriber.consume(producer, track, options.rtpCapabilities, options.preferredLayers);
    return {
      id: consumer.id,
      producerId: producer.id,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      type: consumer.type,
      producerPaused: consumer.producerPaused,
      track,
    };
  }

  async resumeConsumer(subscriberId: string, track: TrackRef): Promise<void> {
    const router = await this.#holder.live();
    const consumer = this.#consumer(subscriberId, track);
    await this.#holder.call(router, 'track', () => consumer.resume());
  }

  async pauseConsumer(subscriberId: string, track: TrackRef): Promise<void> {
    const router = await this.#holder.live();
    const consumer = this.#consumer(subscriberId, track);
    await this.#holder.call(router, 'track', () => consumer.pause());
  }

  /**
   * Picks the simulcast/SVC layer a subscriber receives (0 = lowest). The switch happens at the
   * next key frame of that layer. Resolves with the preferred layers now in force: undefined for a
   * single-layer stream, where there is nothing to choose.
   */
  async setPreferredLayers(subscriberId: string, track: TrackRef, layers: ms.ConsumerLayers): Promise<ms.ConsumerLayers | undefined> {
    checkLayers(layers);
    const router = await this.#holder.live();
    const consumer = this.#consumer(subscriberId, track);
    if (consumer.type === 'simple') return undefined;
    await this.#holder.call(router, 'layers', () => consumer.setPreferredLayers(layers));
    return consumer.preferredLayers;
  }

  async closeConsumer(subscriberId: string, track: TrackRef): Promise<void> {
    await this.#holder.live();
    this.#consumer(subscriberId, track);
    this.#peers.get(subscriberId)?.closeConsumer(track);
  }

  async getConsumerStats(subscriberId: string, track: TrackRef): Promise<Array<ms.ConsumerStat | ms.ProducerStat>> {
    const router = await this.#holder.live();
    const consumer = this.#consumer(subscriberId, track);
    return this.#holder.call(router, 'track', () => consumer.getStats());
  }

  /** Asks the publisher for a key frame for this consumer (a recorder needs one to start). */
  async requestKeyFrame(subscriberId: string, track: TrackRef): Promise<void> {
    const consumer = this.#consumer(subscriberId, track);
    if (consumer.kind === 'video') await consumer.requestKeyFrame();
  }

  /** Whether the subscriber has a consumer of this track (the media layer drops it when the producer goes). */
  hasConsumer(subscriberId: string, track: TrackRef): boolean {
    return this.#peers.get(subscriberId)?.hasConsumer(track) ?? false;
  }

  /** A participant left: its peer closes with its transports, producers and consumers. */
  removeParticipant(participantId: string): void {
    this.#peers.get(participantId)?.close();
  }

  /** Ends the room's media: the router closes with everything on it. */
  close(): void {
    if (this.#holder.closed) return;
    this.#holder.close();
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

  async #prepareTransport(participantId: string, direction: TransportDirection): Promise<{ router: ms.Router; peer: MediaPeer }> {
    requireString(participantId, 'participantId');
    checkDirection(direction);
    const router = await this.#holder.live();
    return { router, peer: this.#peers.get(participantId) ?? this.#addPeer(participantId, router) };
  }

  #addPeer(participantId: string, router: ms.Router): MediaPeer {
    const holder = this.#holder;
    const roomId = this.roomId;
    const peerRouter: PeerRouter = {
      router,
      call: (field, operation) => holder.call(router, field, operation),
      isCurrent: () => holder.isCurrent(router),
      goneError: (id) => holder.goneError(router, id),
    };
    const peer = new MediaPeer(participantId, peerRouter);
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

  async #connectOnce(router: ms.Router, tracked: PeerTransport, field: string, connect: () => Promise<void>): Promise<void> {
    if (tracked.connected) {
      throw new MediaError('ALREADY_CONNECTED', `transport ${tracked.transport.id} is already connected`, 'transportId');
    }
    tracked.connected = true;
    try {
      await this.#holder.call(router, field, connect);
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
    const tracked = peer.transportById(transportId);
    if (type && tracked.type !== type) {
      const what = type === 'webrtc' ? 'a WebRTC' : 'a plain';
      throw new MediaError('INVALID_ARGUMENT', `transport ${transportId} is not ${what} transport`, 'transportId');
    }
    return tracked as Extract<PeerTransport, { type: T }>;
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
