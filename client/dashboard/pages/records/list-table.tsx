// A list's table, or what to say instead of it (loading, nothing matches), then its pager — shown
// while there is a page to move to.
import type { ComponentChildren } from 'preact';
import { Pager, type PageInfoLike, type usePaging } from '../../ui/pager.js';

export function ListTable(props: {
  /** Rows on this page. */
  shown: number;
  /** Whether the list has answered at least once. */
  loaded: boolean;
  /** It could not be read (the page shows why): say neither "loading" nor "empty". */
  failed?: boolean;
  empty: string;
  noun: string;
  paging: ReturnType<typeof usePaging>;
  pageInfo: PageInfoLike | undefined;
  total: number | undefined;
  class?: string;
  /** Headings; a `hidden` one (the links or actions of a row) is for screen readers only. */
  columns: (string | false | { label: string; num?: boolean; hidden?: boolean })[];
  children: ComponentChildren;
}) {
  const { shown, loaded, paging } = props;
  return (
    <>
      {shown > 0 && (
        <div class="table-wrap">
          <table class={`stack ${props.class ?? ''}`}>
            <thead>
              <tr>
                {props.columns.map((c) => {
                  if (c === false) return null;
                  const col = typeof c === 'string' ? { label: c } : c;
                  if (col.hidden) {
                    return (
                      <th key={col.label} class="hidden-heading">
                        <span class="visually-hidden">{col.label}</span>
                      </th>
                    );
                  }
                  return (
                    <th key={col.label} class={col.num ? 'num' : undefined}>
                      {col.label}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>{props.children}</tbody>
          </table>
        </div>
      )}
      {loaded && !shown && <p class="empty">{props.empty}</p>}
      {!loaded && !props.failed && <p class="empty">Loading {props.noun}…</p>}
      {(shown > 0 || paging.offset > 0 || !!paging.window.before) && <Pager paging={paging} pageInfo={props.pageInfo} shown={shown} total={props.total} noun={props.noun} />}
    </>
  );
}

/** Empties every filter of a bar; shown only while one is set. */
export function ClearFilters({ shown, onClear }: { shown: boolean; onClear: () => void }) {
  if (!shown) return null;
  return (
    <button type="button" onClick={onClear}>
      Clear filters
    </button>
  );
}
