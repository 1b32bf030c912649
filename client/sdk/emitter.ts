import { EventEmitter } from 'eventemitter3';
import type { Logger } from './logger.js';

type Handler = (...args: never[]) => void;

/**
 * The room's typed events over eventemitter3. `on` returns the function that removes the handler;
 * a handler that throws is logged, and the others still run.
 */
export class Emitter<E extends { [K in keyof E]: Handler }> {
  private readonly ee = new EventEmitter();
  /** The guarded wrapper of each handler, so that adding a handler twice keeps one. */
  private readonly wrappers = new Map<keyof E, Map<Handler, (...args: unknown[]) => void>>();

  constructor(private readonly log: Logger) {}

  on<K extends keyof E & string>(event: K, handler: E[K]): () => void {
    let wrappers = this.wrappers.get(event);
    if (!wrappers) this.wrappers.set(event, (wrappers = new Map()));
    let guarded = wrappers.get(handler);
    if (!guarded) {
      guarded = (...args: unknown[]) => {
        try {
          Reflect.apply(handler, undefined, args);
        } catch (err) {
          // An app's handler that throws must not break the SDK's own bookkeeping.
          this.log.error(`a "${event}" handler threw`, err);
        }
      };
      wrappers.set(handler, guarded);
      this.ee.on(event, guarded);
    }
    const registered = guarded;
    return () => {
      if (wrappers.get(handler) !== registered) return;
      wrappers.delete(handler);
      this.ee.off(event, registered);
    };
  }

  emit<K extends keyof E & string>(event: K, ...args: Parameters<E[K]>): void {
    this.ee.emit(event, ...args);
  }
}
