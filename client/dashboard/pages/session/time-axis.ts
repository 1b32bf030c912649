// The time axis of a session's timeline: round steps (10 s, 1 min, 15 min…) that give a handful of
// ticks whatever the session lasted, and where an instant falls along it.

const STEPS_SECS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

export interface Span {
  start: number;
  end: number;
}

/** Ticks (ms since the epoch) on round multiples of a step, about `target` of them within the span. */
export function ticks(span: Span, target = 6): number[] {
  const secs = Math.max(1, (span.end - span.start) / 1000);
  const step = (STEPS_SECS.find((s) => secs / s <= target) ?? STEPS_SECS.at(-1)!) * 1000;
  const out: number[] = [];
  for (let t = Math.ceil(span.start / step) * step; t <= span.end; t += step) out.push(t);
  return out;
}

/** Where `t` falls along the span, as a percentage (0 at the start, 100 at the end), clamped. */
export function position(span: Span, t: number): number {
  const width = span.end - span.start;
  if (width <= 0) return 0;
  return Math.min(100, Math.max(0, ((t - span.start) / width) * 100));
}

/** Left edge and width (percentages) of an interval; at least `minWidth` wide, so that a blip shows. */
export function extent(span: Span, from: number, to: number, minWidth = 0.6): { left: number; width: number } {
  const left = position(span, from);
  const width = Math.max(minWidth, position(span, to) - left);
  return { left: Math.min(left, 100 - minWidth), width };
}

const WINDOWS_SECS = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * Where the axis of a live session ends: a round window a little past now, kept while the session
 * grows into it (bars visibly lengthen), then the next one — rather than an axis that always ends
 * at now, against which every bar of someone present always reaches the edge.
 */
export function liveEnd(start: number, now: number): number {
  const needed = ((now - start) * 1.1) / 1000 + 5;
  const window = WINDOWS_SECS.find((w) => w >= needed) ?? Math.ceil(needed / 86400) * 86400;
  return start + window * 1000;
}
