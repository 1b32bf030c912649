import { Mutex } from 'async-mutex';

/**
 * Runs tasks of one key one after another (operations on one subscription or one stream), tasks of
 * different keys side by side. A key's mutex lives only while someone holds or awaits it.
 */
export class KeyedLocks {
  private readonly locks = new Map<string, Mutex>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let lock = this.locks.get(key);
    if (!lock) this.locks.set(key, (lock = new Mutex()));
    try {
      return await lock.runExclusive(task);
    } finally {
      // A waiting task takes the mutex as it is released, so an idle one has no waiters left.
      if (!lock.isLocked() && this.locks.get(key) === lock) this.locks.delete(key);
    }
  }
}
