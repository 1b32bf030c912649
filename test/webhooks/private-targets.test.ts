import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/app/config.js';
import { eventually } from '../helpers/participant.js';
import { createRoom, DIALECTS, ERROR_FIELDS, mutate, ROOM_FIELDS, startTestServer, type TestServer } from '../helpers/server.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';

// A server as deployed (WEBHOOK_ALLOW_PRIVATE_TARGETS off): webhook URLs that point into the
// operator's network are refused when saved, and deliveries to them are refused when sent.

const NON_PUBLIC = 'must not point to a private, loopback, link-local or other non-public address';
const METADATA = 'must not point to a cloud metadata service';
const CREATE_ROOM = `mutation($input: CreateRoomInput!) { createRoom(input: $input) { ${ERROR_FIELDS} ... on CreateRoomPayload { room { id } } } }`;
const UPDATE_ROOM = `mutation($id: ID!, $input: UpdateRoomInput!) { updateRoom(id: $id, input: $input) { ${ERROR_FIELDS} ... on UpdateRoomPayload { room { id } } } }`;
const CREATE_COMPOSITION = `mutation($input: CreateCompositionInput!) { createComposition(input: $input) { ${ERROR_FIELDS} ... on CreateCompositionPayload { composition { id } } } }`;
const COUNTS = '{ rooms(filter: {includeDeleted: true}) { totalCount } compositions { totalCount } webhookDeliveries { totalCount } }';
const DELIVERIES = `query($r: ID) { webhookDeliveries(filter: {roomId: $r}) { edges { node { eventType status attempts lastError lastStatusCode } } } }`;

