// GET /metrics on a real server: what an operator's Prometheus would read, and who may read it.
import { describe, expect, it } from 'vitest';
import { eventually, participant } from '../helpers/participant.js';
import { parsePrometheus, value, has, type Sample } from '../helpers/prometheus.js';
import { createRoom, DIALECTS, generateToken, startTestServer, TEST_API_KEY, type TestServer } from '../helpers/server.js';
import { collect, wsClient } from '../helpers/ws.js';
import { useTestServer } from '../helpers/server-suite.js';

async function scrape(server: TestServer, auth: string | null = server.apiKey): Promise<Sample[]> {
  const res = await fetch(`${server.url}/metrics`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await res.text()).samples;
}

async function clientToken(server: TestServer, roomId: string): Promise<string> {
  return (await generateToken(server, roomId)).clientToken.token;
}

describe.each(DIALECTS)('/metrics on %s', (dialect) => {
  const server = useTestServer(dialect);

  it('counts operations by name, kind and outcome with their latency, and errors by code', async () => {
    const before = await scrape(server);
    const ops = 'videorooms_graphql_operations_total';
    await server.gql('query MetricsProbe { rooms(first: 1) { totalCount } }');
    await server.gql('query MetricsProbe { rooms(first: 1) { totalCount } }');
    await server.gql('mutation MetricsCreate { createRoom(input: {}) { __typename } }');
    const badInput = await server.gql('query MetricsBadFirst { rooms(first: 500) { totalCount } }');
    expect(badInput.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const noKey = await server.gql('query MetricsNoKey { rooms(first: 1) { totalCount } }', undefined, null);
    expect(noKey.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await server.gql('{ rooms(first: 1) { totalCount } }');
    const after = await scrape(server);

    const delta = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(delta(ops, { operation: 'MetricsProbe', kind: 'query', outcome: 'ok' })).toBe(2);
    expect(delta(ops, { operation: 'MetricsCreate', kind: 'mutation', outcome: 'ok' })).toBe(1);
    expect(delta(ops, { operation: 'MetricsBadFirst', kind: 'query', outcome: 'error' })).toBe(1);
    expect(delta(ops, { operation: 'MetricsNoKey', kind: 'query', outcome: 'error' })).toBe(1);
    expect(delta(ops, { operation: 'anonymous', kind: 'query', outcome: 'ok' })).toBe(1);
    expect(delta('videorooms_graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
    expect(delta('videorooms_graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(delta('videorooms_graphql_operation_duration_seconds_count', { operation: 'MetricsProbe', kind: 'query' })).toBe(2);
    expect(value(after, 'videorooms_graphql_operation_duration_seconds_sum', { operation: 'MetricsProbe' })).toBeGreaterThan(0);
    expect(value(after, 'videorooms_graphql_operation_duration_seconds_bucket', { operation: 'MetricsProbe', le: '+Inf' })).toBe(2);
  });

  it('a participant joining moves the room, participant, connection and media gauges; leaving moves them back', async () => {
    const room = await createRoom(server);
    const before = await scrape(server);
    expect(value(before, 'videorooms_live_participants')).toBe(0);
    const p = participant(server.url, await clientToken(server, room.id));
    try {
      const joined = await p.join('{"name":"Ann"}');
      expect(joined.__typename).toBe('JoinPayload');
      const during = await scrape(server);
      expect(value(during, 'videorooms_live_participants')).toBe(1);
      expect(value(during, 'videorooms_live_rooms')).toBe(1);
      expect(value(during, 'videorooms_websocket_connections')).toBeGreaterThanOrEqual(1);
      // join gives a send and a receive transport on the room's router.
      expect(value(during, 'videorooms_media_routers')).toBeGreaterThanOrEqual(1);
      expect(value(during, 'videorooms_media_transports')).toBeGreaterThanOrEqual(2);
      expect(value(during, 'videorooms_graphql_operations_total', { kind: 'mutation', outcome: 'ok' })).toBeGreaterThan(
        value(before, 'videorooms_graphql_operations_total', { kind: 'mutation', outcome: 'ok' }),
      );
      const left = await p.run('mutation { leave { __typename } }');
      expect(left.data).toEqual({ leave: { __typename: 'LeavePayload' } });
      const afterLeave = await scrape(server);
      expect(value(afterLeave, 'videorooms_live_participants')).toBe(0);
      expect(value(afterLeave, 'videorooms_media_transports')).toBe(0);
    } finally {
      await p.close();
    }
    await eventually('the socket to close', async () => (value(await scrape(server), 'videorooms_websocket_connections') === 0 ? true : undefined));
  });

  it('an open subscription shows as active until it stops', async () => {
    const client = wsClient(server.url, server.apiKey, false);
    const events = collect(client, 'subscription MetricsFeed { events { eventType } }');
    try {
      await eventually('the subscription to start', async () => (value(await scrape(server), 'videorooms_graphql_subscriptions_active') === 1 ? true : undefined));
      const during = await scrape(server);
      expect(value(during, 'videorooms_graphql_operations_total', { operation: 'MetricsFeed', kind: 'subscription', outcome: 'ok' })).toBe(1);
      events.stop();
      await eventually('the subscription to end', async () => (value(await scrape(server), 'videorooms_graphql_subscriptions_active') === 0 ? true : undefined));
    } finally {
      events.stop();
      await client.dispose();
    }
  });

  it('reads the outbox, the composition queue, recordings, the media workers and the process', async () => {
    await createRoom(server, { webhookEventUrl: 'http://webhook-receiver.invalid/hook' });
    const samples = await scrape(server);
    // video.room.created for a room with a webhook URL is one delivery in the outbox, whatever became of it.
    const deliveries = ['pending', 'delivered', 'failed'].map((status) => value(samples, 'videorooms_webhook_deliveries', { status }));
    expect(deliveries.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(1);
    expect(has(samples, 'videorooms_composition_jobs', { status: 'enqueued' })).toBe(true);
    expect(has(samples, 'videorooms_composition_jobs', { status: 'processing' })).toBe(true);
    expect(value(samples, 'videorooms_recordings_active')).toBe(0);
    expect(has(samples, 'videorooms_recording_bytes_written_total')).toBe(true);

    const pid = String(server.running.services.orchestrator.media.pool.workers()[0]!.pid);
    expect(value(samples, 'videorooms_media_workers')).toBe(1);
    expect(has(samples, 'videorooms_media_worker_cpu_seconds_total', { pid })).toBe(true);
    const rss = value(samples, 'videorooms_media_worker_resident_memory_bytes', { pid });
    expect(rss).toBeGreaterThan(1_000_000);
    expect(rss).toBeLessThan(2_000_000_000);

    for (const scope of ['apiKey', 'clientToken', 'anonymous', 'messages', 'joins']) {
      expect(has(samples, 'videorooms_rate_limit_refusals_total', { scope })).toBe(true);
    }
    expect(has(samples, 'process_cpu_user_seconds_total')).toBe(true);
    expect(has(samples, 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('counts rate-limit refusals reported by the server', async () => {
    const before = value(await scrape(server), 'videorooms_rate_limit_refusals_total', { scope: 'joins' });
    server.running.metrics.rateLimitRefused('joins');
    expect(value(await scrape(server), 'videorooms_rate_limit_refusals_total', { scope: 'joins' })).toBe(before + 1);
  });
});

describe('/metrics', () => {
  // One after the other (each in its own hook): two embedded databases starting at once are slow on two cores.
  const server = useTestServer('pglite');
  const other = useTestServer('pglite');

  it('keeps operation names to a bounded set: later names, and names of invalid documents, count as other', async () => {
    const cap = server.running.metrics.operationNames.max;
    for (let i = 0; i < 5; i++) await server.gql(`query Garbage${i} { noSuchField${i} }`);
    for (let i = 0; i < cap + 20; i++) await server.gql(`query Flood${i} { __typename }`);
    const samples = await scrape(server);
    const names = new Set(samples.filter((s) => s.name === 'videorooms_graphql_operations_total').map((s) => s.labels.operation));
    expect(names.size).toBeLessThanOrEqual(cap + 2);
    expect([...names].filter((n) => n?.startsWith('Garbage'))).toEqual([]);
    expect(value(samples, 'videorooms_graphql_operations_total', { operation: 'other', outcome: 'error' })).toBe(5);
    expect(value(samples, 'videorooms_graphql_operations_total', { operation: 'other', outcome: 'ok' })).toBeGreaterThanOrEqual(20);
    // A name that got its label keeps it.
    await server.gql('query Flood0 { __typename }');
    expect(value(await scrape(server), 'videorooms_graphql_operations_total', { operation: 'Flood0' })).toBe(2);
  });

  it('each server has its own registry', async () => {
    await other.gql('query OnlyOnTheSecond { __typename }');
    expect(has(await scrape(other), 'videorooms_graphql_operations_total', { operation: 'OnlyOnTheSecond' })).toBe(true);
    expect(has(await scrape(server), 'videorooms_graphql_operations_total', { operation: 'OnlyOnTheSecond' })).toBe(false);
    expect(value(await scrape(other), 'videorooms_graphql_operations_total', { operation: 'other' })).toBe(0);
  });

  it('without METRICS_TOKEN answers an API key only: no credential, a client token or a wrong key get 401', async () => {
    const room = await createRoom(server);
    const token = await clientToken(server, room.id);
    for (const auth of [undefined, `Bearer ${token}`, 'Bearer not-a-key-at-all', 'Basic eDp5']) {
      const res = await fetch(`${server.url}/metrics`, { headers: auth ? { authorization: auth } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    }
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } })).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${TEST_API_KEY}` } })).status).toBe(405);
  });

  it('with METRICS_TOKEN answers that token only', async () => {
    const metricsToken = 'scrape-token-' + 'x'.repeat(20);
    const guarded = await startTestServer('pglite', { METRICS_TOKEN: metricsToken });
    try {
      for (const auth of [undefined, `Bearer ${TEST_API_KEY}`, `Bearer ${metricsToken}x`, `Bearer ${metricsToken.slice(0, -1)}`]) {
        const res = await fetch(`${guarded.url}/metrics`, { headers: auth ? { authorization: auth } : {} });
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ error: 'unauthorized' });
      }
      const samples = await scrape(guarded, metricsToken);
      expect(has(samples, 'videorooms_live_rooms')).toBe(true);
    } finally {
      await guarded.stop();
    }
  });
});
