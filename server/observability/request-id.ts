import { randomUUID } from 'node:crypto';

// What a proxy or client may hand us to follow one request through the logs. Anything else (too
// long, spaces, control characters) could forge or break log lines, so it is replaced.
const SANE = /^[A-Za-z0-9._:\-/+=]{1,128}$/;

export function requestIdFrom(header: string | string[] | null | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SANE.test(value) ? value : randomUUID();
}
