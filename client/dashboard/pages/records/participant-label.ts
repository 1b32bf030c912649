// How a participant is named on these pages: the name its app put in the join context (the meet
// app sends `{"name": …}`), else the context itself when it is short text, else its id.
import { shortId } from '../../ui/format.js';

export function participantName(context: string | null | undefined, id: string): string {
  if (context) {
    try {
      const parsed = JSON.parse(context) as unknown;
      if (parsed && typeof parsed === 'object') {
        const o = parsed as Record<string, unknown>;
        for (const key of ['name', 'displayName', 'username']) if (typeof o[key] === 'string' && o[key]) return o[key] as string;
        return `Participant ${shortId(id)}`;
      }
    } catch {
      // Not JSON: a plain string context.
    }
    if (context.length <= 40) return context;
  }
  return `Participant ${shortId(id)}`;
}
