import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

/**
 * Where sirv's MIME table (mrmime) does not say what we serve: `.ts` there is an MPEG transport
 * stream, ours are the SDK's type declarations; and scripts keep naming their charset, so a
 * bundle written as UTF-8 rather than escaped ASCII still decodes right.
 */
const TYPE_OVERRIDES: Record<string, string> = {
  '.ts': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
};

/**
 * Serves a built folder under a URL prefix (`/meet/` → client/dist/meet/) with sirv: only files
 * inside the folder are reachable, a folder path serves its index.html, and every answer is
 * revalidated (no-cache with an ETag) since a rebuild replaces the files under the same names.
 * A single-page app (`singlePage`) routes in the browser: a path under the prefix that names no
 * file and has no extension (`/dashboard/rooms/<id>`) is answered with its index.html.
 */
export function staticFolder(prefix: string, folder: string, opts: { singlePage?: boolean } = {}) {
  const root = path.resolve(folder);
  // dev: look each request up on disk rather than indexing the folder once at start, so a client
  // built after the server started (or rebuilt while it runs) is served as it is now.
  const serve = sirv(root, {
    dev: true,
    etag: true,
    extensions: ['html'],
    setHeaders: (res, pathname) => {
      const type = TYPE_OVERRIDES[path.extname(pathname)];
      if (type) res.setHeader('content-type', type);
    },
  });
  const bare = prefix.slice(0, -1);

  return async (req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<boolean> => {
    if (urlPath === bare) {
      const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      res.writeHead(301, { location: prefix + query });
      res.end();
      return true;
    }
    if (!urlPath.startsWith(prefix)) return false;
    let found = true;
    // sirv serves paths relative to its folder: mount it under the prefix for this call.
    const url = req.url;
    req.url = url?.slice(bare.length) || '/';
    try {
      serve(req, res, () => {
        found = false;
      });
      if (!found && opts.singlePage && !path.extname(urlPath) && existsSync(path.join(root, 'index.html'))) {
        found = true;
        req.url = '/index.html';
        serve(req, res, () => {
          found = false;
        });
      }
    } finally {
      req.url = url;
    }
    if (found) return true;
    if (!existsSync(path.join(root, 'index.html')) && /^\/(index\.html)?$/.test(urlPath.slice(bare.length))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${prefix} is not built: run "npm run build:client" (npm start does it)\n`);
      return true;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not_found', message: `nothing at ${urlPath}` }));
    return true;
  };
}
