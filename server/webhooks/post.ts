import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookTarget, type ResolvedAddress, type TargetPolicy } from './target-policy.js';

export interface PostOutcome {
  ok: boolean;
  statusCode: number | null;
  error?: string;
}

/**
 * Answers the connection's lookup with the addresses already checked, never asking DNS again: a
 * second lookup could get a different answer (DNS rebinding) and reach an address never checked.
 */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = family ? addresses.filter((a) => a.family === family) : addresses;
    if (usable.length === 0) {
      const err: NodeJS.ErrnoException = Object.assign(new Error(`no checked IPv${family} address`), { code: 'ENOTFOUND' });
      return callback(err, '', 0);
    }
    if (options.all) return callback(null, usable);
    callback(null, usable[0]!.address, usable[0]!.family);
  };
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] };
  if (e.code) return e.code;
  // Several addresses tried (happy eyeballs): one code per address.
  const codes = [...new Set((e.errors ?? []).map((x) => x.code).filter(Boolean))];
  return codes.length ? codes.join(', ') : e.message;
}

/**
 * POSTs one webhook: checks the target against the policy after resolving it, then connects only
 * to the checked addresses. Redirects are not followed (a 3xx is a failure): the Location could
 * name any host. The timeout covers the lookup, the connection and the answer's headers.
 */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, opts: { timeoutMs: number; policy: TargetPolicy }): Promise<PostOutcome> {
  const started = Date.now();
  const target = await checkWebhookTarget(url, { ...opts.policy, lookupTimeoutMs: opts.timeoutMs });
  if (!target.ok) return { ok: false, statusCode: null, error: target.unresolved ? target.reason : `target refused: ${target.reason}` };
  const signal = AbortSignal.timeout(Math.max(1, opts.timeoutMs - (Date.now() - started)));
  const send = new URL(url).protocol === 'https:' ? httpsRequest : httpRequest;
  try {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(target.addresses),
        // A pooled connection was made to addresses checked for an earlier attempt.
        agent: false,
        signal,
      });
      req.once('response', resolve);
      req.once('error', reject);
      req.end(body);
    });
    res.destroy();
    const code = res.statusCode ?? 0;
    if (code >= 200 && code < 300) return { ok: true, statusCode: code };
    const redirect = code >= 300 && code < 400 ? ' (redirects are not followed)' : '';
    return { ok: false, statusCode: code, error: `HTTP ${code}${redirect}` };
  } catch (err) {
    return { ok: false, statusCode: null, error: signal.aborted ? `no answer within ${opts.timeoutMs / 1000} s` : describe(err) };
  }
}
