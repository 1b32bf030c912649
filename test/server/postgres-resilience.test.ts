import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_DATABASE_URL, type TestServer } from '../helpers/server.js';

// Postgres restarting, or an administrator ending sessions, closes the server's idle pooled
// connections: the server must keep running and answer the next request on a new connection.
describe('the server on Postgres', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('postgres');
  });
  afterAll(() => server?.stop());

  it('survives its idle database connections being terminated', async () => {
    for (let i = 0; i < 3; i++) expect((await server.gql('{ rooms { totalCount } }')).status).toBe(200);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const name = new URL(server.databaseUrl!).pathname.slice(1);
    const { rowCount } = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    await admin.end();
    expect(rowCount).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    const after = await server.gql('mutation { createRoom(input: {}) { __typename } }');
    expect(after.data).toEqual({ createRoom: { __typename: 'CreateRoomPayload' } });
  });

  it('survives a connection terminated while a transaction holds it: the transaction fails, the server goes on', async () => {
    const db = server.running.services.db;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const outcome = await db
        .transaction()
        .execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
          // The connection ends while checked out and idle between two statements.
          await new Promise((r) => setTimeout(r, 300));
          await sql`select 1`.execute(trx);
          return 'committed';
        })
        .catch((err: Error) => err.message);
      expect(outcome).toMatch(/terminat|Connection/i);
    } finally {
      await admin.end();
    }
    const after = await server.gql('mutation { createRoom(input: {}) { __typename } }');
    expect(after.data).toEqual({ createRoom: { __typename: 'CreateRoomPayload' } });
  });
});
