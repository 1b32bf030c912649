import type { CompositionChange, DomainBus } from '../events/topics.js';

export type { CompositionChange };

/**
 * Changes of compositions (status, progress, deletion), for the `composition(id)` subscription,
 * carried by the server's bus. Written after the database has the change.
 */
export class CompositionChanges {
  constructor(private readonly bus: DomainBus) {}

  publish(change: CompositionChange): void {
    this.bus.publish('composition', change.kind === 'deleted' ? change.id : change.row.id, change);
  }

  listen(id: string, fn: (change: CompositionChange) => void): () => void {
    return this.bus.subscribe('composition', id, fn);
  }
}
