import type { Kysely } from 'kysely';

// A participant may publish two streams (camera and screen): a recording names which.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recordings').addColumn('stream_key', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recordings').dropColumn('stream_key').execute();
}
