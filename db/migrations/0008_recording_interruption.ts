import type { Kysely } from 'kysely';

// A recording cut short by a fault (its media worker died, the server was killed) keeps the file
// it wrote up to then, and says why it stops early.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recordings').addColumn('interruption', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recordings').dropColumn('interruption').execute();
}
