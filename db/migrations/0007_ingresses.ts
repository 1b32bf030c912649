import { sql, type Kysely } from 'kysely';

// Media brought into a room from outside (a file or URL, an RTP sender): one row per ingress,
// kept after it ends so that its outcome (ended, or failed and why) can still be read.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ingresses')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('room_id', 'uuid', (c) => c.notNull().references('rooms.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('loop', 'boolean', (c) => c.notNull())
    .addColumn('context', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('session_id', 'uuid')
    .addColumn('participant_id', 'uuid')
    .addColumn('rtp_inputs', 'text')
    .addColumn('node_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('ended_reason', 'text')
    .execute();
  await db.schema.createIndex('ingresses_room').on('ingresses').column('room_id').execute();
  // Ingresses still running, found at start to close those a previous process left behind.
  await sql`create index ingresses_running on ingresses (status) where status in ('connecting', 'publishing')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ingresses').execute();
}
