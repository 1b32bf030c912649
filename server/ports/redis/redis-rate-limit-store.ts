import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RLWrapperTimeouts, type RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../../app/logger.js';
import type { RateDecision, RateLimitBucket, RateLimitRates, RateLimitStore } from '../rate-limit-store.js';
import { decide } from '../rate-decision.js';
import { ThrottledLog } from './throttled-log.js';

export interface RedisRateLimitStoreOptions {
  /** A command connection (it may be shared with the bus's publishing connection). */
  redis: Redis;
  rates: RateLimitRates;
  log: Logger;
  /** Keys are `<prefix><bucket>:<key>`. Default `vr:rl:`. */
  keyPrefix?: string;
  /** Longest wait for Redis' answer before the in-memory limiter decides instead. Default 1000 ms. */
  timeoutMs?: number;
}

/** The in-memory limiter standing in for Redis: it counts how often it had to. */
class InsuranceLimiter extends RateLimiterMemory {
  constructor(
    opts: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void,
  ) {
    super(opts);
  }

  override consume(key: string | number, points?: number, options?: Record<string, any>): Promise<RateLimiterRes> {
    this.onUse();
    return super.consume(key, points, options);
  }
}

/**
 * The same fixed windows as {@link LocalRateLimitStore} (one limiter per bucket, `points` per
 * `durationSecs`, a bucket with 0 points is off), counted in Redis so that every node draws on one
 * budget: rate-limiter-flexible's RateLimiterRedis, one atomic Lua script per consume.
 *
 * Redis down never refuses or fails a request: while the connection is not ready
 * (`rejectIfRedisNotReady`), when a command fails, or when Redis takes longer than `timeoutMs` to
 * answer (a hung connection), an in-memory limiter with the same rate decides instead (the
 * "insurance limiter"). Each node then counts on its own, so in an outage the deployment as a
 * whole admits up to its number of nodes times the rate: limits loosen, nothing breaks. The counts
 * made in memory are not carried back to Redis when it returns.
 */
export class RedisRateLimitStore implements RateLimitStore {
  /** Consumes decided by the in-memory insurance because Redis could not. */
  readonly counters = { insured: 0 };
  private readonly limiters = new Map<RateLimitBucket, RateLimiterAbstract | RLWrapperTimeouts>();
  private readonly insuranceLog: ThrottledLog;

  constructor(opts: RedisRateLimitStoreOptions) {
    const prefix = opts.keyPrefix ?? 'vr:rl:';
    const log = opts.log.child({ component: 'redis-rate-limit-store' });
    this.insuranceLog = new ThrottledLog(log, 'warn');
    const onInsurance = () => {
      this.counters.insured++;
      this.insuranceLog.write({ insured: this.counters.insured, status: opts.redis.status }, 'rate limits: redis unavailable, counting in this node only');
    };
    for (const [bucket, rate] of Object.entries(opts.rates) as [RateLimitBucket, RateLimitRates[RateLimitBucket]][]) {
      if (rate.points <= 0) continue;
      const shape = { keyPrefix: `${prefix}${bucket}`, points: rate.points, duration: rate.durationSecs };
      const insuranceLimiter = new InsuranceLimiter(shape, onInsurance);
      const limiter = new RateLimiterRedis({
        ...shape,
        storeClient: opts.redis,
        // ioredis, not node-redis: rate-limiter-flexible calls its commands (defineCommand, multi) the ioredis way.
        useRedisPackage: false,
        rejectIfRedisNotReady: true,
        insuranceLimiter,
      });
      this.limiters.set(bucket, new RLWrapperTimeouts({ limiter, timeoutMs: opts.timeoutMs ?? 1_000, insuranceLimiter }));
    }
  }

  consume(bucket: RateLimitBucket, key: string, points = 1): Promise<RateDecision> {
    return decide(this.limiters.get(bucket), key, points);
  }
}
