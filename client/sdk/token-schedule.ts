/**
 * When to renew an access token and when to warn about it, from its JWT claims. Pure functions
 * of times in milliseconds, so that the rules are tested without timers.
 */

/** The claims read from an access token (not verified: the server does that). */
export interface TokenClaims {
  /** Issued at, ms since the epoch (server clock). */
  issuedAt: number;
  /** Expires at, ms since the epoch (server clock). */
  expiresAt: number;
}

/** A token as this client schedules it: its lifetime, and when it runs out by the local clock. */
export interface TokenTimes {
  lifeMs: number;
  /** Local clock. */
  expiresAt: number;
}

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** `iat` and `exp` of a JWT, or null when it is not a JWT with both. */
export function readClaims(token: string): TokenClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(payload)) as { iat?: unknown; exp?: unknown };
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp <= claims.iat) return null;
    return { issuedAt: claims.iat * 1000, expiresAt: claims.exp * 1000 };
  } catch {
    return null;
  }
}

/**
 * Places a token on the local clock. A token minted just now (`fresh`: the answer of a refresh)
 * runs its whole life from `now`, and tells how far the server's clock is from ours; any other
 * token (the app's, possibly minted a while ago) runs out at its `exp`, corrected by the skew
 * learned so far, and never later than a whole life from now.
 */
export function place(claims: TokenClaims, now: number, skewMs: number, fresh: boolean): { times: TokenTimes; skewMs: number } {
  const lifeMs = claims.expiresAt - claims.issuedAt;
  if (fresh) return { times: { lifeMs, expiresAt: now + lifeMs }, skewMs: now - claims.issuedAt };
  const left = Math.min(claims.expiresAt + skewMs - now, lifeMs);
  return { times: { lifeMs, expiresAt: now + left }, skewMs };
}

/**
 * How long before expiry a renewal starts: at 80 % of the life or 30 s before expiry, whichever
 * is earlier, but never before half the life (a 10 s token is renewed after 5 s, not at once).
 */
export function renewalLeadMs(lifeMs: number): number {
  return Math.min(Math.max(0.2 * lifeMs, 30_000), 0.5 * lifeMs);
}

export const renewAt = (t: TokenTimes): number => t.expiresAt - renewalLeadMs(t.lifeMs);

/**
 * When an app that renews nothing itself hears `token_expiring`: 60 s before expiry, or at half
 * the life of a token shorter than two minutes, so that there is time to fetch a new one.
 */
export const warnAt = (t: TokenTimes): number => t.expiresAt - Math.min(60_000, 0.5 * t.lifeMs);

/** The pause before renewal attempt `attempt + 1` after a failure: 1 s, 2 s, 4 s, ... at most 15 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 15_000);
}

/** The lifetime to ask a refresh for: the current token's, within the server's 10..3600 s. */
export function refreshTtlSecs(lifeMs: number): number {
  return Math.min(3600, Math.max(10, Math.round(lifeMs / 1000)));
}
