import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Page, PageRequest } from '../db/pagination.js';
import { badInput } from '../server/shared/errors.js';
import { isUuid } from '../server/shared/validation.js';
import { builder } from './builder.js';

export const PAGE_SIZE = { min: 1, max: 250, default: 20 } as const;

const encodeCursor = (id: string) => Buffer.from(`v1:${id}`).toString('base64url');

function decodeCursor(arg: 'after' | 'before', cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = raw.startsWith('v1:') ? raw.slice(3) : '';
  if (!isUuid(id)) throw badInput(arg, 'is not a cursor returned by this list');
  return id;
}

/** The `first`/`after` and `last`/`before` arguments every list takes. */
export const pageArgs = builder.args((t) => ({
  first: t.int({
    description: `How many items to return from the start, ${PAGE_SIZE.min} to ${PAGE_SIZE.max}; ${PAGE_SIZE.default} when neither \`first\` nor \`last\` is given.`,
  }),
  after: t.string({ description: "Return the items after this cursor (a previous page's `pageInfo.endCursor`)." }),
  last: t.int({
    description: `How many items to return from the end (the oldest), ${PAGE_SIZE.min} to ${PAGE_SIZE.max}, still newest first; not with \`first\`.`,
  }),
  before: t.string({ description: "Return the items before this cursor (a page's `pageInfo.startCursor`), to page back." }),
}));

function pageSize(arg: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < PAGE_SIZE.min || value > PAGE_SIZE.max) {
    throw badInput(arg, `must be from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}, got ${value}`);
  }
  return value;
}

/** Whether the operation reads this field of the connection (through fragments too). */
function selects(info: GraphQLResolveInfo, field: string): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === field;
      if (s.kind === Kind.INLINE_FRAGMENT) return within(s.selectionSet);
      return within(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

/**
 * The page the arguments ask for. With `info`, a list whose `totalCount` is asked for gets it in
 * the statement that reads the page (one round trip, not two); without, the total is counted on
 * its own when read.
 */
export function pageRequest(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }, info?: GraphQLResolveInfo): PageRequest {
  if (args.first != null && args.last != null) throw badInput('last', 'cannot be given with `first`: page forwards or backwards, not both');
  const fromEnd = args.last != null;
  const first = fromEnd ? pageSize('last', args.last!) : pageSize('first', args.first ?? PAGE_SIZE.default);
  return {
    first,
    fromEnd,
    afterId: args.after ? decodeCursor('after', args.after) : undefined,
    beforeId: args.before ? decodeCursor('before', args.before) : undefined,
    withTotal: info ? selects(info, 'totalCount') : undefined,
  };
}

/** Shapes a keyset page as a Relay connection. */
export function toConnection<Row extends { id: string }>(page: Page<Row>) {
  const edges = page.rows.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
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
