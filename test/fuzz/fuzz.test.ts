import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../../schema/index.js';
import type { TestParticipant } from '../helpers/participant.js';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { abuseOperations } from './abuse.js';
import { seedFixtures } from './fixtures.js';
import { generateOperations, type Credential, type Fixtures, type FuzzOperation } from './generate.js';
import { HealthWatch } from './health.js';
import { problems, refused } from './judge.js';
import { Random } from './random.js';
import { sendHttp, WsConnections, type Outcome } from './send.js';
import { changes, snapshot, tableNames } from './snapshot.js';

// Schema-driven fuzzing: every argument and input field of every operation gets the bad values
// its type calls for (wrong types, out-of-range numbers, NUL, 100 kB strings, malformed ids,
// cursors and days, missing values, unknown enum values), inline and as variables, with an API
// key, a client token and no credential, over HTTP and over graphql-ws; plus documents that are
// bad as a whole (syntax, validation, depth, aliases). FUZZ_SEED reproduces a run.
const SEED = Number(process.env.FUZZ_SEED ?? 20260301);
const CONCURRENCY = 6;
const CREDENTIALS: Credential[] = ['apiKey', 'clientToken', 'none'];

function operations(schema: GraphQLSchema, fx: Fixtures, random: Random): FuzzOperation[] {
  const whole = abuseOperations(schema, random).flatMap((op) => CREDENTIALS.map((credential) => ({ ...op, credential, label: `${op.label} (${credential})` })));
  return [...generateOperations(schema, fx, random), ...whole];
}

function describeOp(op: FuzzOperation): string {
  const variables = op.variables ? `\n      variables: ${JSON.stringify(op.variables).slice(0, 300)}` : '';
  return `${op.label}\n      ${op.query.slice(0, 300)}${variables}`;
}

interface Failure {
  problem: string;
  op?: FuzzOperation;
}

/** Failures grouped by what went wrong and in which field, each group with a few operations that show it. */
function summarize(failures: Failure[]): string[] {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    const key = `${f.problem.split(':')[0]} @ ${f.op?.label.split(' ')[0] ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()]
    .sort((a, b) => b.length - a.length)
    .map(
      (group) =>
        `${group.length} x ${group[0]!.problem.slice(0, 400)}${group
          .slice(0, 3)
          .map((f) => (f.op ? `\n    at ${describeOp(f.op)}` : ''))
          .join('')}`,
    );
}

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** graphql-ws: one operation, one answer: an `error`, or results then `complete` (or a stream we ended). */
function wsShape(outcome: Outcome): string[] {
  if (outcome.errors && outcome.results.length) return ['both `next` and `error` for one operation'];
  return [];
}

describe.each(DIALECTS)('plain bad input on %s', (dialect) => {
  const schema = getSchema();
  const userErrors = new Set(schema.getPossibleTypes(schema.getType('UserError') as never).map((t) => t.name));
  let server: TestServer;
  let fx: Fixtures;
  let joined: TestParticipant;
  let tables: string[];
  beforeAll(async () => {
    server = await startTestServer(dialect);
    ({ fx, joined } = await seedFixtures(server));
    tables = await tableNames(server.running.services.db);
  });
  afterAll(async () => {
    await joined?.close();
    await server?.stop();
  });

  const transports = {
    http: () => {
      const credentials: Record<Credential, string | undefined> = { apiKey: server.apiKey, clientToken: fx.accessToken, none: undefined };
      return { send: (op: FuzzOperation) => sendHttp(server.url, op, credentials[op.credential]), shape: () => [], close: async () => {}, closes: [] as unknown[] };
    },
    ws: () => {
      const ws = new WsConnections(server.url, { apiKey: server.apiKey, clientToken: fx.accessToken, none: undefined });
      // The client-token socket is the joined participant's: participant operations reach the media server.
      ws.adopt('clientToken', joined.client);
      return { send: (op: FuzzOperation) => ws.send(op), shape: wsShape, close: () => ws.close(), closes: ws.closes };
    },
  };

  for (const transport of ['http', 'ws'] as const) {
    it(`answers every bad operation over ${transport} with a coded error, changes nothing, stays up`, async () => {
      const started = performance.now();
      const ops = operations(schema, fx, new Random(SEED + (transport === 'ws' ? 1 : 0)));
      const via = transports[transport]();
      const db = server.running.services.db;
      const health = new HealthWatch(server.url);
      const failures: Failure[] = [];
      const judge = (op: FuzzOperation, outcome: Outcome) => {
        for (const problem of [...problems(outcome, op.kind), ...via.shape(outcome)]) failures.push({ problem, op });
      };
      health.start();

      // Reads and subscriptions side by side: none may change the database.
      const reads = ops.filter((op) => op.kind !== 'mutation');
      const beforeReads = await snapshot(db, tables);
      await inPool(reads, CONCURRENCY, async (op) => judge(op, await via.send(op)));
      const readSeconds = (performance.now() - started) / 1000;
      let last = await snapshot(db, tables);
      const changedByReads = changes(beforeReads, last);
      if (changedByReads.length) failures.push({ problem: `queries and subscriptions changed ${changedByReads.join(', ')}` });

      // Mutations one at a time, the database compared around each: a refused one changes nothing.
      const writes = ops.filter((op) => op.kind === 'mutation');
      let accepted = 0;
      for (const op of writes) {
        const outcome = await via.send(op);
        judge(op, outcome);
        const now = await snapshot(db, tables);
        if (refused(outcome, userErrors)) {
          const changed = changes(last, now);
          if (changed.length) failures.push({ problem: `a refused mutation changed ${changed.join(', ')}`, op });
        } else accepted++;
        last = now;
      }

      await health.stop();
      // Closes seen before we close our own sockets.
      for (const close of via.closes) failures.push({ problem: `a WebSocket closed: ${JSON.stringify(close)}` });
      await via.close();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `fuzz ${dialect} ${transport}: ${ops.length} operations (${reads.length} reads, ${writes.length} mutations, ${accepted} mutations accepted) ` +
          `in ${seconds} s (reads ${readSeconds.toFixed(1)} s), seed ${SEED}; /healthz polled ${health.polls} times, slowest ${health.maxLatencyMs.toFixed(0)} ms`,
      );
      expect(health.failures, 'the server stays up and /healthz answers within 5 s').toEqual([]);
      expect(summarize(failures), `${failures.length} problems`).toEqual([]);
    }, 300_000);
  }
});
