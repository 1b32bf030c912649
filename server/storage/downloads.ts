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
// An audio recording is a WebM (or Matroska) file with one audio track: players and download
// managers treat it as audio when told so.
const AUDIO_CONTENT_TYPES: Record<string, string> = { '.webm': 'audio/webm', '.mkv': 'audio/x-matroska' };
const ROUTE = /^\/downloads\/(recordings|compositions)\/([0-9a-f-]{36})$/;

function refuse(res: ServerResponse, status: number, error: string, message: string): true {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error, message }));
  return true;
}

/**
 * The one byte range a `Range: bytes=…` header asks for, within a file of `size` bytes; undefined
 * for no header or one this does not serve (several ranges, other units: the whole file answers).
 */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    // A suffix: the last N bytes.
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
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
    const audio = 'type' in row && row.type === 'audio';
    const headers = {
      'content-type': (audio ? AUDIO_CONTENT_TYPES[ext] : undefined) ?? CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'content-disposition': `attachment; filename="${kind.slice(0, -1)}-${id}${ext}"`,
      // Players in a page (the dashboard's) seek by asking for the part they need.
      'accept-ranges': 'bytes',
    };
    const range = byteRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` });
      return (void res.end(), true);
    }
    if (range) res.writeHead(206, { ...headers, 'content-length': range.end - range.start + 1, 'content-range': `bytes ${range.start}-${range.end}/${size}` });
    else res.writeHead(200, { ...headers, 'content-length': size });
    if (req.method === 'HEAD') return (void res.end(), true);
    createReadStream(deps.storage.pathForRead(row.storage_key), range ?? {}).pipe(res);
    return true;
  };
}
