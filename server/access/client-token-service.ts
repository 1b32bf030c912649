import { InvalidTokenError, RoomDeletedError } from '../shared/errors.js';
import { ClientTokens, TOKEN_LIMITS, type Grants } from './client-token-signer.js';
import type { RoomService } from '../rooms/room-service.js';
import { Checker } from '../shared/validation.js';
import { randomUUID } from 'node:crypto';
import type { TokenRevocations } from './token-revocations.js';

export interface IssuedTokens {
  token: string;
  tokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  roomId: string;
  grants: Grants;
}

/** generateClientToken and refreshClientToken: the room rules around the token mechanics. */
export class ClientTokenService {
  constructor(
    private readonly tokens: ClientTokens,
    private readonly rooms: RoomService,
    private readonly revocations: TokenRevocations,
  ) {}

  async generate(
    roomId: string,
    opts: { tokenTtlSecs?: number | null; refreshTokenTtlSecs?: number | null; grants?: { canPublish?: boolean | null; canSubscribe?: boolean | null } | null },
  ): Promise<IssuedTokens> {
    const c = new Checker();
    c.uuid('roomId', roomId);
    c.intRange('tokenTtlSecs', opts.tokenTtlSecs, TOKEN_LIMITS.access.min, TOKEN_LIMITS.access.max);
    c.intRange('refreshTokenTtlSecs', opts.refreshTokenTtlSecs, TOKEN_LIMITS.refresh.min, TOKEN_LIMITS.refresh.max);
    c.done();
    await this.rooms.requireLive(roomId, 'roomId');
    const grants: Grants = {
      canPublish: opts.grants?.canPublish ?? true,
      canSubscribe: opts.grants?.canSubscribe ?? true,
    };
    const familyId = randomUUID();
    const access = await this.tokens.issue('access', roomId, grants, opts.tokenTtlSecs ?? TOKEN_LIMITS.access.default, familyId);
    const refresh = await this.tokens.issue('refresh', roomId, grants, opts.refreshTokenTtlSecs ?? TOKEN_LIMITS.refresh.default, familyId);
    return {
      token: access.token,
      tokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      roomId,
      grants,
    };
  }

  /** Checks a fresh access token handed over mid-connection: same room, still live. */
  async verifyAccess(token: string, roomId: string, field: string) {
    const claims = await this.tokens.verify(token, 'access', field);
    if (await this.revocations.isRevoked(claims.familyId)) throw new InvalidTokenError('revoked', field, 'the token was revoked: its participant was removed from the room');
    if (claims.roomId !== roomId) throw new InvalidTokenError('wrong_room', field, `the token is for room ${claims.roomId}, not ${roomId}`);
    const room = await this.rooms.get(roomId);
    if (!room || room.deleted_at) throw new InvalidTokenError('room_deleted', field, 'its room has been deleted');
    return claims;
  }

  /** Whether a token's family was revoked (its participant kicked): stored, so it holds across restarts and nodes. */
  isRevoked(familyId: string): Promise<boolean> {
    return this.revocations.isRevoked(familyId);
  }

  /** A new access token from a refresh token of the same room, with the grants it carried. */
  async refresh(roomId: string, refreshToken: string, tokenTtlSecs?: number | null) {
    const c = new Checker();
    c.uuid('roomId', roomId);
    c.intRange('tokenTtlSecs', tokenTtlSecs, TOKEN_LIMITS.access.min, TOKEN_LIMITS.access.max);
    c.done();
    const claims = await this.tokens.verify(refreshToken, 'refresh', 'refreshToken');
    if (claims.roomId !== roomId) {
      throw new InvalidTokenError('wrong_room', 'refreshToken', `the refresh token is for room ${claims.roomId}, not ${roomId}`);
    }
    try {
      await this.rooms.requireLive(roomId, 'roomId');
    } catch (err) {
      if (err instanceof RoomDeletedError) throw new InvalidTokenError('room_deleted', 'refreshToken', err.message);
      throw err;
    }
    if (await this.revocations.isRevoked(claims.familyId)) {
      throw new InvalidTokenError('revoked', 'refreshToken', 'the refresh token was revoked: its participant was removed from the room');
    }
    const access = await this.tokens.issue('access', roomId, claims.grants, tokenTtlSecs ?? TOKEN_LIMITS.access.default, claims.familyId);
    return { token: access.token, tokenExpiresAt: access.expiresAt, roomId, grants: claims.grants };
  }
}
