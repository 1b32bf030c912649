import { startTestServer, type Dialect } from '../test/helpers/server.js';
import { ms, timeEach, type Summary } from './stats.js';

// p50/p95 of `GET /v2/rooms` (Telnyx's REST list, 20 rooms a page) beside the same list over
// GraphQL (the same fields, active session and total included), 1,000 sequential requests each,
// on PGlite, and on Postgres when TEST_DATABASE_URL is set. Both go through the same services,
// so the gap is what each transport adds.
// Run: npm run bench:rest [-- 1000]

const N = Number(process.argv[2] ?? 1000);
const ROOMS = 40;
const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
const GRAPHQL_LIST = `{ rooms(first: 20) { totalCount edges { node { id uniqueName maxParticipants enableRecording activeSession { id }
  webhookEventUrl webhookEventFailoverUrl webhookTimeoutSecs createdAt updatedAt } } } }`;

const rows: [Dialect, Summary, Summary][] = [];
for (const dialect of dialects) {
  const server = await startTestServer(dialect);
  const auth = { authorization: `Bearer ${server.apiKey}` };
  const ok = async (r: Response) => {
    const body = (await r.json()) as { errors?: unknown };
    if (!r.ok || body.errors) throw new Error(`${r.status} ${JSON.stringify(body)}`);
  };
  for (let i = 0; i < ROOMS; i++)
    await ok(await fetch(`${server.url}/v2/rooms`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ unique_name: `bench-${i}` }) }));
  const restList = await timeEach(N, async () => ok(await fetch(`${server.url}/v2/rooms`, { headers: auth })));
  const graphqlList = await timeEach(N, async () =>
    ok(await fetch(`${server.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query: GRAPHQL_LIST }) })),
  );
  rows.push([dialect, restList, graphqlList]);
  await server.stop();
}

console.log(`\nList of 20 rooms (of ${ROOMS}), ${N} sequential requests each (ms)\n`);
console.log(`${'database'.padEnd(9)} ${'GET /v2/rooms p50'.padStart(18)} ${'p95'.padStart(7)}   ${'GraphQL rooms p50'.padStart(18)} ${'p95'.padStart(7)}`);
for (const [dialect, r, g] of rows) console.log(`${dialect.padEnd(9)} ${ms(r.p50).padStart(18)} ${ms(r.p95)}   ${ms(g.p50).padStart(18)} ${ms(g.p95)}`);
