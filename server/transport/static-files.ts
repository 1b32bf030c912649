import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Serves a built folder under a URL prefix (`/meet/` → client/dist/meet/). Only files inside the
 * folder are reachable; a folder path serves its index.html.
 */
export function staticFolder(prefix: string, folder: string) {
  const root = path.resolve(folder);
  return async (req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<boolean> => {
    if (!urlPath.startsWith(prefix) && urlPath !== prefix.slice(0, -1)) return false;
    if (urlPath === prefix.slice(0, -1)) {
      res.writeHead(301, { location: prefix + (req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '') });
      res.end();
      return true;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(urlPath.slice(prefix.length)) || 'index.html';
    } catch {
      return notFound(res, urlPath);
    }
    const file = path.resolve(root, relative.endsWith('/') ? `${relative}index.html` : relative);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(res, urlPath);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      if (relative === 'index.html') {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`${prefix} is not built: run "npm run build:client" (npm start does it)\n`);
        return true;
      }
      return notFound(res, urlPath);
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  };
}

function notFound(res: ServerResponse, urlPath: string): true {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'not_found', message: `nothing at ${urlPath}` }));
  return true;
}
