import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import { roomMediaCodecs } from './codecs.js';
import type { MediaConfig } from './config.js';
import { MediaError } from './errors.js';
import { ParticipantMedia, producerKey, trackKey, type TrackedTransport } from './participant-media.js';
import { SpeakerDetection } from './speaker-detection.js';
import {
  plainTransportOptions,
  plainTransportParams,
  webRtcTransportOptions,
  webRtcTransportParams,
} from './transport-params.js';
import {
  streamKeys,
  type ConsumeOptions,
  type ConsumerCloseReason,
  type ConsumerParams,
  type PlainTransportOptions,
  type PlainTransportParams,
  type ProduceOptions,
  type ProducerCloseReason,
  type ProducerInfo,
  type RoomMediaEvents,
  type StreamKey,
  type TrackRef,
  type TransportDirection,
  type WebRtcTransportParams,
} from './types.js';

interface ProducerAppData {
  participantId: string;
  streamKey: StreamKey;
}

interface RouterSlot {
  promise: Promise<ms.Router>;
  resolve(router: ms.Router): void;
  reject(error: MediaError): void;
}

function routerSlot(): RouterSlot {
  let resolve!: (router: ms.Router) => void;
  let reject!: (error: MediaError) => void;
  const promise = new Promise<ms.Router>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting when the room closes.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

function trackOf(producer: ms.Producer): TrackRef {
  const { participantId, streamKey } = producer.appData as ProducerAppData;
  return { participantId, streamKey, kind: producer.kind };
}

function producerInfo(producer: ms.Producer): ProducerInfo {
  return { ...trackOf(producer), producerId: producer.id, paused: producer.paused, type: producer.type };
}

function requireString(value: unknown, field: string): void {
  if (typeof value !== 'string' || value === '') {
    throw new MediaError('INVALID_ARGUMENT', `${field} must be a non-empty string`, field);
  }
}

function checkTrack(track: TrackRef, prefix: string): void {
  if (typeof track !== 'object' || track === null) {
    throw new MediaError('INVALID_ARGUMENT', `${prefix} must be an object`, prefix);
  }
  requireString(track.participantId, `${prefix}.participantId`);
  checkStreamKey(track.streamKey, `${prefix}.streamKey`);
  checkKind(track.kind, `${prefix}.kind`);
}

function checkStreamKey(value: unknown, field: string): void {
  if (!streamKeys.includes(value as StreamKey)) {
    throw new MediaError('INVALID_ARGUMENT', `${field} must be one of ${streamKeys.join(', ')}, got ${String(value)}`, field);
  }
}

function checkKind(value: unknown, field: string): void {
  if (value !== 'audio' && value !== 'video') {
    throw new MediaError('INVALID_ARGUMENT', `${field} must be audio or video, got ${String(value)}`, field);
  }
}

function describe(track: TrackRef): string {
  return `${track.kind} of stream "${track.streamKey}" of participant ${track.participantId}`;
}

/**
 * The media of one live room: its router on some worker, and per participant a send and a recv
 * transport with the producers and consumers on them.
 *
 * The object outlives its router. When the worker dies the room emits `lost`, forgets every
 * participant (their transports died with the worker) and waits for attach() on a live worker;
 * calls made meanwhile wait for that router instead of failing.
 */
export class RoomMedia extends EventEmitter<RoomMediaEvents> {
  readonly roomId: string;
  readonly #config: MediaConfig;
  #router: ms.Router | undefined;
  #workerPid = 0;
  #routerSlot = routerSlot();
  #closed = false;
  readonly #participants = new Map<string, ParticipantMedia>();
  #speakers: SpeakerDetection | undefined;

  constructor(roomId: string, config: MediaConfig) {
    super();
    this.roomId = roomId;
    this.#config = config;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The pid of the worker process hosting the room, while it has a router. */
  get workerPid(): number | undefined {
    return this.#router ? this.#workerPid : undefined;
  }

  /** Creates the room's router (and observers) on `worker`: at creation, and again after `lost`. */
  async attach(worker: ms.Worker): Promise<void> {
    if (this.#closed) throw this.#closedError();
    if (this.#router) throw new MediaError('MEDIA_FAILURE', `room ${this.roomId} already has a router`);
    const router = await worker.createRouter({ mediaCodecs: structuredClone([...roomMediaCodecs]) });
    try {
      const speakers = await SpeakerDetection.create(router, this.#config, {
        dominantSpeaker: (producer) =>
          this.emit('dominantSpeaker', { roomId: this.roomId, track: trackOf(producer), producerId: producer.id }),
        audioLevels: (levels) =>
          this.emit('audioLevels', {
            roomId: this.roomId,
            levels: levels.map(({ producer, volume }) => ({ track: trackOf(producer), producerId: producer.id, volume })),
          }),
        silence: () => this.emit('silence', { roomId: this.roomId }),
      });
      if (this.#closed) throw this.#closedError();
      // A worker that dies right now has already closed the router: its 'workerclose' is gone.
      if (router.closed) throw new MediaError('MEDIA_LOST', `the worker chosen for room ${this.roomId} died`);
      this.#speakers = speakers;
    } catch (error) {
      router.close();
      throw error;
    }
    const rebuilt = this.#workerPid !== 0;
    this.#router = router;
    this.#workerPid = worker.pid;
    router.once('workerclose', () => this.#onRouterLost(router));
    this.#routerSlot.resolve(router);
    if (rebuilt) this.emit('rebuilt', { roomId: this.roomId, workerPid: worker.pid });
  }

  /** The router's capabilities, which a client loads into its device. The same after a rebuild. */
  async getRtpCapabilities(): Promise<ms.RtpCapabilities> {
    return (await this.#liveRouter()).rtpCapabilities;
  }

  participantIds(): string[] {
    return [...this.#participants.keys()];
  }

  producers(): ProducerInfo[] {
    return [...this.#participants.values()].flatMap((participant) => [...participant.producers.values()].map(producerInfo));
  }

  /**
   * A WebRTC transport for a browser. A participant has one per direction: creating another one for
   * the same direction closes the previous one with its producers or consumers (a client that
   * starts over after a reload).
   */
  async createWebRtcTransport(participantId: string, direction: TransportDirection): Promise<WebRtcTransportParams> {
    const { router, participant } = await this.#prepareTransport(participantId, direction);
    const transport = await this.#call(router, 'direction', () =>
      router.createWebRtcTransport({ ...webRtcTransportOptions(this.#config), appData: { participantId, direction } }),
    );
    this.#adoptTransport(router, participant, { type: 'webrtc', direction, transport, connected: false });
    return webRtcTransportParams(transport);
  }

  /** A plain RTP transport, for endpoints that are not browsers (ffmpeg ingest, recorder). */
  async createPlainTransport(
    participantId: string,
    direction: TransportDirection,
    options: PlainTransportOptions = {},
  ): Promise<PlainTransportParams> {
    const { router, participant } = await this.#prepareTransport(participantId, direction);
    const transport = await this.#call(router, 'options', () =>
      router.createPlainTransport({ ...plainTransportOptions(this.#config, options), appData: { participantId, direction } }),
    );
    this.#adoptTransport(router, participant, { type: 'plain', direction, transport, connected: false });
    return plainTransportParams(transport, this.#config.announcedIp);
  }

  async connectWebRtcTransport(
    participantId: string,
    transportId: string,
    dtlsParameters: ms.DtlsParameters,
  ): Promise<void> {
    const router = await this.#liveRouter();
    const tracked = this.#transport(participantId, transportId);
    if (tracked.type !== 'webrtc') {
      throw new MediaError('INVALID_ARGUMENT', `transport ${transportId} is not a WebRTC transport`, 'transportId');
    }
    if (
      typeof dtlsParameters !== 'object' ||
      dtlsParameters === null ||
      !Array.isArray(dtlsParameters.fingerprints) ||
      dtlsParameters.fingerprints.length === 0
    ) {
      throw new MediaError('INVALID_ARGUMENT', 'dtlsParameters must have a non-empty fingerprints list', 'dtlsParameters');
    }
    await this.#connectOnce(router, tracked, 'dtlsParameters', () => tracked.transport.connect({ dtlsParameters }));
  }

  /**
   * Points a plain transport at its remote endpoint (not needed with comedia). With SRTP enabled,
   * `srtpParameters` (the endpoint's key, for what the transport receives) is required.
   */
  async connectPlainTransport(
    participantId: string,
    transportId: string,
    remote: { ip: string; port: number; rtcpPort?: number; srtpParameters?: ms.SrtpParameters },
  ): Promise<void> {
    const router = await this.#liveRouter();
    const tracked = this.#transport(participantId, transportId);
    if (tracked.type !== 'plain') {
      throw new MediaError('INVALID_ARGUMENT', `transport ${transportId} is not a plain transport`, 'transportId');
    }
    await this.#connectOnce(router, tracked, 'remote', () => tracked.transport.connect(remote));
  }

  /** New ICE credentials for a client whose network changed; the client restarts ICE with them. */
  async restartIce(participantId: string, transportId: string): Promise<ms.IceParameters> {
    const router = await this.#liveRouter();
    const tracked = this.#transport(participantId, transportId);
    if (tracked.type !== 'webrtc') {
      throw new MediaError('INVALID_ARGUMENT', `transport ${transportId} is not a WebRTC transport`, 'transportId');
    }
    return this.#call(router, 'transportId', () => tracked.transport.restartIce());
  }

  async closeTransport(participantId: string, transportId: string): Promise<void> {
    await this.#liveRouter();
    const participant = this.#participants.get(participantId);
    const tracked = this.#transport(participantId, transportId);
    participant?.transports.delete(tracked.direction);
    tracked.transport.close();
  }

  async getTransportStats(
    participantId: string,
    transportId: string,
  ): Promise<Array<ms.WebRtcTransportStat | ms.PlainTransportStat>> {
    const router = await this.#liveRouter();
    const tracked = this.#transport(participantId, transportId);
    return this.#call<Array<ms.WebRtcTransportStat | ms.PlainTransportStat>>(router, 'transportId', () =>
      tracked.transport.getStats(),
    );
  }

  /** Publishes one track of a stream on the participant's send transport. */
  async produce(participantId: string, options: ProduceOptions): Promise<ProducerInfo> {
    requireString(participantId, 'participantId');
    checkStreamKey(options.streamKey, 'streamKey');
    checkKind(options.kind, 'kind');
    const { streamKey, kind } = options;
    const router = await this.#liveRouter();
    const participant = this.#participants.get(participantId);
    const send = participant?.transports.get('send');
    if (!participant || !send) {
      throw new MediaError('TRANSPORT_NOT_FOUND', `participant ${participantId} has no send transport`, 'transportId');
    }
    const key = producerKey(streamKey, kind);
    if (participant.producers.has(key) || participant.pending.has(key)) {
      throw new MediaError('ALREADY_PUBLISHED', `participant ${participantId} already publishes ${kind} in stream "${streamKey}"`, 'kind');
    }
    participant.pending.add(key);
    let producer: ms.Producer;
    try {
      const appData: ProducerAppData = { participantId, streamKey };
      producer = await this.#call(router, 'rtpParameters', () =>
        send.transport.produce({ kind, rtpParameters: options.rtpParameters, paused: options.paused ?? false, appData }),
      );
    } finally {
      participant.pending.delete(key);
    }
    if (!this.#stillCurrent(router, participant, send)) {
      producer.close();
      throw this.#goneError(router, participantId);
    }
    participant.producers.set(key, producer);
    producer.on('transportclose', () => this.#forgetProducer(router, participant, key, producer, 'transportClosed'));
    if (kind === 'audio') {
      await this.#call(router, 'kind', async () => this.#speakers?.add(producer));
    }
    return producerInfo(producer);
  }

  /** Stops forwarding a track to every subscriber (server-side mute) without unpublishing it. */
  async pauseProducer(track: TrackRef): Promise<void> {
    const router = await this.#liveRouter();
    const producer = this.#producer(track);
    await this.#call(router, 'track', () => producer.pause());
  }

  async resumeProducer(track: TrackRef): Promise<void> {
    const router = await this.#liveRouter();
    const producer = this.#producer(track);
    await this.#call(router, 'track', () => producer.resume());
  }

  /** Unpublishes one track, or both tracks of the stream when `kind` is left out. */
  async closeProducer(participantId: string, streamKey: StreamKey, kind?: ms.MediaKind): Promise<void> {
    const router = await this.#liveRouter();
    const participant = this.#participants.get(participantId);
    const kinds: ms.MediaKind[] = kind ? [kind] : ['audio', 'video'];
    const found = kinds.flatMap((k) => {
      const key = producerKey(streamKey, k);
      const producer = participant?.producers.get(key);
      return producer ? [{ key, producer }] : [];
    });
    if (!participant || found.length === 0) {
      throw new MediaError(
        'PRODUCER_NOT_FOUND',
        `participant ${participantId} publishes no ${kind ?? 'track'} in stream "${streamKey}"`,
        'streamKey',
      );
    }
    for (const { key, producer } of found) {
      producer.close();
      this.#forgetProducer(router, participant, key, producer, 'requested');
    }
  }

  async getProducerStats(track: TrackRef): Promise<ms.ProducerStat[]> {
    const router = await this.#liveRouter();
    const producer = this.#producer(track);
    return this.#call(router, 'track', () => producer.getStats());
  }

  /**
   * Creates a consumer, paused, on the subscriber's recv transport: the subscriber resumes it once
   * its own consumer exists, so that no packet (and no key frame) is sent into the void.
   */
  async consume(subscriberId: string, options: ConsumeOptions): Promise<ConsumerParams> {
    requireString(subscriberId, 'subscriberId');
    checkTrack(options.track, 'track');
    const track: TrackRef = { ...options.track };
    const router = await this.#liveRouter();
    const subscriber = this.#participants.get(subscriberId);
    const recv = subscriber?.transports.get('recv');
    if (!subscriber || !recv) {
      throw new MediaError('TRANSPORT_NOT_FOUND', `participant ${subscriberId} has no recv transport`, 'transportId');
    }
    const producer = this.#producer(track);
    const key = trackKey(track);
    if (subscriber.consumers.has(key) || subscriber.pending.has(key)) {
      throw new MediaError('ALREADY_SUBSCRIBED', `participant ${subscriberId} already receives the ${describe(track)}`, 'track');
    }
    if (!router.canConsume({ producerId: producer.id, rtpCapabilities: options.rtpCapabilities })) {
      const codec = producer.rtpParameters.codecs[0]?.mimeType ?? 'unknown codec';
      throw new MediaError(
        'CANNOT_CONSUME',
        `participant ${subscriberId} cannot receive the ${describe(track)}: its rtpCapabilities do not support ${codec}`,
        'rtpCapabilities',
      );
    }
    subscriber.pending.add(key);
    let consumer: ms.Consumer;
    try {
      consumer = await this.#call(router, 'rtpCapabilities', () =>
        recv.transport.consume({
          producerId: producer.id,
          rtpCapabilities: options.rtpCapabilities,
          paused: true,
          ...(options.preferredLayers ? { preferredLayers: options.preferredLayers } : {}),
          appData: { subscriberId, ...track },
        }),
      );
    } finally {
      subscriber.pending.delete(key);
    }
    if (!this.#stillCurrent(router, subscriber, recv)) {
      consumer.close();
      throw this.#goneError(router, subscriberId);
    }
    subscriber.consumers.set(key, consumer);
    consumer.on('producerclose', () => this.#forgetConsumer(router, subscriber, key, consumer, track, 'producerClosed'));
    consumer.on('transportclose', () => this.#forgetConsumer(router, subscriber, key, consumer, track, 'transportClosed'));
    consumer.on('layerschange', (layers?: ms.ConsumerLayers) =>
      this.emit('consumerLayersChanged', { roomId: this.roomId, subscriberId, track, layers }),
    );
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
    const router = await this.#liveRouter();
    const consumer = this.#consumer(subscriberId, track);
    await this.#call(router, 'track', () => consumer.resume());
  }

  async pauseConsumer(subscriberId: string, track: TrackRef): Promise<void> {
    const router = await this.#liveRouter();
    const consumer = this.#consumer(subscriberId, track);
    await this.#call(router, 'track', () => consumer.pause());
  }

  /**
   * Picks the simulcast/SVC layer a subscriber receives (0 = lowest). The switch happens at the
   * next key frame of that layer. Resolves with the preferred layers now in force: undefined for a
   * single-layer stream, where there is nothing to choose.
   */
  async setPreferredLayers(
    subscriberId: string,
    track: TrackRef,
    layers: ms.ConsumerLayers,
  ): Promise<ms.ConsumerLayers | undefined> {
    const isLayer = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
    if (!isLayer(layers?.spatialLayer)) {
      throw new MediaError('INVALID_ARGUMENT', 'layers.spatialLayer must be an integer >= 0', 'layers.spatialLayer');
    }
    if (layers.temporalLayer !== undefined && !isLayer(layers.temporalLayer)) {
      throw new MediaError('INVALID_ARGUMENT', 'layers.temporalLayer must be an integer >= 0', 'layers.temporalLayer');
    }
    const router = await this.#liveRouter();
    const consumer = this.#consumer(subscriberId, track);
    if (consumer.type === 'simple') return undefined;
    await this.#call(router, 'layers', () => consumer.setPreferredLayers(layers));
    return consumer.preferredLayers;
  }

  async closeConsumer(subscriberId: string, track: TrackRef): Promise<void> {
    const router = await this.#liveRouter();
    const consumer = this.#consumer(subscriberId, track);
    const subscriber = this.#participants.get(subscriberId);
    consumer.close();
    if (subscriber) this.#forgetConsumer(router, subscriber, trackKey(track), consumer, track, 'requested');
  }

  async getConsumerStats(subscriberId: string, track: TrackRef): Promise<Array<ms.ConsumerStat | ms.ProducerStat>> {
    const router = await this.#liveRouter();
    const consumer = this.#consumer(subscriberId, track);
    return this.#call(router, 'track', () => consumer.getStats());
  }

  /** Asks the publisher for a key frame for this consumer (a recorder needs one to start). */
  async requestKeyFrame(subscriberId: string, track: TrackRef): Promise<void> {
    const consumer = this.#consumer(subscriberId, track);
    if (consumer.kind === 'video') await consumer.requestKeyFrame();
  }

  /** Whether the subscriber has a consumer of this track (the media layer drops it when the producer goes). */
  hasConsumer(subscriberId: string, track: TrackRef): boolean {
    return this.#participants.get(subscriberId)?.consumers.has(trackKey(track)) ?? false;
  }

  /** A participant left: its transports close, and with them its producers and consumers. */
  removeParticipant(participantId: string): void {
    const participant = this.#participants.get(participantId);
    if (!participant) return;
    this.#participants.delete(participantId);
    participant.close();
  }

  /** Ends the room's media: the router closes with everything on it. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#participants.clear();
    this.#router?.close();
    this.#router = undefined;
    this.#speakers = undefined;
    this.#routerSlot.reject(this.#closedError());
    this.emit('closed', { roomId: this.roomId });
  }

  #onRouterLost(router: ms.Router): void {
    if (router !== this.#router) return;
    const participantIds = [...this.#participants.keys()];
    this.#participants.clear();
    this.#router = undefined;
    this.#speakers = undefined;
    this.#routerSlot = routerSlot();
    this.emit('lost', { roomId: this.roomId, participantIds });
  }

  async #liveRouter(): Promise<ms.Router> {
    if (this.#closed) throw this.#closedError();
    return this.#routerSlot.promise;
  }

  #closedError(): MediaError {
    return new MediaError('ROOM_CLOSED', `the media of room ${this.roomId} is closed`);
  }

  #goneError(router: ms.Router, participantId: string): MediaError {
    if (this.#closed) return this.#closedError();
    if (router !== this.#router) {
      return new MediaError('MEDIA_LOST', `the media worker of room ${this.roomId} died during the operation: rejoin`);
    }
    return new MediaError('TRANSPORT_NOT_FOUND', `the transport of participant ${participantId} closed during the operation`, 'transportId');
  }

  /** Whether what an awaited call created still belongs here (the room, router and transport live on). */
  #stillCurrent(router: ms.Router, participant: ParticipantMedia, tracked: TrackedTransport): boolean {
    return (
      !this.#closed &&
      router === this.#router &&
      this.#participants.get(participant.id) === participant &&
      participant.transports.get(tracked.direction) === tracked &&
      !tracked.transport.closed
    );
  }

  /** Runs one mediasoup call and turns its failure into a MediaError naming `field`. */
  async #call<T>(router: ms.Router, field: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof MediaError) throw error;
      if (this.#closed) throw this.#closedError();
      const message = error instanceof Error ? error.message : String(error);
      if (router.closed || router !== this.#router) {
        throw new MediaError('MEDIA_LOST', `the media worker of room ${this.roomId} died: rejoin (${message})`, undefined, {
          cause: error,
        });
      }
      // mediasoup rejects bad parameters with TypeError (validation) or UnsupportedError (codecs).
      if (error instanceof TypeError || (error instanceof Error && error.name === 'UnsupportedError')) {
        throw new MediaError('INVALID_ARGUMENT', `${field}: ${message}`, field, { cause: error });
      }
      throw new MediaError('MEDIA_FAILURE', message, undefined, { cause: error });
    }
  }

  async #prepareTransport(
    participantId: string,
    direction: TransportDirection,
  ): Promise<{ router: ms.Router; participant: ParticipantMedia }> {
    requireString(participantId, 'participantId');
    if (direction !== 'send' && direction !== 'recv') {
      throw new MediaError('INVALID_ARGUMENT', `direction must be send or recv, got ${String(direction)}`, 'direction');
    }
    const router = await this.#liveRouter();
    let participant = this.#participants.get(participantId);
    if (!participant) {
      participant = new ParticipantMedia(participantId);
      this.#participants.set(participantId, participant);
    }
    return { router, participant };
  }

  #adoptTransport(router: ms.Router, participant: ParticipantMedia, tracked: TrackedTransport): void {
    if (this.#closed || router !== this.#router || this.#participants.get(participant.id) !== participant) {
      tracked.transport.close();
      throw this.#goneError(router, participant.id);
    }
    const previous = participant.transports.get(tracked.direction);
    participant.transports.set(tracked.direction, tracked);
    previous?.transport.close();
  }

  async #connectOnce(
    router: ms.Router,
    tracked: TrackedTransport,
    field: string,
    connect: () => Promise<void>,
  ): Promise<void> {
    if (tracked.connected) {
      throw new MediaError('ALREADY_CONNECTED', `transport ${tracked.transport.id} is already connected`, 'transportId');
    }
    tracked.connected = true;
    try {
      await this.#call(router, field, connect);
    } catch (error) {
      tracked.connected = false;
      throw error;
    }
  }

  #transport(participantId: string, transportId: string): TrackedTransport {
    const tracked = this.#participants.get(participantId)?.transportById(transportId);
    if (!tracked || tracked.transport.closed) {
      throw new MediaError('TRANSPORT_NOT_FOUND', `participant ${participantId} has no transport ${transportId}`, 'transportId');
    }
    return tracked;
  }

  #producer(track: TrackRef): ms.Producer {
    checkTrack(track, 'track');
    const producer = this.#participants.get(track.participantId)?.producers.get(producerKey(track.streamKey, track.kind));
    if (!producer) throw new MediaError('PRODUCER_NOT_FOUND', `nobody publishes the ${describe(track)}`, 'track');
    return producer;
  }

  #consumer(subscriberId: string, track: TrackRef): ms.Consumer {
    checkTrack(track, 'track');
    const consumer = this.#participants.get(subscriberId)?.consumers.get(trackKey(track));
    if (!consumer) {
      throw new MediaError('CONSUMER_NOT_FOUND', `participant ${subscriberId} does not receive the ${describe(track)}`, 'track');
    }
    return consumer;
  }

  // Closures caused by the room itself closing or its worker dying are reported once, as `closed`
  // or `lost`, not as one event per object: mediasoup marks the router closed before closing them.
  #reportable(router: ms.Router): boolean {
    return !this.#closed && !router.closed && router === this.#router;
  }

  #forgetProducer(
    router: ms.Router,
    participant: ParticipantMedia,
    key: string,
    producer: ms.Producer,
    reason: ProducerCloseReason,
  ): void {
    if (participant.producers.get(key) !== producer) return;
    participant.producers.delete(key);
    if (this.#reportable(router)) {
      this.emit('producerClosed', { roomId: this.roomId, track: trackOf(producer), producerId: producer.id, reason });
    }
  }

  #forgetConsumer(
    router: ms.Router,
    subscriber: ParticipantMedia,
    key: string,
    consumer: ms.Consumer,
    track: TrackRef,
    reason: ConsumerCloseReason,
  ): void {
    if (subscriber.consumers.get(key) !== consumer) return;
    subscriber.consumers.delete(key);
    if (this.#reportable(router)) {
      this.emit('consumerClosed', { roomId: this.roomId, subscriberId: subscriber.id, track, consumerId: consumer.id, reason });
    }
  }
}
