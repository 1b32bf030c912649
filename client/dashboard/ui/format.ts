// How the dashboard writes figures: short, unit-bearing, the same on every page.

export function formatBytes(n: number | null | undefined): string {
  if (n == null) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

export function formatBitrate(bitsPerSec: number | null | undefined): string {
  if (bitsPerSec == null) return '—';
  if (bitsPerSec >= 1e6) return `${(bitsPerSec / 1e6).toFixed(2)} Mb/s`;
  if (bitsPerSec >= 1e3) return `${Math.round(bitsPerSec / 1e3)} kb/s`;
  return `${Math.round(bitsPerSec)} b/s`;
}

/** Bits/s in at most four characters, for chart axes: `850k`, `1.2M`. */
export function formatBitrateShort(bitsPerSec: number): string {
  if (bitsPerSec >= 1e6) return `${(bitsPerSec / 1e6).toFixed(bitsPerSec >= 1e7 ? 0 : 1)}M`;
  if (bitsPerSec >= 1e3) return `${Math.round(bitsPerSec / 1e3)}k`;
  return String(Math.round(bitsPerSec));
}

export function formatPercent(fraction: number | null | undefined, digits = 0): string {
  return fraction == null ? '—' : `${(fraction * 100).toFixed(digits)} %`;
}

/** 75 s → "1 min 15 s"; 3,700 s → "1 h 1 min". */
export function formatDuration(secs: number | null | undefined): string {
  if (secs == null) return '—';
  const s = Math.max(0, Math.round(secs));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? timeOnly.format(new Date(iso)) : '—';
}

/** "12 s ago", "5 min ago", or the date for anything older than a day. */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const secs = (now - new Date(iso).getTime()) / 1000;
  if (secs < 5) return 'just now';
  if (secs < 86_400) return `${formatDuration(secs).split(' ').slice(0, 2).join(' ')} ago`;
  return formatDateTime(iso);
}

/**
 * The last 8 characters of an id: enough to tell rows apart; the whole id is in the title. (Not
 * the first: the ids are UUIDv7, whose first 8 are the same for everything made within a minute.)
 */
export function shortId(id: string): string {
  return id.slice(-8);
}
