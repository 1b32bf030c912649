/**
 * A stand-in for an object that a suite creates in `beforeAll`: a test file holds it from the start,
 * under the name it always used (`server`, `browser`), and every use inside tests and hooks goes to
 * the object once it exists. This is what lets the set-up be written once, in a helper, while the
 * tests read as before.
 */
export interface StandIn<T extends object> {
  /** Use this in tests and hooks. */
  readonly proxy: T;
  /** The object, once created (and until it is cleared). */
  readonly current: T | undefined;
  set(value: T | undefined): void;
}

export function standIn<T extends object>(what: string): StandIn<T> {
  let target: T | undefined;
  const started = (): T => {
    if (!target) throw new Error(`${what} is not there: use it inside tests and hooks, after beforeAll`);
    return target;
  };
  const proxy = new Proxy({} as T, {
    get(_, key) {
      const object = started();
      const value: unknown = Reflect.get(object, key, object);
      // Methods run on the object itself: class instances (Playwright's Browser) check their own fields.
      return typeof value === 'function' ? value.bind(object) : value;
    },
    set: (_, key, value) => Reflect.set(started(), key, value),
    has: (_, key) => key in started(),
  });
  return {
    proxy,
    get current() {
      return target;
    },
    set(value) {
      target = value;
    },
  };
}
