import { Mutex } from 'async-mutex';

/**
 * One async-mutex per key: tasks that share a key run one after another, tasks of different keys
 * side by side. A key's mutex is dropped once nobody holds or waits for it.
 */
export class KeyedLocks {
  private readonly locks = new Map<string, { mutex: Mutex; users: number }>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let lock = this.locks.get(key);
    if (!lock) this.locks.set(key, (lock = { mutex: new Mutex(), users: 0 }));
    lock.users += 1;
    try {
      return await lock.mutex.runExclusive(task);
    } finally {
      if (--lock.users === 0) this.locks.delete(key);
    }
  }
}
