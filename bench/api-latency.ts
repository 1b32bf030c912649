import { sql } from 'kysely';
import { DIALECTS, startTestServer } from '../test/helpers/server.js';
import { captureSql, freshen, rawRunner, type Statement } from './sql-capture.js';
import { ms, timeEach, type Summary } from './stats.js';

// p50 latency of createRoom and rooms(first: 20), 1,000 sequential requests each, on PGlite and on
// Postgres. Baselines measured in the same run: `{ __typename }` (HTTP + yoga + auth, no
// database), one raw database round trip, and the very SQL each operation sends (caught at the
// driver, `begin`/`commit` included) replayed on its own connection, unprepared. The overhead is
// what our code adds on top of both: op − ({ __typename } + its SQL), against the 1.5 ms target.
// Run: npm run bench:api [-- 1000]

const N = Number(process.argv[2] ?? 1000);
const TARGET_MS = 1.5;
const CREATE = 'mutation($n: String) { createRoom(input: {uniqueName: $n}) { __typename } }';
const LIST = '{ rooms(first: 20) { totalCount edges { node { id uniqueName createdAt } } } }';

interface Row {
  dialect: string;
  op: string;
  s: Summary;
  raw?: Summary;
  statements?: number;
  typename?: Summary;
}
const rows: Row[] = [];

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
  const name = (i: number) => `bench-${i}-${Math.random()}`;

  // One of each, caught, before the timed runs (the list then reads the rooms made so far).
  const captured: string[] = [];
  const createSql = await captureSql(() => {
    captured.push(name(-1000 - captured.length));
    return post(CREATE, { n: captured.at(-1) });
  });
  const listSql = await captureSql(() => post(LIST));
  const raw = await rawRunner(server.databaseUrl);
  const replay = (statements: Statement[], unique: string[] = []) => timeEach(N, () => raw.run(freshen(statements, unique)));

  // The replays first and the HTTP phases together: a keep-alive socket left idle through a
  // replay longer than the server's keep-alive timeout may be reset under the next request.
  const createRaw = await replay(createSql, captured);
  const listRaw = await replay(listSql);
  rows.push({ dialect, op: 'baseline: raw db round trip (select 1)', s: await timeEach(N, () => sql`select 1`.execute(db)) });
  await post('{ __typename }').catch(() => undefined);
  const typename = await timeEach(N, () => post('{ __typename }'));
  rows.push({ dialect, op: 'baseline: { __typename } over HTTP', s: typename });
  rows.push({ dialect, op: 'createRoom', s: await timeEach(N, (i) => post(CREATE, { n: name(i) })), raw: createRaw, statements: createSql.length, typename });
  rows.push({ dialect, op: 'rooms(first: 20) with totalCount', s: await timeEach(N, () => post(LIST)), raw: listRaw, statements: listSql.length, typename });
  await raw.close();
  await server.stop();
  if (process.env.BENCH_SHOW_SQL) for (const s of [...createSql, ...listSql]) console.log(dialect, s.text);
}

const head = ['p50', 'p95', 'p99', 'SQL', 'raw p50', 'typename', 'overhead'];
console.log(`\nAPI latency, ${N} sequential requests each (ms); overhead = p50 − (typename p50 + raw SQL p50), target ≤ ${TARGET_MS}\n`);
console.log(`${'database'.padEnd(9)} ${'operation'.padEnd(40)} ${head.map((h) => h.padStart(8)).join(' ')}`);
for (const r of rows) {
  const cells = [ms(r.s.p50), ms(r.s.p95), ms(r.s.p99)];
  if (r.raw && r.typename) {
    const overhead = r.s.p50 - (r.typename.p50 + r.raw.p50);
    cells.push(String(r.statements), ms(r.raw.p50), ms(r.typename.p50), `${ms(overhead)} ${overhead <= TARGET_MS ? 'ok' : 'over'}`);
  }
  console.log(`${r.dialect.padEnd(9)} ${r.op.padEnd(40)} ${cells.map((c) => c.padStart(8)).join(' ')}`);
}
