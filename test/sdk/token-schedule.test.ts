// When the SDK renews an access token and when it warns the app: the rules as pure functions.
import { describe, expect, it } from 'vitest';
import { place, readClaims, refreshTtlSecs, renewAt, renewalLeadMs, retryDelayMs, warnAt } from '../../client/sdk/token-schedule.js';
import { fakeJwt as jwt } from './fake-jwt.js';

const S = 1000;

describe('reading a token', () => {
  it('reads iat and exp (in ms) without verifying the signature', () => {
    expect(readClaims(jwt({ iat: 1_700_000_000, exp: 1_700_000_600, typ: 'access' }))).toEqual({ issuedAt: 1_700_000_000_000, expiresAt: 1_700_000_600_000 });
  });

  it('gives null for what it cannot schedule: not a JWT, no exp, exp not after iat', () => {
    expect(readClaims('opaque-token')).toBeNull();
    expect(readClaims('a.%%%.c')).toBeNull();
    expect(readClaims(jwt({ iat: 10 }))).toBeNull();
    expect(readClaims(jwt({ iat: 10, exp: 10 }))).toBeNull();
  });
});

describe('renewal time', () => {
  it('is at 80 % of the life or 30 s before expiry, whichever is earlier, never before half the life', () => {
    expect(renewalLeadMs(600 * S)).toBe(120 * S); // 80 % (480 s) is earlier than 570 s
    expect(renewalLeadMs(3600 * S)).toBe(720 * S);
    expect(renewalLeadMs(100 * S)).toBe(30 * S); // 70 s is earlier than 80 s
    expect(renewalLeadMs(60 * S)).toBe(30 * S);
    expect(renewalLeadMs(10 * S)).toBe(5 * S); // 30 s before would be before it was issued
    expect(renewAt({ lifeMs: 10 * S, expiresAt: 50 * S })).toBe(45 * S);
  });

  it('asks the refresh for a token as long-lived as the current one, within 10..3600 s', () => {
    expect(refreshTtlSecs(10 * S)).toBe(10);
    expect(refreshTtlSecs(600_400)).toBe(600);
    expect(refreshTtlSecs(4 * S)).toBe(10);
    expect(refreshTtlSecs(7200 * S)).toBe(3600);
  });

  it('retries after 1, 2, 4, 8 s and then every 15 s', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  });
});

describe('warning time (token_expiring)', () => {
  it('is 60 s before expiry, or at half the life of a token under two minutes', () => {
    expect(warnAt({ lifeMs: 600 * S, expiresAt: 1000 * S })).toBe(940 * S);
    expect(warnAt({ lifeMs: 120 * S, expiresAt: 1000 * S })).toBe(940 * S);
    expect(warnAt({ lifeMs: 10 * S, expiresAt: 1000 * S })).toBe(995 * S);
  });
});

describe('placing a token on the local clock', () => {
  const claims = { issuedAt: 1000 * S, expiresAt: 1010 * S };

  it('a freshly minted token runs its whole life from now, and tells the clock skew', () => {
    // This clock is 3 s ahead of the server's.
    expect(place(claims, 1003 * S, 0, true)).toEqual({ times: { lifeMs: 10 * S, expiresAt: 1013 * S }, skewMs: 3 * S });
  });

  it('an app’s token runs out at its exp, corrected by the known skew', () => {
    // Handed over 4 s after it was minted: 6 s left.
    expect(place(claims, 1004 * S, 0, false).times).toEqual({ lifeMs: 10 * S, expiresAt: 1010 * S });
    // With the local clock known to be 3 s ahead, the same token at local 1007 s has 6 s left.
    expect(place(claims, 1007 * S, 3 * S, false).times.expiresAt).toBe(1013 * S);
  });

  it('never lasts longer than its life (a clock behind the server’s), and may have run out already', () => {
    expect(place(claims, 990 * S, 0, false).times.expiresAt).toBe(1000 * S);
    expect(place(claims, 1020 * S, 0, false).times.expiresAt).toBe(1010 * S);
  });
});
