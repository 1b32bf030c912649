import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpSecurity } from '../app/config.js';

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
// What the API and the SDK send; anything else in a preflight is refused by the browser.
const ALLOWED_HEADERS = 'authorization, content-type, accept, x-request-id';
const EXPOSED_HEADERS = 'x-request-id, retry-after';
const PREFLIGHT_MAX_AGE_SECS = 600;

/**
 * Cross-origin access for every route (yoga's own CORS is off, so /graphql follows the same
 * rule). By default none: a browser page on another origin cannot read any answer. A listed
 * origin gets its origin echoed (with credentials); `*` allows any origin, without credentials.
 *
 * Returns true when it answered a preflight itself.
 */
export function corsPolicy(origins: HttpSecurity['corsOrigins']) {
  const allowed = origins === '*' ? undefined : new Set(origins);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (allowed) res.setHeader('vary', 'Origin');
    const permitted = typeof origin === 'string' && (origins === '*' || allowed!.has(origin));
    if (permitted) {
      res.setHeader('access-control-allow-origin', origins === '*' ? '*' : origin);
      if (origins !== '*') res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    const preflight = req.method === 'OPTIONS' && typeof origin === 'string' && req.headers['access-control-request-method'] !== undefined;
    if (!preflight) return false;
    // A refused preflight gets no CORS headers: the browser then blocks the request.
    if (permitted) {
      res.setHeader('access-control-allow-methods', ALLOWED_METHODS);
      res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
      res.setHeader('access-control-max-age', PREFLIGHT_MAX_AGE_SECS);
    }
    res.writeHead(204, { 'content-length': 0 });
    res.end();
    return true;
  };
}
