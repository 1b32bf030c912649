import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { compositionFile } from '../../db/compositions.js';
import { recordingFile } from '../../db/recordings.js';
import type { Database } from '../../db/types.js';
import type { Authenticator } from '../access/auth.js';
import { isUuid } from '../shared/validation.js';
import type { DownloadLinks } from './download-links.js';
import type { MediaStorage } from './local-storage.js';

const CONTENT_TYPES: Record<string, string> = { '.webm': 'video/webm', '.mkv': 'video/x-matroska', '.mp4': 'video/mp4', '.ogg': 'audio/ogg' };
const ROUTE = /^\/downloads\/(recordings|compositions)\/([0-9a-f-]{36})$/;

function refuse(res: ServerResponse, status: number, error: string, message: string): true {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error, message }));
  return true;
}

/** GET /downloads/{recordings|compositions}/<id>: with an API key, or a signed URL from downloadUrl. */
export function downloadsHandler(deps: { db: Kysely<Database>; storage: MediaStorage; links: DownloadLinks; auth: Authenticator }) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    const [, kind, id] = match as unknown as [string, 'recordings' | 'compositions', string];
    // Not a UUID, it names nothing; sent on to SQL, it would be a failed query instead of an answer.
    if (!isUuid(id)) return refuse(res, 404, 'not_found', `no ${kind.slice(0, -1)} ${id}: ids are UUIDs`);
    const signed = deps.links.check(url.pathname, url.searchParams);
    if (signed === 'expired') return refuse(res, 403, 'link_expired', 'this download link has expired: ask the API for a new downloadUrl');
    if (signed === 'invalid') return refuse(res, 403, 'bad_signature', 'this download link is not valid');
    if (signed === 'missing') {
      const { viewer, failure } = await deps.auth.authenticate(req.headers.authorization);
      if (failure) return refuse(res, 401, 'unauthenticated', failure.message);
      if (viewer.kind !== 'apiKey') return refuse(res, 401, 'unauthenticated', 'send an API key (Authorization: Bearer …) or use a signed downloadUrl');
    }
    const row = await (kind === 'recordings' ? recordingFile : compositionFile)(deps.db, id);
    if (!row) return refuse(res, 404, 'not_found', `no ${kind.slice(0, -1)} ${id}`);
    if (row.status !== 'completed' || !row.storage_key) return refuse(res, 409, 'not_ready', `the ${kind.slice(0, -1)} is ${row.status}: its file is not ready`);
    const size = await deps.storage.size(row.storage_key);
    if (size === undefined) return refuse(res, 410, 'gone', 'the file is no longer stored');
    const ext = path.extname(row.storage_key);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'content-length': size,
      'content-disposition': `attachment; filename="${kind.slice(0, -1)}-${id}${ext}"`,
    });
    if (req.method === 'HEAD') return (void res.end(), true);
    createReadStream(deps.storage.pathForRead(row.storage_key)).pipe(res);
    return true;
  };
}
