import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/0001_initial.js';
import * as webhookDeliveries from './migrations/0002_webhook_deliveries.js';
import * as compositionJobs from './migrations/0003_composition_jobs.js';
import * as recordingStreamKey from './migrations/0004_recording_stream_key.js';
import * as revokedTokenFamilies from './migrations/0005_revoked_token_families.js';
import * as sessionNode from './migrations/0006_session_node.js';
import * as ingresses from './migrations/0007_ingresses.js';
import * as recordingInterruption from './migrations/0008_recording_interruption.js';
import * as webhookDeliveryOrder from './migrations/0009_webhook_delivery_order.js';
import * as ingressWhip from './migrations/0010_ingress_whip.js';

// Migrations are imported statically rather than read from a folder, so they work the same
// from source, from a bundle and under test runners, and their order is explicit.
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_webhook_deliveries': webhookDeliveries,
  '0003_composition_jobs': compositionJobs,
  '0004_recording_stream_key': recordingStreamKey,
  '0005_revoked_token_families': revokedTokenFamilies,
  '0006_session_node': sessionNode,
  '0007_ingresses': ingresses,
  '0008_recording_interruption': recordingInterruption,
  '0009_webhook_delivery_order': webhookDeliveryOrder,
  '0010_ingress_whip': ingressWhip,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the newest schema; every start calls it, so it must be idempotent. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? error}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
