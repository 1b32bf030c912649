import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Authenticator } from '../access/auth.js';
import type { Logger } from '../app/logger.js';
import type { Metrics } from './metrics.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

function refuse(res: ServerResponse, message: string): void {
  res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="metrics"' });
  res.end(JSON.stringify({ error: 'unauthorized', message }));
}

/**
 * GET /metrics. With METRICS_TOKEN set, only that token reads it (give Prometheus a credential
 * that can do nothing else); without, an API key does. A loopback address is not trusted on its
 * own: behind a reverse proxy on the same host every request comes from loopback.
 */
export function metricsRoute(opts: { metrics: Metrics; token?: string; auth: Authenticator; log: Logger }) {
  const expected = opts.token ? digest(opts.token) : undefined;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'application/json', allow: 'GET, HEAD' });
      res.end(JSON.stringify({ error: 'method_not_allowed', message: '/metrics answers GET' }));
      return;
    }
    const header = req.headers.authorization;
    if (expected) {
      const given = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      // Comparing digests keeps the comparison constant-time whatever the lengths.
      if (!given || !timingSafeEqual(digest(given), expected)) return refuse(res, 'send Authorization: Bearer <METRICS_TOKEN>');
    } else {
      const { viewer } = await opts.auth.authenticate(header);
      if (viewer.kind !== 'apiKey') return refuse(res, 'send Authorization: Bearer <API key> (or set METRICS_TOKEN and send that)');
    }
    const started = performance.now();
    const body = await opts.metrics.render();
    opts.log.debug({ ms: Math.round(performance.now() - started) }, 'metrics scraped');
    res.writeHead(200, { 'content-type': opts.metrics.contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
