import type { ConsumerReading, MediaKind, PeerStatsReading, RtpTrackReading, StreamKey, TransportReading } from '../../media/index.js';
import { networkQuality, type NetworkQuality } from './network-quality.js';

/** How one track fared over the period since the previous reading. */
export interface TrackFigures {
  /** Bits per second: from the byte counts of this reading and the previous one; mediasoup's own last-second figure when there is no previous one. */
  bitrate: number;
  /** Packets lost since the track started. */
  packetsLost: number;
  /** Packets lost over the period, % of those expected. */
  lossPercent: number;
  jitterMs: number | null;
  rttMs: number | null;
  score: number;
  paused: boolean;
}

export interface PublishedTrackStats extends TrackFigures {
  producerId: string;
  streamKey: StreamKey;
  kind: MediaKind;
}

export interface ReceivedTrackStats extends TrackFigures {
  consumerId: string;
  fromParticipantId: string;
  streamKey: StreamKey;
  kind: MediaKind;
  producerScore: number;
  producerPaused: boolean;
  spatialLayer: number | null;
  temporalLayer: number | null;
}

export type TransportStats = TransportReading;

export interface ParticipantStats {
  participantId: string;
  context: string | null;
  joinedAt: Date;
  networkQuality: NetworkQuality | null;
  rttMs: number | null;
  published: PublishedTrackStats[];
  received: ReceivedTrackStats[];
  transports: TransportStats[];
}

export interface RoomStatsSnapshot {
  roomId: string;
  sessionId: string | null;
  at: Date;
  participants: ParticipantStats[];
}

/** A live participant, as the live room knows it. */
export interface LiveParticipant {
  id: string;
  context: string | null;
  joinedAt: Date;
}

/** The counters of one producer or consumer at a reading, to compute the next reading's rates. */
export interface Counters {
  byteCount: number;
  packetCount: number;
  packetsLost: number;
  atMs: number;
}

/** Counters older than this are not a previous reading any more (a watcher came back much later). */
export const MAX_RATE_WINDOW_MS = 65_000;

type Direction = 'in' | 'out';

function figures(r: RtpTrackReading, direction: Direction, previous: Counters | undefined, atMs: number): TrackFigures & { broken: boolean } {
  const dtMs = previous ? atMs - previous.atMs : 0;
  const usable = previous && dtMs > 0 && dtMs <= MAX_RATE_WINDOW_MS && r.byteCount >= previous.byteCount && r.packetCount >= previous.packetCount;
  let bitrate = r.bitrate;
  let lossPercent = r.fractionLost * 100;
  let broken = false;
  if (usable) {
    const dBytes = r.byteCount - previous.byteCount;
    const dPackets = r.packetCount - previous.packetCount;
    const dLost = Math.max(0, r.packetsLost - previous.packetsLost);
    bitrate = (8 * dBytes) / (dtMs / 1000);
    // A producer counts what arrived and what it found missing; a consumer, what it sent and what its receiver reports lost.
    const expected = direction === 'in' ? dPackets + dLost : Math.max(dPackets, dLost);
    lossPercent = expected > 0 ? (100 * dLost) / expected : 0;
    broken = direction === 'in' && !r.paused && dPackets === 0 && dtMs >= 1000;
  }
  return {
    bitrate: Math.round(bitrate),
    packetsLost: r.packetsLost,
    lossPercent: Math.round(lossPercent * 100) / 100,
    jitterMs: r.jitterMs,
    rttMs: r.rttMs === null ? null : Math.round(r.rttMs * 10) / 10,
    score: r.score,
    paused: r.paused,
    broken,
  };
}

const mean = (values: number[]) => (values.length ? Math.round((10 * values.reduce((a, b) => a + b, 0)) / values.length) / 10 : null);

function participantStats(p: LiveParticipant, media: PeerStatsReading | undefined, previous: ReadonlyMap<string, Counters>, atMs: number): ParticipantStats {
  const published = (media?.producers ?? []).map((r) => {
    const { broken, ...f } = figures(r, 'in', previous.get(r.id), atMs);
    return { stats: { producerId: r.id, streamKey: r.track.streamKey, kind: r.track.kind, ...f }, broken };
  });
  const received = (media?.consumers ?? []).map((r: ConsumerReading): ReceivedTrackStats => {
    const { broken: _, ...f } = figures(r, 'out', previous.get(r.id), atMs);
    return {
      consumerId: r.id,
      fromParticipantId: r.track.participantId,
      streamKey: r.track.streamKey,
      kind: r.track.kind,
      ...f,
      producerScore: r.producerScore,
      producerPaused: r.producerPaused,
      spatialLayer: r.currentLayers?.spatialLayer ?? null,
      temporalLayer: r.currentLayers?.temporalLayer ?? null,
    };
  });
  // The RTT of the participant's path: what RTCP gave on its consumers (receiver reports), else on its producers.
  const rttOf = (tracks: TrackFigures[]) => mean(tracks.map((t) => t.rttMs).filter((v): v is number => v !== null));
  const rttMs = rttOf(received) ?? rttOf(published.map((p) => p.stats));
  // Only tracks that should carry media count: not paused by anyone.
  const flowing = [...published.filter((p) => !p.stats.paused).map((p) => p.stats), ...received.filter((r) => !r.paused && !r.producerPaused)];
  const jitters = published.filter((p) => !p.stats.paused && p.stats.jitterMs !== null).map((p) => p.stats.jitterMs!);
  const quality =
    flowing.length === 0 && rttMs === null
      ? null
      : networkQuality({
          lossPercent: Math.max(0, ...flowing.map((t) => t.lossPercent)),
          rttMs,
          jitterMs: jitters.length ? Math.max(...jitters) : null,
          score: flowing.length ? Math.min(...flowing.map((t) => t.score)) : null,
          broken: published.some((p) => p.broken),
        });
  return {
    participantId: p.id,
    context: p.context,
    joinedAt: p.joinedAt,
    networkQuality: quality,
    rttMs,
    published: published.map((p) => p.stats),
    received,
    transports: media?.transports ?? [],
  };
}

/**
 * One reading of a room: every live participant with its media's figures, the rates computed
 * against the counters of the previous reading. Returns the counters for the next one.
 */
export function roomReading(
  room: { roomId: string; sessionId: string | null; participants: LiveParticipant[] },
  media: PeerStatsReading[],
  previous: ReadonlyMap<string, Counters>,
  atMs: number,
): { snapshot: RoomStatsSnapshot; counters: Map<string, Counters> } {
  const byParticipant = new Map(media.map((m) => [m.participantId, m]));
  const counters = new Map<string, Counters>();
  for (const m of media) {
    for (const r of [...m.producers, ...m.consumers]) counters.set(r.id, { byteCount: r.byteCount, packetCount: r.packetCount, packetsLost: r.packetsLost, atMs });
  }
  return {
    snapshot: {
      roomId: room.roomId,
      sessionId: room.sessionId,
      at: new Date(atMs),
      participants: room.participants.map((p) => participantStats(p, byParticipant.get(p.id), previous, atMs)),
    },
    counters,
  };
}
