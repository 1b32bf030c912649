// /healthz/live and /healthz/ready as a load balancer or an orchestrator would probe them.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/participant.js';
import { DIALECTS, startTestServer, TEST_DATABASE_URL, type TestServer } from '../helpers/server.js';
import { useTestServer } from '../helpers/server-suite.js';

const get = async (server: TestServer, path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe.each(DIALECTS)('health on %s', (dialect) => {
  const server = useTestServer(dialect);

  it('is live and ready when the database answers and a media worker runs; /healthz keeps its answer', async () => {
    expect(await get(server, '/healthz/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(server, '/healthz/ready')).toEqual({ status: 200, body: { status: 'ok', failed: [], database: dialect, mediaWorkers: 1 } });
    expect(await get(server, '/healthz')).toEqual({ status: 200, body: { status: 'ok', database: dialect } });
  });
});

describe('health when a part fails', () => {
  it('is unready, naming the database, while Postgres refuses connections; still live; ready again after', async () => {
    const server = await startTestServer('postgres');
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const name = new URL(server.databaseUrl!).pathname.slice(1);
    try {
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      const ready = await eventually('readiness to fail', async () => {
        const r = await get(server, '/healthz/ready');
        return r.status === 503 ? r : undefined;
      });
      expect(ready.body).toMatchObject({ status: 'unavailable', failed: ['database'] });
      expect(await get(server, '/healthz')).toMatchObject({ status: 503, body: { status: 'database_unavailable', failed: ['database'] } });
      expect(await get(server, '/healthz/live')).toEqual({ status: 200, body: { status: 'ok' } });

      await admin.query(`alter database ${name} allow_connections true`);
      await eventually('readiness to come back', async () => ((await get(server, '/healthz/ready')).status === 200 ? true : undefined));
    } finally {
      await admin.query(`alter database ${name} allow_connections true`).catch(() => {});
      await admin.end();
      await server.stop();
    }
  });

  it('is unready, naming media, when no media worker is alive', async () => {
    const server = await startTestServer('pglite');
    try {
      // What the server is left with when every worker died and none could be replaced.
      await server.running.services.orchestrator.media.pool.close();
      expect(await get(server, '/healthz/ready')).toMatchObject({ status: 503, body: { status: 'unavailable', failed: ['media'], mediaWorkers: 0 } });
      expect(await get(server, '/healthz')).toMatchObject({ status: 503, body: { status: 'media_unavailable' } });
      expect((await get(server, '/healthz/live')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
