// Filters kept in the address (`?room=…&from=…`): a reload, a bookmark or a link from another page
// shows the same list. Written with replaceState: changing a filter is not a step to go back through.
import { replaceSearch, useSearch } from '../../router.js';

/**
 * The values of `keys` in the address ('' when absent), and a setter that writes them back. The
 * address is the only copy: following a link to the same page without a query (the sidebar's)
 * clears the filters on screen too.
 */
export function useUrlState<K extends string>(keys: readonly K[]): [Record<K, string>, (patch: Partial<Record<K, string>>) => void] {
  const params = new URLSearchParams(useSearch());
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const update = (patch: Partial<Record<K, string>>) => {
    const next = new URLSearchParams(location.search);
    for (const k of keys) {
      const v = k in patch ? patch[k] : values[k];
      if (v) next.set(k, v);
      else next.delete(k);
    }
    replaceSearch(next.toString());
  };
  return [values, update];
}

/** A GraphQL DateFilter from two day inputs (YYYY-MM-DD); null when both are empty. */
export function dayRange(from: string, to: string): { gte?: string; lte?: string } | null {
  if (!from && !to) return null;
  return { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) };
}
