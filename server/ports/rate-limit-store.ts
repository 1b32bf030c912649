import type { Rate } from '../app/config.js';

/** The buckets the server limits, each with its own rate. */
export type RateLimitBucket = 'apiKey' | 'clientToken' | 'messages' | 'joins' | 'anonymous';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts operations per bucket and key (an API key id, a token's jti, a participant, an IP).
 * In-process for one node; a Redis implementation shares the counts between nodes.
 */
export interface RateLimitStore {
  consume(bucket: RateLimitBucket, key: string, points?: number): Promise<RateDecision>;
}

export type RateLimitRates = Record<RateLimitBucket, Rate>;
