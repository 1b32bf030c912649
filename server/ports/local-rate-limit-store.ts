import { RateLimiterMemory } from 'rate-limiter-flexible';
import { decide } from './rate-decision.js';
import type { RateDecision, RateLimitBucket, RateLimitRates, RateLimitStore } from './rate-limit-store.js';

/** Fixed windows in this process's memory (rate-limiter-flexible), one limiter per bucket; a bucket with 0 points is off. */
export class LocalRateLimitStore implements RateLimitStore {
  private readonly limiters = new Map<RateLimitBucket, RateLimiterMemory>();

  constructor(rates: RateLimitRates) {
    for (const [bucket, rate] of Object.entries(rates) as [RateLimitBucket, RateLimitRates[RateLimitBucket]][]) {
      if (rate.points > 0) this.limiters.set(bucket, new RateLimiterMemory({ keyPrefix: bucket, points: rate.points, duration: rate.durationSecs }));
    }
  }

  consume(bucket: RateLimitBucket, key: string, points = 1): Promise<RateDecision> {
    return decide(this.limiters.get(bucket), key, points);
  }
}
