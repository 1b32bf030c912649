import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../app/logger.js';
import type { Admission } from '../protection/admission.js';
import type { IngressService } from '../ingress/ingress-service.js';
import { WHIP_MAX_OFFER_BYTES, WHIP_PREFIX, whipSessionPath, WhipRefusal } from '../ingress/whip.js';
import { BodyTooLargeError, readBoundedBody } from '../protection/request-body.js';

const SESSION = /^\/whip\/([^/]+)\/session\/([^/]+)\/?$/;
const ENDPOINT = /^\/whip\/([^/]+)\/?$/;

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer +(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

function text(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${message}\n`);
}

function refuse(res: ServerResponse, refusal: WhipRefusal, token: string | undefined): void {
  // RFC 6750: a missing token gets the bare challenge, a wrong one says it is invalid.
  const challenge = token ? 'Bearer realm="whip", error="invalid_token"' : 'Bearer realm="whip"';
  text(res, refusal.status, refusal.message, refusal.status === 401 ? { 'www-authenticate': challenge } : {});
}

/**
 * WHIP (RFC 9725) over HTTP: `POST /whip/{ingressId}` with an SDP offer → 201 with the answer and
 * the session's Location; `DELETE` on that Location ends the ingress; `OPTIONS` answers a
 * browser's preflight. The bearer token is the credential, never a cookie: any origin may call,
 * without credentials. Trickle ICE (`PATCH`) is not taken: the answer carries every candidate of
 * an ICE-lite server, and the offer must carry the publisher's.
 *
 * Returns false when the path is not under /whip/.
 */
export function whipHandler(opts: { ingresses: IngressService; admission: Pick<Admission, 'admitAddress'>; log: Logger }) {
  const { ingresses, admission, log } = opts;
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (pathname !== WHIP_PREFIX && !pathname.startsWith(`${WHIP_PREFIX}/`)) return false;
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'location, link, etag, x-request-id');
    const session = SESSION.exec(pathname);
    const endpoint = session ? undefined : ENDPOINT.exec(pathname);
    if (!session && !endpoint) {
      text(res, 404, `nothing at ${pathname.slice(0, 80)}: a WHIP endpoint is ${WHIP_PREFIX}/<ingress id>`);
      return true;
    }
    const allowed = session ? 'DELETE, PATCH, OPTIONS' : 'POST, OPTIONS';
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': allowed,
        'access-control-allow-headers': 'authorization, content-type, if-match',
        'access-control-max-age': '600',
        allow: allowed,
        ...(endpoint ? { 'accept-post': 'application/sdp' } : {}),
        'content-length': '0',
      });
      res.end();
      return true;
    }
    const limited = await admission.admitAddress(req.socket.remoteAddress ?? 'unknown');
    if (limited) {
      const secs = Math.max(1, Math.ceil(limited.retryAfterMs / 1000));
      text(res, 429, `too many WHIP requests from this address: try again in ${secs} s`, { 'retry-after': String(secs) });
      return true;
    }
    const token = bearer(req);
    try {
      if (endpoint && method === 'POST') await post(req, res, decodeURIComponent(endpoint[1]!), token);
      else if (session && method === 'DELETE') {
        await ingresses.whipEnd(decodeURIComponent(session[1]!), token, decodeURIComponent(session[2]!));
        text(res, 200, 'the WHIP session ended: the ingress has ended and its participant left the room');
      } else if (session && method === 'PATCH') {
        text(res, 405, 'trickle ICE and ICE restarts are not supported: this server is ICE-lite and its answer has every candidate; send all of yours in the offer', { allow: allowed });
      } else {
        const hint = session ? 'DELETE this session to end publishing' : 'POST an SDP offer (Content-Type: application/sdp) here';
        text(res, 405, `${method.slice(0, 10)} is not allowed here: ${hint}`, { allow: allowed });
      }
    } catch (err) {
      if (err instanceof WhipRefusal) refuse(res, err, token);
      else if (err instanceof URIError) text(res, 404, 'the path is not a WHIP endpoint (bad escape)');
      else throw err;
    }
    return true;
  };

  async function post(req: IncomingMessage, res: ServerResponse, id: string, token: string | undefined): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/sdp') {
      req.resume();
      throw new WhipRefusal(415, `the offer must be sent as Content-Type: application/sdp${type ? `, not ${type.slice(0, 60)}` : ''}`);
    }
    let body: Buffer;
    try {
      body = await readBoundedBody(req, WHIP_MAX_OFFER_BYTES);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      res.setHeader('connection', 'close');
      res.on('finish', () => req.destroy());
      throw new WhipRefusal(413, `the offer is larger than ${WHIP_MAX_OFFER_BYTES} bytes`);
    }
    const { answer, session } = await ingresses.whipOffer(id, token, body.toString('utf8'));
    log.debug({ ingressId: id }, 'WHIP offer answered');
    res.writeHead(201, { 'content-type': 'application/sdp', location: whipSessionPath(id, session) });
    res.end(answer);
  }
}
