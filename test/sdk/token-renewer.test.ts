// The SDK's token renewal on a fake clock: renewing before expiry, retrying with backoff until
// expiry, warning an app that renews nothing itself, and renewing before a reconnection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VideoRoomsError } from '../../client/sdk/errors.js';
import { Logger } from '../../client/sdk/logger.js';
import { TokenRenewer, type TokenRenewerDeps } from '../../client/sdk/token-renewer.js';
import type { TokenSource } from '../../client/sdk/token-sources.js';
import { fakeJwt } from './fake-jwt.js';

const S = 1000;
/** A token of `lifeSecs` minted now (fake clock). */
const mint = (lifeSecs: number) => {
  const iat = Math.floor(Date.now() / 1000);
  return fakeJwt({ iat, exp: iat + lifeSecs, jti: Math.random() });
};

function setUp(source: TokenSource | null, initial = mint(10)) {
  const seen = { pushed: [] as string[], kept: [] as string[], expiring: [] as number[], expired: [] as VideoRoomsError[] };
  const deps: TokenRenewerDeps = {
    source,
    push: async (t) => void seen.pushed.push(t),
    keep: (t) => void seen.kept.push(t),
    expiring: (s) => void seen.expiring.push(s),
    expired: (e) => void seen.expired.push(e),
    log: new Logger('OFF'),
  };
  const renewer = new TokenRenewer(deps, initial);
  renewer.start();
  return { renewer, seen };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('with a token source', () => {
  it('renews a 10 s token after 5 s, hands the new one to the connection, and goes on from it', async () => {
    const source = vi.fn<TokenSource>(async () => ({ token: mint(10), fresh: true }));
    const { seen } = setUp(source);
    await vi.advanceTimersByTimeAsync(4.9 * S);
    expect(source).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0.2 * S);
    expect(source).toHaveBeenCalledTimes(1);
    expect(source.mock.calls[0]![0]).toBe(10 * S); // asks for the same lifetime
    expect(seen.pushed).toHaveLength(1);
    expect(seen.kept).toEqual(seen.pushed);
    // A minute on: renewed every 5 s, never expired, never warned.
    await vi.advanceTimersByTimeAsync(60 * S);
    expect(source.mock.calls.length).toBeGreaterThanOrEqual(12);
    expect(seen.expired).toEqual([]);
    expect(seen.expiring).toEqual([]);
  });

  it('renews a 600 s token at 80 % of its life', async () => {
    const source = vi.fn<TokenSource>(async () => ({ token: mint(600), fresh: true }));
    setUp(source, mint(600));
    await vi.advanceTimersByTimeAsync(479 * S);
    expect(source).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2 * S);
    expect(source).toHaveBeenCalledTimes(1);
  });

  it('retries a failed renewal after 1 s, 2 s, ...; a success puts it back on schedule', async () => {
    let fail = 2;
    const source = vi.fn<TokenSource>(async () => {
      if (fail-- > 0) throw new VideoRoomsError('NETWORK_ERROR', 'offline');
      return { token: mint(60), fresh: true };
    });
    const { seen } = setUp(source, mint(60));
    await vi.advanceTimersByTimeAsync(30 * S); // 60 s token: renewal 30 s before expiry
    expect(source).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1 * S);
    expect(source).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2 * S);
    expect(source).toHaveBeenCalledTimes(3);
    expect(seen.pushed).toHaveLength(1);
    expect(seen.expiring).toEqual([]); // still 27 s left: not yet time to worry the app
    await vi.advanceTimersByTimeAsync(29 * S);
    expect(source).toHaveBeenCalledTimes(3);
  });

  it('failing until expiry: the app hears token_expiring, then the room ends with the reason', async () => {
    const source = vi.fn<TokenSource>(async () => {
      throw new VideoRoomsError('UNAUTHENTICATED', 'the refresh token has expired', { reason: 'token_expired' });
    });
    const { seen } = setUp(source);
    await vi.advanceTimersByTimeAsync(6.1 * S);
    expect(source).toHaveBeenCalledTimes(2); // at 5 s and 6 s
    expect(seen.expiring).toEqual([]); // 4 s left: the SDK is still on it
    await vi.advanceTimersByTimeAsync(2 * S);
    expect(source).toHaveBeenCalledTimes(3);
    expect(seen.expiring).toEqual([2]); // failing with under half its 5 s margin left
    expect(seen.expired).toEqual([]);
    await vi.advanceTimersByTimeAsync(4 * S);
    expect(source).toHaveBeenCalledTimes(3); // the next try (12 s) would be past expiry
    expect(seen.expired).toHaveLength(1);
    expect(seen.expired[0]!.message).toBe('the access token expired: renewing it failed (the refresh token has expired)');
    expect(seen.expired[0]!.reason).toBe('token_expired');
  });

  it('before a reconnection: a token due for renewal is renewed first, and only once with a renewal under way', async () => {
    let resolve!: (v: { token: string; fresh: boolean }) => void;
    const source = vi.fn<TokenSource>(() => new Promise((r) => (resolve = r)));
    const { renewer, seen } = setUp(source);
    await renewer.ensureFresh(); // 10 s left: nothing to do
    expect(source).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(6 * S); // the scheduled renewal is waiting for its answer
    const fresh = renewer.ensureFresh();
    expect(source).toHaveBeenCalledTimes(1);
    const next = mint(10);
    resolve({ token: next, fresh: true });
    await fresh;
    expect(seen.kept).toContain(next);
    expect(renewer.expiresAt).toBe(Date.now() + 10 * S);
  });

  it('before a reconnection, a failed renewal is no obstacle while the token still works; past expiry it is', async () => {
    const source = vi.fn<TokenSource>(async () => {
      throw new VideoRoomsError('NETWORK_ERROR', 'offline');
    });
    const { renewer } = setUp(source);
    renewer.stop(); // no scheduled renewals: only ensureFresh asks
    await vi.advanceTimersByTimeAsync(8 * S);
    await expect(renewer.ensureFresh()).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(3 * S);
    await expect(renewer.ensureFresh()).rejects.toThrow('offline');
  });

  it('stops with the room: no renewal after stop()', async () => {
    const source = vi.fn<TokenSource>(async () => ({ token: mint(10), fresh: true }));
    const { renewer } = setUp(source);
    renewer.stop();
    await vi.advanceTimersByTimeAsync(30 * S);
    expect(source).not.toHaveBeenCalled();
  });
});