describe.each(DIALECTS)('webhook targets on %s', (dialect) => {
  let server: TestServer;
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false', WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_POLL_MS: '100' });
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await server?.stop();
  });

  const counts = async () => (await server.gql(COUNTS)).data;
  const getRoom = async (id: string) => (await server.gql(`query($id: ID!) { room(id: $id) { ${ROOM_FIELDS} } }`, { id })).data.room;

  it('createRoom refuses webhook URLs on loopback, private, link-local and metadata addresses, naming the field; no room is made', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ webhookEventUrl: 'http://127.0.0.1:8080/hooks' }, 'input.webhookEventUrl', `${NON_PUBLIC} (127.0.0.1 is loopback)`],
      [{ webhookEventUrl: 'http://2130706433/' }, 'input.webhookEventUrl', `${NON_PUBLIC} (127.0.0.1 is loopback)`],
      [{ webhookEventUrl: 'http://0x7f.1/' }, 'input.webhookEventUrl', `${NON_PUBLIC} (127.0.0.1 is loopback)`],
      [{ webhookEventUrl: 'http://[::ffff:127.0.0.1]/' }, 'input.webhookEventUrl', `${NON_PUBLIC} (::ffff:7f00:1 is loopback, IPv4-mapped)`],
      [{ webhookEventUrl: 'http://[::1]:3000/' }, 'input.webhookEventUrl', `${NON_PUBLIC} (::1 is loopback)`],
      [{ webhookEventUrl: 'http://localhost:3000/hooks' }, 'input.webhookEventUrl', `${NON_PUBLIC} ("localhost" is loopback)`],
      [{ webhookEventUrl: 'https://10.0.0.1/hooks' }, 'input.webhookEventUrl', `${NON_PUBLIC} (10.0.0.1 is private)`],
      [{ webhookEventUrl: 'http://0.0.0.0:5432/' }, 'input.webhookEventUrl', `${NON_PUBLIC} (0.0.0.0 is unspecified)`],
      [{ webhookEventUrl: 'http://169.254.169.254/latest/meta-data/' }, 'input.webhookEventUrl', `${METADATA} (169.254.169.254)`],
      [{ webhookEventUrl: 'http://metadata.google.internal/computeMetadata/v1/' }, 'input.webhookEventUrl', `${METADATA} ("metadata.google.internal")`],
      [{ webhookEventFailoverUrl: 'http://192.168.1.20/hooks' }, 'input.webhookEventFailoverUrl', `${NON_PUBLIC} (192.168.1.20 is private)`],
      [{ webhookEventFailoverUrl: 'http://[fd00:ec2::254]/' }, 'input.webhookEventFailoverUrl', `${METADATA} (fd00:ec2::254)`],
    ];
    for (const [input, field, message] of cases) {
      const result = await mutate(server, CREATE_ROOM, { input });
      expect(result, JSON.stringify(input)).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field, message: `${field}: ${message}` });
    }

    const both = await mutate(server, CREATE_ROOM, { input: { webhookEventUrl: 'http://[fe80::1]/', webhookEventFailoverUrl: 'http://100.64.0.7/' } });
    expect(both.fieldErrors).toEqual([
      { field: 'input.webhookEventUrl', message: `${NON_PUBLIC} (fe80::1 is link-local)` },
      { field: 'input.webhookEventFailoverUrl', message: `${NON_PUBLIC} (100.64.0.7 is carrier-grade NAT)` },
    ]);

    // A webhook that can never be delivered is a mistake worth hearing about at once.
    const nowhere = await mutate(server, CREATE_ROOM, { input: { webhookEventUrl: 'https://no-such-host.invalid/hooks' } });
    expect(nowhere).toMatchObject({
      __typename: 'ValidationError',
      field: 'input.webhookEventUrl',
      message: expect.stringMatching(/^input\.webhookEventUrl: host "no-such-host\.invalid" (does not|did not) resolve/),
    });

    expect(await counts()).toEqual(before);
  });

  it('updateRoom refuses them and changes nothing, not even the other fields given', async () => {
    const room = await createRoom(server, { maxParticipants: 5 });
    const before = await counts();
    const refused = await mutate(server, UPDATE_ROOM, { id: room.id, input: { maxParticipants: 7, webhookEventUrl: 'http://[::ffff:10.0.0.1]/hooks' } });
    expect(refused).toMatchObject({ __typename: 'ValidationError', field: 'input.webhookEventUrl', message: `input.webhookEventUrl: ${NON_PUBLIC} (::ffff:a00:1 is private, IPv4-mapped)` });
    const failover = await mutate(server, UPDATE_ROOM, { id: room.id, input: { webhookEventFailoverUrl: 'http://017700000001:9000/' } });
    expect(failover).toMatchObject({ __typename: 'ValidationError', field: 'input.webhookEventFailoverUrl', message: `input.webhookEventFailoverUrl: ${NON_PUBLIC} (127.0.0.1 is loopback)` });
    expect(await getRoom(room.id)).toEqual(room);
    expect(await counts()).toEqual(before);
  });

  it('createComposition refuses them before anything else, naming the field; no composition is made', async () => {
    const sessionId = '018f0000-0000-7000-8000-000000000000';
    const own = await mutate(server, CREATE_COMPOSITION, { input: { sessionId, webhookEventUrl: 'http://169.254.169.254/latest/meta-data/iam/' } });
    expect(own).toMatchObject({ __typename: 'ValidationError', field: 'input.webhookEventUrl', message: `input.webhookEventUrl: ${METADATA} (169.254.169.254)` });
    const failover = await mutate(server, CREATE_COMPOSITION, { input: { sessionId, webhookEventFailoverUrl: 'http://localhost:8080/' } });
    expect(failover).toMatchObject({ __typename: 'ValidationError', field: 'input.webhookEventFailoverUrl', message: `input.webhookEventFailoverUrl: ${NON_PUBLIC} ("localhost" is loopback)` });
    expect((await counts()).compositions.totalCount).toBe(0);
  });

  it('with private targets allowed, local receivers get webhooks; once disallowed, deliveries to them are refused with the reason recorded', async () => {
    const hooks = await new WebhookReceiver().start();
    receivers.push(hooks);
    const port = new URL(hooks.url).port;
    const allowed = (v: boolean) => (c: Config) => ({ ...c, webhooks: { ...c.webhooks, allowPrivateTargets: v } });

    await server.restart(allowed(true));
    const localhostUrl = `http://localhost:${port}/hooks`;
    const room = await createRoom(server, { webhookEventUrl: localhostUrl, webhookEventFailoverUrl: hooks.url, webhookTimeoutSecs: 2 });
    await eventually('the created event at the local receiver', () => (hooks.types().includes('video.room.created') ? true : undefined));

    await server.restart(allowed(false));
    const updated = await mutate(server, UPDATE_ROOM, { id: room.id, input: { maxParticipants: 3 } });
    expect(updated.__typename).toBe('UpdateRoomPayload');
    const attempt = await eventually('a refused attempt to deliver the update', async () => {
      const rows = (await server.gql(DELIVERIES, { r: room.id })).data.webhookDeliveries.edges.map((e: any) => e.node);
      return rows.find((d: any) => d.eventType === 'video.room.updated' && d.attempts >= 1);
    });
    expect(attempt).toMatchObject({
      status: 'PENDING',
      lastStatusCode: null,
      lastError: `primary: target refused: ${NON_PUBLIC} ("localhost" is loopback); failover: target refused: ${NON_PUBLIC} (127.0.0.1 is loopback)`,
    });
    expect(hooks.types()).toEqual(['video.room.created']);

    // Naming the stored URL again is refused too: the setting applies to every save from now on.
    const again = await mutate(server, UPDATE_ROOM, { id: room.id, input: { webhookEventUrl: localhostUrl } });
    expect(again).toMatchObject({ __typename: 'ValidationError', field: 'input.webhookEventUrl' });
  });
});
