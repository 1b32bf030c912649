import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import { MediaError } from './errors.js';
import type { PeerMediaObjects } from './media-stats.js';
import { TrackMap } from './track-map.js';
import type { ConsumerCloseReason, ConsumerParams, ProduceOptions, ProducerCloseReason, ProducerInfo, StreamKey, TrackRef, TransportDirection } from './types.js';
import { describeTrack } from './validation.js';

export type PeerTransport =
  | { type: 'webrtc'; direction: TransportDirection; transport: ms.WebRtcTransport; connected: boolean }
  /** `kind`: a send transport that carries only that kind (an ingest, where audio and video come from two senders). */
  | { type: 'plain'; direction: TransportDirection; kind?: ms.MediaKind; transport: ms.PlainTransport; connected: boolean };

/** Where a peer keeps a transport: one per direction, plus one per kind for an ingest's sends. */
type Slot = TransportDirection | `send:${ms.MediaKind}`;

function slotOf(tracked: PeerTransport): Slot {
  return tracked.type === 'plain' && tracked.kind ? `send:${tracked.kind}` : tracked.direction;
}

export interface MediaPeerObserverEvents {
  /** Not emitted for closures the router causes (room closed, worker died): the room reports those once. */
  producerclose: [event: { track: TrackRef; producerId: string; reason: ProducerCloseReason }];
  consumerclose: [event: { track: TrackRef; consumerId: string; reason: ConsumerCloseReason }];
  consumerlayerschange: [event: { track: TrackRef; layers: ms.ConsumerLayers | undefined }];
  close: [];
}

/** What a peer needs of the router it lives on. */
export interface PeerRouter {
  readonly router: ms.Router;
  /** Runs one mediasoup call, its failure turned into a MediaError naming `field`. */
  call<T>(field: string, operation: () => Promise<T>): Promise<T>;
  /** Whether the router still stands; when it does not, closures are the room's to report. */
  isCurrent(): boolean;
  /** Why something created during an await no longer belongs to this peer. */
  goneError(participantId: string): MediaError;
}

interface ProducerAppData {
  participantId: string;
  streamKey: StreamKey;
}

export function trackOf(producer: ms.Producer): TrackRef {
  const { participantId, streamKey } = producer.appData as ProducerAppData;
  return { participantId, streamKey, kind: producer.kind };
}

export function producerInfo(producer: ms.Producer): ProducerInfo {
  return { ...trackOf(producer), producerId: producer.id, paused: producer.paused, type: producer.type };
}

/** What a subscriber needs to build its side of `consumer`. */
export function consumerParams(consumer: ms.Consumer, track: TrackRef): ConsumerParams {
  const { id, producerId, kind, rtpParameters, type, producerPaused } = consumer;
  return { id, producerId, kind, rtpParameters, type, producerPaused, track };
}

/**
 * One participant's media in one room: at most one transport per direction, the producers on its
 * send transport and the consumers on its recv transport. It belongs to the room's main router:
 * when that worker dies the room drops the peer, and the participant gets a new one. In a big room
 * its recv transport may live on another router of the room (router-set.ts); losing that one
 * costs the peer its recv side only (recvLost()).
 *
 * close() closes the transports, and mediasoup closes their producers and consumers with them;
 * each closure is reported on `observer` (and the consumers other peers had of this peer's
 * producers close in turn, as the worker notifies them).
 */
export class MediaPeer {
  readonly id: string;
  readonly observer = new EventEmitter<MediaPeerObserverEvents>();
  readonly #router: PeerRouter;
  // The router each direction's transport lives on, when it is not the main one.
  readonly #routers = new Map<Slot, PeerRouter>();
  readonly #transports = new Map<Slot, PeerTransport>();
  readonly #producers = new TrackMap<ms.Producer>();
  readonly #consumers = new TrackMap<ms.Consumer>();
  // Tracks being created, so that two concurrent requests cannot both pass the duplicate check.
  readonly #pendingProducers = new TrackMap<true>();
  readonly #pendingConsumers = new TrackMap<true>();
  #closed = false;

  constructor(id: string, router: PeerRouter) {
    this.id = id;
    this.#router = router;
  }

  get closed(): boolean {
    return this.#closed;
  }

  transport(direction: TransportDirection): PeerTransport | undefined {
    return this.#transports.get(direction);
  }

