import type { CompositionJobRow } from '../../db/compositions.js';

export type CompositionChange = { kind: 'updated'; row: CompositionJobRow } | { kind: 'deleted'; id: string };

/**
 * Changes of compositions within this process (status, progress, deletion), for the
 * `composition(id)` subscription. Written after the database has the change.
 */
export class CompositionChanges {
  private readonly listeners = new Map<string, Set<(change: CompositionChange) => void>>();

  publish(change: CompositionChange): void {
    const id = change.kind === 'deleted' ? change.id : change.row.id;
    for (const fn of this.listeners.get(id) ?? []) fn(change);
  }

  listen(id: string, fn: (change: CompositionChange) => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(id);
    };
  }
}
