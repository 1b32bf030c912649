import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The client-token signing secret: JWT_SECRET when given, else a key file that is created once
 * and then reused, so tokens issued before a restart stay valid after it.
 */
export function loadSigningSecret(opts: { jwtSecret?: string; jwtSecretFile?: string; dataDir: string }): Uint8Array {
  if (opts.jwtSecret) return new TextEncoder().encode(opts.jwtSecret);
  const file = opts.jwtSecretFile ?? path.join(opts.dataDir, 'jwt-secret.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    // 'wx' fails if another process created it in between: then we read theirs below.
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`the key file ${file} holds fewer than 32 characters: delete it to have a new one made`);
  return new TextEncoder().encode(secret);
}
