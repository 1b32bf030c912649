import type { types as ms } from 'mediasoup';
import { trackOf, type PeerTransport } from './media-peer.js';
import type { TrackRef, TransportDirection } from './types.js';

/**
 * What mediasoup says of one RTP track at one moment: its counters since it started, for the
 * caller to turn into rates between two readings. A simulcast track's encodings are summed.
 */
export interface RtpTrackReading {
  /** The producer's or consumer's id: two readings of the same object can be told from a new one. */
  id: string;
  /** The published track (for a consumer: the track it receives). */
  track: TrackRef;
  /** Paused on the server: by its publisher (track off), a moderator, or (a consumer) its subscriber. */
  paused: boolean;
  /** Bytes and packets received (producer) or sent (consumer) since it started. */
  byteCount: number;
  packetCount: number;
  /** Packets lost since it started: as the server counts them (producer), or as the receiver reports them in RTCP (consumer). */
  packetsLost: number;
  /** The last RTCP fraction lost, 0..1. */
  fractionLost: number;
  /** mediasoup's own bitrate over its last second, bits/s. */
  bitrate: number;
  /** Interarrival jitter in ms as the server measures it (producers); mediasoup 3.8 keeps none for consumers. */
  jitterMs: number | null;
  /** RTT in ms from RTCP (receiver reports for consumers, XR for producers), where the endpoint sent them. */
  rttMs: number | null;
  /** mediasoup's score 0..10: for a simulcast producer, its best encoding's. */
  score: number;
}

export interface ConsumerReading extends RtpTrackReading {
  /** The score of the producer stream it forwards, 0..10. */
  producerScore: number;
  /** The simulcast/SVC layers it forwards now; undefined for a single-layer stream or while none is. */
  currentLayers: ms.ConsumerLayers | undefined;
  /** Paused because its publisher's track is. */
  producerPaused: boolean;
}

export interface TransportReading {
  direction: TransportDirection;
  type: 'webrtc' | 'plain';
  bytesReceived: number;
  bytesSent: number;
  /** mediasoup's own rates over its last second, bits/s. */
  recvBitrate: number;
  sendBitrate: number;
  /** The bandwidth estimate towards the endpoint, where transport-cc or REMB gives one. */
  availableOutgoingBitrate: number | null;
  /** ICE state (WebRTC transports); null for plain ones. */
  iceState: string | null;
}

/** One participant's media objects, read together. */
export interface PeerStatsReading {
  participantId: string;
  producers: RtpTrackReading[];
  consumers: ConsumerReading[];
  transports: TransportReading[];
}

/** A peer's open objects, as it holds them. */
export interface PeerMediaObjects {
  transports: PeerTransport[];
  producers: ms.Producer[];
  consumers: ms.Consumer[];
}

// An object closed between being listed and being read has nothing to say: it is left out.
async function read<T>(get: () => Promise<T>): Promise<T | undefined> {
  try {
    return await get();
  } catch {
    return undefined;
  }
}

function rtpTotals(stats: Array<ms.ProducerStat | ms.ConsumerStat>, type: 'inbound-rtp' | 'outbound-rtp') {
  const own = stats.filter((s) => s.type === type);
  const sum = (f: (s: ms.ProducerStat | ms.ConsumerStat) => number | undefined) => own.reduce((n, s) => n + (f(s) ?? 0), 0);
  const max = (f: (s: ms.ProducerStat | ms.ConsumerStat) => number | undefined) => {
    const values = own.map(f).filter((v): v is number => typeof v === 'number');
    return values.length ? Math.max(...values) : null;
  };
  return {
    byteCount: sum((s) => s.byteCount),
    packetCount: sum((s) => s.packetCount),
    packetsLost: sum((s) => Math.max(0, s.packetsLost)),
    fractionLost: (max((s) => s.fractionLost) ?? 0) / 256,
    bitrate: sum((s) => s.bitrate),
    jitterMs: type === 'inbound-rtp' ? max((s) => (s as ms.ProducerStat).jitter) : null,
    rttMs: max((s) => s.roundTripTime),
    score: max((s) => s.score) ?? 0,
  };
}

async function readProducer(producer: ms.Producer): Promise<RtpTrackReading | undefined> {
  const stats = await read(() => producer.getStats());
  if (!stats) return undefined;
  return { id: producer.id, track: trackOf(producer), paused: producer.paused, ...rtpTotals(stats, 'inbound-rtp') };
}

async function readConsumer(consumer: ms.Consumer): Promise<ConsumerReading | undefined> {
  const stats = await read(() => consumer.getStats());
  if (!stats) return undefined;
  const { score, producerScore } = consumer.score;
  const { participantId, streamKey } = consumer.appData as TrackRef;
  return {
    id: consumer.id,
    track: { participantId, streamKey, kind: consumer.kind },
    paused: consumer.paused,
    producerPaused: consumer.producerPaused,
    ...rtpTotals(stats, 'outbound-rtp'),
    score,
    producerScore,
    currentLayers: consumer.currentLayers,
  };
}

async function readTransport(t: PeerTransport): Promise<TransportReading | undefined> {
  const [stat] = (await read<Array<ms.WebRtcTransportStat | ms.PlainTransportStat>>(() => t.transport.getStats())) ?? [];
  if (!stat) return undefined;
  return {
    direction: t.direction,
    type: t.type,
    bytesReceived: stat.bytesReceived,
    bytesSent: stat.bytesSent,
    recvBitrate: stat.recvBitrate,
    sendBitrate: stat.sendBitrate,
    availableOutgoingBitrate: stat.availableOutgoingBitrate ?? null,
    iceState: 'iceState' in stat ? stat.iceState : null,
  };
}

/** mediasoup's last-second rates summed over transports, bits/s: what the server takes in and sends out. */
export interface TransportRates {
  recvBitrate: number;
  sendBitrate: number;
}

export async function readTransportRates(transports: PeerTransport[]): Promise<TransportRates> {
  const readings = present(await Promise.all(transports.map(readTransport)));
  return { recvBitrate: readings.reduce((n, r) => n + r.recvBitrate, 0), sendBitrate: readings.reduce((n, r) => n + r.sendBitrate, 0) };
}

const present = <T>(values: (T | undefined)[]): T[] => values.filter((v): v is T => v !== undefined);

/** Reads every object of a peer at once: one getStats() round trip each, in parallel. */
export async function readPeerStats(participantId: string, peer: PeerMediaObjects): Promise<PeerStatsReading> {
  const [producers, consumers, transports] = await Promise.all([
    Promise.all(peer.producers.map(readProducer)),
    Promise.all(peer.consumers.map(readConsumer)),
    Promise.all(peer.transports.map(readTransport)),
  ]);
  return { participantId, producers: present(producers), consumers: present(consumers), transports: present(transports) };
}
