// Showing what the server said went wrong: a request's errors as a banner, a mutation's typed
// UserError next to the field it names.
import type { CombinedError } from '@urql/core';
import { graphql } from '../generated/gql.js';

/** What a form reads of a mutation's typed error: `... on UserError { ...DashboardUserError }`. */
export const UserErrorFields = graphql(`
  fragment DashboardUserError on UserError {
    code
    message
    field
    ... on ValidationError {
      fieldErrors {
        field
        message
      }
    }
  }
`);

/** A failed request, in the server's words (never a stack): a network failure or GraphQL errors. */
export function ErrorNotice({ error, what }: { error: CombinedError | undefined | null; what?: string }) {
  if (!error) return null;
  const messages = error.graphQLErrors.length ? error.graphQLErrors.map((e) => e.message) : ['the server could not be reached'];
  return (
    <div class="alert error" role="alert">
      {what ? `${what}: ` : ''}
      {messages.join('; ')}
    </div>
  );
}

/**
 * Why a mutation did not do what it was asked, in the server's words, or undefined when it did:
 * for confirmations, which show it and stay open. `nothingDone` says what did not happen.
 */
export function mutationFailure(error: CombinedError | undefined, result: object | null | undefined, nothingDone: string): string | undefined {
  if (error) return error.graphQLErrors.length ? error.graphQLErrors.map((e) => e.message).join('; ') : `The server could not be reached: ${nothingDone}.`;
  if (result && 'message' in result && typeof result.message === 'string') return result.message;
  return undefined;
}

/** The typed error a mutation returns (`... on UserError { code message field }`). */
export interface UserErrorLike {
  code?: string | null;
  message: string;
  field?: string | null;
  fieldErrors?: { field: string; message: string }[] | null;
}

/**
 * Messages by field (`name`, `maxParticipants`…, the last part of the server's path such as
 * `input.maxParticipants`), and the rest under `''` for a banner. A form with repeated parts
 * (`input.videoLayout[1].width`) passes its own `keyOf` for the path.
 */
export function errorsByField(error: UserErrorLike | null | undefined, keyOf: (field: string) => string = (f) => f.split('.').pop()!): Record<string, string> {
  if (!error) return {};
  const out: Record<string, string> = {};
  const put = (field: string | null | undefined, message: string) => {
    const key = field ? keyOf(field) : '';
    out[key] = out[key] ? `${out[key]}; ${message}` : message;
  };
  if (error.fieldErrors?.length) for (const f of error.fieldErrors) put(f.field, f.message);
  else put(error.field, error.message);
  return out;
}

/** An input with its label and, under it, the server's message about it. */
export function FieldErrorText({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span id={id} class="field-error" role="alert">
      {message}
    </span>
  );
}
