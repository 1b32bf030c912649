/** A participant's network quality: 0 (broken) to 5 (excellent), the scale of the SDK's `network_metrics_report`. */
export type NetworkQuality = 0 | 1 | 2 | 3 | 4 | 5;

/** The impairments of one participant's media over one period, as the server sees them. */
export interface LinkImpairments {
  /** Worst loss of its tracks, %. */
  lossPercent: number;
  rttMs: number | null;
  jitterMs: number | null;
  /** Lowest mediasoup score (0..10) of its tracks; null when none has one. */
  score: number | null;
  /** A track that should carry media carried none over the period. */
  broken: boolean;
}

/**
 * The SDK's bands (client/sdk/metrics.ts, connectionQuality): the limits of loss %, RTT ms and
 * jitter ms for grades 5, 4, 3, 2 and 1, in the spirit of the E-model. Kept equal so that the
 * dashboard and the SDK's `network_metrics_report` grade the same link alike.
 */
export const QUALITY_BANDS: readonly (readonly [lossPercent: number, rttMs: number, jitterMs: number])[] = [
  [1, 150, 20],
  [3, 250, 40],
  [6, 400, 80],
  [12, 700, 150],
  [25, 1500, 300],
];

/** mediasoup's 0..10 score on the 0..5 scale: 10 and 9 are 5, 8 and 7 are 4, ... 0 is 0. */
export function scoreGrade(score: number): NetworkQuality {
  return Math.round(Math.min(10, Math.max(0, score)) / 2) as NetworkQuality;
}

/**
 * The grade of a link: each impairment takes it down to the worst band it falls into (as the
 * SDK grades), mediasoup's score caps it, and a link that carried nothing it should have is 0.
 */
export function networkQuality(link: LinkImpairments): NetworkQuality {
  if (link.broken) return 0;
  const rtt = link.rttMs ?? 0;
  const jitter = link.jitterMs ?? 0;
  let grade: NetworkQuality = 0;
  for (let i = 0; i < QUALITY_BANDS.length; i++) {
    const [loss, maxRtt, maxJitter] = QUALITY_BANDS[i]!;
    if (link.lossPercent <= loss && rtt <= maxRtt && jitter <= maxJitter) {
      grade = (5 - i) as NetworkQuality;
      break;
    }
  }
  return link.score === null ? grade : (Math.min(grade, scoreGrade(link.score)) as NetworkQuality);
}
