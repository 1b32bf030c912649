import { Device, types as ms } from 'mediasoup-client';
import type { Logger } from './logger.js';
import { VideoRoomsError } from './errors.js';
import { pageHandlerFactory } from './media-capabilities.js';
import type { WireConsumerFragment, WireTransportFragment } from './generated/graphql.js';
import type { TrackKind } from './types.js';

/** What the media session asks of the server (over the SDK's one WebSocket). */
export interface MediaSignalling {
  connectTransport(transportId: string, dtlsParameters: unknown): Promise<void>;
  publish(streamKey: string, kind: TrackKind, rtpParameters: unknown): Promise<string>;
}

export type Direction = 'send' | 'recv';

export interface MediaSessionEvents {
  /** A transport's connection state changed (ICE restarts hang off this). */
  transportState(direction: Direction, transportId: string, state: ms.ConnectionState): void;
}

const producerKey = (streamKey: string, kind: TrackKind) => `${streamKey}:${kind}`;
const consumerKey = (participantId: string, streamKey: string, kind: TrackKind) => `${participantId}:${streamKey}:${kind}`;

// Three simulcast layers; Chrome drops the ones a small capture cannot fill.
const SIMULCAST: ms.RtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];

/** A transport's parameters from the wire (JSON) as mediasoup-client takes them. */
function transportOptions(t: WireTransportFragment): ms.TransportOptions {
  if (!t.id) throw new VideoRoomsError('UNKNOWN', 'the server sent a transport without an id');
  return {
    id: t.id,
    iceParameters: t.iceParameters as ms.IceParameters,
    iceCandidates: t.iceCandidates as ms.IceCandidate[],
    dtlsParameters: t.dtlsParameters as ms.DtlsParameters,
    sctpParameters: (t.sctpParameters ?? undefined) as ms.SctpParameters | undefined,
  };
}

/**
 * The browser side of the media: mediasoup-client's Device, one send and one recv transport,
 * producers by stream key and kind, consumers by publisher, stream key and kind. Transports are
 * replaced as a whole when the server hands out new ones (after its media was lost).
 */
export class MediaSession {
  private device: Device | null = null;
  private send: ms.Transport | null = null;
  private recv: ms.Transport | null = null;
  private readonly producers = new Map<string, ms.Producer>();
  private readonly consumers = new Map<string, ms.Consumer>();

  constructor(
    private readonly signalling: MediaSignalling,
    private readonly log: Logger,
    private readonly events: MediaSessionEvents,
  ) {}

  /** Loads the device once; the router's capabilities do not change for a room. */
  async load(routerRtpCapabilities: unknown): Promise<void> {
    if (this.device?.loaded) return;
    const device = new Device({ handlerFactory: pageHandlerFactory() });
    // JSON on the wire: the router's capabilities as mediasoup wrote them.
    await device.load({ routerRtpCapabilities: routerRtpCapabilities as ms.RtpCapabilities });
    this.device = device;
  }

  get rtpCapabilities(): ms.RtpCapabilities {
    if (!this.device) throw new Error('the media device is not loaded');
    return this.device.rtpCapabilities;
  }

  get canSend(): boolean {
    return !!this.send && !this.send.closed;
  }

  get canReceive(): boolean {
    return !!this.recv && !this.recv.closed;
  }

  transportIds(): { send?: string; recv?: string } {
    return { send: this.send?.id, recv: this.recv?.id };
  }

