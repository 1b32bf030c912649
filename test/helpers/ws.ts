import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** `lazy` closes the socket whenever no operation is running: fine for a watcher, wrong for a participant. */
export function wsClient(httpUrl: string, authorization?: string, lazy = true): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization: `Bearer ${authorization}` } : {},
    retryAttempts: 0,
    lazy,
    // A test that kills or stops the server expects its sockets to close: no need to print it.
    onNonLazyError: () => {},
  });
}

export interface Collected<T> {
  items: T[];
  errors: unknown[];
  /** Resolves once `n` items have arrived (or rejects after timeoutMs). */
  next(n: number, timeoutMs?: number): Promise<T[]>;
  stop(): void;
}

/** Subscribes and collects what arrives, so a test can act and then wait for the events it caused. */
export function collect<T = any>(client: Client, query: string, variables?: Record<string, unknown>): Collected<T> {
  const items: T[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (msg) => {
        if (msg.errors) errors.push(...msg.errors);
        if (msg.data) items.push(msg.data as T);
        waiters.splice(0).forEach((w) => w());
      },
      error: (err) => {
        errors.push(err);
        waiters.splice(0).forEach((w) => w());
      },
      complete: () => {},
    },
  );
  return {
    items,
    errors,
    stop,
    next(n, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited ${timeoutMs} ms for ${n} items, got ${items.length}; errors: ${JSON.stringify(errors)}`)), timeoutMs);
        const check = () => {
          if (items.length >= n) {
            clearTimeout(timer);
            resolve(items.slice(0, n));
          } else if (errors.length) {
            clearTimeout(timer);
            reject(new Error(`subscription failed: ${JSON.stringify(errors)}`));
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}
