import { readFileSync } from 'node:fs';
import { bodySchema, recordSchema, schemaRef } from './json-schema.js';
import { RECORDS } from './records.js';
import type { JsonSchema, OperationDoc } from './request.js';
import { ROUTES, type Route } from './routes.js';
import { MAX_PAGE_NUMBER, PAGE_SIZE, REST_PREFIX, type FilterKind, type QuerySpec } from './wire.js';

/**
 * The OpenAPI 3.1 document of the REST API, built from the route table and each operation's doc:
 * the very specs the handlers read their query and body through, so it cannot describe a
 * parameter the server refuses or miss one it takes.
 */

/** Public: it says what the API is, nothing about any account. */
export const OPENAPI_PATH = '/openapi.json';

const TAGS: Record<string, string> = {
  rooms: 'Rooms',
  room_sessions: 'Room sessions',
  room_participants: 'Room participants',
  room_recordings: 'Room recordings',
  room_compositions: 'Room compositions',
};

const param = (name: string, location: 'path' | 'query', schema: JsonSchema, description: string, required = false) => ({ name, in: location, required, description, schema });

const FILTER_SCHEMAS: Record<Exclude<FilterKind, 'date' | readonly string[]>, JsonSchema> = {
  uuid: { type: 'string', format: 'uuid' },
  text: { type: 'string' },
  boolean: { type: 'boolean' },
  count: { type: 'integer', minimum: 0, maximum: 999_999_999 },
};

const DATE_OPS = { eq: 'on', gte: 'on or after', lte: 'on or before' };

function queryParameters(spec: QuerySpec = {}) {
  const out = [];
  if (spec.page) {
    out.push(param('page[number]', 'query', { type: 'integer', minimum: 1, maximum: MAX_PAGE_NUMBER, default: 1 }, 'The page to answer, from 1.'));
    out.push(param('page[size]', 'query', { type: 'integer', minimum: PAGE_SIZE.min, maximum: PAGE_SIZE.max, default: PAGE_SIZE.default }, 'Records per page.'));
  }
  for (const [name, [, kind]] of Object.entries(spec.filter ?? {})) {
    if (kind === 'date') {
      for (const [op, words] of Object.entries(DATE_OPS)) out.push(param(`filter[${name}][${op}]`, 'query', { type: 'string', format: 'date' }, `${words} this UTC day (YYYY-MM-DD).`));
    } else {
      const schema = typeof kind === 'string' ? FILTER_SCHEMAS[kind as keyof typeof FILTER_SCHEMAS] : { type: 'string', enum: [...kind] };
      out.push(param(`filter[${name}]`, 'query', schema, `Only records whose ${name} is this.`));
    }
  }
  for (const name of spec.include ?? []) out.push(param(name, 'query', { type: 'boolean', default: false }, `Embed the ${name.replace('include_', '')} (250 at most).`));
  return out;
}

const pathParameters = (path: string) =>
  [...path.matchAll(/\{(\w+)\}/g)].map((m) => param(m[1]!, 'path', { type: 'string', format: 'uuid' }, `The ${m[1]!.replace(/_id$/, '').replace(/_/g, ' ')} id.`, true));

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const envelope = (properties: JsonSchema) => ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false });

function success(doc: OperationDoc) {
  const r = doc.returns;
  if (r === 'nothing') return { description: 'Done; no body.' };
  if ('list' in r) return { description: `A page of ${r.list} records.`, content: json(envelope({ data: { type: 'array', items: schemaRef(r.list) }, meta: schemaRef('list_meta') })) };
  return { description: `The ${r.one.replace(/_/g, ' ')}.`, content: json(envelope({ data: schemaRef(r.one) })) };
}

const ERRORS = {
  400: 'A query parameter or path id that cannot be used, or a body that is not JSON.',
  401: 'No valid API key.',
  403: 'A client token where an API key is needed, or a refused refresh token.',
  404: 'No such record.',
  422: 'A body field of the wrong type or value, or a refusal a retry cannot fix.',
  429: 'Too many requests: wait `retry-after` seconds.',
} as const;

function errorResponses(route: Route) {
  const applies: (keyof typeof ERRORS)[] = [400, 403, 429];
  if (route.auth === 'apiKey') applies.push(401);
  if (route.path.includes('{')) applies.push(404);
  if (route.method !== 'GET') applies.push(422);
  return Object.fromEntries(applies.sort().map((status) => [status, { $ref: `#/components/responses/error_${status}` }]));
}

function operation(route: Route) {
  const { doc } = route.op;
  const hasBody = doc.body && Object.keys(doc.body.spec).length > 0;
  return {
    operationId: route.operation,
    summary: doc.summary,
    description: `Mirrors GraphQL's \`${route.graphql}\`.`,
    tags: [TAGS[route.path.split('/')[1]!]!],
    ...(route.auth === 'none' ? { security: [] } : {}),
    parameters: [...pathParameters(route.path), ...queryParameters(doc.query)],
    ...(hasBody ? { requestBody: { required: Boolean(doc.body!.required?.length), content: json(bodySchema(doc.body!)) } } : {}),
    responses: { [doc.status]: success(doc), ...errorResponses(route) },
  };
}

const ERROR_SCHEMA = {
  type: 'object',
  description: "Telnyx's error shape, on every refusal.",
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { type: 'string', description: "Telnyx's error code, such as 10015." },
          title: { type: 'string' },
          detail: { type: 'string' },
          source: {
            type: 'object',
            properties: {
              pointer: { type: 'string', description: 'The body field, as a JSON pointer (`/max_participants`).' },
              parameter: { type: 'string', description: 'The query or path parameter (`page[size]`).' },
            },
            additionalProperties: false,
          },
          meta: { type: 'object', properties: { reason: { type: 'string', description: 'Our own code (VALIDATION_FAILED, CONFLICT, ...).' } }, required: ['reason'], additionalProperties: false },
        },
        required: ['code', 'title', 'detail'],
        additionalProperties: false,
      },
    },
  },
  required: ['errors'],
  additionalProperties: false,
};

const LIST_META = envelope({
  page_number: { type: 'integer', minimum: 1 },
  page_size: { type: 'integer', minimum: PAGE_SIZE.min, maximum: PAGE_SIZE.max },
  total_pages: { type: 'integer', minimum: 0 },
  total_results: { type: 'integer', minimum: 0 },
});

function errorResponse(status: keyof typeof ERRORS) {
  const headers = status === 429 ? { headers: { 'retry-after': { description: 'Seconds to wait.', schema: { type: 'integer' } } } } : {};
  return { description: ERRORS[status], ...headers, content: json(schemaRef('error')) };
}

function build() {
  const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Video Rooms REST API (Telnyx-compatible)',
      version,
      description: "Telnyx Video's REST API, served beside GraphQL (`/graphql`) over the same services.",
    },
    servers: [{ url: REST_PREFIX }],
    security: [{ api_key: [] }],
    tags: Object.values(TAGS).map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { api_key: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer <API key>`.' } },
      schemas: { ...Object.fromEntries(Object.entries(RECORDS).map(([name, record]) => [name, recordSchema(record)])), list_meta: LIST_META, error: ERROR_SCHEMA },
      responses: Object.fromEntries(Object.keys(ERRORS).map((s) => [`error_${s}`, errorResponse(Number(s) as keyof typeof ERRORS)])),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof build>;

let built: OpenApiDocument | undefined;

/** Built on first ask and kept: the routes do not change while the server runs. */
export const openApiDocument = (): OpenApiDocument => (built ??= build());
