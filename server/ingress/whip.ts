import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isMediaError, WhipOfferError } from '../../media/index.js';

/** Where a WHIP ingress's endpoint is, under the server's base URL. */
export const WHIP_PREFIX = '/whip';
/** The largest SDP offer taken (a browser's offer of audio and video is about 5 kB). */
export const WHIP_MAX_OFFER_BYTES = 64 * 1024;
/** A publisher whose media has not arrived this long after the answer failed to connect. */
export const WHIP_CONNECT_TIMEOUT_MS = 30_000;

export const whipEndpoint = (ingressId: string) => `${WHIP_PREFIX}/${ingressId}`;
export const whipSessionPath = (ingressId: string, session: string) => `${WHIP_PREFIX}/${ingressId}/session/${session}`;

/** A WHIP request refused: the HTTP status and the text the encoder shows. */
export class WhipRefusal extends Error {
  override readonly name = 'WhipRefusal';
  constructor(
    readonly status: 400 | 401 | 404 | 406 | 409 | 413 | 415 | 503,
    message: string,
  ) {
    super(message);
  }
}

/** What the node running the room answers to an offer: plain data, so that it crosses between nodes. */
export type WhipOfferOutcome = { ok: true; answer: string; session: string } | { ok: false; status: WhipRefusal['status']; message: string };

/** A new bearer token (256 random bits, URL-safe) and the hash kept of it. */
export function newWhipToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashWhipToken(token) };
}

export function hashWhipToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `token` is the one whose hash is kept, compared in constant time. */
export function whipTokenMatches(token: string | undefined, hash: string | null): boolean {
  if (!token || !hash) return false;
  const given = Buffer.from(hashWhipToken(token), 'hex');
  const kept = Buffer.from(hash, 'hex');
  return given.length === kept.length && timingSafeEqual(given, kept);
}

/** An offer's failure as the publisher should hear it; anything unexpected is rethrown (a bug, logged by the caller). */
export function offerRefusal(err: unknown): WhipRefusal {
  if (err instanceof WhipRefusal) return err;
  if (err instanceof WhipOfferError) return new WhipRefusal(err.reason === 'codec' ? 406 : 400, err.message);
  // mediasoup refused the parameters the offer led to (a codec variant the room's router lacks).
  if (isMediaError(err, 'INVALID_ARGUMENT') || isMediaError(err, 'MEDIA_FAILURE')) return new WhipRefusal(406, `the offer's media cannot be published in the room: ${err.message}`);
  throw err;
}
