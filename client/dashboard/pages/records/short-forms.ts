// Short forms for table cells: a date and time without the year and seconds ("Dec 6, 06:37", the rest in
// the title), and an id by its tail.
const short = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function formatShortDateTime(iso: string): string {
  return short.format(new Date(iso));
}

/**
 * The last 8 characters of an id, to tell rows apart: ids are UUIDv7, whose first characters are
 * the time they were made, the same for everything made in the same minute.
 */
export function idTail(id: string): string {
  return id.slice(-8);
}
