import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateDecision } from './rate-limit-store.js';

/** What rate-limiter-flexible's consume says, as a decision: its refusal carries the wait. No limiter: allowed. */
export async function decide(limiter: { consume(key: string, points?: number): Promise<unknown> } | undefined, key: string, points: number): Promise<RateDecision> {
  if (!limiter) return { allowed: true };
  try {
    await limiter.consume(key, points);
    return { allowed: true };
  } catch (res) {
    if (res instanceof RateLimiterRes) return { allowed: false, retryAfterMs: res.msBeforeNext };
    throw res;
  }
}
