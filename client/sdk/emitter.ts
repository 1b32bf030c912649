import type { Logger } from './logger.js';

type Handler = (...args: any[]) => void;

/** A typed event emitter whose `on` returns the function that removes the handler. */
export class Emitter<E extends { [K in keyof E]: Handler }> {
  private readonly handlers = new Map<keyof E, Set<Handler>>();

  constructor(private readonly log: Logger) {}

  on<K extends keyof E>(event: K, handler: E[K]): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => void set!.delete(handler);
  }

  emit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) {
      try {
        handler(...args);
      } catch (err) {
        // An app's handler that throws must not break the SDK's own bookkeeping.
        this.log.error(`a "${String(event)}" handler threw`, err);
      }
    }
  }
}