  /**
   * The open transport with this id; TRANSPORT_NOT_FOUND for another peer's or a closed one,
   * INVALID_ARGUMENT when it is not of `type`.
   */
  transportById<T extends PeerTransport['type']>(transportId: string, type?: T): Extract<PeerTransport, { type: T }> {
    const tracked = [...this.#transports.values()].find((t) => t.transport.id === transportId && !t.transport.closed);
    if (!tracked) throw new MediaError('TRANSPORT_NOT_FOUND', `participant ${this.id} has no transport ${transportId}`, 'transportId');
    if (type && tracked.type !== type) {
      const what = type === 'webrtc' ? 'a WebRTC' : 'a plain';
      throw new MediaError('INVALID_ARGUMENT', `transport ${transportId} is not ${what} transport`, 'transportId');
    }
    return tracked as Extract<PeerTransport, { type: T }>;
  }

  requireTransport(direction: TransportDirection): PeerTransport {
    const tracked = this.#transports.get(direction);
    if (!tracked) throw noTransport(this.id, direction);
    return tracked;
  }

  /**
   * Takes a new transport for its direction, created on `router` (the main one unless given); the
   * one it replaces closes with what was on it.
   */
  adoptTransport(tracked: PeerTransport, router: PeerRouter = this.#router): void {
    if (this.#closed || !this.#router.isCurrent() || !router.isCurrent()) {
      tracked.transport.close();
      throw (router.isCurrent() ? this.#router : router).goneError(this.id);
    }
    const slot = slotOf(tracked);
    const previous = this.#transports.get(slot);
    this.#transports.set(slot, tracked);
    this.#routers.set(slot, router);
    previous?.transport.close();
  }

  /** The router the transport of `direction` lives on, while there is one. */
  routerOf(direction: TransportDirection): PeerRouter | undefined {
    return this.#transports.has(direction) ? this.#routerFor(direction) : undefined;
  }

  /** The router `tracked` lives on, while this peer holds it. */
  routerOfTransport(tracked: PeerTransport): PeerRouter | undefined {
    const slot = slotOf(tracked);
    return this.#transports.get(slot) === tracked ? this.#routerFor(slot) : undefined;
  }

  consumerCount(): number {
    return this.#consumers.values().length;
  }

  /**
   * The recv transport's router went (its worker died) with the transport and its consumers:
   * forgotten silently, the room reports the loss once. The send side is untouched.
   */
  recvLost(): void {
    this.#transports.delete('recv');
    this.#routers.delete('recv');
    this.#consumers.clear();
  }

  closeTransport(tracked: PeerTransport): void {
    const slot = slotOf(tracked);
    if (this.#transports.get(slot) === tracked) {
      this.#transports.delete(slot);
      this.#routers.delete(slot);
    }
    tracked.transport.close();
  }

  producers(): ms.Producer[] {
    return this.#producers.values();
  }

  /** The open transports, producers and consumers, for reading their statistics. */
  objects(): PeerMediaObjects {
    return { transports: [...this.#transports.values()], producers: this.#producers.values(), consumers: this.#consumers.values() };
  }

  producer(track: TrackRef): ms.Producer | undefined {
    return this.#producers.get(track);
  }

  consumer(track: TrackRef): ms.Consumer | undefined {
    return this.#consumers.get(track);
  }

  hasConsumer(track: TrackRef): boolean {
    return this.#consumers.has(track);
  }

  /** Publishes one track on the send transport, or on the transport that carries its kind alone. */
  async produce(options: ProduceOptions): Promise<ms.Producer> {
    const { streamKey, kind } = options;
    const send = this.#transports.get(`send:${kind}`) ?? this.requireTransport('send');
    const track: TrackRef = { participantId: this.id, streamKey, kind };
    if (this.#producers.has(track) || this.#pendingProducers.has(track)) {
      throw new MediaError('ALREADY_PUBLISHED', `participant ${this.id} already publishes ${kind} in stream "${streamKey}"`, 'kind');
    }
    const appData: ProducerAppData = { participantId: this.id, streamKey };
    const producer = await this.#create(this.#pendingProducers, track, send, 'rtpParameters', () =>
      send.transport.produce({ kind, rtpParameters: options.rtpParameters, paused: options.paused ?? false, appData }),
    );
    this.#producers.set(track, producer);
    producer.on('transportclose', () => this.#forgetProducer(track, producer, 'transportClosed'));
    return producer;
  }

  /** Unpublishes the track: consumers of it on other peers close as the worker tells them. */
  closeProducer(track: TrackRef): void {
    const producer = this.#producers.get(track);
    if (!producer) return;
    producer.close();
    this.#forgetProducer(track, producer, 'requested');
  }

  /** ALREADY_SUBSCRIBED when this peer receives, or is about to receive, the track. */
  checkNotConsuming(track: TrackRef): void {
    if (this.#consumers.has(track) || this.#pendingConsumers.has(track)) {
      throw new MediaError('ALREADY_SUBSCRIBED', `participant ${this.id} already receives the ${describeTrack(track)}`, 'track');
    }
  }

  /** Receives `producer` on the recv transport, paused until the subscriber resumes it. */
  async consume(producer: ms.Producer, track: TrackRef, rtpCapabilities: ms.RtpCapabilities, preferredLayers: ms.ConsumerLayers | undefined): Promise<ms.Consumer> {
    const recv = this.requireTransport('recv');
    const via = this.#routerFor('recv');
    this.checkNotConsuming(track);
    const consumer = await this.#create(this.#pendingConsumers, track, recv, 'rtpCapabilities', () =>
      recv.transport.consume({
        producerId: producer.id,
        rtpCapabilities,
        paused: true,
        ...(preferredLayers ? { preferredLayers } : {}),
        appData: { subscriberId: this.id, ...track },
      }),
    );
    this.#consumers.set(track, consumer);
    consumer.on('producerclose', () => this.#forgetConsumer(track, consumer, via, 'producerClosed'));
    consumer.on('transportclose', () => this.#forgetConsumer(track, consumer, via, 'transportClosed'));
    consumer.on('layerschange', (layers?: ms.ConsumerLayers) => this.observer.emit('consumerlayerschange', { track, layers }));
    return consumer;
  }

  closeConsumer(track: TrackRef): void {
    const consumer = this.#consumers.get(track);
    if (!consumer) return;
    consumer.close();
    this.#forgetConsumer(track, consumer, this.#router, 'requested');
  }

  /** The participant left: its transports close, and with them its producers and consumers. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const { transport } of this.#transports.values()) transport.close();
    this.#transports.clear();
    this.observer.emit('close');
  }

  /**
   * The router closed (room closed, worker died) with everything on it. Nothing is reported per
   * producer or consumer: the room reports the whole loss once.
   */
  routerClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#producers.clear();
    this.#consumers.clear();
    this.#transports.clear();
    this.#routers.clear();
    this.observer.emit('close');
  }

  /**
   * Creates a producer or consumer of `track` on `tracked`. The track stays reserved meanwhile, and
   * what is created is closed again if the transport, peer or router went during the await.
   */
  async #create<T extends { close(): void }>(pending: TrackMap<true>, track: TrackRef, tracked: PeerTransport, field: string, create: () => Promise<T>): Promise<T> {
    pending.set(track, true);
    let created: T;
    try {
      created = await this.#routerFor(slotOf(tracked)).call(field, create);
    } finally {
      pending.delete(track);
    }
    if (!this.#owns(tracked)) {
      created.close();
      const router = this.#routerFor(slotOf(tracked));
      throw (router.isCurrent() ? this.#router : router).goneError(this.id);
    }
    return created;
  }

  /** Whether what an awaited call created on `tracked` still belongs here. */
  #owns(tracked: PeerTransport): boolean {
    const slot = slotOf(tracked);
    return !this.#closed && this.#router.isCurrent() && this.#routerFor(slot).isCurrent() && this.#transports.get(slot) === tracked && !tracked.transport.closed;
  }

  #routerFor(slot: Slot): PeerRouter {
    return this.#routers.get(slot) ?? this.#router;
  }

  #forgetProducer(track: TrackRef, producer: ms.Producer, reason: ProducerCloseReason): void {
    if (this.#producers.get(track) !== producer) return;
    this.#producers.delete(track);
    if (this.#router.isCurrent()) this.observer.emit('producerclose', { track, producerId: producer.id, reason });
  }

  /** `via`: the router the consumer lives on; when it is gone, so is the consumer, and the room reports that. */
  #forgetConsumer(track: TrackRef, consumer: ms.Consumer, via: PeerRouter, reason: ConsumerCloseReason): void {
    if (this.#consumers.get(track) !== consumer) return;
    this.#consumers.delete(track);
    if (this.#router.isCurrent() && via.isCurrent()) this.observer.emit('consumerclose', { track, consumerId: consumer.id, reason });
  }
}

export function noTransport(participantId: string, direction: TransportDirection): MediaError {
  return new MediaError('TRANSPORT_NOT_FOUND', `participant ${participantId} has no ${direction} transport`, 'transportId');
}
