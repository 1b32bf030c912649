import { randomUUID } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { ms, timeEach } from '../stats.js';

// The slowest operations the default limits still accept, timed end to end over HTTP on a
// database with data for them to walk (250 rooms × 5 sessions × 5 participants), next to the
// `{ __typename }` baseline of the same run. Each shape is scaled up to the largest size the
// limits accept (found by asking the server), so the figures track the limits' defaults.
// Run: npm run bench:protection -- worst-query [runs]

const RUNS = Number(process.argv[2] ?? 10);
const ROOMS = 250;
const SESSIONS = 5;
const PARTICIPANTS = 5;

const ROOM = 'id uniqueName maxParticipants enableRecording webhookEventUrl webhookEventFailoverUrl webhookTimeoutSecs createdAt updatedAt deletedAt';
const SESSION = 'id active createdAt updatedAt endedAt endedReason';
const PARTICIPANT = 'id context joinedAt leftAt leftReason updatedAt';

/** Shapes that grow with one number; the bench finds the largest accepted. */
const SHAPES: { name: string; max: number; anonymous?: boolean; query: (n: number) => string }[] = [
  { name: 'one wide page: rooms(first: n) with every field', max: 250, query: (n) => `{ rooms(first: ${n}) { totalCount edges { cursor node { ${ROOM} } } } }` },
  {
    name: 'nested pages: rooms(first: n) → sessions(5) → participants(5)',
    max: 250,
    query: (n) =>
      `{ rooms(first: ${n}) { edges { node { ${ROOM} sessions(first: ${SESSIONS}) { totalCount edges { node { ${SESSION} participants(first: ${PARTICIPANTS}) { totalCount edges { node { ${PARTICIPANT} } } } } } } } } } }`,
  },
  {
    name: 'n aliases of rooms(first: 20) → sessions(5)',
    max: 200,
    query: (n) => `{ ${Array.from({ length: n }, (_, i) => `r${i}: rooms(first: 20) { edges { node { id sessions(first: 5) { edges { node { id } } } } } }`).join(' ')} }`,
  },
  {
    name: 'depth: room → sessions(first: n) → room → … to the depth limit',
    max: 250,
    query: (n) => {
      let inner = 'id';
      for (let i = 0; i < 2; i++) inner = `id room { id sessions(first: ${n}) { edges { node { ${inner} } } } }`;
      return `query($id: ID!) { room(id: $id) { id sessions(first: ${n}) { edges { node { ${inner} } } } } }`;
    },
  },
  { name: 'validation: n repeated fields (overlap checks), no credential', max: 10_000, anonymous: true, query: (n) => `{ ${'__typename '.repeat(n)}}` },
  { name: 'introspection (GraphiQL), no credential', max: 1, anonymous: true, query: () => getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }) },
];

async function seed(server: TestServer): Promise<string> {
  const db = server.running.services.db;
  const now = new Date();
  const rooms = Array.from({ length: ROOMS }, (_, i) => ({ id: randomUUID(), unique_name: `bench-${i}`, max_participants: 10, enable_recording: false, created_at: now, updated_at: now }));
  await db.insertInto('rooms').values(rooms).execute();
  const sessions = rooms.flatMap((r) =>
    Array.from({ length: SESSIONS }, () => ({ id: randomUUID(), room_id: r.id, active: false, created_at: now, updated_at: now, ended_at: now, ended_reason: 'empty' })),
  );
  for (let i = 0; i < sessions.length; i += 500)
    await db
      .insertInto('room_sessions')
      .values(sessions.slice(i, i + 500))
      .execute();
  const participants = sessions.flatMap((s) =>
    Array.from({ length: PARTICIPANTS }, () => ({
      id: randomUUID(),
      session_id: s.id,
      room_id: s.room_id,
      context: '{"name":"bench"}',
      joined_at: now,
      left_at: now,
      left_reason: 'left',
      updated_at: now,
    })),
  );
  for (let i = 0; i < participants.length; i += 500)
    await db
      .insertInto('participants')
      .values(participants.slice(i, i + 500))
      .execute();
  return rooms[0]!.id;
}

const server = await startTestServer('pglite');
const roomId = await seed(server);
const run = async (query: string, anonymous = false) => {
  const r = await server.gql(query, { id: roomId }, anonymous ? null : undefined);
  return r;
};
const accepted = async (query: string, anonymous?: boolean) => {
  const r = await run(query, anonymous);
  // graphql-js aborts validation of documents whose overlap checks would run too long.
  const limited = r.errors?.some((e) => e.extensions?.code === 'OPERATION_LIMIT_EXCEEDED' || e.message === 'Validation aborted.');
  if (!limited && r.errors?.length) throw new Error(`unexpected errors for ${query.slice(0, 120)}: ${JSON.stringify(r.errors).slice(0, 300)}`);
  return !limited;
};

const rows: [string, string, Awaited<ReturnType<typeof timeEach>>][] = [];
rows.push(['baseline: { __typename }', '', await timeEach(RUNS * 10, () => run('{ __typename }'))]);
for (const shape of SHAPES) {
  // Largest accepted size by bisection over 1..max.
  let lo = 0;
  let hi = shape.max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (await accepted(shape.query(mid), shape.anonymous)) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) {
    rows.push([shape.name, 'refused at every size', { n: 0, p50: NaN, p95: NaN, p99: NaN, mean: NaN }]);
    continue;
  }
  const query = shape.query(lo);
  rows.push([shape.name, `n = ${lo}`, await timeEach(RUNS, () => run(query, shape.anonymous), 2)]);
}
await server.stop();

console.log(`\nWorst accepted operations under the default limits (HTTP, PGlite, ${RUNS} runs each; ms)\n`);
console.log(`${'operation'.padEnd(66)} ${'size'.padEnd(22)} ${'p50'.padStart(7)} ${'max'.padStart(7)}`);
for (const [name, size, s] of rows) console.log(`${name.padEnd(66)} ${size.padEnd(22)} ${ms(s.p50)} ${ms(s.p99)}`);
