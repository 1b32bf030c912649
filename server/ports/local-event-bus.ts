import type { EventBus, Unsubscribe } from './event-bus.js';

type Listener = (message: never) => void;

/** The event bus of one process: listeners are called synchronously, in the order they subscribed. */
export class LocalEventBus<Topics extends object> implements EventBus<Topics> {
  // topic → key → listeners; the key `null` holds those that hear every key.
  private readonly topics = new Map<string, Map<string | null, Set<Listener>>>();

  publish<T extends keyof Topics & string>(topic: T, key: string, message: Topics[T]): void {
    const keys = this.topics.get(topic);
    if (!keys) return;
    // Copied first: a listener may unsubscribe (itself or another) while it is called.
    for (const set of [keys.get(key), keys.get(null)]) {
      if (set) for (const fn of [...set]) (fn as (m: Topics[T]) => void)(message);
    }
  }

  subscribe<T extends keyof Topics & string>(topic: T, key: string | null, listener: (message: Topics[T]) => void): Unsubscribe {
    let keys = this.topics.get(topic);
    if (!keys) this.topics.set(topic, (keys = new Map()));
    let set = keys.get(key);
    if (!set) keys.set(key, (set = new Set()));
    const fn = listener as Listener;
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0 && keys.get(key) === set) keys.delete(key);
    };
  }

  listenerCount<T extends keyof Topics & string>(topic: T, key: string): number {
    return this.topics.get(topic)?.get(key)?.size ?? 0;
  }
}
