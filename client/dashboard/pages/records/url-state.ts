// Filters kept in the address (`?room=…&from=…`): a reload, a bookmark or a link from another page
// shows the same list. Written with replaceState: changing a filter is not a step to go back through.
import { useState } from 'preact/hooks';

/** The values of `keys` in the address ('' when absent), and a setter that writes them back. */
export function useUrlState<K extends string>(keys: readonly K[]): [Record<K, string>, (patch: Partial<Record<K, string>>) => void] {
  const [values, setValues] = useState(() => {
    const params = new URLSearchParams(location.search);
    return Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  });
  const update = (patch: Partial<Record<K, string>>) => {
    const next = { ...values, ...patch };
    setValues(next);
    const params = new URLSearchParams(location.search);
    for (const k of keys) {
      if (next[k]) params.set(k, next[k]);
      else params.delete(k);
    }
    const query = params.toString();
    history.replaceState(history.state, '', location.pathname + (query ? `?${query}` : ''));
  };
  return [values, update];
}

/** A GraphQL DateFilter from two day inputs (YYYY-MM-DD); null when both are empty. */
export function dayRange(from: string, to: string): { gte?: string; lte?: string } | null {
  if (!from && !to) return null;
  return { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) };
}
