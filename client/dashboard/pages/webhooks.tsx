// Webhooks: every event posted to a room's URL, with how each delivery went, kept current as
// events are queued and attempts recorded; and the key that signs them.
import { useQuery, useSubscription } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../generated/gql.js';
import type { WebhookDeliveryStatus } from '../generated/graphql.js';
import { Link } from '../router.js';
import { ErrorNotice } from '../ui/errors.js';
import { ChoiceFilter } from '../ui/filter-fields.js';
import { useRefreshOnEvents, useRefreshWhen } from '../ui/live-refresh.js';
import { PageHeader } from '../ui/page-header.js';
import { roomLabel } from '../ui/room-label.js';
import { Pager, usePaging } from '../ui/pager.js';
import { DeliveryRow } from './webhooks/delivery-row.js';
import { SigningKeyCard } from './webhooks/signing-key.js';
import './webhooks/webhooks.css';

const Deliveries = graphql(`
  query WebhooksPageDeliveries($first: Int, $after: String, $last: Int, $before: String, $filter: WebhookDeliveryFilter) {
    webhookDeliveries(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo {
        ...DashboardPageInfo
      }
      edges {
        node {
          id
          eventType
          status
          attempts
          lastError
          lastStatusCode
          nextAttemptAt
          createdAt
          deliveredAt
          deliveredTo
          url
          failoverUrl
          room {
            id
            uniqueName
          }
        }
      }
    }
  }
`);

const Attempts = graphql(`
  subscription WebhooksPageAttempts($filter: WebhookDeliveryFilter) {
    webhookDeliveries(filter: $filter) {
      id
      status
      attempts
    }
  }
`);

const STATUSES: { value: WebhookDeliveryStatus | ''; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'PENDING', label: 'Pending' },
  { value: 'DELIVERED', label: 'Delivered' },
  { value: 'FAILED', label: 'Failed' },
];

/** Every event: each one may queue a delivery. */
const ALL_EVENTS: string[] = [];

export function WebhooksPage() {
  const paging = usePaging();
  const [status, setStatus] = useState<WebhookDeliveryStatus | ''>('');
  const [room, setRoom] = useState<{ id: string; label: string } | null>(() => {
    const id = new URLSearchParams(location.search).get('room');
    return id ? { id, label: roomLabel({ id }) } : null;
  });
  const filter = { status: status || null, roomId: room?.id ?? null };
  const [result, reexecute] = useQuery({ query: Deliveries, variables: { ...paging.window, filter } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  // New deliveries come with their events; what happens to them after, with each attempt.
  useRefreshOnEvents(ALL_EVENTS, refresh, room?.id);
  const [attempt] = useSubscription({ query: Attempts, variables: { filter: { roomId: room?.id ?? null } } });
  useRefreshWhen(attempt.data, refresh);

  const connection = result.data?.webhookDeliveries;
  const rows = connection?.edges.map((e) => e.node) ?? [];
  const pickRoom = (r: { id: string; label: string } | null) => {
    setRoom(r);
    paging.reset();
  };

  return (
    <>
      <PageHeader title="Webhooks" subtitle="Every event posted to your webhook URLs, and how each delivery went. Updated as it happens." />
      <section class="card" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Delivery log</h2>
        <div class="filters">
          <ChoiceFilter label="Status" value={status} choices={STATUSES} onChange={(v) => setStatus(v as WebhookDeliveryStatus | '')} reset={paging.reset} />
          {room && (
            <p class="filter-chip">
              Room: <strong>{room.label}</strong>
              <button type="button" onClick={() => pickRoom(null)} aria-label="Show every room's deliveries">
                ✕
              </button>
            </p>
          )}
        </div>
        <ErrorNotice error={result.error} what="Deliveries could not be loaded" />
        {connection && rows.length === 0 ? (
          <div class="empty">
            {status || room ? (
              'No delivery matches these filters.'
            ) : (
              <>
                <p>No webhook has been sent yet.</p>
                <p>
                  Give a room a webhook URL on the <Link to="/rooms">Rooms</Link> page: its events are posted there, and listed here.
                </p>
              </>
            )}
          </div>
        ) : (
          <div class="table-wrap">
            <table class="deliveries-table">
              <thead>
                <tr>
                  <th>Event</th>
                  <th>Room</th>
                  <th>Status</th>
                  <th class="num">Attempts</th>
                  <th class="num">Response</th>
                  <th>Last error</th>
                  <th>When</th>
                  <th>URL</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <DeliveryRow key={d.id} d={d} onRoom={pickRoom} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager paging={paging} pageInfo={connection?.pageInfo} shown={rows.length} total={connection?.totalCount} noun="deliveries" />
      </section>
      <div class="webhooks-side">
        <section class="card" aria-labelledby="targets-title">
          <h2 id="targets-title">Where webhooks go</h2>
          <p class="small">
            Each room posts its events to its own <strong>webhook URL</strong>, with an optional failover URL and timeout: set them when you create or edit a room on the <Link to="/rooms">Rooms</Link>{' '}
            page. A composition can name its own URL for its completed or failed event.
          </p>
          <p class="small muted">Failed deliveries are retried with growing delays; the failover URL gets the event as soon as the primary fails.</p>
        </section>
        <SigningKeyCard />
      </div>
    </>
  );
}
