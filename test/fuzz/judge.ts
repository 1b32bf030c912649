import type { GraphqlError, Outcome } from './send.js';

/** What an error message must never show: SQL, the database's own words, stack frames, file paths. */
export const LEAK =
  /\bat .+\.[cm]?[jt]s:\d+|node_modules|file:\/\/|\/(work|home|tmp|usr|root)\/|\bselect\b.+\bfrom\b|\binsert into\b|syntax for type|violates .+ constraint|relation "|column "|invalid byte sequence|out of range for type/i;

function errorProblems(error: GraphqlError): string[] {
  const out: string[] = [];
  const code = error.extensions?.code;
  if (typeof code !== 'string') out.push(`an error without extensions.code: ${JSON.stringify(error).slice(0, 300)}`);
  if (code === 'INTERNAL_SERVER_ERROR' || error.message === 'Unexpected error.') out.push(`an internal error: ${JSON.stringify(error).slice(0, 300)}`);
  if (LEAK.test(error.message) || (error.extensions && LEAK.test(JSON.stringify(error.extensions)))) {
    out.push(`a message that leaks internals: ${JSON.stringify(error).slice(0, 300)}`);
  }
  return out;
}

/** The typed errors of mutation payloads are messages too. */
function payloadMessages(data: unknown): string[] {
  if (data === null || typeof data !== 'object') return [];
  const own = 'message' in data && typeof (data as { message: unknown }).message === 'string' ? [(data as { message: string }).message] : [];
  return [...own, ...Object.values(data).flatMap(payloadMessages)];
}

/** Everything wrong with one answer; empty when the server answered bad input as it should. */
export function problems(outcome: Outcome, kind: 'query' | 'mutation' | 'subscription'): string[] {
  const out: string[] = [];
  if (outcome.timedOut) out.push('no answer in time');
  if (outcome.closedWith !== undefined) out.push(`the WebSocket closed (${outcome.closedWith}) instead of answering this operation`);
  if (outcome.status !== undefined && outcome.status >= 500) out.push(`HTTP ${outcome.status}`);
  // Over HTTP a subscription that would stream is not acceptable as JSON (406): subscriptions go over the WebSocket.
  const negotiated = outcome.status === 415 || (outcome.status === 406 && kind === 'subscription');
  if (outcome.status !== undefined && outcome.body !== undefined && !negotiated) out.push(`HTTP ${outcome.status} with a body that is not GraphQL JSON: ${outcome.body}`);
  const errors = [...(outcome.errors ?? []), ...outcome.results.flatMap((r) => r.errors ?? [])];
  for (const e of errors) out.push(...errorProblems(e));
  for (const message of outcome.results.flatMap((r) => payloadMessages(r.data))) {
    if (LEAK.test(message)) out.push(`a payload message that leaks internals: ${message.slice(0, 300)}`);
  }
  const answered = outcome.open || outcome.errors?.length || outcome.results.length || outcome.body !== undefined;
  if (!answered && !outcome.timedOut && outcome.closedWith === undefined) out.push('an empty answer');
  return out;
}

/**
 * Whether a mutation was refused: a top-level error, or every root field answered null or with
 * a typed error (a name in `userErrors`).
 */
export function refused(outcome: Outcome, userErrors: ReadonlySet<string>): boolean {
  const results = outcome.results;
  if (outcome.errors?.length || results.some((r) => r.errors?.length)) return true;
  const fields = results.flatMap((r) => Object.values(r.data ?? {}));
  return fields.every((v) => v == null || userErrors.has((v as { __typename?: string }).__typename ?? ''));
}
