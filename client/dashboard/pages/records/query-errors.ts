// A list query refused for one of its filter fields answers a top-level error naming the field
// (`extensions.field: "filter.sessionId"`): its message goes next to that field, not in a banner.
import type { CombinedError } from '@urql/core';

export function filterFieldErrors(error: CombinedError | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of error?.graphQLErrors ?? []) {
    const field = e.extensions?.field;
    if (typeof field !== 'string' || !field.startsWith('filter.')) continue;
    const name = field.split('.')[1]!;
    // The message starts with the path (`filter.sessionId: must be a UUID`): beside the field it is noise.
    out[name] = e.message.startsWith(`${field}: `) ? e.message.slice(field.length + 2) : e.message;
  }
  return out;
}

/** The error without the parts already shown next to their fields (for the banner). */
export function otherErrors(error: CombinedError | undefined): CombinedError | undefined {
  if (!error) return undefined;
  if (error.networkError) return error;
  const rest = error.graphQLErrors.filter((e) => typeof e.extensions?.field !== 'string' || !String(e.extensions.field).startsWith('filter.'));
  return rest.length ? error : undefined;
}