describe('without a token source', () => {
  it('warns at half the life of a 10 s token, with the seconds left; updateToken moves the schedule', async () => {
    const { renewer, seen } = setUp(null);
    await vi.advanceTimersByTimeAsync(4.9 * S);
    expect(seen.expiring).toEqual([]);
    await vi.advanceTimersByTimeAsync(0.2 * S);
    expect(seen.expiring).toEqual([5]);
    const next = mint(600);
    await renewer.use(next);
    expect(seen.pushed).toEqual([next]);
    expect(seen.kept).toEqual([next]);
    await vi.advanceTimersByTimeAsync(539 * S);
    expect(seen.expiring).toEqual([5]);
    await vi.advanceTimersByTimeAsync(2 * S);
    expect(seen.expiring).toEqual([5, 60]);
    expect(seen.expired).toEqual([]);
  });

  it('a token nobody renewed ends the room a little after it ran out, saying how to avoid it', async () => {
    const { seen } = setUp(null);
    await vi.advanceTimersByTimeAsync(11.9 * S);
    expect(seen.expired).toEqual([]);
    await vi.advanceTimersByTimeAsync(0.2 * S);
    expect(seen.expired[0]!.message).toMatch(/^the access token expired: renew it with updateToken\(\)/);
  });

  it('a token without exp is left alone', async () => {
    const { renewer, seen } = setUp(null, 'opaque');
    await vi.advanceTimersByTimeAsync(3600 * S);
    expect(renewer.expiresAt).toBeNull();
    expect(seen).toEqual({ pushed: [], kept: [], expiring: [], expired: [] });
  });
});
