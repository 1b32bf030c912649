import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createRoom, mutate } from '../helpers/server.js';
import { eventually, participant, type TestParticipant } from '../helpers/participant.js';
import { closeAfterAll, useTestServer } from '../helpers/server-suite.js';

// Rates per credential and per operation, with windows long enough (60 s) that nothing refills
// during a test. Each test sets up with an API key of its own, since keys are counted apart.

const API_KEY_RATE = 20;
const ANONYMOUS_RATE = 5;
const MESSAGE_RATE = 5;
const JOIN_RATE = 2;

const SEND = `mutation($m: String!) { sendMessage(payload: $m) { __typename ... on SendMessagePayload { recipientCount } } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

describe('rate limits', () => {
  const server = useTestServer('pglite', {
    RATE_LIMIT_API_KEY: `${API_KEY_RATE}/60s`,
    RATE_LIMIT_ANONYMOUS: `${ANONYMOUS_RATE}/60s`,
    RATE_LIMIT_MESSAGES: `${MESSAGE_RATE}/60s`,
    RATE_LIMIT_JOINS: `${JOIN_RATE}/60s`,
  });
  const open = closeAfterAll<TestParticipant>();

  const post = async (query: string, credential: string | null): Promise<Answer> => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Answer['body'] };
  };
  const expectRateLimited = (res: Answer, scope: string) => {
    expect(res.status).toBe(429);
    expect(res.body.data ?? null).toBeNull();
    const ext = res.body.errors?.[0].extensions;
    expect(ext).toMatchObject({ code: 'RATE_LIMITED', scope });
    expect(ext!.retryAfter).toBeGreaterThan(0);
    expect(res.retryAfter).toBe(String(ext!.retryAfter));
  };
  const newKey = async (): Promise<string> => (await mutate(server, `mutation { createApiKey(name: "rates") { ... on CreateApiKeyPayload { created { key } } } }`)).created.key;
  const newRoom = async (key: string): Promise<string> => (await mutate(server, `mutation { createRoom(input: {}) { ... on CreateRoomPayload { room { id } } } }`, {}, key)).room.id;
  const newToken = async (key: string, roomId: string): Promise<string> =>
    (await mutate(server, `mutation($r: ID!) { generateClientToken(roomId: $r) { ... on GenerateClientTokenPayload { clientToken { token } } } }`, { r: roomId }, key)).clientToken.token;
  const joined = async (token: string) => {
    const p = participant(server.url, token);
    open.push(p);
    const res = await p.join();
    expect(res.__typename).toBe('JoinPayload');
    return { p, id: res.joined.participantId as string };
  };
  const messagesTo = (events: { items: any[] }) => events.items.filter((e) => e.roomEvents.__typename === 'MessageReceived').map((e) => ({ from: e.roomEvents.from, payload: e.roomEvents.payload }));

  it('refuses an API key past RATE_LIMIT_API_KEY with 429; other credentials go on', async () => {
    const busy = await newKey();
    const other = await newKey();
    for (let i = 0; i < API_KEY_RATE; i++) expect((await post('{ __typename }', busy)).status).toBe(200);
    expectRateLimited(await post('{ rooms { totalCount } }', busy), 'apiKey');
    expect((await post('{ rooms { totalCount } }', other)).status).toBe(200);
    expect((await post('{ rooms { totalCount } }', server.apiKey)).status).toBe(200);
  });

  it('refuses sendMessage past RATE_LIMIT_MESSAGES over the WebSocket; the socket stays, nothing is delivered', async () => {
    const key = await newKey();
    const roomId = await newRoom(key);
    const [a, b, c] = [await joined(await newToken(key, roomId)), await joined(await newToken(key, roomId)), await joined(await newToken(key, roomId))];
    let aClosed = 0;
    a.p.client.on('closed', () => aClosed++);
    const events = b.p.events(roomId);
    await events.next(1);

    for (let i = 1; i <= MESSAGE_RATE; i++) expect((await a.p.run(SEND, { m: `m${i}` })).data.sendMessage.__typename).toBe('SendMessagePayload');
    const refused = await a.p.run(SEND, { m: 'one too many' });
    expect(refused.data?.sendMessage ?? null).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'messages' });
    expect(refused.errors?.[0].extensions.retryAfter).toBeGreaterThan(0);

    // Another participant's messages are counted apart, and mark the end of what b will get.
    expect((await c.p.run(SEND, { m: 'marker' })).data.sendMessage.__typename).toBe('SendMessagePayload');
    await eventually('the marker', () => messagesTo(events).find((m) => m.payload === 'marker'));
    expect(messagesTo(events)).toEqual([...Array.from({ length: MESSAGE_RATE }, (_, i) => ({ from: a.id, payload: `m${i + 1}` })), { from: c.id, payload: 'marker' }]);

    // Still the same connection, still in the room.
    expect(aClosed).toBe(0);
    expect((await a.p.run('mutation { leave { __typename } }')).data.leave.__typename).toBe('LeavePayload');
  });

  it("counts an operator's sendRoomMessage against RATE_LIMIT_MESSAGES per API key", async () => {
    const key = await newKey();
    const other = await newKey();
    const roomId = await newRoom(key);
    const b = await joined(await newToken(key, roomId));
    const events = b.p.events(roomId);
    await events.next(1);
    const send = (m: string, credential: string) => post(`mutation { sendRoomMessage(roomId: "${roomId}", payload: "${m}") { __typename } }`, credential);

    for (let i = 1; i <= MESSAGE_RATE; i++) expect((await send(`o${i}`, key)).body.data.sendRoomMessage.__typename).toBe('SendRoomMessagePayload');
    expectRateLimited(await send('one too many', key), 'messages');
    // Another key's messages are counted apart; the busy key's other operations go on.
    expect((await send('marker', other)).body.data.sendRoomMessage.__typename).toBe('SendRoomMessagePayload');
    expect((await post('{ rooms { totalCount } }', key)).status).toBe(200);
    await eventually('the marker', () => messagesTo(events).find((m) => m.payload === 'marker'));
    expect(messagesTo(events).map((m) => m.payload)).toEqual([...Array.from({ length: MESSAGE_RATE }, (_, i) => `o${i + 1}`), 'marker']);
  });

  it('counts every alias of sendMessage: one operation over the rate is refused whole', async () => {
    const key = await newKey();
    const roomId = await newRoom(key);
    const [a, b, c] = [await joined(await newToken(key, roomId)), await joined(await newToken(key, roomId)), await joined(await newToken(key, roomId))];
    const events = b.p.events(roomId);
    await events.next(1);
    const many = Array.from({ length: MESSAGE_RATE + 1 }, (_, i) => `s${i}: sendMessage(payload: "alias ${i}") { __typename }`).join(' ');
    const refused = await a.p.run(`mutation { ${many} }`);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'messages' });

    expect((await c.p.run(SEND, { m: 'marker' })).data.sendMessage.__typename).toBe('SendMessagePayload');
    await eventually('the marker', () => messagesTo(events).find((m) => m.payload === 'marker'));
    expect(messagesTo(events)).toEqual([{ from: c.id, payload: 'marker' }]);
  });

  it('counts sendMessage inside fragments too', async () => {
    const key = await newKey();
    const roomId = await newRoom(key);
    const [a, b, c] = [await joined(await newToken(key, roomId)), await joined(await newToken(key, roomId)), await joined(await newToken(key, roomId))];
    const events = b.p.events(roomId);
    await events.next(1);
    const sends = (from: number, n: number) => Array.from({ length: n }, (_, i) => `f${from + i}: sendMessage(payload: "fragment ${from + i}") { __typename }`).join(' ');
    const refused = await a.p.run(`mutation { ... on Mutation { ${sends(0, 3)} } ...More } fragment More on Mutation { ${sends(3, MESSAGE_RATE - 2)} }`);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'messages' });

    expect((await c.p.run(SEND, { m: 'marker' })).data.sendMessage.__typename).toBe('SendMessagePayload');
    await eventually('the marker', () => messagesTo(events).find((m) => m.payload === 'marker'));
    expect(messagesTo(events)).toEqual([{ from: c.id, payload: 'marker' }]);
  });

  it('refuses a join past RATE_LIMIT_JOINS for one token, and the refused join adds no one', async () => {
    const key = await newKey();
    const roomId = await newRoom(key);
    const token = await newToken(key, roomId);
    for (let i = 0; i < JOIN_RATE; i++) await joined(token);
    const third = participant(server.url, token);
    open.push(third);
    const refused = await third.run('mutation { join { __typename } }');
    expect(refused.data?.join ?? null).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'joins' });
    const state = await server.gql(`query($r: ID!) { roomState(roomId: $r) { participants { id } } }`, { r: roomId });
    expect(state.data.roomState.participants).toHaveLength(JOIN_RATE);
    // Another token of the same room joins as usual.
    await joined(await newToken(key, roomId));
  });

  // Last: it spends this address's anonymous allowance for the rest of the window.
  it('slows down guessing: past RATE_LIMIT_ANONYMOUS, bad API keys get 429 with a retry-after', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 20; i++) answers.push(await post('{ rooms { totalCount } }', `vr_guess-${i}-0123456789abcdef`));
    for (const res of answers.slice(0, ANONYMOUS_RATE)) {
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    for (const res of answers.slice(ANONYMOUS_RATE)) expectRateLimited(res, 'anonymous');
    // A valid key from the same address is counted on its own.
    expect((await post('{ rooms { totalCount } }', server.apiKey)).status).toBe(200);
  });
});

describe('rate limits on WHIP', () => {
  const server = useTestServer('pglite', { RATE_LIMIT_ANONYMOUS: `${ANONYMOUS_RATE}/60s` });

  /** A WHIP POST from `from` (a loopback address of its own: its own anonymous allowance). */
  const whipPost = (path: string, token: string, from: string) =>
    new Promise<{ status: number; retryAfter?: string; body: string }>((resolve, reject) => {
      const req = request(`${server.url}${path}`, { method: 'POST', localAddress: from, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/sdp' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined, body }));
      });
      req.on('error', reject);
      req.end('v=0\r\n');
    });

  it('counts WHIP requests against the address’s anonymous rate: guessing a token gets 429, and the ingress is untouched', async () => {
    const room = await createRoom(server);
    const created = await mutate(server, `mutation($r: ID!) { createIngress(input: {roomId: $r, kind: WHIP}) { ... on CreateIngressPayload { ingress { id status whip { url } } } } }`, { r: room.id });
    const path = new URL(created.ingress.whip.url).pathname;
    const answers = [];
    for (let i = 0; i < ANONYMOUS_RATE + 3; i++) answers.push(await whipPost(path, `guess-${i}`, '127.0.0.7'));
    expect(answers.slice(0, ANONYMOUS_RATE).map((a) => a.status)).toEqual(Array(ANONYMOUS_RATE).fill(401));
    for (const a of answers.slice(ANONYMOUS_RATE)) {
      expect(a.status).toBe(429);
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
      expect(a.body).toMatch(/too many WHIP requests from this address/);
    }
    // Another address is counted apart; the ingress still waits for its publisher.
    expect((await whipPost(path, 'guess-other', '127.0.0.8')).status).toBe(401);
    const ingress = (await server.gql(`query($id: ID!) { ingress(id: $id) { status } }`, { id: created.ingress.id })).data.ingress;
    expect(ingress.status).toBe('CONNECTING');
  });
});
