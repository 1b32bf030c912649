import { VideoRoomsError } from './errors.js';
import type { Logger } from './logger.js';
import type { TokenSource } from './token-sources.js';
import { place, readClaims, renewalLeadMs, renewAt, retryDelayMs, warnAt, type TokenTimes } from './token-schedule.js';

/**
 * The server removes a participant the moment its token runs out; the SDK's own deadline comes a
 * little later, only to end a room whose removal never arrived.
 */
const EXPIRY_GRACE_MS = 2000;

export interface TokenRenewerDeps {
  /** Where new tokens come from (a refresh token or the app's callback); null: the app renews. */
  source: TokenSource | null;
  /** Hands `token` to the live connection (updateClientToken); resolves at once when there is none. */
  push(token: string): Promise<void>;
  /** Makes `token` the one connections open with from now on. */
  keep(token: string): void;
  /** The token runs out in `secondsLeft` and nothing renewed it yet. */
  expiring(secondsLeft: number): void;
  /** It ran out without being renewed. */
  expired(error: VideoRoomsError): void;
  log: Logger;
  now?: () => number;
}

interface Fetched {
  token: string;
  times: TokenTimes | null;
}

/**
 * Keeps the room's access token alive: renews it before it runs out (from the refresh token or
 * the app's callback), retrying with backoff until it expires; without a source, warns the app in
 * time (`token_expiring`). Runs while the room is connected.
 */
export class TokenRenewer {
  private times: TokenTimes | null = null;
  /** Local clock minus the server's, learned from freshly minted tokens. */
  private skewMs = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private running = false;
  private failures = 0;
  private lastError: Error | null = null;
  private warned = false;
  private fetching: Promise<Fetched> | null = null;

  constructor(
    private readonly deps: TokenRenewerDeps,
    initialToken: string,
  ) {
    this.accept(this.placed(initialToken, false));
  }

  private get now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** When the current token runs out (local clock), if it says. */
  get expiresAt(): number | null {
    return this.times?.expiresAt ?? null;
  }

  start(): void {
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.clearTimers();
  }

  /** A token from the app (updateClientToken / updateToken): in use at once, and the schedule follows it. */
  async use(token: string): Promise<void> {
    const fetched = this.placed(token, false);
    await this.deps.push(token);
    this.deps.keep(token);
    this.accept(fetched);
  }

  /**
   * Before a reconnection: a token due for renewal (or past it) is renewed first, so that the new
   * connection does not open with one that is about to run out.
   */
  async ensureFresh(): Promise<void> {
    const times = this.times;
    if (!this.deps.source || !times || this.now < renewAt(times)) return;
    let fetched: Fetched;
    try {
      fetched = await this.fetch();
    } catch (err) {
      // A token that still works will do: the scheduled renewal keeps trying.
      if (this.now >= times.expiresAt) throw err;
      this.deps.log.warn('renewing the access token failed; connecting with the current one', err);
      return;
    }
    // Not pushed: the connection being rebuilt opens with it (and push would wait for that rebuild).
    this.deps.keep(fetched.token);
    this.accept(fetched);
  }

  /** Why the room ends when the token ran out. */
  expiredError(): VideoRoomsError {
    const why = this.lastError
      ? `: renewing it failed (${this.lastError.message})`
      : this.deps.source
        ? ''
        : ': renew it with updateToken() on token_expiring, or pass refreshToken or getToken to initialize()';
    return new VideoRoomsError('UNAUTHENTICATED', `the access token expired${why}`, { reason: 'token_expired', cause: this.lastError ?? undefined });
  }

  private placed(token: string, fresh: boolean): Fetched {
    const claims = readClaims(token);
    if (!claims) return { token, times: null };
    const { times, skewMs } = place(claims, this.now, this.skewMs, fresh);
    this.skewMs = skewMs;
    return { token, times };
  }

  private accept(fetched: Fetched): void {
    this.times = fetched.times;
    this.failures = 0;
    this.lastError = null;
    this.warned = false;
    if (!fetched.times) this.deps.log.debug('the access token has no iat/exp: it is not renewed by the SDK');
    if (this.running) this.schedule();
  }

  /** One request for a new token at a time: a reconnection and a scheduled renewal share it. */
  private fetch(): Promise<Fetched> {
    const source = this.deps.source;
    if (!source) return Promise.reject(new VideoRoomsError('INVALID_ARGUMENT', 'no token source'));
    this.fetching ??= source(this.times?.lifeMs ?? 600_000)
      .then(({ token, fresh }) => this.placed(token, fresh))
      .finally(() => (this.fetching = null));
    return this.fetching;
  }

  private schedule(): void {
    this.clearTimers();
    const times = this.times;
    if (!times || !this.running) return;
    if (this.deps.source) this.at(renewAt(times), () => void this.renew());
    else this.at(warnAt(times), () => this.warn());
    this.at(times.expiresAt + EXPIRY_GRACE_MS, () => this.expire(times));
  }

  private async renew(): Promise<void> {
    const times = this.times;
    try {
      const fetched = await this.fetch();
      await this.deps.push(fetched.token);
      this.deps.keep(fetched.token);
      if (this.running) this.accept(fetched);
      this.deps.log.debug('access token renewed');
    } catch (err) {
      if (!this.running || this.times !== times || !times) return;
      this.failures += 1;
      this.lastError = err instanceof Error ? err : new Error(String(err));
      const next = this.now + retryDelayMs(this.failures);
      this.deps.log.warn(`renewing the access token failed (attempt ${this.failures})`, err);
      // Half the margin gone and still failing: the app hears it, in time to step in (updateToken).
      if (this.now >= times.expiresAt - renewalLeadMs(times.lifeMs) / 2) this.warn();
      if (next < times.expiresAt) this.at(next, () => void this.renew());
    }
  }

  private warn(): void {
    if (this.warned || !this.times) return;
    this.warned = true;
    this.deps.expiring(Math.max(0, Math.round((this.times.expiresAt - this.now) / 1000)));
  }

  private expire(times: TokenTimes): void {
    if (this.running && this.times === times) this.deps.expired(this.expiredError());
  }

  private at(when: number, run: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        run();
      },
      Math.max(0, when - this.now),
    );
    this.timers.add(timer);
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
