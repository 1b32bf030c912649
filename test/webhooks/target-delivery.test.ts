import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postWebhook } from '../../server/webhooks/post.js';
import { targetPolicy, type HostLookup } from '../../server/webhooks/target-policy.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';

// One delivery attempt against real sockets, with the resolver injected: the check happens after
// DNS, the connection goes to the address checked, and nothing is followed elsewhere.

const BODY = JSON.stringify({ data: { event_type: 'video.room.created' } });
const HEADERS = { 'content-type': 'application/json' };

describe('postWebhook', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((f) => f()));
  });
  const receiver = async (host?: string, port?: number) => {
    const r = await new WebhookReceiver(host).start(port);
    cleanup.push(() => r.stop());
    return r;
  };
  /** A resolver that answers each call with the next of `answers` (the last one repeats) and counts the calls. */
  const sequence = (...answers: string[]) => {
    const lookup: HostLookup & { calls: number } = Object.assign(async () => [{ address: answers[Math.min(lookup.calls++, answers.length - 1)]!, family: 4 as const }], { calls: 0 });
    return lookup;
  };

  it('connects to the address the resolver gave for the check, and asks it only once (DNS rebinding)', async () => {
    const checked = await receiver('127.0.0.1');
    const port = Number(new URL(checked.url).port);
    const other = await receiver('127.0.0.2', port);
    // A rebinding resolver: the first answer is the one checked, a second would point elsewhere.
    const lookup = sequence('127.0.0.1', '127.0.0.2');
    const outcome = await postWebhook(`http://hooks.rebind.test:${port}/hooks`, BODY, HEADERS, { timeoutMs: 5000, policy: targetPolicy(true, { lookup }) });
    expect(outcome).toEqual({ ok: true, statusCode: 200 });
    expect(lookup.calls).toBe(1);
    expect(checked.received).toHaveLength(1);
    expect(checked.received[0]!.headers.host).toBe(`hooks.rebind.test:${port}`);
    expect(other.received).toHaveLength(0);
  });

  it('refuses a host that resolves to a private address at delivery: nothing is sent, the reason is given', async () => {
    const hooks = await receiver();
    const port = Number(new URL(hooks.url).port);
    const lookup = sequence('127.0.0.1');
    const outcome = await postWebhook(`http://hooks.example.test:${port}/hooks`, BODY, HEADERS, { timeoutMs: 5000, policy: targetPolicy(false, { lookup }) });
    expect(outcome).toEqual({
      ok: false,
      statusCode: null,
      error: 'target refused: must not point to a private, loopback, link-local or other non-public address (resolves to 127.0.0.1, loopback)',
    });
    expect(hooks.received).toHaveLength(0);

    const literal = await postWebhook(hooks.url, BODY, HEADERS, { timeoutMs: 5000, policy: targetPolicy(false) });
    expect(literal.error).toBe('target refused: must not point to a private, loopback, link-local or other non-public address (127.0.0.1 is loopback)');
    expect(hooks.received).toHaveLength(0);
  });

  it('does not follow redirects', async () => {
    const elsewhere = await receiver();
    const redirecting: Server = createServer((req, res) => {
      req.resume();
      res.writeHead(307, { location: elsewhere.url }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => redirecting.close(() => resolve())));
    const { port } = redirecting.address() as AddressInfo;
    const outcome = await postWebhook(`http://127.0.0.1:${port}/hooks`, BODY, HEADERS, { timeoutMs: 5000, policy: targetPolicy(true) });
    expect(outcome).toEqual({ ok: false, statusCode: 307, error: 'HTTP 307 (redirects are not followed)' });
    expect(elsewhere.received).toHaveLength(0);
  });

  it('reports a host that does not resolve in time, within the attempt’s timeout', async () => {
    const never: HostLookup = () => new Promise(() => {});
    const started = Date.now();
    const outcome = await postWebhook('http://slow.test/hooks', BODY, HEADERS, { timeoutMs: 300, policy: targetPolicy(false, { lookup: never }) });
    expect(outcome).toEqual({ ok: false, statusCode: null, error: 'host "slow.test" did not resolve within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports a refused connection and a receiver that does not answer in time', async () => {
    const down = await receiver();
    const url = down.url;
    await down.stop();
    expect(await postWebhook(url, BODY, HEADERS, { timeoutMs: 5000, policy: targetPolicy(true) })).toEqual({ ok: false, statusCode: null, error: 'ECONNREFUSED' });

    const hanging = await receiver();
    hanging.answer = 'hang';
    expect(await postWebhook(hanging.url, BODY, HEADERS, { timeoutMs: 300, policy: targetPolicy(true) })).toEqual({ ok: false, statusCode: null, error: 'no answer within 0.3 s' });
    expect(hanging.received).toHaveLength(1);
  });
});
