// A room live (/rooms/<id>): who is in it and in what state, who speaks, how their connections do,
// the moderator's controls and the room's log — all from roomEvents (and roomStats), no reload.
import { useQuery } from '@urql/preact';
import { graphql } from '../generated/gql.js';
import { Link } from '../router.js';
import { formatDateTime } from '../ui/format.js';
import { useRefreshOnEvents } from '../ui/live-refresh.js';
import { PageHeader } from '../ui/page-header.js';
import { LiveRoomView } from './room-live/live-room-view.js';
import { roomName } from './rooms/room-name.js';

const RoomQuery = graphql(`
  query RoomLivePageRoom($id: ID!) {
    room(id: $id) {
      id
      uniqueName
      maxParticipants
      enableRecording
      createdAt
      deletedAt
    }
  }
`);

function Gone({ title, children }: { title: string; children: preact.ComponentChildren }) {
  return (
    <>
      <PageHeader title={title} />
      <div class="card" role="alert">
        {children}
        <p>
          <Link to="/rooms">Back to the rooms</Link>
        </p>
      </div>
    </>
  );
}

export function RoomLivePage({ roomId }: Record<string, string>) {
  const [result, reexecute] = useQuery({ query: RoomQuery, variables: { id: roomId! } });
  // A room deleted or renamed elsewhere while the page is open.
  useRefreshOnEvents(['video.room.deleted', 'video.room.updated'], () => reexecute({ requestPolicy: 'network-only' }), roomId);
  const room = result.data?.room;

  if (!result.data && result.error) {
    // A malformed id is refused by the query itself: for the operator, that room does not exist.
    const invalid = result.error.graphQLErrors.some((e) => e.extensions?.code === 'BAD_USER_INPUT');
    if (!invalid) {
      return (
        <Gone title="Room">
          <p>The room could not be loaded: {result.error.graphQLErrors[0]?.message ?? 'the server could not be reached'}.</p>
        </Gone>
      );
    }
  }
  if (!room) {
    if (result.fetching) return <PageHeader title="Room" subtitle="Loading…" />;
    return (
      <Gone title="Room not found">
        <p>
          No room has the id <code>{roomId}</code>. It may have been mistyped, or it belongs to another server.
        </p>
      </Gone>
    );
  }
  if (room.deletedAt) {
    return (
      <Gone title={roomName(room)}>
        <p>This room was deleted on {formatDateTime(room.deletedAt)}: it can no longer be joined, and nobody is in it.</p>
      </Gone>
    );
  }
  return <LiveRoomView room={room} />;
}
