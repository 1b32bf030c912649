// The sidebar's live line: whether the dashboard is connected, and what is live on the server now.
// Its subscription also ends the moment the key is revoked, which signs the page out (graphql-client).
import { useSubscription } from '@urql/preact';
import { graphql } from './generated/gql.js';

const LiveCounts = graphql(`
  subscription DashboardLiveCounts {
    serverStats(intervalSecs: 5) {
      liveRooms
      liveParticipants
    }
  }
`);

export function LiveStatus() {
  const [result] = useSubscription({ query: LiveCounts });
  const stats = result.data?.serverStats;
  if (result.error) return <p class="live-status muted small">Reconnecting…</p>;
  if (!stats) return <p class="live-status muted small">Connecting…</p>;
  return (
    <p class="live-status small" title="Rooms with someone in them, and the participants in them">
      <span class="dot" aria-hidden="true" /> Live · {stats.liveRooms} {stats.liveRooms === 1 ? 'room' : 'rooms'} · {stats.liveParticipants}{' '}
      {stats.liveParticipants === 1 ? 'participant' : 'participants'}
    </p>
  );
}
