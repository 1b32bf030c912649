import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { InvalidTokenError } from '../shared/errors.js';

export type TokenType = 'access' | 'refresh';

export interface Grants {
  canPublish: boolean;
  canSubscribe: boolean;
}

export interface ClientTokenClaims {
  type: TokenType;
  roomId: string;
  grants: Grants;
  tokenId: string;
  /** Shared by an access token, its refresh token and the access tokens refreshed from it: a kick revokes them together. */
  familyId: string;
  issuedAt: Date;
  expiresAt: Date;
}

export const TOKEN_LIMITS = {
  access: { min: 10, max: 3600, default: 600 },
  refresh: { min: 60, max: 86400, default: 3600 },
} as const;

const ISSUER = 'video-rooms';
const AUDIENCE = 'video-rooms:client';

/** What a client token's expiry is refused with, by jose's check or by a connection's timer. */
export const TOKEN_EXPIRED_MESSAGE = 'the token has expired';

/** Signs and checks client access and refresh tokens (HS256 JWTs) for one room. */
export class ClientTokens {
  /**
   * The HMAC key, imported once: given the raw bytes, jose imports them into a CryptoKey on every
   * sign and verify (a WebCrypto call per operation on the hot path).
   */
  private key?: Promise<CryptoKey>;

  constructor(private readonly secret: Uint8Array) {}

  private hmacKey(): Promise<CryptoKey> {
    this.key ??= crypto.subtle.importKey('raw', new Uint8Array(this.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    return this.key;
  }

  async issue(type: TokenType, roomId: string, grants: Grants, ttlSecs: number, familyId: string): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ typ: type, room_id: roomId, grants, fam: familyId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSecs)
      .sign(await this.hmacKey());
    return { token, expiresAt: new Date((now + ttlSecs) * 1000) };
  }

  /**
   * Checks signature, expiry and type; `field` names where the token came from, for the error.
   * Whether the room still exists is the caller's check: it needs the database.
   */
  async verify(token: string, expected: TokenType, field: string): Promise<ClientTokenClaims> {
    const key = await this.hmacKey();
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new InvalidTokenError('expired', field, TOKEN_EXPIRED_MESSAGE);
      if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
        throw new InvalidTokenError('bad_signature', field, 'the token was not signed by this server');
      }
      throw new InvalidTokenError('malformed', field, 'the token is not a valid client token');
    }
    const { typ, room_id, grants, jti, iat, exp, fam } = payload as Record<string, unknown>;
    if (typ !== 'access' && typ !== 'refresh') throw new InvalidTokenError('malformed', field, 'the token has no type');
    if (typ !== expected) {
      throw new InvalidTokenError('wrong_type', field, `a ${typ} token was given where a ${expected} token is needed`);
    }
    const g = grants as Partial<Grants> | undefined;
    return {
      type: typ,
      roomId: String(room_id),
      grants: { canPublish: g?.canPublish !== false, canSubscribe: g?.canSubscribe !== false },
      tokenId: String(jti),
      familyId: typeof fam === 'string' ? fam : String(jti),
      issuedAt: new Date(Number(iat) * 1000),
      expiresAt: new Date(Number(exp) * 1000),
    };
  }
}

/** A JWT has three dot-separated base64url parts; an API key has none. */
export function looksLikeJwt(credential: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential);
}
