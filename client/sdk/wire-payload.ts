import { VideoRoomsError } from './errors.js';

/** A mutation result union without its error members: what a request returns. */
export type Payload<TData, F extends keyof TData> = Exclude<NonNullable<TData[F]>, { __typename: `${string}Error` }>;

/** The fields the SDK reads of any error member of a result union (UserError and its kinds). */
interface WireUserError {
  __typename: string;
  code?: string | null;
  message?: string | null;
  field?: string | null;
  reason?: string | null;
  tokenProblem?: string | null;
  url?: string | null;
}

function isUserError(value: unknown): value is WireUserError {
  if (typeof value !== 'object' || value === null || !('__typename' in value)) return false;
  return typeof value.__typename === 'string' && value.__typename.endsWith('Error');
}

/** The payload of a mutation's field; a typed error of its result union becomes a VideoRoomsError. */
export function payloadOf<TData, F extends keyof TData & string>(data: TData | null | undefined, field: F): Payload<TData, F> {
  const payload = data?.[field];
  if (payload == null) throw new VideoRoomsError('UNKNOWN', `the server returned no ${field}`);
  if (isUserError(payload)) {
    throw new VideoRoomsError(payload.code ?? 'UNKNOWN', payload.message ?? payload.__typename, {
      field: payload.field,
      reason: payload.reason ?? payload.tokenProblem ?? null,
      url: payload.url ?? null,
    });
  }
  // What is left of the union once its error members are out.
  return payload as Payload<TData, F>;
}

/** A top-level GraphQL error (authentication, rate limit, ...) as a VideoRoomsError. */
export function fromGraphQLError(gql: { message: string; extensions?: unknown }, cause?: unknown): VideoRoomsError {
  const ext = (gql.extensions ?? {}) as { code?: string; reason?: string };
  return new VideoRoomsError(ext.code ?? 'UNKNOWN', gql.message, { reason: ext.reason ?? null, cause });
}
