import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../../shared/database-unavailable.js';
import { InvalidTokenError, RequestRefusedError, UserError, ValidationError, type ErrorCode } from '../../shared/errors.js';

/** One item of Telnyx's `errors` array. */
export interface WireError {
  code: string;
  title: string;
  detail: string;
  source?: { pointer?: string; parameter?: string };
  /** Our own code (VALIDATION_FAILED, CONFLICT, ...), for programs that branch on more than the status. */
  meta?: { reason: string };
}

/** Telnyx's general error codes (developers.telnyx.com/development/api-fundamentals/api-errors), by status. */
const TELNYX: Record<number, { code: string; title: string }> = {
  400: { code: '10015', title: 'Bad Request' },
  401: { code: '10009', title: 'Authentication failed' },
  403: { code: '10010', title: 'Authorization failed' },
  404: { code: '10005', title: 'Resource not found' },
  405: { code: '10015', title: 'Method not allowed' },
  413: { code: '10015', title: 'Request body too large' },
  422: { code: '10015', title: 'Invalid value' },
  429: { code: '10011', title: 'Too many requests' },
  500: { code: '10007', title: 'Unexpected error' },
  // Telnyx documents no code of its own for it: its general "unexpected error" one.
  503: { code: '10007', title: 'Service unavailable' },
};

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: WireError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => e.detail).join('; '));
    this.name = 'RestError';
  }

  static of(status: number, reason: string, detail: string, source?: WireError['source'], headers?: Record<string, string>): RestError {
    return new RestError(status, [{ ...TELNYX[status]!, detail, ...(source ? { source } : {}), meta: { reason } }], headers);
  }

  /** A query parameter that cannot be used: named as it was sent (`page[size]`). */
  static badQuery(parameter: string, detail: string): RestError {
    return RestError.of(400, 'BAD_USER_INPUT', `${parameter} ${detail}`, { parameter });
  }

  /** A body field of the wrong type or value, pointed at in the body (`/max_participants`). */
  static badBody(problems: { pointer: string; detail: string }[]): RestError {
    return new RestError(
      422,
      problems.map((p) => ({ ...TELNYX[422]!, detail: `${p.pointer.slice(1) || 'body'} ${p.detail}`, source: { pointer: p.pointer }, meta: { reason: 'VALIDATION_FAILED' } })),
    );
  }

  body() {
    return { errors: this.errors };
  }
}

/**
 * Statuses for the domain's expected failures. None is 409 or 5xx: the Telnyx client retries those,
 * and a refusal that a retry cannot fix (a taken name, an ended session, a session without
 * recordings) would only be sent three times.
 */
const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 422,
  CONFLICT: 422,
  SESSION_ENDED: 422,
  ROOM_NOT_LIVE: 422,
  ROOM_FULL: 422,
  NOT_JOINED: 422,
  ROOM_ON_ANOTHER_NODE: 422,
  MEDIA_ERROR: 422,
  NOT_FOUND: 404,
  // A deleted room is gone as far as Telnyx's API is concerned.
  ROOM_DELETED: 404,
  FORBIDDEN: 403,
  // Only refresh_client_token takes a token in its body; Telnyx answers its refusals 403.
  INVALID_TOKEN: 403,
  UNAUTHENTICATED: 401,
};

const REFUSAL_STATUS: Record<RequestRefusedError['code'], number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404 };

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Where a domain field is on the wire. The services name fields as GraphQL arguments
 * (`input.maxParticipants`, `participants.ids[0]`); a handler maps the ones that differ (a path
 * parameter, a renamed field), everything else becomes a snake_case JSON pointer.
 */
export type FieldMap = Record<string, WireError['source']>;

export function sourceOf(field: string | null | undefined, fields: FieldMap = {}): WireError['source'] | undefined {
  if (field == null) return undefined;
  for (const [prefix, source] of Object.entries(fields)) {
    if (field === prefix) return source;
    if (source?.pointer && (field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`))) {
      return { pointer: source.pointer + toPointer(field.slice(prefix.length)) };
    }
  }
  return { pointer: toPointer(field.replace(/^input\b/, '')) };
}

function toPointer(path: string): string {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  return parts.map((p) => `/${snake(p)}`).join('');
}

/** The domain's refusal in Telnyx's shape; anything else is not ours to explain (undefined). */
export function fromDomain(err: unknown, fields?: FieldMap): RestError | undefined {
  if (err instanceof RestError) return err;
  if (err instanceof ValidationError) {
    return new RestError(
      422,
      err.problems.map((p) => ({ ...TELNYX[422]!, detail: p.message, source: sourceOf(p.field, fields), meta: { reason: err.code } })),
    );
  }
  if (err instanceof InvalidTokenError) return RestError.of(STATUS[err.code], `${err.code}:${err.reason}`, err.message, sourceOf(err.field, fields));
  if (err instanceof UserError) return RestError.of(STATUS[err.code], err.code, err.message, sourceOf(err.field, fields));
  if (err instanceof RequestRefusedError) {
    const reason = err.details.reason ? `${err.code}:${err.details.reason}` : err.code;
    return RestError.of(REFUSAL_STATUS[err.code], reason, err.message, sourceOf(err.details.field, fields));
  }
  // Passing, and worth a retry: the Telnyx client retries a 503 by itself.
  if (isDatabaseUnavailable(err)) return RestError.of(503, 'DATABASE_UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE, undefined, { 'retry-after': '2' });
  return undefined;
}

export const internalError = () => RestError.of(500, 'INTERNAL_SERVER_ERROR', 'the server failed to answer this request; it has been logged');
