import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import * as keys from '../../db/api-keys.js';
import type { ApiKeyRow, Database } from '../../db/types.js';

const KEY_PREFIX = 'vr_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface CreatedApiKey {
  row: ApiKeyRow;
  /** The key itself: shown once, never stored. */
  key: string;
}

export async function createApiKey(db: Kysely<Database>, name: string): Promise<CreatedApiKey> {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const row = await keys.insertApiKey(db, {
    id: uuidv7(),
    name,
    prefix: key.slice(0, 10),
    key_hash: hashApiKey(key),
    created_at: new Date(),
  });
  return { row, key };
}

export type ApiKeyCheck = { ok: true; keyId: string | null; name: string } | { ok: false; reason: 'unknown_api_key' | 'revoked_api_key' };

/** The key from API_KEY, if configured, is compared by hash too, so its timing matches a stored key. */
export async function checkApiKey(db: Kysely<Database>, key: string, configuredKey?: string): Promise<ApiKeyCheck> {
  const hash = hashApiKey(key);
  if (configuredKey && hash === hashApiKey(configuredKey)) return { ok: true, keyId: null, name: 'API_KEY' };
  const row = await keys.findApiKeyByHash(db, hash);
  if (!row) return { ok: false, reason: 'unknown_api_key' };
  if (row.revoked_at) return { ok: false, reason: 'revoked_api_key' };
  return { ok: true, keyId: row.id, name: row.name };
}
