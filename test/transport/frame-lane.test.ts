import type { AddressInfo } from 'node:net';
import type { ExecutionResult } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { PushStream } from '../../server/shared/push-stream.js';
import { FrameLane } from '../../server/transport/ws-frames.js';
import { AnswersInFlight } from '../../server/transport/answers-in-flight.js';

// A subscription's frames come two ways — written at once when offered (nothing before them), or
// through the subscription's stream — and the client must see them in the order they were pushed,
// whichever way each took, as valid graphql-ws `next` frames with the operation's id.

const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((o) => o.close()));

async function socketPair(): Promise<{ server: WebSocket; received: any[]; until: (n: number) => Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  opened.push(wss);
  await new Promise((r) => wss.once('listening', r));
  const serverSide = new Promise<WebSocket>((r) => wss.once('connection', r));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  opened.push(client);
  const received: any[] = [];
  const waiters: (() => void)[] = [];
  client.on('message', (data, isBinary) => {
    expect(isBinary).toBe(false);
    received.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((w) => w());
  });
  const until = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`got ${received.length} of ${n} frames`)), 5000);
      const check = () => (received.length >= n ? (clearTimeout(timer), resolve()) : waiters.push(check));
      check();
    });
  return { server: await serverSide, received, until };
}

/** Results of a stream of numbers; `slow` ones resolve later, as an asynchronous execution would. */
function results(stream: PushStream<number>, slow: Set<number>): AsyncIterable<ExecutionResult> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<ExecutionResult>> => {
        const r = await stream.next();
        if (r.done) return { done: true, value: undefined };
        if (slow.has(r.value)) await new Promise((resolve) => setTimeout(resolve, 20));
        return { done: false, value: { data: { n: r.value } } };
      },
      return: async () => {
        await stream.return();
        return { done: true, value: undefined };
      },
    }),
  };
}

/** A lane on a fresh socket that is offered every result its stream gets, from the first. */
async function offeringLane(id: string, answers?: AnswersInFlight) {
  const { server, received, until } = await socketPair();
  const lane = new FrameLane(server, id, answers);
  const stream = new PushStream<number>(() => {});
  lane.startAt(0);
  stream.divert((n) => lane.offer(() => ({ data: { n } })));
  void lane.frames(results(stream, new Set())).next();
  return { lane, stream, received, until };
}

describe('FrameLane', () => {
  it('keeps the pushed order whichever way each result goes', async () => {
    const { server, received, until } = await socketPair();
    const lane = new FrameLane(server, 'op-1');
    const stream = new PushStream<number>(() => {});
    const slow = new Set([3, 7]);
    stream.push(0); // before the lane is attached: it goes through the stream
    lane.startAt(stream.received);
    let direct = 0;
    stream.divert((n) => {
      const taken = lane.offer(() => (slow.has(n) ? Promise.resolve({ data: { n } }) : { data: { n } }));
      if (taken) direct++;
      return taken;
    });
    const frames = lane.frames(results(stream, slow));
    const ended = frames.next();
    for (let n = 1; n <= 12; n++) {
      stream.push(n);
      if (n % 4 === 0) await new Promise((r) => setTimeout(r, 30));
    }
    await until(13);
    expect(received).toEqual(Array.from({ length: 13 }, (_, n) => ({ id: 'op-1', type: 'next', payload: { data: { n } } })));
    // Some went straight to the socket, the rest waited their turn in the stream.
    expect(direct).toBeGreaterThan(0);
    expect(direct).toBeLessThan(12);
    stream.end();
    expect(await ended).toEqual({ done: true, value: undefined });
  });

  it('takes nothing more once told to stop: what follows comes after the stream’s last result', async () => {
    const { lane, stream, received, until } = await offeringLane('op-2');
    stream.push(1);
    await until(1);
    lane.stopOffers();
    stream.push(2);
    await until(2);
    expect(received.map((f) => f.payload.data.n)).toEqual([1, 2]);
  });

  it('writes an event published while its socket owes an answer only once that answer is written', async () => {
    const answers = new AnswersInFlight();
    const { stream, received, until } = await offeringLane('op-3', answers);
    stream.push(1);
    await until(1);
    // A mutation on the socket publishes 2 and 3; another one starts after them.
    answers.opened('m1');
    stream.push(2);
    stream.push(3);
    answers.opened('m2');
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(1);
    // m1 answered: 2 and 3 go, although m2 is still pending (it does not hold what came before it).
    answers.settled('m1');
    await until(3);
    stream.push(4);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(3);
    answers.close();
    await until(4);
    expect(received.map((f) => f.payload.data.n)).toEqual([1, 2, 3, 4]);
  });
});
