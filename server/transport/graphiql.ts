import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/** Where GraphiQL's own files are served from (yoga's default page fetches them from a CDN). */
export const GRAPHIQL_ASSETS = '/graphiql/';

interface Asset {
  type: string;
  body: Buffer;
  etag: string;
  gzipped?: Promise<Buffer>;
}

const WORKERS = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' } as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The GraphiQL page for yoga's `renderGraphiQL`: every script and style comes from this server,
 * none inline, so the page works offline and under a Content-Security-Policy without
 * 'unsafe-inline' scripts. The options travel in a JSON data block, which is never executed.
 */
export function renderGraphiqlPage(options: { title?: string } & Record<string, unknown>): string {
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  const title = escapeHtml(options.title ?? 'GraphiQL');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="${GRAPHIQL_ASSETS}favicon.ico">
<link rel="stylesheet" href="${GRAPHIQL_ASSETS}graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>You need to enable JavaScript to run this app.</noscript>
<div id="root"></div>
<script type="application/json" id="graphiql-options">${json}</script>
<script src="${GRAPHIQL_ASSETS}graphiql.js"></script>
</body>
</html>
`;
}

let loading: Promise<Map<string, Asset>> | undefined;

// 9 MB of strings: loaded on the first request for them, not by every server that never shows GraphiQL.
function assets(): Promise<Map<string, Asset>> {
  return (loading ??= import('@graphql-yoga/render-graphiql/graphiql').then((a) => {
    const files = new Map<string, Asset>();
    const add = (name: string, type: string, content: string | Buffer) => {
      const body = typeof content === 'string' ? Buffer.from(content) : content;
      files.set(name, { type, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
    };
    const workerUrls = Object.fromEntries(Object.entries(WORKERS).map(([label, file]) => [label, `${GRAPHIQL_ASSETS}${file}`]));
    // Monaco asks for a worker by label; it must know where before the bundle runs.
    const prelude = `self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: function (moduleId, label) { return ${JSON.stringify(workerUrls)}[label]; } };\n`;
    const start = `\n;YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), JSON.parse(document.getElementById('graphiql-options').textContent));\n`;
    add('graphiql.js', 'text/javascript; charset=utf-8', prelude + a.js + start);
    add('graphiql.css', 'text/css; charset=utf-8', a.css);
    add(WORKERS.editorWorkerService, 'text/javascript; charset=utf-8', a.editorWorkerService);
    add(WORKERS.json, 'text/javascript; charset=utf-8', a.jsonWorker);
    add(WORKERS.graphql, 'text/javascript; charset=utf-8', a.graphqlWorker);
    const icon = /^data:([^;,]+);base64,(.*)$/.exec(a.favicon);
    if (icon) add('favicon.ico', icon[1]!, Buffer.from(icon[2]!, 'base64'));
    return files;
  }));
}

const gzipAsync = promisify(gzip);

/** Serves GraphiQL's script, styles, Monaco workers and icon; false for any other path. */
export async function graphiqlAssets(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  if (!pathname.startsWith(GRAPHIQL_ASSETS)) return false;
  const asset = (await assets()).get(pathname.slice(GRAPHIQL_ASSETS.length));
  if (!asset || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not_found', message: `nothing at ${pathname}` }));
    return true;
  }
  // Revalidated each time (a cheap 304), so an upgrade of the package shows at once.
  const headers: Record<string, string | number> = { 'content-type': asset.type, etag: asset.etag, 'cache-control': 'no-cache' };
  // Added to what CORS may have put there (Origin), not in its place.
  res.setHeader('vary', [res.getHeader('vary'), 'Accept-Encoding'].filter(Boolean).join(', '));
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  let body = asset.body;
  // The script is 5 MB; gzip makes it about a fifth, compressed once and kept.
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && body.length > 1024) {
    body = await (asset.gzipped ??= gzipAsync(asset.body));
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
