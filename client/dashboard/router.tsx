// Routing in the browser under /dashboard/: the path is the state, links push history entries,
// and the server answers every /dashboard/* path with the same page (a single-page app).
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/dashboard';

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

/** The path inside the dashboard: `/rooms/<id>` for `/dashboard/rooms/<id>`; `/` for the overview. */
export function currentPath(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return p.replace(/\/+$/, '') || '/';
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = BASE + (to === '/' ? '/' : to);
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

/**
 * Rewrites the address's query (`?room=…`) in place — a filter change is not a step to go back
 * through — and tells every page that reads it.
 */
export function replaceSearch(query: string): void {
  history.replaceState(history.state, '', location.pathname + (query ? `?${query}` : ''));
  listeners.forEach((l) => l());
}

/** Re-renders when the query changes, by a link (the sidebar's, to the same page) or replaceSearch. */
export function useSearch(): string {
  const [search, setSearch] = useState(() => location.search);
  useEffect(() => {
    const update = () => setSearch(location.search);
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return search;
}

/** Re-renders on every navigation; returns the current dashboard path. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return path;
}

/** A link inside the dashboard: a real href (open in a new tab works), navigation without a reload. */
export function Link(props: { to: string; class?: string; children: ComponentChildren; title?: string } & Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const { to, children, ...rest } = props;
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={BASE + to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

/** Matches `/rooms/:id` against a path; the named parts, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i]!.startsWith(':')) params[want[i]!.slice(1)] = decodeURIComponent(got[i]!);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}
