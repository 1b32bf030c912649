import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { HttpSecurity } from '../app/config.js';

/**
 * For the pages this server serves (the meet app, GraphiQL): scripts only from here, never
 * inline. Styles may be inline (the meet page has a <style>, GraphiQL and Monaco set styles from
 * script); media and workers may come from blob: (camera streams, Monaco); WebSockets go to this
 * origin ('self' covers ws: on the same host). No page may frame ours.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function contentTypeOf(res: ServerResponse, headers: unknown): string {
  let type: unknown = res.getHeader('content-type');
  if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
    for (const [k, v] of Object.entries(headers as OutgoingHttpHeaders)) if (k.toLowerCase() === 'content-type') type = v;
  } else if (Array.isArray(headers)) {
    // Raw headers: [name, value, name, value, …]
    for (let i = 0; i + 1 < headers.length; i += 2) if (String(headers[i]).toLowerCase() === 'content-type') type = headers[i + 1];
  }
  return String(type ?? '');
}

/**
 * Headers every response carries. The Content-Security-Policy goes on HTML documents only: it
 * governs what a page may run and load, and a JSON or media answer runs nothing (nosniff keeps
 * it from being taken for a script or a page). Leaving it off JSON also keeps working the browser
 * tests that write their SDK page into the document of /healthz.
 */
export function securityHeaders(config: HttpSecurity) {
  const hsts = config.hstsMaxAgeSecs ? `max-age=${config.hstsMaxAgeSecs}` : undefined;
  return (res: ServerResponse): void => {
    res.setHeader('x-content-type-options', 'nosniff');
    // The meet URL carries a client token in its query: it must never leave in a Referer.
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    if (hsts) res.setHeader('strict-transport-security', hsts);
    // The content type is known only when the route writes its head, so the policy is added there.
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      const headers = args.find((a, i) => i > 0 && typeof a === 'object' && a !== null);
      if (/^text\/html\b/i.test(contentTypeOf(this, headers)) && !this.hasHeader('content-security-policy')) {
        this.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      }
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse['writeHead'];
  };
}
