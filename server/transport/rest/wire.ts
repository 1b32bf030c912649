import type { ServerResponse } from 'node:http';
import { dayProblem, isUuid } from '../../shared/validation.js';
import { RestError } from './errors.js';

/**
 * Telnyx's wire conventions, in one place: bracketed query keys (`page[size]`, `filter[x][eq]`),
 * page-number envelopes, snake_case ISO timestamps. The official client relies on each of them.
 */

/** Where the REST API is mounted, as Telnyx has it. */
export const REST_PREFIX = '/v2';

export const PAGE_SIZE = { min: 1, max: 250, default: 20 } as const;

/** A query string as nested objects: `filter[date_created_at][eq]=…` → `{filter: {date_created_at: {eq: …}}}`. */
export type Query = { [key: string]: string | Query };

// A query is parsed before the caller is known to be anyone: its size is bounded here.
const MAX_PARAMS = 50;
const MAX_DEPTH = 3;

export function parseQuery(search: URLSearchParams): Query {
  const root: Query = {};
  let count = 0;
  for (const [raw, value] of search) {
    if (++count > MAX_PARAMS) throw RestError.badQuery(raw, `at most ${MAX_PARAMS} query parameters`);
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(raw);
    if (!m) throw RestError.badQuery(raw, 'is not a query parameter name (use name or name[key][key])');
    const keys = [m[1]!, ...[...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((k) => k[1]!)];
    if (keys.length > MAX_DEPTH || keys.some((k) => !k)) throw RestError.badQuery(raw, `has empty or more than ${MAX_DEPTH} levels of keys`);
    let node = root;
    for (const [i, key] of keys.entries()) {
      const last = i === keys.length - 1;
      const existing = node[key];
      if (last) {
        if (existing !== undefined) throw RestError.badQuery(raw, 'is given more than once');
        node[key] = value;
      } else if (existing === undefined) node = node[key] = {};
      else if (typeof existing === 'string') throw RestError.badQuery(raw, `conflicts with ${keys.slice(0, i + 1).join('.')} given as a value`);
      else node = existing;
    }
  }
  return root;
}

const paramName = (path: string[]) =>
  path[0] +
  path
    .slice(1)
    .map((k) => `[${k}]`)
    .join('');

/** Refuses top-level parameters a route does not take: a typo is an answer, not a silent no-op. */
export function onlyParams(query: Query, allowed: readonly string[]): void {
  for (const key of Object.keys(query)) {
    if (!allowed.includes(key)) throw RestError.badQuery(key, `is not a parameter of this route; it takes ${allowed.length ? allowed.join(', ') : 'none'}`);
  }
}

function leaf(query: Query, path: string[]): string | undefined {
  let node: string | Query | undefined = query;
  for (const key of path) node = typeof node === 'object' ? node[key] : undefined;
  if (node !== undefined && typeof node !== 'string') throw RestError.badQuery(paramName(path), 'must be a single value');
  return node;
}

export function booleanParam(query: Query, path: string[]): boolean | undefined {
  const v = leaf(query, path);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw RestError.badQuery(paramName(path), `must be true or false, got "${v.slice(0, 40)}"`);
  return v === 'true';
}

function intParam(query: Query, path: string[], min: number, max: number): number | undefined {
  const v = leaf(query, path);
  if (v === undefined) return undefined;
  const n = /^-?\d{1,10}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw RestError.badQuery(paramName(path), `must be a whole number from ${min} to ${max}, got "${v.slice(0, 40)}"`);
  return n;
}

export interface PageParams {
  number: number;
  size: number;
}

/** Page numbers beyond this are refused: an offset that large is a scan, not a page. */
export const MAX_PAGE_NUMBER = 100_000;

export function pageParams(query: Query): PageParams {
  const page = query.page;
  if (typeof page === 'string') throw RestError.badQuery('page', 'must be given as page[number] and page[size]');
  for (const key of Object.keys(page ?? {})) if (key !== 'number' && key !== 'size') throw RestError.badQuery(`page[${key}]`, 'is not a page parameter: page[number] and page[size]');
  return {
    number: intParam(query, ['page', 'number'], 1, MAX_PAGE_NUMBER) ?? 1,
    size: intParam(query, ['page', 'size'], PAGE_SIZE.min, PAGE_SIZE.max) ?? PAGE_SIZE.default,
  };
}

/** The page as the domain's list functions take it: the window's first rows after an offset, with the total (every envelope shows it). */
export const pageRequest = (page: PageParams) => ({ first: page.size, offset: (page.number - 1) * page.size, withTotal: true });

/** How one `filter[name]` maps onto the domain filter: its camelCase name and what it holds. */
export type FilterKind = 'date' | 'uuid' | 'text' | 'boolean' | 'count' | readonly string[];
export type FilterSpec = Record<string, readonly [field: string, kind: FilterKind]>;

const DATE_OPS = ['eq', 'gte', 'lte'];

/** `filter[...]` checked against the route's filters and turned into the domain's filter object. */
export function filterParams(query: Query, spec: FilterSpec): Record<string, unknown> {
  const given = query.filter;
  if (given === undefined) return {};
  if (typeof given === 'string') throw RestError.badQuery('filter', 'must be given as filter[name]=value');
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    const rule = spec[name];
    const param = `filter[${name}]`;
    if (!rule) throw RestError.badQuery(param, `is not a filter of this list; it has ${Object.keys(spec).join(', ')}`);
    const [field, kind] = rule;
    if (kind === 'date') {
      if (typeof value === 'string') throw RestError.badQuery(param, 'must be given as [eq], [gte] or [lte]');
      const range: Record<string, string> = {};
      for (const [op, day] of Object.entries(value)) {
        if (!DATE_OPS.includes(op) || typeof day !== 'string') throw RestError.badQuery(`${param}[${op}]`, 'is not a date filter: use [eq], [gte] or [lte]=YYYY-MM-DD');
        const problem = dayProblem(day);
        if (problem) throw RestError.badQuery(`${param}[${op}]`, problem);
        range[op] = day;
      }
      out[field] = range;
      continue;
    }
    if (typeof value !== 'string') throw RestError.badQuery(param, 'must be a single value');
    out[field] = filterValue(param, value, kind);
  }
  return out;
}

