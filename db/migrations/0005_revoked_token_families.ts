import type { Kysely } from 'kysely';

// A kicked participant's tokens stay refused for their whole life: access tokens and the refresh
// token they came with share a family id, and a kick revokes the family.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('revoked_token_families')
    .addColumn('family_id', 'uuid', (c) => c.primaryKey())
    .addColumn('room_id', 'uuid', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('revoked_token_families_expires_at').on('revoked_token_families').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('revoked_token_families').execute();
}
