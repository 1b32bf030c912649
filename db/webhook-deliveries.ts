import { sql, type Kysely, type Transaction } from 'kysely';
import { paginate, type PageRequest } from './pagination.js';
import type { Database, WebhookDeliveryRow } from './types.js';

type Db = Kysely<Database> | Transaction<Database>;

export function enqueueDelivery(db: Db, row: { id: string; event_id: string; room_id: string | null; url: string; failover_url: string | null; timeout_secs: number | null; at: Date }) {
  return db
    .insertInto('webhook_deliveries')
    .values({
      id: row.id,
      event_id: row.event_id,
      room_id: row.room_id,
      url: row.url,
      failover_url: row.failover_url,
      timeout_secs: row.timeout_secs,
      status: 'pending',
      next_attempt_at: row.at,
      created_at: row.at,
      updated_at: row.at,
    })
    .execute();
}

export function recordAttempt(
  db: Db,
  id: string,
  outcome:
    | { status: 'delivered'; at: Date; statusCode: number | null; deliveredTo: 'primary' | 'failover' }
    | { status: 'pending' | 'failed'; at: Date; statusCode: number | null; error: string; nextAttemptAt: Date },
) {
  return db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      status: outcome.status,
      last_status_code: outcome.statusCode,
      updated_at: outcome.at,
      ...(outcome.status === 'delivered'
        ? { delivered_at: outcome.at, delivered_to: outcome.deliveredTo, last_error: null }
        : { last_error: outcome.error.slice(0, 1000), next_attempt_at: outcome.nextAttemptAt }),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export interface WebhookDeliveryFilter {
  roomId?: string | null;
  eventId?: string | null;
  status?: WebhookDeliveryRow['status'] | null;
}

export function listDeliveries(db: Db, filter: WebhookDeliveryFilter, page: PageRequest) {
  let q = db.selectFrom('webhook_deliveries');
  if (filter.roomId != null) q = q.where('room_id', '=', filter.roomId);
  if (filter.eventId != null) q = q.where('event_id', '=', filter.eventId);
  if (filter.status != null) q = q.where('status', '=', filter.status);
  return paginate<WebhookDeliveryRow>(q, 'id', page);
}

/** How many deliveries the outbox holds in each status (for the metrics). */
export function countDeliveriesByStatus(db: Db) {
  return sql<{ status: string; n: string | number }>`select status, count(*) as n from webhook_deliveries group by status`.execute(db);
}

/**
 * Takes up to `batch` deliveries that are due, for `leaseMs`: moving their next attempt past the
 * lease keeps other workers off them, and SKIP LOCKED lets workers claim side by side. Only the
 * oldest pending delivery of each room and URL (by event order) may go: a receiver gets a room's
 * events one at a time and in order, and one that was down gets them in order once it is back
 * (the rest wait behind the one being retried).
 */
export function claimDueDeliveries(db: Db, now: Date, leaseMs: number, batch: number) {
  return sql<WebhookDeliveryRow>`
      update webhook_deliveries set next_attempt_at = ${new Date(now.getTime() + leaseMs)}
      where id in (
        select id from webhook_deliveries
        where id in (
          select distinct on (d.room_id, d.url) d.id
          from webhook_deliveries d join events ev on ev.id = d.event_id
          where d.status = 'pending'
          order by d.room_id, d.url, ev.seq)
        and status = 'pending' and next_attempt_at <= ${now}
        order by next_attempt_at limit ${batch}
        for update skip locked)
      returning *`.execute(db);
}
