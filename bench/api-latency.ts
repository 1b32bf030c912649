import { sql } from 'kysely';
import { DIALECTS, startTestServer } from '../test/helpers/server.js';
import { ms, timeEach, type Summary } from './stats.js';

// p50 latency of createRoom and rooms(first: 20), 1,000 sequential requests each, on PGlite and on
// Postgres. Baselines measured in the same run: `{ __typename }` (HTTP + yoga + auth, no
// database) and one raw database round trip, so the figures say what our code adds on top.
// Run: npm run bench:api [-- 1000]

const N = Number(process.argv[2] ?? 1000);
const rows: [string, string, Summary][] = [];

for (const dialect of DIALECTS) {
  const server = await startTestServer(dialect);
  const post = (query: string, variables?: object) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
      body: JSON.stringify({ query, variables }),
    }).then(async (r) => {
      const body = (await r.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    });
  const db = server.running.services.db;

  rows.push([dialect, 'baseline: raw db round trip (select 1)', await timeEach(N, () => sql`select 1`.execute(db))]);
  rows.push([dialect, 'baseline: { __typename } over HTTP', await timeEach(N, () => post('{ __typename }'))]);
  rows.push([dialect, 'createRoom', await timeEach(N, (i) => post('mutation($n: String) { createRoom(input: {uniqueName: $n}) { __typename } }', { n: `bench-${i}-${Math.random()}` }))]);
  rows.push([dialect, 'rooms(first: 20) with totalCount', await timeEach(N, () => post('{ rooms(first: 20) { totalCount edges { node { id uniqueName createdAt } } } }'))]);
  await server.stop();
}

console.log(`\nAPI latency, ${N} sequential requests each (ms)\n`);
console.log(`${'database'.padEnd(9)} ${'operation'.padEnd(42)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}`);
for (const [dialect, op, s] of rows) console.log(`${dialect.padEnd(9)} ${op.padEnd(42)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.p99)}`);
