import { sql, type Kysely } from 'kysely';

// Deliveries go one at a time per room and URL, oldest first: the claim looks up each pending
// queue's head.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index webhook_deliveries_pending_queue on webhook_deliveries (room_id, url) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index webhook_deliveries_pending_queue`.execute(db);
}
