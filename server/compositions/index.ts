import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { AccountEvents } from '../events/account-events.js';
import type { DomainBus } from '../events/topics.js';
import type { Logger } from '../app/logger.js';
import type { DownloadLinks } from '../storage/download-links.js';
import type { MediaStorage } from '../storage/local-storage.js';
import type { TargetPolicy } from '../webhooks/target-policy.js';
import { CompositionChanges } from './changes.js';
import { CompositionRunner } from './runner.js';
import { CompositionService } from './service.js';

export { COMPOSITION_LIMITS } from './layout.js';
export type { CompositionRunner } from './runner.js';
export type { CompositionService, CreateCompositionInput } from './service.js';

export interface CompositionsOptions {
  db: Kysely<Database>;
  events: AccountEvents;
  bus: DomainBus;
  storage: MediaStorage;
  downloads: DownloadLinks;
  log: Logger;
  /** Renders at most this many at once in this process (COMPOSITIONS_MAX_CONCURRENT). */
  maxConcurrent: number;
  /** Which hosts a composition's webhook URLs may name. */
  webhookTargets: TargetPolicy;
  ffmpegPath?: string;
  ffprobePath?: string;
}

export interface Compositions {
  /** Create, delete, watch: what the schema calls. */
  service: CompositionService;
  /** The job runner: start() after the database is open, stop() before it closes. */
  runner: CompositionRunner;
}

/** Compositions: the API's service and the durable job runner behind it, sharing one change feed. */
export function createCompositions(o: CompositionsOptions): Compositions {
  const changes = new CompositionChanges(o.bus);
  const runner = new CompositionRunner({ ...o, changes });
  const service = new CompositionService(o.db, o.storage, changes, runner, o.webhookTargets);
  return { service, runner };
}
