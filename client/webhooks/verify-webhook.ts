// Verifies a Video Rooms webhook on the receiving side: Node.js 20+, Deno, Bun, or any runtime
// with WebCrypto Ed25519. Use the raw request body exactly as received: re-serialised JSON will
// not match the signature.

export const SIGNATURE_HEADER = 'video-rooms-signature-ed25519';
export const TIMESTAMP_HEADER = 'video-rooms-timestamp';

export interface VerifyWebhookOptions {
  /** The raw request body. */
  body: string | Uint8Array;
  /** Value of the `video-rooms-signature-ed25519` header (base64). */
  signature: string | null | undefined;
  /** Value of the `video-rooms-timestamp` header (Unix seconds). */
  timestamp: string | null | undefined;
  /** `webhookSigningKey { publicKey }` from the API: the raw 32-byte key, base64. */
  publicKey: string;
  /** Oldest signature accepted, in seconds (replay protection). Default 300. */
  toleranceSecs?: number;
  /** For tests: the current time. */
  now?: Date;
}

const decodeBase64 = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** True when the webhook was signed by the server holding the key, within the tolerance. */
export async function verifyWebhook(opts: VerifyWebhookOptions): Promise<boolean> {
  const { signature, timestamp } = opts;
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  const age = (opts.now ?? new Date()).getTime() / 1000 - Number(timestamp);
  if (Math.abs(age) > (opts.toleranceSecs ?? 300)) return false;
  let key: CryptoKey;
  let sig: Uint8Array<ArrayBuffer>;
  try {
    key = await crypto.subtle.importKey('raw', decodeBase64(opts.publicKey), { name: 'Ed25519' }, false, ['verify']);
    sig = decodeBase64(signature);
  } catch {
    return false;
  }
  const body = typeof opts.body === 'string' ? new TextEncoder().encode(opts.body) : opts.body;
  const prefix = new TextEncoder().encode(`${timestamp}|`);
  const message = new Uint8Array(prefix.length + body.length);
  message.set(prefix);
  message.set(body, prefix.length);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, sig, message);
}
