// One delivery in the log: the event, where it went, how it went, and what happens next.
import type { WebhooksPageDeliveriesQuery } from '../../generated/graphql.js';
import { formatAgo, formatDateTime, formatTime } from '../../ui/format.js';
import { roomLabel } from '../../ui/room-label.js';

export type Delivery = WebhooksPageDeliveriesQuery['webhookDeliveries']['edges'][number]['node'];

const STATUS = {
  DELIVERED: { text: 'Delivered', tone: 'ok' },
  PENDING: { text: 'Pending', tone: 'warn' },
  FAILED: { text: 'Failed', tone: 'bad' },
} as const;

/** `video.room.participant.joined` → `room.participant.joined`: `video.` is the same on every row. */
const shortType = (t: string) => t.replace(/^video\./, '');

export function DeliveryRow({ d, onRoom }: { d: Delivery; onRoom: (room: { id: string; label: string }) => void }) {
  const status = STATUS[d.status];
  const roomName = d.room ? roomLabel(d.room) : null;
  const code = d.lastStatusCode;
  return (
    <tr>
      <td>
        <span class="event-type" title={d.eventType}>
          {shortType(d.eventType)}
        </span>
        <div class="small muted" title={formatDateTime(d.createdAt)}>
          {formatAgo(d.createdAt)}
        </div>
      </td>
      <td>
        {d.room && roomName ? (
          <button type="button" class="linkish" title="Show only this room's deliveries" onClick={() => onRoom({ id: d.room!.id, label: roomName })}>
            {roomName}
          </button>
        ) : (
          <span class="muted">—</span>
        )}
      </td>
      <td>
        <span class={`badge ${status.tone}`}>{status.text}</span>
        {d.status === 'DELIVERED' && d.deliveredTo === 'failover' && <div class="small muted">to the failover URL</div>}
      </td>
      <td class="num">{d.attempts}</td>
      <td class="num">{code == null ? <span class="muted">—</span> : <span class={code >= 200 && code < 300 ? 'code-ok' : 'code-bad'}>{code}</span>}</td>
      <td class="last-error">{d.lastError ? <span title={d.lastError}>{d.lastError}</span> : <span class="muted">—</span>}</td>
      <td class="small">
        {d.status === 'DELIVERED' && <span title={formatDateTime(d.deliveredAt)}>Delivered {formatTime(d.deliveredAt)}</span>}
        {d.status === 'PENDING' && (d.attempts > 0 && d.nextAttemptAt ? <span title={formatDateTime(d.nextAttemptAt)}>Next try {formatTime(d.nextAttemptAt)}</span> : 'Sending…')}
        {d.status === 'FAILED' && 'Given up'}
      </td>
      <td class="target">
        <span title={d.failoverUrl ? `${d.url}\nfailover: ${d.failoverUrl}` : d.url}>{d.url.replace(/^https?:\/\//, '')}</span>
      </td>
    </tr>
  );
}
