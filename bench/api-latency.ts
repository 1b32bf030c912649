import { sql } from 'kysely';
import { DIALECTS, startTestServer } from '../test/helpers/server.js';
import { captureSql, freshen, rawRunner, type Statement } from './sql-capture.js';
import { ms, timeEach, timeInterleaved, type Summary } from './stats.js';

// p50 latency of createRoom and rooms(first: 20), 1,000 sequential requests each, on PGlite and on
// Postgres. Baselines measured in the same run: one raw database round trip, and, in rounds with
// each operation, `{ __typename }` (HTTP + yoga + auth, no database) and the very SQL the
// operation sends (caught at the driver, `begin`/`commit` included) replayed on a connection of
// its own, unprepared. The overhead is what our code adds on top of both:
// op − ({ __typename } + its SQL), against the 1.5 ms target.
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
  const typename = () => post('{ __typename }');

  rows.push({ dialect, op: 'baseline: raw db round trip (select 1)', s: await timeEach(N, () => sql`select 1`.execute(db)) });
  // Each operation in rounds with its baseline and its own SQL replayed: see timeInterleaved.
  const ops: [string, (i: number) => Promise<unknown>, Statement[], string[]][] = [
    ['createRoom', (i) => post(CREATE, { n: name(i) }), createSql, captured],
    ['rooms(first: 20) with totalCount', () => post(LIST), listSql, []],
  ];
  for (const [op, run, statements, unique] of ops) {
    const [base, s, rawSql] = await timeInterleaved(N, [typename, run, () => raw.run(freshen(statements, unique))]);
    rows.push({ dialect, op, s: s!, raw: rawSql, statements: statements.length, typename: base });
  }
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
