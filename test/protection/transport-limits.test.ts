import { request } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { createRoom } from '../helpers/server.js';
import { RawWs } from './raw-ws.js';
import { useTestServer } from '../helpers/server-suite.js';

// What one HTTP request or one WebSocket may hold the server to: the size of a body, of a
// message, and how many subscriptions run at once on a socket. Small limits keep it quick.

const MAX_BODY_BYTES = 4096;
const MAX_WS_MESSAGE_BYTES = 4096;
const MAX_SUBSCRIPTIONS = 3;

const CREATED = `subscription { events(filter: { eventTypes: ["video.room.created"] }) { eventType roomId } }`;

/** A POST whose body goes out in chunks (Transfer-Encoding: chunked), stopping once the server has answered. */
function postChunked(url: string, chunk: string, maxChunks: number): Promise<{ status: number; body: string; chunksSent: number }> {
  return new Promise((resolve, reject) => {
    let chunksSent = 0;
    let answered = false;
    const req = request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body, chunksSent }));
      res.on('error', reject);
    });
    // The server closes the connection after its 413: writes that race with that are expected.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const pump = () => {
      if (answered || req.destroyed) return;
      if (chunksSent === maxChunks) return void req.end();
      chunksSent++;
      req.write(chunk, () => setTimeout(pump, 5));
    };
    req.write('{"query":"{ __typename }","padding":"');
    pump();
  });
}

describe('transport limits', () => {
  const server = useTestServer('pglite', {
    MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    MAX_WS_MESSAGE_BYTES: String(MAX_WS_MESSAGE_BYTES),
    MAX_SUBSCRIPTIONS_PER_CONNECTION: String(MAX_SUBSCRIPTIONS),
  });

  const servesStill = async () => expect((await server.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });

  it('accepts a body just under MAX_BODY_BYTES', async () => {
    const query = `{ __typename }${' '.repeat(MAX_BODY_BYTES - 200)}`;
    const res = await server.gql(query);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ __typename: 'Query' });
  });

  it('refuses a larger body declared by Content-Length with 413 PAYLOAD_TOO_LARGE, and serves on', async () => {
    const body = JSON.stringify({ query: `{ __typename }${' '.repeat(MAX_BODY_BYTES * 4)}` });
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
      body,
    });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(json.errors[0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', max: MAX_BODY_BYTES });
    await servesStill();
  });

  it('cuts off a chunked body once it passes MAX_BODY_BYTES with 413 PAYLOAD_TOO_LARGE, and serves on', async () => {
    const chunk = 'x'.repeat(1024);
    // Up to 256 KiB would be sent: the answer has to come long before, once the limit is passed.
    const res = await postChunked(server.url, chunk, 256);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).errors[0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', max: MAX_BODY_BYTES });
    expect(res.chunksSent).toBeLessThan(256);
    await servesStill();
  });

  it('closes a WebSocket that sends a message over MAX_WS_MESSAGE_BYTES with 1009, and serves the others', async () => {
    const bystander = await RawWs.open(server.url, server.apiKey);
    const offender = await RawWs.open(server.url, server.apiKey);
    // A client's oversized message is its own fault: nothing for the server's error output.
    const stderr = vi.spyOn(console, 'error');
    try {
      offender.subscribe('big', `{ __typename }${' '.repeat(MAX_WS_MESSAGE_BYTES)}`);
      expect((await offender.closed()).code).toBe(1009);
      expect(stderr).not.toHaveBeenCalled();
      expect(offender.results('big')).toEqual([]);
      expect(bystander.isOpen).toBe(true);
      expect(await bystander.run('after', '{ __typename }')).toEqual({ results: [{ data: { __typename: 'Query' } }] });
      await servesStill();
      const next = await RawWs.open(server.url, server.apiKey);
      expect(await next.run('fresh', '{ __typename }')).toEqual({ results: [{ data: { __typename: 'Query' } }] });
      next.close();
    } finally {
      stderr.mockRestore();
      bystander.close();
      offender.close();
    }
  });

  it('refuses a subscription beyond MAX_SUBSCRIPTIONS_PER_CONNECTION; the open ones keep delivering', async () => {
    const ws = await RawWs.open(server.url, server.apiKey);
    try {
      const ids = Array.from({ length: MAX_SUBSCRIPTIONS }, (_, i) => `sub${i}`);
      ids.forEach((id) => ws.subscribe(id, CREATED));
      const extra = await ws.run('extra', CREATED);
      expect(extra.results).toEqual([]);
      expect(extra.errors?.[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxSubscriptionsPerConnection', max: MAX_SUBSCRIPTIONS });
      expect(ws.isOpen).toBe(true);
      // Queries are no subscriptions: they still run.
      expect(await ws.run('query', '{ __typename }')).toEqual({ results: [{ data: { __typename: 'Query' } }] });

      const room = await createRoom(server);
      for (const id of ids) {
        const [event] = await ws.until(`${id} to deliver`, () => (ws.results(id).length ? ws.results(id) : undefined));
        expect(event.data.events).toEqual({ eventType: 'video.room.created', roomId: room.id });
      }

      // Completing one frees its place.
      ws.complete(ids[0]!);
      ws.subscribe('again', CREATED);
      const second = await createRoom(server);
      await ws.until('the new subscription to deliver', () => ws.results('again')[0]);
      expect(ws.results('again')[0].data.events.roomId).toBe(second.id);
      expect(ws.messages.find((m) => m.id === 'again' && m.type === 'error')).toBeUndefined();
    } finally {
      ws.close();
    }
  });
});
