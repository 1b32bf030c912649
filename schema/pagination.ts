import type { Page, PageRequest } from '../db/pagination.js';
import { badInput } from '../server/shared/errors.js';
import { isUuid } from '../server/shared/validation.js';
import { builder } from './builder.js';

export const PAGE_SIZE = { min: 1, max: 250, default: 20 } as const;

const encodeCursor = (id: string) => Buffer.from(`v1:${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = raw.startsWith('v1:') ? raw.slice(3) : '';
  if (!isUuid(id)) throw badInput('after', 'is not a cursor returned by this list');
  return id;
}

/** The `first`/`after` arguments every list takes. */
export const pageArgs = builder.args((t) => ({
  first: t.int({
    description: `How many items to return, ${PAGE_SIZE.min} to ${PAGE_SIZE.max}; ${PAGE_SIZE.default} when left out.`,
  }),
  after: t.string({ description: "Return the items after this cursor (a previous page's `pageInfo.endCursor`)." }),
}));

export function pageRequest(args: { first?: number | null; after?: string | null }): PageRequest {
  const first = args.first ?? PAGE_SIZE.default;
  if (!Number.isInteger(first) || first < PAGE_SIZE.min || first > PAGE_SIZE.max) {
    throw badInput('first', `must be from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}, got ${first}`);
  }
  return { first, afterId: args.after ? decodeCursor(args.after) : undefined };
}

/** Shapes a keyset page as a Relay connection. */
export function toConnection<Row extends { id: string }>(page: Page<Row>) {
  const edges = page.rows.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items match the filter, across all pages.',
    resolve: (parent) => parent.totalCount(),
  }),
);

const DateFilterInput = builder.inputType('DateFilter', {
  description: 'Calendar days (UTC), all bounds inclusive: `{gte: "2026-01-01", lte: "2026-01-31"}` is January.',
  fields: (t) => ({
    eq: t.field({ type: 'Date', description: 'On this day.' }),
    gte: t.field({ type: 'Date', description: 'On or after this day.' }),
    lte: t.field({ type: 'Date', description: 'On or before this day.' }),
  }),
});
export { DateFilterInput };

/** A UUID argument of a query: a bad one is a clear error naming the argument, not a miss. */
export function queryId(field: string, id: string): string {
  if (!isUuid(id)) throw badInput(field, `must be a UUID, got "${id.slice(0, 60)}"`);
  return id;
}
