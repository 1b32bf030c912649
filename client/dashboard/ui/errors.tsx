// Showing what the server said went wrong: a request's errors as a banner, a mutation's typed
// UserError next to the field it names.
import type { CombinedError } from '@urql/core';

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

/** The typed error a mutation returns (`... on UserError { code message field }`). */
export interface UserErrorLike {
  code?: string | null;
  message: string;
  field?: string | null;
  fieldErrors?: { field: string; message: string }[] | null;
}

/**
 * Messages by field (`name`, `maxParticipants`…, the last part of the server's path such as
 * `input.maxParticipants`), and the rest under `''` for a banner.
 */
export function errorsByField(error: UserErrorLike | null | undefined): Record<string, string> {
  if (!error) return {};
  const out: Record<string, string> = {};
  const put = (field: string | null | undefined, message: string) => {
    const key = field ? field.split('.').pop()! : '';
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
