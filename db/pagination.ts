import type { SelectQueryBuilder } from 'kysely';

/** An inclusive range of UTC calendar days, as Telnyx's `filter[date_*][eq|gte|lte]`. */
export interface DateFilter {
  eq?: string | null;
  gte?: string | null;
  lte?: string | null;
}

const DAY_MS = 86_400_000;
/** The day after 9999-12-31: later than anything stored, and a year PGlite cannot send. */
const AFTER_LAST_DAY = Date.UTC(10000, 0, 1);

/** Turns day filters into half-open instants: `lte: 2026-01-31` keeps all of that day. */
export function dateBounds(filter: DateFilter): { from?: Date; before?: Date } {
  const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
  let from: Date | undefined;
  let before: Date | undefined;
  const later = (a: Date | undefined, b: Date) => (a && a > b ? a : b);
  const earlier = (a: Date | undefined, b: Date) => (a && a < b ? a : b);
  if (filter.eq) {
    from = day(filter.eq);
    before = new Date(from.getTime() + DAY_MS);
  }
  if (filter.gte) from = later(from, day(filter.gte));
  if (filter.lte) before = earlier(before, new Date(day(filter.lte).getTime() + DAY_MS));
  return { from, before: before && before.getTime() >= AFTER_LAST_DAY ? undefined : before };
}

// The builders below are generic over any table; kysely's column typing cannot follow a
// column name chosen at run time, hence the loose types inside and the typed results outside.
type AnyQuery = SelectQueryBuilder<any, any, any>;

export function whereDate<Q extends AnyQuery>(qb: Q, column: string, filter: DateFilter | null | undefined): Q {
  if (!filter) return qb;
  const { from, before } = dateBounds(filter);
  let q: AnyQuery = qb;
  if (from) q = q.where(column, '>=', from);
  if (before) q = q.where(column, '<', before);
  return q as Q;
}

export interface PageRequest {
  /** How many rows to return; from the newest end of the window unless `fromEnd`. */
  first: number;
  /** Take the rows at the oldest end of the window instead (Relay's `last`). */
  fromEnd?: boolean;
  /** The window starts after this id (exclusive, decoded from the `after` cursor). */
  afterId?: string;
  /** The window ends before this id (exclusive, decoded from the `before` cursor). */
  beforeId?: string;
  /** Skip this many rows of the window first: page-number pagination (the REST API's `page[number]`). */
  offset?: number;
  /** The caller will ask for the total: it comes back with the page, in the same statement. */
  withTotal?: boolean;
}

export interface Page<Row> {
  rows: Row[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

/**
 * Keyset pagination on the primary key, newest first. Ids are UUIDv7, which sort by creation
 * time, so the order is stable and a page never skips or repeats a row when rows are added.
 * A page from the end of the window (`last`) is read oldest first and turned round, so both
 * directions use the index and read one row more than they return to know if there are more.
 */
export async function paginate<Row>(base: AnyQuery, idColumn: string, page: PageRequest): Promise<Page<Row>> {
  const countQuery = () => base.select((eb: any) => eb.fn.countAll().as('n'));
  let q = base.selectAll();
  if (page.afterId) q = q.where(idColumn, '<', page.afterId);
  if (page.beforeId) q = q.where(idColumn, '>', page.beforeId);
  // The count as an uncorrelated subquery: Postgres runs it once, as it would the count on its
  // own, and the page costs one round trip instead of two. A cursor narrows the rows read, not
  // the total, which is why the count is over `base`.
  if (page.withTotal) q = q.select(countQuery().as(TOTAL));
  const rows = (await q
    .orderBy(idColumn, page.fromEnd ? 'asc' : 'desc')
    .limit(page.first + 1)
    .offset(page.offset ?? 0)
    .execute()) as Row[];
  let count = page.withTotal ? totalFrom(rows as unknown as Record<string, unknown>[], page) : undefined;
  const more = rows.length > page.first;
  if (more) rows.pop();
  if (page.fromEnd) rows.reverse();
  return {
    rows,
    // Only the direction read is known for sure; the other side is not looked up (Relay allows false).
    hasNextPage: page.fromEnd ? false : more,
    hasPreviousPage: page.fromEnd ? more : false,
    totalCount: () =>
      (count ??= countQuery()
        .executeTakeFirstOrThrow()
        .then((r: { [k: string]: unknown }) => Number(r.n))),
  };
}

const TOTAL = '__total_count';

/** Takes the inline count off the rows; none when no row came back to carry it past an offset or cursor. */
function totalFrom(rows: Record<string, unknown>[], page: PageRequest): Promise<number> | undefined {
  const total = rows[0]?.[TOTAL];
  for (const row of rows) delete row[TOTAL];
  if (total !== undefined) return Promise.resolve(Number(total));
  // Nothing on the page: with no offset and no cursor that means nothing matches at all.
  return page.offset || page.afterId || page.beforeId ? undefined : Promise.resolve(0);
}
