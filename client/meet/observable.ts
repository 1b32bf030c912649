// A value that changes and tells its listeners: the meeting's controllers are plain classes, and
// the screens follow them with useObservable.
import { useEffect, useState } from 'preact/hooks';

export class Observable<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private current: T) {}

  get(): T {
    return this.current;
  }

  set(next: T): void {
    if (next === this.current) return;
    this.current = next;
    for (const fn of [...this.listeners]) fn();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

export function useObservable<T>(o: Observable<T>): T {
  const [value, setValue] = useState(() => o.get());
  useEffect(() => {
    // A change between the first render and this effect must not be lost.
    setValue(o.get());
    return o.subscribe(() => setValue(o.get()));
  }, [o]);
  return value;
}
