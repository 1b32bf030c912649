import type { Kysely } from 'kysely';
import * as keys from '../../db/api-keys.js';
import type { Database } from '../../db/types.js';
import { createApiKey } from './api-key-secrets.js';
import { NotFoundError } from '../shared/errors.js';
import { Checker } from '../shared/validation.js';
import type { DomainBus } from '../events/topics.js';

export class ApiKeyService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: DomainBus,
  ) {}

  list = () => keys.listApiKeys(this.db);

  async create(name: string) {
    const c = new Checker();
    c.text('name', name.trim(), 1, 100);
    c.done();
    const { row, key } = await createApiKey(this.db, name.trim());
    return { key, apiKey: row };
  }

  async revoke(id: string) {
    const c = new Checker();
    c.uuid('id', id);
    c.done();
    const row = await keys.revokeApiKey(this.db, id, new Date());
    if (!row) throw new NotFoundError('API key (not revoked)', id, 'id');
    this.bus.publish('apiKeyRevoked', row.id, null);
    return row;
  }
}
