// Paging a Relay connection: a cursor to start after (next) or end before (previous), and the
// connection's total for "21–40 of 57".
import { useState } from 'preact/hooks';
import { graphql } from '../generated/gql.js';

/** What a paged list asks of its connection's pageInfo: `pageInfo { ...DashboardPageInfo }`. */
export const PageInfoFields = graphql(`
  fragment DashboardPageInfo on PageInfo {
    hasNextPage
    hasPreviousPage
    startCursor
    endCursor
  }
`);

export const PAGE_SIZE = 20;

export interface PageWindow {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

export interface PageInfoLike {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/** The window to ask for, and how to move it; `reset` goes back to the first page (a new filter). */
export function usePaging(size = PAGE_SIZE) {
  const [state, setState] = useState<{ window: PageWindow; offset: number }>({ window: { first: size }, offset: 0 });
  return {
    window: state.window,
    offset: state.offset,
    next: (info: PageInfoLike, shown: number) => info.endCursor && setState((s) => ({ window: { first: size, after: info.endCursor! }, offset: s.offset + shown })),
    previous: (info: PageInfoLike) => info.startCursor && setState((s) => ({ window: { last: size, before: info.startCursor! }, offset: Math.max(0, s.offset - size) })),
    reset: () => setState({ window: { first: size }, offset: 0 }),
  };
}

export function Pager({ paging, pageInfo, shown, total, noun }: { paging: ReturnType<typeof usePaging>; pageInfo: PageInfoLike | undefined; shown: number; total: number | undefined; noun: string }) {
  if (!pageInfo) return null;
  // Paging back with `last` counts from the end: the server says whether there is more before.
  const hasPrevious = paging.window.before ? pageInfo.hasPreviousPage : paging.offset > 0;
  const hasNext = paging.window.before ? true : pageInfo.hasNextPage;
  const from = shown ? paging.offset + 1 : 0;
  return (
    <div class="pager" role="navigation" aria-label={`${noun} pages`}>
      <span class="muted">{total === undefined ? `${shown} ${noun}` : shown ? `${from}–${paging.offset + shown} of ${total} ${noun}` : `0 of ${total} ${noun}`}</span>
      <button type="button" disabled={!hasPrevious} onClick={() => paging.previous(pageInfo)}>
        ← Previous
      </button>
      <button type="button" disabled={!hasNext || !pageInfo.endCursor} onClick={() => paging.next(pageInfo, shown)}>
        Next →
      </button>
    </div>
  );
}
