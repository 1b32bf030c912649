// How people are called in the meet app: the name they joined with (their participant context),
// the initials shown when their camera is off, and a colour that stays theirs for the meeting.

/** The name in a participant's context (`{"name": …}` or a plain string); undefined when none was given. */
export function nameFromContext(context: string | undefined | null): string | undefined {
  if (!context) return undefined;
  try {
    const parsed = JSON.parse(context) as unknown;
    if (parsed && typeof parsed === 'object') {
      const { name, username } = parsed as { name?: unknown; username?: unknown };
      const found = [name, username].find((v): v is string => typeof v === 'string' && v.trim() !== '');
      return found?.trim();
    }
    // JSON, but not an object (a number, a quoted string): only a string reads as a name.
    return typeof parsed === 'string' && parsed.trim() ? parsed.trim() : undefined;
  } catch {
    return context.trim() || undefined;
  }
}

/** The name to show; an id fragment only for someone who joined without one, so two guests stay apart. */
export function displayName(participantId: string, context: string | undefined | null): string {
  return nameFromContext(context) ?? `Guest ${participantId.replace(/-/g, '').slice(0, 4)}`;
}

/** Up to two letters: first and last word ("Ada Lovelace" → "AL"), or the first two of a single word's letters. */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => /\p{L}|\p{N}/u.test(w));
  if (words.length === 0) return '?';
  const first = [...words[0]!.replace(/[^\p{L}\p{N}]/gu, '')];
  if (words.length === 1) return first.slice(0, 2).join('').toUpperCase();
  const last = [...words.at(-1)!.replace(/[^\p{L}\p{N}]/gu, '')];
  return `${first[0] ?? ''}${last[0] ?? ''}`.toUpperCase();
}

/** Twelve hues 30° apart: two people are either clearly apart or the same. */
const HUES = 12;

/** A hue from a name (FNV-1a), so that a person has the same avatar colour on every screen. */
export function hueFor(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return (h % HUES) * (360 / HUES);
}

/** The context this app joins with: JSON, so that other apps reading `name` find it. */
export const contextFor = (name: string): string | undefined => (name.trim() ? JSON.stringify({ name: name.trim() }) : undefined);
