import type { ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { ping } from '../../db/connect.js';
import type { Database } from '../../db/types.js';

export interface HealthSources {
  db: Kysely<Database>;
  dialect: 'pglite' | 'postgres';
  draining: () => boolean;
  liveMediaWorkers: () => number;
}

/** A database that takes longer than this to answer `select 1` is as good as down for a load balancer. */
const DATABASE_TIMEOUT_MS = 2000;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function databaseAnswers(db: Kysely<Database>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([ping(db), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS)))]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness (restart me if this fails) and readiness (send me traffic): a database outage makes
 * the server unready, never dead, so an orchestrator does not restart it for someone else's fault.
 */
export function healthChecks(s: HealthSources) {
  const readiness = async () => {
    const failed: string[] = [];
    if (s.draining()) failed.push('shutting_down');
    const workers = s.liveMediaWorkers();
    if (workers === 0) failed.push('media');
    if (!(await databaseAnswers(s.db))) failed.push('database');
    return { failed, workers };
  };
  return {
    /** The process is up and its event loop answers (this runs on it); 503 once shutting down. */
    live(res: ServerResponse): void {
      if (s.draining()) send(res, 503, { status: 'shutting_down' });
      else send(res, 200, { status: 'ok' });
    },

    async ready(res: ServerResponse): Promise<void> {
      const { failed, workers } = await readiness();
      const status = failed.length === 0 ? 'ok' : failed[0] === 'shutting_down' ? 'shutting_down' : 'unavailable';
      send(res, failed.length ? 503 : 200, { status, failed, database: s.dialect, mediaWorkers: workers });
    },

    /** The original /healthz: readiness, with the body it always had when all is well. */
    async legacy(res: ServerResponse): Promise<void> {
      const { failed } = await readiness();
      if (!failed.length) return send(res, 200, { status: 'ok', database: s.dialect });
      const status = failed[0] === 'shutting_down' ? 'shutting_down' : failed.includes('database') ? 'database_unavailable' : 'media_unavailable';
      send(res, 503, { status, failed, database: s.dialect });
    },
  };
}
