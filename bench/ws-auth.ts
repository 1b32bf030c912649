import { ClientTokens } from '../server/access/client-token-signer.js';
import { SocketCredential } from '../server/access/socket-credential.js';
import { createRoom, DIALECTS, generateToken, startTestServer } from '../test/helpers/server.js';
import WebSocket from 'ws';
import { ms, timeEach, type Summary } from './stats.js';

// What authenticating a WebSocket once saves (issue 14, item 1): N `{ __typename }` operations
// over one client-token socket, one after another (latency) and all at once (the time until the
// last answer: CPU per operation). Two modes in the same run, on PGlite and on Postgres:
// - per operation: the socket's credential checked again for every operation (JWT verify with
//   the HMAC key imported per verify, and the database asked about the room and the token's
//   family), as before — forced here by patching the two places that now avoid it;
// - per operation with the key imported once: what the signer's cached key alone saves;
// - once: as the server runs now.
// Also counted per operation: credential checks (Authenticator.authenticate) and database queries
// on rooms or revoked_token_families.
// Run: npm run bench:ws-auth [-- 2000]

const N = Number(process.argv[2] ?? 2000);

/** A bare graphql-transport-ws client: one socket, operations answered by id. */
async function openSocket(httpUrl: string, token: string) {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
  const pending = new Map<string, { resolve: () => void; reject: (e: Error) => void; ok: boolean }>();
  let acked: () => void = () => {};
  const ack = new Promise<void>((r) => (acked = r));
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: string; type: string; payload?: { data?: unknown } };
    if (m.type === 'connection_ack') return acked();
    const p = m.id ? pending.get(m.id) : undefined;
    if (!p) return;
    if (m.type === 'next') p.ok = !!m.payload?.data;
    else if (m.type === 'complete' && p.ok) p.resolve();
    else p.reject(new Error(JSON.stringify(m)));
    if (m.type !== 'next') pending.delete(m.id!);
  });
  await new Promise((r) => socket.once('open', r));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await ack;
  let next = 0;
  return {
    run: (query: string) =>
      new Promise<void>((resolve, reject) => {
        const id = String(next++);
        pending.set(id, { resolve, reject, ok: false });
        socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
      }),
    close: () => socket.terminate(),
  };
}

type Patched = { authentication: () => unknown; auth: { authenticate: (a: unknown) => unknown }; authorization: () => unknown };
const credentialProto = SocketCredential.prototype as unknown as Patched;
const signerProto = ClientTokens.prototype as unknown as { hmacKey: () => Promise<CryptoKey>; secret: Uint8Array };
const cached = { authentication: credentialProto.authentication, hmacKey: signerProto.hmacKey };

function mode(perOperation: boolean, keyPerVerify: boolean): void {
  credentialProto.authentication = perOperation
    ? function (this: Patched) {
        return this.auth.authenticate(this.authorization());
      }
    : cached.authentication;
  signerProto.hmacKey = keyPerVerify
    ? function (this: typeof signerProto) {
        return crypto.subtle.importKey('raw', new Uint8Array(this.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
      }
    : cached.hmacKey;
}

const MODES: [string, boolean, boolean][] = [
  ['per operation (before)', true, true],
  ['per op., key imported once', true, false],
  ['once per socket (now)', false, false],
];

interface Row {
  dialect: string;
  mode: string;
  sequential: Summary;
  allAtOnceMs: number;
  checksPerOp: number;
  queriesPerOp: number;
}
const rows: Row[] = [];

for (const dialect of DIALECTS) {
  const server = await startTestServer(dialect);
  const db = server.running.services.db;
  const room = await createRoom(server);
  const { token } = (await generateToken(server, room.id, { ttl: 3600 })).clientToken;
  const auth = server.running.services.auth;
  const authenticate = auth.authenticate.bind(auth);
  let checks = 0;
  auth.authenticate = (a) => (checks++, authenticate(a));
  // Every query of the services' Kysely goes through its executor (transactions excepted: none here).
  const executor = db.getExecutor() as unknown as { executeQuery: (q: { sql: string }, ...rest: unknown[]) => Promise<unknown> };
  const executeQuery = executor.executeQuery.bind(executor);
  let queries = 0;
  executor.executeQuery = (q, ...rest) => (/\b(rooms|revoked_token_families)\b/.test(q.sql) && queries++, executeQuery(q, ...rest));

  for (const [name, perOperation, keyPerVerify] of MODES) {
    mode(perOperation, keyPerVerify);
    const ws = await openSocket(server.url, token);
    const op = () => ws.run('{ __typename }');
    await op();
    const [checks0, queries0] = [checks, queries];
    const sequential = await timeEach(N, op, 0);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: N }, op));
    const allAtOnceMs = performance.now() - t0;
    rows.push({
      dialect,
      mode: name,
      sequential,
      allAtOnceMs,
      checksPerOp: (checks - checks0) / (2 * N),
      queriesPerOp: (queries - queries0) / (2 * N),
    });
    ws.close();
  }
  mode(false, false);
  await server.stop();
}

console.log(`\n{ __typename } over one client-token WebSocket, ${N} operations one after another, then ${N} at once\n`);
console.log(
  `${'database'.padEnd(9)} ${'credential checked'.padEnd(27)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'all at once'.padStart(12)} ${'checks/op'.padStart(10)} ${'queries/op'.padStart(11)}`,
);
for (const r of rows) {
  console.log(
    `${r.dialect.padEnd(9)} ${r.mode.padEnd(27)} ${ms(r.sequential.p50)} ${ms(r.sequential.p99)} ${`${r.allAtOnceMs.toFixed(0)} ms`.padStart(12)} ${r.checksPerOp.toFixed(3).padStart(10)} ${r.queriesPerOp.toFixed(3).padStart(11)}`,
  );
}
process.exit(0);
