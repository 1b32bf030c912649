import type { Kysely } from 'kysely';
import { touchApiKey } from '../../db/api-keys.js';
import { clientTokenStanding } from '../../db/revoked-token-families.js';
import type { Database } from '../../db/types.js';
import { checkApiKey } from './api-key-secrets.js';
import { looksLikeJwt, TOKEN_EXPIRED_MESSAGE, type ClientTokenClaims, type ClientTokens } from './client-token-signer.js';
import { authError, InvalidTokenError, type RequestRefusedError } from '../shared/errors.js';

export type Viewer = { kind: 'anonymous' } | { kind: 'apiKey'; keyId: string | null; name: string } | { kind: 'clientToken'; claims: ClientTokenClaims };

/** Who is calling, or why the credential they sent is refused. */
export type Authentication = { viewer: Viewer; failure?: undefined } | { viewer: { kind: 'anonymous' }; failure: RequestRefusedError };

const LAST_USED_RESOLUTION_MS = 60_000;

function refuse(reason: string, message: string): Authentication & { failure: RequestRefusedError } {
  return { viewer: { kind: 'anonymous' }, failure: authError('UNAUTHENTICATED', reason, message) };
}

/**
 * The refusals of a credential that was valid and no longer is: the same whether the database
 * says so (an operation authenticated on its own) or an event does (a connection authenticated once).
 */
export const noLongerValid = {
  revokedApiKey: () => refuse('revoked_api_key', 'this API key has been revoked'),
  tokenExpired: () => refuse('token_expired', `client token refused: ${TOKEN_EXPIRED_MESSAGE}`),
  tokenRoomDeleted: () => refuse('token_room_deleted', 'client token refused: its room has been deleted'),
  tokenRevoked: () => refuse('token_revoked', 'client token refused: it was revoked when its participant was removed from the room'),
};

export class Authenticator {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly tokens: ClientTokens,
    private readonly configuredApiKey: string | undefined,
  ) {}

  /** Takes `Bearer <credential>` (or the bare credential) from a header or connectionParams. */
  async authenticate(authorization: unknown): Promise<Authentication> {
    if (authorization == null || authorization === '') return { viewer: { kind: 'anonymous' } };
    if (typeof authorization !== 'string') return refuse('malformed_credential', 'authorization must be a string: "Bearer <key or token>"');
    const credential = authorization.replace(/^Bearer\s+/i, '').trim();
    if (!credential) return refuse('malformed_credential', 'authorization must be "Bearer <key or token>"');

    if (looksLikeJwt(credential)) return this.clientToken(credential);

    const check = await checkApiKey(this.db, credential, this.configuredApiKey);
    if (!check.ok) return check.reason === 'revoked_api_key' ? noLongerValid.revokedApiKey() : refuse(check.reason, 'this API key is not valid');
    if (check.keyId) this.recordUse(check.keyId);
    return { viewer: { kind: 'apiKey', keyId: check.keyId, name: check.name } };
  }

  private async clientToken(token: string): Promise<Authentication> {
    let claims: ClientTokenClaims;
    try {
      claims = await this.tokens.verify(token, 'access', 'authorization');
    } catch (err) {
      if (err instanceof InvalidTokenError) return refuse(`token_${err.reason}`, `client token refused: ${err.message}`);
      throw err;
    }
    const standing = await clientTokenStanding(this.db, claims.roomId, claims.familyId);
    if (standing === 'room_not_found') return refuse('token_room_not_found', 'client token refused: its room does not exist');
    if (standing === 'room_deleted') return noLongerValid.tokenRoomDeleted();
    if (standing === 'revoked') return noLongerValid.tokenRevoked();
    return { viewer: { kind: 'clientToken', claims } };
  }

  /** last_used_at is for people auditing keys: minute resolution is enough and saves a write per request. */
  private recordUse(keyId: string): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(keyId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastTouched.set(keyId, now);
    touchApiKey(this.db, keyId, new Date(now)).catch(() => this.lastTouched.delete(keyId));
  }
}
