import { createHmac, timingSafeEqual } from 'node:crypto';

export type DownloadKind = 'recordings' | 'compositions';

/**
 * Download URLs that work without an API key for a limited time (to hand to a browser or a
 * player): an HMAC of the path and expiry, with a key derived from the server's secret.
 */
export class DownloadLinks {
  private readonly key: Buffer;

  constructor(
    secret: Uint8Array,
    /** Base URL the links start with (PUBLIC_URL, or the address the server listens on). */
    private readonly publicUrl: () => string,
    private readonly ttlSecs: number,
  ) {
    this.key = createHmac('sha256', secret).update('video-rooms download links').digest();
  }

  path(kind: DownloadKind, id: string): string {
    return `/downloads/${kind}/${id}`;
  }

  signedUrl(kind: DownloadKind, id: string, now = Date.now()): string {
    return this.signed(kind, id, now).url;
  }

  /** A signed link and the moment it stops working (a client that keeps links renews them before). */
  signed(kind: DownloadKind, id: string, now = Date.now()): { url: string; expiresAt: Date } {
    const expires = Math.floor(now / 1000) + this.ttlSecs;
    const p = this.path(kind, id);
    return { url: `${this.publicUrl()}${p}?expires=${expires}&signature=${this.sign(p, expires)}`, expiresAt: new Date(expires * 1000) };
  }

  /** Whether the query carries a valid, unexpired signature for this path. */
  check(pathname: string, query: URLSearchParams, now = Date.now()): 'ok' | 'missing' | 'expired' | 'invalid' {
    const expires = query.get('expires');
    const signature = query.get('signature');
    if (!expires || !signature) return 'missing';
    if (!/^\d+$/.test(expires)) return 'invalid';
    const want = Buffer.from(this.sign(pathname, Number(expires)));
    const got = Buffer.from(signature);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return 'invalid';
    return Number(expires) * 1000 < now ? 'expired' : 'ok';
  }

  private sign(pathname: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${pathname}\n${expires}`).digest('base64url');
  }
}
