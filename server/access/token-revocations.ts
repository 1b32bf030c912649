import type { Kysely } from 'kysely';
import { isTokenFamilyRevoked, purgeExpiredTokenFamilies, revokeTokenFamilies } from '../../db/revoked-token-families.js';
import type { Database } from '../../db/types.js';
import type { DomainBus } from '../events/topics.js';
import { TOKEN_LIMITS } from './client-token-signer.js';

/**
 * Client-token families that may no longer be used (a kicked participant's): recorded in the
 * database, so the refusal holds across restarts and nodes, and announced on the bus so
 * subscriptions opened with them end at once.
 */
export class TokenRevocations {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: DomainBus,
  ) {}

  /** Records the revocation: from now on the tokens are refused. Subscriptions hear of it from announce(). */
  async revoke(familyIds: Iterable<string>, roomId: string, reason: string): Promise<void> {
    const now = new Date();
    // A family lives at most as long as its longest refresh token.
    const expiresAt = new Date(now.getTime() + TOKEN_LIMITS.refresh.max * 1000);
    const ids = [...new Set(familyIds)];
    await revokeTokenFamilies(
      this.db,
      ids.map((familyId) => ({ familyId, roomId, reason, expiresAt })),
      now,
    );
  }

  /**
   * Ends what is still open with the revoked tokens. Called once the participant is gone, and a
   * turn later, so its own subscriptions still deliver the event that says why it had to go.
   */
  announce(familyIds: Iterable<string>): void {
    const ids = [...new Set(familyIds)];
    setImmediate(() => ids.forEach((id) => this.bus.publish('tokenFamilyRevoked', id, null)));
  }

  isRevoked(familyId: string): Promise<boolean> {
    return isTokenFamilyRevoked(this.db, familyId);
  }

  purgeExpired(): Promise<number> {
    return purgeExpiredTokenFamilies(this.db, new Date());
  }
}
