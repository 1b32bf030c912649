import Telnyx from 'telnyx';
import type { TestServer } from '../helpers/server.js';

/** Telnyx's own client, changed in nothing but its base URL and key. Retries off: a test wants the first answer. */
export function telnyx(server: TestServer, apiKey: string | null = server.apiKey): Telnyx {
  return new Telnyx({ apiKey, baseURL: `${server.url}/v2`, maxRetries: 0 });
}

/** A raw request, for what the client would never send (bad JSON, wrong types, unknown parameters). */
export async function rest(server: TestServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${server.apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** The whole of a list's `meta` (the client's type names only page_number and total_pages). */
export const meta = (page: { meta: object }) => page.meta as { page_number: number; page_size: number; total_pages: number; total_results: number };
