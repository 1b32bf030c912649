import type { StreamKind } from './streams.js';

/**
 * The SRTP figures of /work/shared/reference/fanout-baseline.md ("With SRTP"): same method,
 * 8 s warm-up and 20 s windows, 2 runs per point, on the 2-vCPU box of that session.
 */
export const REFERENCE: Record<'openssl' | 'system' | 'plain', Record<StreamKind, { largestN: number; micros: number }>> = {
  openssl: { video: { largestN: 600, micros: 11.3 }, audio: { largestN: 1500, micros: 10.5 } },
  system: { video: { largestN: 200, micros: 25.9 }, audio: { largestN: 500, micros: 25.6 } },
  // "plain RTP, same session as the SRTP runs"
  plain: { video: { largestN: 800, micros: 8.3 }, audio: { largestN: 2000, micros: 7.3 } },
};

/** The baseline's measured input rates: 120–121 pps video, 50.0 pps audio. */
export const REFERENCE_INPUT_PPS: Record<StreamKind, number> = { video: 120.5, audio: 50 };