  /** Replaces both transports (closing the old ones with their producers and consumers). */
  setTransports(send: WireTransportFragment | null, recv: WireTransportFragment | null): void {
    this.closeTransports();
    if (!this.device) throw new Error('the media device is not loaded');
    if (send) {
      const t = this.device.createSendTransport(transportOptions(send));
      this.wire(t, 'send');
      t.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        this.signalling.publish(String(appData.streamKey), kind, rtpParameters).then((id) => callback({ id }), errback);
      });
      this.send = t;
    }
    if (recv) {
      const t = this.device.createRecvTransport(transportOptions(recv));
      this.wire(t, 'recv');
      this.recv = t;
    }
  }

  private wire(t: ms.Transport, direction: Direction): void {
    t.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.signalling.connectTransport(t.id, dtlsParameters).then(callback, errback);
    });
    t.on('connectionstatechange', (state) => {
      this.log.debug(`${direction} transport ${state}`);
      if (!t.closed) this.events.transportState(direction, t.id, state);
    });
  }

  async restartIce(transportId: string, iceParameters: unknown): Promise<void> {
    const t = [this.send, this.recv].find((x) => x?.id === transportId && !x.closed);
    if (t) await t.restartIce({ iceParameters: iceParameters as ms.IceParameters });
  }

  transportState(direction: Direction): ms.ConnectionState | undefined {
    return (direction === 'send' ? this.send : this.recv)?.connectionState;
  }

  async produce(streamKey: string, track: MediaStreamTrack, opts: { simulcast?: boolean } = {}): Promise<ms.Producer> {
    if (!this.send || this.send.closed) throw new Error('no send transport');
    const kind = track.kind as TrackKind;
    const producer = await this.send.produce({
      track,
      encodings: kind === 'video' && opts.simulcast ? SIMULCAST.map((e) => ({ ...e })) : undefined,
      codecOptions: kind === 'video' ? { videoGoogleStartBitrate: 1000 } : undefined,
      stopTracks: false,
      zeroRtpOnPause: true,
      disableTrackOnPause: false,
      appData: { streamKey },
    });
    this.producers.set(producerKey(streamKey, kind), producer);
    producer.on('transportclose', () => this.forgetProducer(streamKey, kind, producer));
    return producer;
  }

  producer(streamKey: string, kind: TrackKind): ms.Producer | undefined {
    const p = this.producers.get(producerKey(streamKey, kind));
    return p && !p.closed ? p : undefined;
  }

  closeProducer(streamKey: string, kind: TrackKind): void {
    const p = this.producers.get(producerKey(streamKey, kind));
    p?.close();
    this.producers.delete(producerKey(streamKey, kind));
  }

  private forgetProducer(streamKey: string, kind: TrackKind, producer: ms.Producer): void {
    if (this.producers.get(producerKey(streamKey, kind)) === producer) this.producers.delete(producerKey(streamKey, kind));
  }

  async consume(params: WireConsumerFragment): Promise<ms.Consumer> {
    if (!this.recv || this.recv.closed) throw new Error('no recv transport');
    if (!params.id || !params.producerId || !params.kind || !params.participantId || params.streamKey == null) {
      throw new VideoRoomsError('UNKNOWN', 'the server sent an incomplete consumer');
    }
    const kind = params.kind.toLowerCase() as TrackKind;
    const key = consumerKey(params.participantId, params.streamKey, kind);
    this.consumers.get(key)?.close();
    const consumer = await this.recv.consume({
      id: params.id,
      producerId: params.producerId,
      kind,
      rtpParameters: params.rtpParameters as ms.RtpParameters,
      appData: { participantId: params.participantId, streamKey: params.streamKey },
    });
    this.consumers.set(key, consumer);
    consumer.on('transportclose', () => {
      if (this.consumers.get(key) === consumer) this.consumers.delete(key);
    });
    return consumer;
  }

  consumer(participantId: string, streamKey: string, kind: TrackKind): ms.Consumer | undefined {
    const c = this.consumers.get(consumerKey(participantId, streamKey, kind));
    return c && !c.closed ? c : undefined;
  }

  closeConsumer(participantId: string, streamKey: string, kind: TrackKind): void {
    const key = consumerKey(participantId, streamKey, kind);
    this.consumers.get(key)?.close();
    this.consumers.delete(key);
  }

  /** Stats of both transports (the peer connections): RTT, candidate pairs, every RTP stream. */
  async transportStats(): Promise<{ send?: RTCStatsReport; recv?: RTCStatsReport }> {
    const [send, recv] = await Promise.all([
      this.send && !this.send.closed ? this.send.getStats().catch(() => undefined) : undefined,
      this.recv && !this.recv.closed ? this.recv.getStats().catch(() => undefined) : undefined,
    ]);
    return { send, recv };
  }

  closeTransports(): void {
    this.send?.close();
    this.recv?.close();
    this.send = null;
    this.recv = null;
    this.producers.clear();
    this.consumers.clear();
  }
}
