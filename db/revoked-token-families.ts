import type { Kysely } from 'kysely';
import type { Database } from './types.js';

/** Revokes token families; revoking one again keeps the first record. */
export async function revokeTokenFamilies(db: Kysely<Database>, rows: { familyId: string; roomId: string; reason: string; expiresAt: Date }[], at: Date): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('revoked_token_families')
    .values(rows.map((r) => ({ family_id: r.familyId, room_id: r.roomId, reason: r.reason, revoked_at: at, expires_at: r.expiresAt })))
    .onConflict((oc) => oc.column('family_id').doNothing())
    .execute();
}

export async function isTokenFamilyRevoked(db: Kysely<Database>, familyId: string): Promise<boolean> {
  const row = await db.selectFrom('revoked_token_families').select('family_id').where('family_id', '=', familyId).executeTakeFirst();
  return !!row;
}

/** Rows whose tokens have all run out say nothing any more. */
export async function purgeExpiredTokenFamilies(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('revoked_token_families').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether a client token's room still exists and its family is not revoked, in one round trip (it runs per operation). */
export async function clientTokenStanding(db: Kysely<Database>, roomId: string, familyId: string): Promise<'ok' | 'room_not_found' | 'room_deleted' | 'revoked'> {
  const row = await db
    .selectFrom('rooms')
    .select((eb) => ['deleted_at', eb.exists(eb.selectFrom('revoked_token_families').select('family_id').where('family_id', '=', familyId)).as('revoked')])
    .where('id', '=', roomId)
    .executeTakeFirst();
  if (!row) return 'room_not_found';
  if (row.deleted_at) return 'room_deleted';
  return row.revoked ? 'revoked' : 'ok';
}
