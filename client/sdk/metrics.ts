import type { ConnectionQualityLevel, NetworkMetricsEntry } from './types.js';

/** Loss, RTT and jitter of one link over one interval. */
export interface LinkSample {
  rttMs?: number;
  jitterMs?: number;
  packetsLost: number;
  packetsExpected: number;
}

/**
 * A 0..5 grade from loss, round-trip time and jitter, in the spirit of the E-model: each
 * impairment takes the grade down to the worst band it falls into. A link that carried nothing
 * it should have carried is broken (0).
 */
export function connectionQuality(s: LinkSample): ConnectionQualityLevel {
  const loss = s.packetsExpected > 0 ? (100 * s.packetsLost) / s.packetsExpected : 0;
  const rtt = s.rttMs ?? 0;
  const jitter = s.jitterMs ?? 0;
  const bands: [number, number, number][] = [
    // loss %, rtt ms, jitter ms: the limits of grades 5, 4, 3, 2, 1
    [1, 150, 20],
    [3, 250, 40],
    [6, 400, 80],
    [12, 700, 150],
    [25, 1500, 300],
  ];
  for (let i = 0; i < bands.length; i++) {
    const [l, r, j] = bands[i]!;
    if (loss <= l && rtt <= r && jitter <= j) return (5 - i) as ConnectionQualityLevel;
  }
  return 0;
}

interface Counter {
  lost: number;
  received: number;
}

/** An entry of an RTCStatsReport, with the fields read here (each entry type has some of them). */
interface Stat {
  type: string;
  id: string;
  state?: string;
  nominated?: boolean;
  selected?: boolean;
  currentRoundTripTime?: number;
  roundTripTime?: number;
  packetsLost?: number;
  packetsReceived?: number;
  fractionLost?: number;
  jitter?: number;
}

/** Reads RTCStatsReports into per-interval link samples, remembering counters between intervals. */
export class LinkMeter {
  private readonly previous = new Map<string, Counter>();

  /** RTT of the selected candidate pair, ms. */
  static rttMs(report: RTCStatsReport | undefined): number | undefined {
    if (!report) return undefined;
    let rtt: number | undefined;
    report.forEach((s: Stat) => {
      if (s.type === 'candidate-pair' && (s.nominated || s.selected) && s.state === 'succeeded' && typeof s.currentRoundTripTime === 'number') {
        rtt = s.currentRoundTripTime * 1000;
      }
    });
    return rtt;
  }

  /**
   * Sample of what arrived in `reports` (inbound-rtp) since the last call, with the id prefix
   * separating links that share this meter.
   */
  inbound(id: string, reports: (RTCStatsReport | undefined)[], rttMs: number | undefined): LinkSample & { seen: boolean } {
    let lost = 0;
    let expected = 0;
    let jitter: number | undefined;
    let seen = false;
    for (const report of reports) {
      report?.forEach((s: Stat) => {
        if (s.type !== 'inbound-rtp') return;
        seen = true;
        const key = `${id}:${s.id}`;
        const now: Counter = { lost: Math.max(0, s.packetsLost ?? 0), received: s.packetsReceived ?? 0 };
        const before = this.previous.get(key) ?? { lost: 0, received: 0 };
        this.previous.set(key, now);
        const dLost = Math.max(0, now.lost - before.lost);
        const dReceived = Math.max(0, now.received - before.received);
        lost += dLost;
        expected += dLost + dReceived;
        if (typeof s.jitter === 'number') jitter = Math.max(jitter ?? 0, s.jitter * 1000);
      });
    }
    return { rttMs, jitterMs: jitter, packetsLost: lost, packetsExpected: expected, seen };
  }

  /** Sample of how our sent streams arrive at the server (remote-inbound-rtp: RTCP receiver reports). */
  static outbound(report: RTCStatsReport | undefined, rttMs: number | undefined): LinkSample {
    let lossFraction = 0;
    let jitter: number | undefined;
    let rtt = rttMs;
    report?.forEach((s: Stat) => {
      if (s.type !== 'remote-inbound-rtp') return;
      if (typeof s.fractionLost === 'number') lossFraction = Math.max(lossFraction, s.fractionLost);
      if (typeof s.jitter === 'number') jitter = Math.max(jitter ?? 0, s.jitter * 1000);
      if (rtt === undefined && typeof s.roundTripTime === 'number') rtt = s.roundTripTime * 1000;
    });
    return { rttMs: rtt, jitterMs: jitter, packetsLost: lossFraction * 1000, packetsExpected: 1000 };
  }
}

export function entry(sample: LinkSample): NetworkMetricsEntry {
  const out: NetworkMetricsEntry = { connectionQuality: connectionQuality(sample) };
  if (sample.rttMs !== undefined) out.rttMs = Math.round(sample.rttMs);
  if (sample.jitterMs !== undefined) out.jitterMs = Math.round(sample.jitterMs * 10) / 10;
  out.packetLossPercent = sample.packetsExpected > 0 ? Math.round((1000 * sample.packetsLost) / sample.packetsExpected) / 10 : 0;
  return out;
}
