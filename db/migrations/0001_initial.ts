import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema as it was at their time, not as the
// current table types say.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('rooms')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('unique_name', 'text')
    .addColumn('max_participants', 'integer', (c) => c.notNull())
    .addColumn('enable_recording', 'boolean', (c) => c.notNull())
    .addColumn('webhook_event_url', 'text')
    .addColumn('webhook_event_failover_url', 'text')
    .addColumn('webhook_timeout_secs', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  // A deleted room frees its name: uniqueness holds among the rooms that still exist.
  await sql`create unique index rooms_unique_name_live on rooms (unique_name)
            where deleted_at is null and unique_name is not null`.execute(db);

  await db.schema
    .createTable('room_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('room_id', 'uuid', (c) => c.notNull().references('rooms.id'))
    .addColumn('active', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('ended_reason', 'text')
    .execute();
  await db.schema.createIndex('room_sessions_room').on('room_sessions').column('room_id').execute();
  // At most one session in progress per room, whatever races the orchestration meets.
  await sql`create unique index room_sessions_one_active on room_sessions (room_id) where active`.execute(db);

  await db.schema
    .createTable('participants')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('room_sessions.id'))
    .addColumn('room_id', 'uuid', (c) => c.notNull().references('rooms.id'))
    .addColumn('context', 'text')
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull())
    .addColumn('left_at', 'timestamptz')
    .addColumn('left_reason', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participants_session').on('participants').column('session_id').execute();

  await db.schema
    .createTable('recordings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('room_id', 'uuid', (c) => c.notNull().references('rooms.id'))
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('room_sessions.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('audio', 'video')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('processing', 'completed', 'failed')`))
    .addColumn('codec', 'text')
    .addColumn('duration_secs', 'integer')
    .addColumn('size_bytes', 'bigint')
    .addColumn('storage_key', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recordings_session').on('recordings').column('session_id').execute();

  await db.schema
    .createTable('compositions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('room_id', 'uuid', (c) => c.notNull().references('rooms.id'))
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('room_sessions.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('enqueued', 'processing', 'completed', 'failed')`))
    .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text', (c) => c.notNull())
    .addColumn('video_layout', 'jsonb', (c) => c.notNull())
    .addColumn('duration_secs', 'integer')
    .addColumn('size_bytes', 'bigint')
    .addColumn('storage_key', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('webhook_event_url', 'text')
    .addColumn('webhook_event_failover_url', 'text')
    .addColumn('webhook_timeout_secs', 'integer')
    .addColumn('started_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('compositions_session').on('compositions').column('session_id').execute();

  // Every event of the account-wide feed, written in the same transaction as the change it
  // describes, so the webhook outbox can be built on it without losing anything on a crash.
  await db.schema
    .createTable('events')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('id', 'uuid', (c) => c.notNull().unique())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('room_id', 'uuid')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['events', 'compositions', 'recordings', 'participants', 'room_sessions', 'rooms', 'api_keys']) {
    await db.schema.dropTable(table).execute();
  }
}
