import type { Services } from '../../app/services.js';
import { RestError, type FieldMap } from './errors.js';
import type { Query } from './wire.js';

/** What a handler gets: the services, the path parameters, the parsed query and JSON body. */
export interface RestRequest {
  services: Services;
  params: Record<string, string>;
  query: Query;
  /** The parsed JSON body; undefined when the request had none. */
  body: unknown;
}

export interface RestResult {
  status: number;
  /** Left out for 204. */
  body?: unknown;
}

export type Handler = (req: RestRequest) => Promise<RestResult>;

/** A handler and how its domain field names map onto the wire (path parameters, renamed fields). */
export interface Operation {
  handle: Handler;
  fields?: FieldMap;
}

/** `any` leaves the check to the handler (a field that is a string or an array). */
type JsonType = 'string' | 'integer' | 'boolean' | 'object' | 'array' | 'any';
/** snake_case body field → the domain's camelCase name and the JSON type it must have (null is always let through). */
export type BodySpec = Record<string, readonly [field: string, type: JsonType]>;

function typeOf(value: unknown): JsonType | 'number' | 'null' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/**
 * The body's fields by the route's spec, as the domain names them. Wrong JSON types and unknown
 * fields are refused here, all at once (422 with a pointer each); values are the services' to check.
 */
export function bodyFields(body: unknown, spec: BodySpec): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeOf(body) !== 'object') throw RestError.badBody([{ pointer: '', detail: `must be a JSON object, got ${typeOf(body)}` }]);
  const problems: { pointer: string; detail: string }[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const rule = spec[name];
    if (!rule) {
      problems.push({ pointer: `/${name}`, detail: `is not a field of this request; it takes ${Object.keys(spec).join(', ') || 'none'}` });
      continue;
    }
    const [field, type] = rule;
    const actual = typeOf(value);
    if (type !== 'any' && actual !== 'null' && actual !== type) problems.push({ pointer: `/${name}`, detail: `must be ${type === 'integer' ? 'an' : 'a'} ${type}, got ${actual}` });
    else out[field] = value;
  }
  if (problems.length) throw RestError.badBody(problems);
  return out;
}

/** A required body field that was left out, as Telnyx's 422 names it. */
export function requireField(fields: Record<string, unknown>, field: string, pointer: string): void {
  if (fields[field] == null) throw RestError.badBody([{ pointer, detail: 'is required' }]);
}
