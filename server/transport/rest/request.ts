import type { Services } from '../../app/services.js';
import { RestError, type FieldMap } from './errors.js';
import type { RecordName } from './records.js';
import type { Query, QuerySpec } from './wire.js';

/** What a handler gets: the services, the path parameters, the parsed query and JSON body. */
export interface RestRequest {
  services: Services;
  params: Record<string, string>;
  query: Query;
  /** The parsed JSON body; undefined when the request had none. */
  body: unknown;
}

/** The body to answer with (undefined for 204); the status is the operation's `doc.status`. */
export type Handler = (req: RestRequest) => Promise<unknown>;

/** `{data: record}`, `{data: [records], meta}`, or no body at all (204). */
export type Returns = { one: RecordName } | { list: RecordName } | 'nothing';

/**
 * What an operation takes and answers. The handler reads its query and body through these very
 * specs (readQuery, readBody) and the router answers with `status`, so the OpenAPI document built
 * from them (openapi.ts) describes what runs, not a copy of it.
 */
export interface OperationDoc {
  summary: string;
  query?: QuerySpec;
  body?: BodyDoc;
  status: 200 | 201 | 202 | 204;
  returns: Returns;
}

/** A handler, what it takes and answers, and how its domain field names map onto the wire (path parameters, renamed fields). */
export interface Operation {
  doc: OperationDoc;
  handle: Handler;
  fields?: FieldMap;
}

/** `any` leaves the check to the handler (a field that is a string or an array). */
type JsonType = 'string' | 'integer' | 'boolean' | 'object' | 'array' | 'any';
/** A JSON Schema for the document, where the JSON type alone says too little (`"all" | [ids]`). */
export type JsonSchema = Record<string, unknown>;
/** snake_case body field → the domain's camelCase name and the JSON type it must have (null is always let through). */
export type BodySpec = Record<string, readonly [field: string, type: JsonType, schema?: JsonSchema]>;

export interface BodyDoc {
  spec: BodySpec;
  /** Wire names of the fields that must be given. */
  required?: readonly string[];
}

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

/** The body's fields by the operation's body doc; a required one left out is a 422 as Telnyx names it. */
export function readBody(body: unknown, doc: BodyDoc): Record<string, unknown> {
  const fields = bodyFields(body, doc.spec);
  const missing = (doc.required ?? []).filter((name) => fields[doc.spec[name]![0]] == null);
  if (missing.length) throw RestError.badBody(missing.map((name) => ({ pointer: `/${name}`, detail: 'is required' })));
  return fields;
}
