import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateDecision, RateLimitBucket, RateLimitRates, RateLimitStore } from './rate-limit-store.js';

/** Fixed windows in this process's memory (rate-limiter-flexible), one limiter per bucket; a bucket with 0 points is off. */
export class LocalRateLimitStore implements RateLimitStore {
  private readonly limiters = new Map<RateLimitBucket, RateLimiterMemory>();

  constructor(rates: RateLimitRates) {
    for (const [bucket, rate] of Object.entries(rates) as [RateLimitBucket, RateLimitRates[RateLimitBucket]][]) {
      if (rate.points > 0) this.limiters.set(bucket, new RateLimiterMemory({ keyPrefix: bucket, points: rate.points, duration: rate.durationSecs }));
    }
  }

  async consume(bucket: RateLimitBucket, key: string, points = 1): Promise<RateDecision> {
    const limiter = this.limiters.get(bucket);
    if (!limiter) return { allowed: true };
    try {
      await limiter.consume(key, points);
      return { allowed: true };
    } catch (res) {
      if (res instanceof RateLimiterRes) return { allowed: false, retryAfterMs: res.msBeforeNext };
      throw res;
    }
  }
}
