import { sql, type Kysely } from 'kysely';

// Compositions are durable jobs: the row is the job. A runner claims it with a lease (owner and
// expiry, renewed while ffmpeg runs); a runner that stops cleanly hands it back, one that dies
// leaves a lease that runs out, after which any runner may claim the job again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('compositions')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`create index compositions_queue on compositions (created_at) where status in ('enqueued', 'processing')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists compositions_queue`.execute(db);
  await db.schema.alterTable('compositions').dropColumn('lease_owner').dropColumn('lease_expires_at').dropColumn('attempts').execute();
}
