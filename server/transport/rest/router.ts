import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../app/logger.js';
import type { Services } from '../../app/services.js';
import type { Admission } from '../../protection/admission.js';
import { BodyTooLargeError, readBoundedBody } from '../../protection/request-body.js';
import { isUuid } from '../../shared/validation.js';
import { fromDomain, internalError, RestError } from './errors.js';
import { OPENAPI_PATH, openApiDocument } from './openapi.js';
import { ROUTES, type Route } from './routes.js';
import { parseQuery, REST_PREFIX, sendJson } from './wire.js';

export { REST_PREFIX };

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): Compiled {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'));
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

const COMPILED = ROUTES.map(compile);

function match(method: string, path: string): { found?: { c: Compiled; params: Record<string, string> }; allowed: string[] } {
  const allowed: string[] = [];
  for (const c of COMPILED) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    if (c.route.method !== method) {
      allowed.push(c.route.method);
      continue;
    }
    const params: Record<string, string> = {};
    c.names.forEach((name, i) => (params[name] = decodeSegment(m[i + 1]!)));
    return { found: { c, params }, allowed };
  }
  return { allowed };
}

// A malformed escape is the caller's to fix: it reaches the UUID check as it was sent.
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export interface RestOptions {
  services: Services;
  admission: Admission;
  maxBodyBytes: number;
  log: Logger;
}

/**
 * Telnyx's REST API under /v2, over the same services as GraphQL. Each request is admitted as
 * a GraphQL operation is (one credential check, one point of the caller's rate), then handled
 * by its route's operation; every refusal leaves in Telnyx's `{errors: [...]}` shape.
 */
export function createRestHandler(o: RestOptions) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    let fields;
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      if (pathname.slice(REST_PREFIX.length).replace(/\/$/, '') === OPENAPI_PATH) return await serveDocument(req, res, o);
      const { found, allowed } = match(req.method ?? 'GET', pathname.slice(REST_PREFIX.length));
      if (!found) {
        if (allowed.length) throw RestError.of(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here; use ${allowed.join(', ')}`, undefined, { allow: allowed.join(', ') });
        throw RestError.of(404, 'NOT_FOUND', `no route at ${pathname}: see the route table in the README`);
      }
      const { c, params } = found;
      fields = c.route.op.fields;
      const authentication = await admit(req, o);
      if (c.route.auth === 'apiKey') {
        if (authentication.failure) throw fromDomain(authentication.failure)!;
        const kind = authentication.viewer.kind;
        if (kind === 'anonymous') throw RestError.of(401, 'UNAUTHENTICATED', 'this route needs an API key: Authorization: Bearer <API key>');
        if (kind !== 'apiKey') throw RestError.of(403, 'FORBIDDEN', 'this route needs an API key; a client token does not open it');
      }
      for (const [name, value] of Object.entries(params)) {
        if (!isUuid(value)) throw RestError.of(400, 'BAD_USER_INPUT', `${name} must be a UUID, got "${value.slice(0, 60)}"`, { parameter: name });
      }
      const query = parseQuery(url.searchParams);
      const body = await readJson(req, o.maxBodyBytes);
      const answer = await c.route.op.handle({ services: o.services, params, query, body });
      sendJson(res, c.route.op.doc.status, answer);
    } catch (err) {
      const refusal = fromDomain(err, fields);
      if (!refusal) o.log.error({ err, method: req.method, url: req.url }, 'REST request failed unexpectedly');
      const e = refusal ?? internalError();
      if (res.headersSent) return void res.destroy();
      sendJson(res, e.status, e.body(), e.status === 413 ? { ...e.headers, connection: 'close' } : e.headers);
      if (e.status === 413) res.on('finish', () => req.destroy());
    }
  };
}

/** One point of the caller's rate, and who the caller is; over the rate, a 429 with retry-after. */
async function admit(req: IncomingMessage, o: RestOptions) {
  const { authentication, refusal } = await o.admission.admit(req.headers.authorization, req.socket.remoteAddress ?? 'unknown');
  if (refusal) throw RestError.of(429, 'RATE_LIMITED', refusal.message, undefined, { 'retry-after': String(refusal.extensions.retryAfter ?? 1) });
  return authentication;
}

/** The OpenAPI document, to anyone (it is not a Telnyx operation, so not in ROUTES), at one point of the caller's rate like any request. */
async function serveDocument(req: IncomingMessage, res: ServerResponse, o: RestOptions): Promise<void> {
  if (req.method !== 'GET') throw RestError.of(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here; use GET`, undefined, { allow: 'GET' });
  await admit(req, o);
  sendJson(res, 200, openApiDocument());
}

/** The JSON body, or undefined for none (Telnyx's client sends `end` with no body and no content type). */
async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  let raw: Buffer;
  try {
    raw = await readBoundedBody(req, maxBytes);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw RestError.of(413, 'PAYLOAD_TOO_LARGE', err.message);
    throw err;
  }
  const text = raw.toString('utf8');
  if (!text.trim()) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) throw RestError.of(400, 'BAD_USER_INPUT', `the body must be JSON (content-type application/json), got ${type.slice(0, 60)}`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw RestError.of(400, 'BAD_USER_INPUT', `the body is not valid JSON: ${(err as Error).message}`);
  }
}
