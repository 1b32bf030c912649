// The room's event log as it happens: newest first, with the time of each line.
import { formatDateTime, formatTime } from '../../ui/format.js';
import type { LogLine } from './event-text.js';
import { LOG_LIMIT } from './use-live-room.js';

export function EventLog({ lines }: { lines: LogLine[] }) {
  return (
    <section class="card event-log-card" aria-labelledby="event-log-title">
      <h2 id="event-log-title">
        Event log <span class="muted small">newest first · last {LOG_LIMIT}</span>
      </h2>
      {lines.length ? (
        <ol class="event-log" role="log" aria-label="Room events">
          {lines.map((l) => (
            <li key={l.id} class={`tone-${l.tone}`}>
              <time dateTime={l.at} title={formatDateTime(l.at)}>
                {formatTime(l.at)}
              </time>
              <span>{l.text}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p class="empty">Connecting to the room…</p>
      )}
    </section>
  );
}
