// CORS_ORIGINS, the security headers every response carries, and HSTS_MAX_AGE, seen from a client.
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/app/config.js';
import { ensureClientBuilt } from '../e2e/harness.js';
import { TEST_API_KEY, type TestServer } from '../helpers/server.js';
import { useTestServer } from '../helpers/server-suite.js';

const APP = 'https://app.example.com';
const QUERY = JSON.stringify({ query: '{ __typename }' });

function graphqlFrom(server: TestServer, origin?: string) {
  return fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}`, ...(origin ? { origin } : {}) },
    body: QUERY,
  });
}

function preflight(server: TestServer, origin: string, path = '/graphql') {
  return fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
}

const corsHeaders = (res: Response) => [...res.headers.keys()].filter((k) => k.startsWith('access-control-'));

beforeAll(() => ensureClientBuilt());
// One after the other (each in its own hook): three embedded databases starting at once are slow on two cores.
const listed = useTestServer('pglite', { CORS_ORIGINS: `${APP}, http://localhost:3000`, HSTS_MAX_AGE: '31536000' });
const sameOrigin = useTestServer('pglite');
const anyOrigin = useTestServer('pglite', { CORS_ORIGINS: '*' });

describe('CORS', () => {
  it('a listed origin may call the API: its origin is echoed with credentials, and the request id is readable', async () => {
    for (const origin of [APP, 'http://localhost:3000']) {
      const res = await graphqlFrom(listed, origin);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
      expect(res.headers.get('vary')).toMatch(/origin/i);
    }
  });

  it('any other origin gets no CORS header, on /graphql and on the other routes', async () => {
    for (const res of [
      await graphqlFrom(listed, 'https://evil.example'),
      await graphqlFrom(listed, `${APP}.evil.example`),
      await fetch(`${listed.url}/healthz`, { headers: { origin: 'https://evil.example' } }),
    ]) {
      expect(corsHeaders(res)).toEqual([]);
    }
  });

  it('preflight: a listed origin gets the methods and headers it may use; another gets nothing', async () => {
    const ok = await preflight(listed, APP);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(ok.headers.get('access-control-allow-headers')).toContain('content-type');
    expect(Number(ok.headers.get('access-control-max-age'))).toBeGreaterThan(0);

    const refused = await preflight(listed, 'https://evil.example');
    expect(corsHeaders(refused)).toEqual([]);
  });

  it('by default (CORS_ORIGINS unset) no origin gets CORS headers: same origin only', async () => {
    expect(corsHeaders(await graphqlFrom(sameOrigin, APP))).toEqual([]);
    expect(corsHeaders(await preflight(sameOrigin, APP))).toEqual([]);
    // A same-origin page sends no CORS and needs none.
    expect((await graphqlFrom(sameOrigin)).status).toBe(200);
  });

  it('CORS_ORIGINS=* lets any origin call, without credentials', async () => {
    const res = await graphqlFrom(anyOrigin, 'https://anywhere.example');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await preflight(anyOrigin, 'https://anywhere.example')).headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('security headers', () => {
  const common = (res: Response) => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  };

  it('are on every response: /graphql, /meet/, GraphiQL, /healthz, /metrics refusals and 404s', async () => {
    const responses = {
      graphql: await graphqlFrom(sameOrigin),
      meet: await fetch(`${sameOrigin.url}/meet/`),
      graphiql: await fetch(`${sameOrigin.url}/graphql`, { headers: { accept: 'text/html' } }),
      healthz: await fetch(`${sameOrigin.url}/healthz`),
      metrics: await fetch(`${sameOrigin.url}/metrics`),
      notFound: await fetch(`${sameOrigin.url}/no/such/page`),
    };
    expect(responses.meet.status).toBe(200);
    expect(responses.graphiql.status).toBe(200);
    expect(responses.metrics.status).toBe(401);
    expect(responses.notFound.status).toBe(404);
    for (const res of Object.values(responses)) common(res);
    // The policy governs pages: the meet app and GraphiQL get it, with no inline script allowed.
    for (const page of [responses.meet, responses.graphiql]) {
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
    }
    // HSTS only when configured: the default is plain http on loopback.
    for (const res of Object.values(responses)) expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('HSTS_MAX_AGE sends Strict-Transport-Security', async () => {
    expect((await fetch(`${listed.url}/healthz`)).headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await graphqlFrom(listed)).headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});

describe('configuration', () => {
  const fails = (env: Record<string, string>, variable: string) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
  };

  it('refuses a bad CORS_ORIGINS, METRICS_TOKEN or HSTS_MAX_AGE, naming the variable', () => {
    fails({ CORS_ORIGINS: 'https://app.example.com/path' }, 'CORS_ORIGINS');
    fails({ CORS_ORIGINS: 'app.example.com' }, 'CORS_ORIGINS');
    fails({ CORS_ORIGINS: 'ftp://app.example.com' }, 'CORS_ORIGINS');
    fails({ CORS_ORIGINS: '*, https://app.example.com' }, 'CORS_ORIGINS');
    fails({ CORS_ORIGINS: 'https://*.example.com' }, 'CORS_ORIGINS');
    fails({ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN');
    fails({ HSTS_MAX_AGE: 'a year' }, 'HSTS_MAX_AGE');
    fails({ HSTS_MAX_AGE: '-1' }, 'HSTS_MAX_AGE');
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.com/, http://localhost:3000' }).http.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:3000']);
    expect(loadConfig({}).http).toEqual({ corsOrigins: [], hstsMaxAgeSecs: undefined });
  });
});
