import type { Kysely } from 'kysely';

// With several nodes, each session is run by one of them. When a node dies, the sessions it ran are
// closed by another: the column says which they are. Null for sessions from before (one node).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('room_sessions').addColumn('node_id', 'text').execute();
  await db.schema.createIndex('room_sessions_active_node').on('room_sessions').columns(['active', 'node_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('room_sessions_active_node').execute();
  await db.schema.alterTable('room_sessions').dropColumn('node_id').execute();
}
