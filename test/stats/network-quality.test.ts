// The 0..5 network quality of a participant, on the SDK's scale, and the rates of a room reading.
import { describe, expect, it } from 'vitest';
import type { PeerStatsReading, RtpTrackReading } from '../../media/index.js';
import { networkQuality, QUALITY_BANDS, scoreGrade, type LinkImpairments } from '../../server/stats/network-quality.js';
import { roomReading, type Counters } from '../../server/stats/room-stats-reading.js';

const clean: LinkImpairments = { lossPercent: 0, rttMs: 20, jitterMs: 5, score: 10, broken: false };

describe('networkQuality', () => {
  it('is 5 for a clean link and 0 for a broken one, whatever else it shows', () => {
    expect(networkQuality(clean)).toBe(5);
    expect(networkQuality({ ...clean, broken: true })).toBe(0);
    // Nothing measured but a working link: nothing takes it down.
    expect(networkQuality({ lossPercent: 0, rttMs: null, jitterMs: null, score: null, broken: false })).toBe(5);
  });

  it('grades loss, RTT and jitter each by the worst band they fall into, on the SDK’s limits', () => {
    expect(QUALITY_BANDS[0]).toEqual([1, 150, 20]);
    expect(networkQuality({ ...clean, lossPercent: 1 })).toBe(5);
    expect(networkQuality({ ...clean, lossPercent: 2 })).toBe(4);
    expect(networkQuality({ ...clean, lossPercent: 5 })).toBe(3);
    expect(networkQuality({ ...clean, lossPercent: 10 })).toBe(2);
    expect(networkQuality({ ...clean, lossPercent: 20 })).toBe(1);
    expect(networkQuality({ ...clean, lossPercent: 30 })).toBe(0);
    expect(networkQuality({ ...clean, rttMs: 300 })).toBe(3);
    expect(networkQuality({ ...clean, jitterMs: 200 })).toBe(1);
    expect(networkQuality({ ...clean, rttMs: 2000 })).toBe(0);
    // The worst impairment decides: good loss does not make up for bad RTT.
    expect(networkQuality({ ...clean, lossPercent: 0, rttMs: 600, jitterMs: 1 })).toBe(2);
  });

  it('is capped by mediasoup’s score, halved', () => {
    expect([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map(scoreGrade)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0]);
    expect(networkQuality({ ...clean, score: 6 })).toBe(3);
    expect(networkQuality({ ...clean, lossPercent: 10, score: 10 })).toBe(2);
    expect(networkQuality({ ...clean, score: 0 })).toBe(0);
  });
});

const track = (over: Partial<RtpTrackReading> = {}): RtpTrackReading => ({
  id: 'producer-1',
  track: { participantId: 'ann', streamKey: 'self', kind: 'video' },
  paused: false,
  byteCount: 0,
  packetCount: 0,
  packetsLost: 0,
  fractionLost: 0,
  bitrate: 123_000,
  jitterMs: 4,
  rttMs: null,
  score: 10,
  ...over,
});

const room = { roomId: 'room', sessionId: 'session', participants: [{ id: 'ann', context: 'Ann', joinedAt: new Date(0) }] };
const peer = (producers: RtpTrackReading[]): PeerStatsReading[] => [{ participantId: 'ann', producers, consumers: [], transports: [] }];

describe('a room reading', () => {
  it('takes mediasoup’s own bitrate on the first reading, then the byte counts between two', () => {
    const first = roomReading(room, peer([track({ byteCount: 10_000, packetCount: 100, fractionLost: 64 / 256 })]), new Map(), 1000);
    const published = first.snapshot.participants[0]!.published[0]!;
    expect(published.bitrate).toBe(123_000);
    expect(published.lossPercent).toBe(25);
    expect(first.counters.get('producer-1')).toEqual({ byteCount: 10_000, packetCount: 100, packetsLost: 0, atMs: 1000 });

    // 250 000 bytes in 2 s = 1 Mbit/s; 5 lost of 100 expected = 5 %.
    const second = roomReading(room, peer([track({ byteCount: 260_000, packetCount: 195, packetsLost: 5 })]), first.counters, 3000);
    const p = second.snapshot.participants[0]!;
    expect(p.published[0]).toMatchObject({ bitrate: 1_000_000, lossPercent: 5, packetsLost: 5, jitterMs: 4 });
    expect(p.networkQuality).toBe(3);
    expect(second.snapshot.at).toEqual(new Date(3000));
  });

  it('grades 0 a published track that carried nothing since the previous reading, unless paused', () => {
    const previous = new Map<string, Counters>([['producer-1', { byteCount: 5000, packetCount: 50, packetsLost: 0, atMs: 0 }]]);
    const stalled = roomReading(room, peer([track({ byteCount: 5000, packetCount: 50 })]), previous, 2000);
    expect(stalled.snapshot.participants[0]!.networkQuality).toBe(0);
    expect(stalled.snapshot.participants[0]!.published[0]!.bitrate).toBe(0);
    const paused = roomReading(room, peer([track({ byteCount: 5000, packetCount: 50, paused: true })]), previous, 2000);
    // A paused track is not judged: with nothing else to judge, there is no grade.
    expect(paused.snapshot.participants[0]!.networkQuality).toBeNull();
  });

  it('lists every live participant, with empty media for one that has none yet', () => {
    const two = { ...room, participants: [...room.participants, { id: 'bob', context: null, joinedAt: new Date(0) }] };
    const { snapshot } = roomReading(two, peer([track()]), new Map(), 0);
    expect(snapshot.participants.map((p) => p.participantId)).toEqual(['ann', 'bob']);
    expect(snapshot.participants[1]).toMatchObject({ published: [], received: [], transports: [], networkQuality: null, rttMs: null });
  });
});