function filterValue(param: string, value: string, kind: Exclude<FilterKind, 'date'>): unknown {
  const refuse = (rule: string) => RestError.badQuery(param, `${rule}, got "${value.slice(0, 60)}"`);
  if (kind === 'uuid') {
    if (!isUuid(value)) throw refuse('must be a UUID');
    return value;
  }
  if (kind === 'boolean') {
    if (value !== 'true' && value !== 'false') throw refuse('must be true or false');
    return value === 'true';
  }
  if (kind === 'count') {
    if (!/^\d{1,9}$/.test(value)) throw refuse('must be a whole number from 0 to 999999999');
    return Number(value);
  }
  if (kind === 'text') {
    if (value.includes('\u0000')) throw RestError.badQuery(param, 'must not contain NUL characters');
    return value;
  }
  if (!kind.includes(value)) throw refuse(`must be one of ${kind.join(', ')}`);
  return value;
}

/** What a route takes in its query string: the page, its filters, its `include_*` switches. */
export interface QuerySpec {
  page?: boolean;
  filter?: FilterSpec;
  include?: readonly string[];
}

export interface ParsedQuery {
  page: PageParams;
  filter: Record<string, unknown>;
  include: Record<string, boolean>;
}

/** The query by the route's spec: anything the spec does not name is refused. */
export function readQuery(query: Query, spec: QuerySpec = {}): ParsedQuery {
  onlyParams(query, [...(spec.page ? ['page'] : []), ...(spec.filter ? ['filter'] : []), ...(spec.include ?? [])]);
  return {
    page: pageParams(query),
    filter: spec.filter ? filterParams(query, spec.filter) : {},
    include: Object.fromEntries((spec.include ?? []).map((name) => [name, booleanParam(query, [name]) ?? false])),
  };
}

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export interface ListPage<Row> {
  rows: Row[];
  totalCount: () => Promise<number>;
}

/** Telnyx's list envelope: integers throughout, or the client's auto-pagination never ends. */
export async function listBody<Row>(page: ListPage<Row>, params: PageParams, shape: (row: Row) => unknown | Promise<unknown>) {
  const total = await page.totalCount();
  return {
    data: await Promise.all(page.rows.map(shape)),
    meta: { page_number: params.number, page_size: params.size, total_pages: Math.ceil(total / params.size), total_results: total },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
