import type { Kysely } from 'kysely';
import type { ApiKeyRow, Database } from './types.js';

export async function insertApiKey(db: Kysely<Database>, row: Omit<ApiKeyRow, 'revoked_at' | 'last_used_at'>): Promise<ApiKeyRow> {
  return db.insertInto('api_keys').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findApiKeyByHash(db: Kysely<Database>, keyHash: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().orderBy('id').execute();
}

export async function countApiKeys(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Revokes by id or by the key's shown prefix; returns the revoked row, if one matched. */
export async function revokeApiKey(db: Kysely<Database>, idOrPrefix: string, at: Date): Promise<ApiKeyRow | undefined> {
  const isId = /^[0-9a-f-]{36}$/i.test(idOrPrefix);
  return db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where(isId ? 'id' : 'prefix', '=', idOrPrefix)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function touchApiKey(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}
