import { Repeater } from '@repeaterjs/repeater';
import type { Kysely } from 'kysely';
import { findEvent } from '../../db/events.js';
import { findById } from '../../db/by-id.js';
import type { PageRequest } from '../../db/pagination.js';
import type { Database, WebhookDeliveryRow } from '../../db/types.js';
import { listDeliveries, type WebhookDeliveryFilter } from '../../db/webhook-deliveries.js';
import type { DomainBus } from '../events/topics.js';
import type { WebhookSigner } from './signing.js';

/** What the API shows of webhooks: the deliveries (for dashboards) and the key to verify them. */
export class WebhookDeliveries {
  constructor(
    private readonly db: Kysely<Database>,
    readonly signer: WebhookSigner,
    private readonly bus: DomainBus,
  ) {}

  list = (filter: WebhookDeliveryFilter, page: PageRequest) => listDeliveries(this.db, filter, page);

  /** Every attempt recorded from now on that the filter keeps, the delivery as it stands after it. */
  watch(filter: WebhookDeliveryFilter): AsyncIterable<WebhookDeliveryRow> {
    const keep = (d: WebhookDeliveryRow) => (filter.eventId == null || d.event_id === filter.eventId) && (filter.status == null || d.status === filter.status);
    return new Repeater<WebhookDeliveryRow>(async (push, stop) => {
      const unsubscribe = this.bus.subscribe('webhookAttempt', filter.roomId ?? null, (d) => {
        if (keep(d)) void push(d);
      });
      await stop;
      unsubscribe();
    });
  }

  event = (id: string) => findEvent(this.db, id);

  room = (id: string) => findById(this.db, 'rooms', id);
}
