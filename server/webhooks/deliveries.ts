import type { Kysely } from 'kysely';
import { findEvent } from '../../db/events.js';
import { findById } from '../../db/by-id.js';
import type { PageRequest } from '../../db/pagination.js';
import type { Database } from '../../db/types.js';
import { listDeliveries, type WebhookDeliveryFilter } from '../../db/webhook-deliveries.js';
import type { WebhookSigner } from './signing.js';

/** What the API shows of webhooks: the deliveries (for dashboards) and the key to verify them. */
export class WebhookDeliveries {
  constructor(
    private readonly db: Kysely<Database>,
    readonly signer: WebhookSigner,
  ) {}

  list = (filter: WebhookDeliveryFilter, page: PageRequest) => listDeliveries(this.db, filter, page);

  event = (id: string) => findEvent(this.db, id);

  room = (id: string) => findById(this.db, 'rooms', id);
}
