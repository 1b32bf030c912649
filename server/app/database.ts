import { openDatabase, type DatabaseHandle, type OpenOptions } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { Config } from './config.js';
import { DataDirLock } from './data-dir-lock.js';

/** Opens the configured database (locking an embedded one) and brings its schema up to date. */
export async function openConfiguredDatabase(config: Config, listeners: Pick<OpenOptions, 'onIdleError' | 'onEmbeddedDeath'> = {}): Promise<DatabaseHandle & { migrations: string[] }> {
  const lock = config.databaseUrl ? undefined : new DataDirLock(config.dataDir);
  lock?.acquire();
  try {
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteThread: config.pgliteThread, ...listeners });
    const migrations = await migrateToLatest(handle.db);
    return {
      ...handle,
      migrations,
      close: async () => {
        await handle.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
