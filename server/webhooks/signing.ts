import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SIGNATURE_HEADER = 'video-rooms-signature-ed25519';
export const TIMESTAMP_HEADER = 'video-rooms-timestamp';

/**
 * Signs webhook bodies with Ed25519 over `<timestamp>|<raw body>`, as Telnyx does: a receiver
 * checks with the public key alone (no shared secret to leak) and rejects old timestamps (replays).
 */
export class WebhookSigner {
  readonly publicKeyBase64: string;
  readonly publicKeyPem: string;

  constructor(private readonly privateKey: KeyObject) {
    const publicKey = createPublicKey(privateKey);
    // The raw 32-byte key is the last 32 bytes of its SPKI encoding.
    this.publicKeyBase64 = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
    this.publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  headers(body: string, at = new Date()): Record<string, string> {
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const signature = sign(null, Buffer.from(`${timestamp}|${body}`), this.privateKey).toString('base64');
    return { [SIGNATURE_HEADER]: signature, [TIMESTAMP_HEADER]: timestamp };
  }
}

/** WEBHOOK_SIGNING_KEY (PKCS#8 PEM) when given, else a key file created once in the data folder. */
export function loadWebhookSigner(opts: { pem?: string; dataDir: string }): WebhookSigner {
  if (opts.pem) return new WebhookSigner(createPrivateKey(opts.pem));
  const file = path.join(opts.dataDir, 'webhook-signing-key.pem');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return new WebhookSigner(createPrivateKey(readFileSync(file, 'utf8')));
}
