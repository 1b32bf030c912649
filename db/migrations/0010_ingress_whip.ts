import type { Kysely } from 'kysely';

// A WHIP ingress's bearer token is shown once, at creation: only its SHA-256 is kept, to check
// the token a publisher sends. `whip_session` is the resource a publisher's offer created (its
// Location), set while one publishes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ingresses').addColumn('whip_token_hash', 'text').execute();
  await db.schema.alterTable('ingresses').addColumn('whip_session', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ingresses').dropColumn('whip_session').execute();
  await db.schema.alterTable('ingresses').dropColumn('whip_token_hash').execute();
}
