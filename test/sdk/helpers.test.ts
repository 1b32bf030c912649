// The SDK's small helpers over libraries (async-mutex, eventemitter3), in plain Node.
import { describe, expect, it, vi } from 'vitest';
import { sleep } from '../../client/sdk/async.js';
import { Emitter } from '../../client/sdk/emitter.js';
import { KeyedLocks } from '../../client/sdk/keyed-locks.js';
import { Logger } from '../../client/sdk/logger.js';

describe('keyed locks', () => {
  it('runs the tasks of one key one after another, in order, even when one fails', async () => {
    const locks = new KeyedLocks();
    const log: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await sleep(ms);
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([locks.run('a', task('a1', 20, true)), locks.run('a', task('a2', 5)), locks.run('a', task('a3', 1))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log).toEqual(['a1 start', 'a1 end', 'a2 start', 'a2 end', 'a3 start', 'a3 end']);
  });

  it('runs tasks of different keys side by side', async () => {
    const locks = new KeyedLocks();
    const log: string[] = [];
    await Promise.all([
      locks.run('a', async () => {
        log.push('a start');
        await sleep(20);
        log.push('a end');
      }),
      locks.run('b', async () => {
        log.push('b start');
        await sleep(1);
        log.push('b end');
      }),
    ]);
    expect(log).toEqual(['a start', 'b start', 'b end', 'a end']);
  });
});

describe('the room emitter', () => {
  type Events = { ping: (n: number) => void };

  it('calls every handler; one that throws is logged and does not stop the others', () => {
    const log = new Logger('OFF');
    const error = vi.spyOn(log, 'error');
    const emitter = new Emitter<Events>(log);
    const seen: number[] = [];
    emitter.on('ping', () => {
      throw new Error('app bug');
    });
    emitter.on('ping', (n) => seen.push(n));
    emitter.emit('ping', 7);
    expect(seen).toEqual([7]);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('on returns the unsubscribe; the same handler added twice is called once', () => {
    const emitter = new Emitter<Events>(new Logger('OFF'));
    const handler = vi.fn();
    const off = emitter.on('ping', handler);
    emitter.on('ping', handler);
    emitter.emit('ping', 1);
    expect(handler).toHaveBeenCalledTimes(1);
    off();
    emitter.emit('ping', 2);
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
