// Rooms: the list with Telnyx's filters, pages of 20, and what an operator does to a room — create,
// edit, delete, open it in the meet app, or follow it live (its name). The list follows the
// account's events: a room created elsewhere or a participant joining shows without a reload.
import { useClient, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../generated/gql.js';
import { Link } from '../router.js';
import { ErrorNotice } from '../ui/errors.js';
import { formatAgo, formatDateTime } from '../ui/format.js';
import { useRefreshOnEvents } from '../ui/live-refresh.js';
import { PageHeader } from '../ui/page-header.js';
import { Pager, usePaging } from '../ui/pager.js';
import { DeleteRoomDialog } from './rooms/delete-room.js';
import { openInMeet } from './rooms/open-in-meet.js';
import { isFiltered, NO_FILTER, RoomFilters, toRoomFilter, type RoomFilterForm } from './rooms/room-filters.js';
import { RoomFormDialog, type EditableRoom } from './rooms/room-form.js';
import { roomName } from './rooms/room-name.js';
import './rooms/rooms.css';

const RoomsList = graphql(`
  query RoomsPageList($filter: RoomFilter, $first: Int, $after: String, $last: Int, $before: String) {
    rooms(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...RoomsPageRoom
        }
      }
    }
  }
`);

/** What can change a row: the room itself, or who is in it. */
const ROOM_EVENTS = ['video.room.created', 'video.room.updated', 'video.room.deleted', 'video.room.participant.joined', 'video.room.participant.left', 'video.room.session.ended'];

type Dialog = { kind: 'create' } | { kind: 'edit'; room: EditableRoom } | { kind: 'delete'; room: { id: string; name: string; live: number } } | null;

export function RoomsPage() {
  const [form, setForm] = useState<RoomFilterForm>(NO_FILTER);
  const paging = usePaging();
  const [result, reexecute] = useQuery({ query: RoomsList, variables: { filter: toRoomFilter(form), ...paging.window } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  useRefreshOnEvents(ROOM_EVENTS, refresh);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const client = useClient();

  const rooms = result.data?.rooms;
  const rows = rooms?.edges.map((e) => e.node) ?? [];
  const changeFilter = (f: RoomFilterForm) => {
    setForm(f);
    paging.reset();
  };
  const meet = async (id: string) => {
    const failure = await openInMeet(client, id);
    setNotice(failure ? { kind: 'error', text: `Could not open the meet app: ${failure}` } : null);
  };

  return (
    <>
      <PageHeader title="Rooms" subtitle="Persistent places to meet. Open one by its name to watch and moderate it live.">
        <button type="button" class="primary" onClick={() => setDialog({ kind: 'create' })}>
          New room
        </button>
      </PageHeader>
      <RoomFilters value={form} onChange={changeFilter} />
      {notice && (
        <p class={`alert ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      <ErrorNotice error={result.error} what="Rooms could not be loaded" />
      <div class="card table-card">
        <div class="table-wrap">
          <table class="rooms-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Live</th>
                <th scope="col" class="num">
                  Max
                </th>
                <th scope="col">Recording</th>
                <th scope="col">Created</th>
                <th scope="col">Updated</th>
                <th scope="col" class="actions-col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((room) => {
                const name = roomName(room);
                const deleted = !!room.deletedAt;
                return (
                  <tr key={room.id} class={deleted ? 'deleted' : undefined}>
                    <td class="room-name">
                      <Link to={`/rooms/${room.id}`} title={room.id}>
                        {name}
                      </Link>
                      {deleted && <span class="badge bad">deleted</span>}
                    </td>
                    <td>
                      {room.liveParticipantCount > 0 ? (
                        <span class="badge live" title="Participants in the room now">
                          {room.liveParticipantCount} live
                        </span>
                      ) : (
                        <span class="muted">{deleted ? '—' : 'idle'}</span>
                      )}
                    </td>
                    <td class="num">{room.maxParticipants}</td>
                    <td>{room.enableRecording ? <span class="badge ok">on</span> : <span class="muted">off</span>}</td>
                    <td title={formatDateTime(room.createdAt)}>{formatAgo(room.createdAt)}</td>
                    <td title={formatDateTime(deleted ? room.deletedAt : room.updatedAt)}>{deleted ? `deleted ${formatAgo(room.deletedAt)}` : formatAgo(room.updatedAt)}</td>
                    <td class="row-actions">
                      {!deleted && (
                        <>
                          <button type="button" onClick={() => meet(room.id)} aria-label={`Open ${name} in meet`}>
                            Open in meet
                          </button>
                          <button type="button" onClick={() => setDialog({ kind: 'edit', room })} aria-label={`Edit ${name}`}>
                            Edit
                          </button>
                          <button
                            type="button"
                            class="danger"
                            onClick={() => setDialog({ kind: 'delete', room: { id: room.id, name, live: room.liveParticipantCount } })}
                            aria-label={`Delete ${name}`}
                          >
                            Delete
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rooms && !rows.length && <p class="empty">{isFiltered(form) ? 'No room matches these filters.' : 'No rooms yet. Create one to start a meeting.'}</p>}
          {!rooms && result.fetching && <p class="empty">Loading rooms…</p>}
        </div>
        <Pager paging={paging} pageInfo={rooms?.pageInfo} shown={rows.length} total={rooms?.totalCount} noun="rooms" />
      </div>
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <RoomFormDialog
          room={dialog.kind === 'edit' ? dialog.room : null}
          onClose={() => setDialog(null)}
          onSaved={(room) => {
            setNotice({ kind: 'ok', text: `${roomName(room)} ${dialog.kind === 'edit' ? 'saved' : 'created'}.` });
            refresh();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteRoomDialog
          room={dialog.room}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setNotice({ kind: 'ok', text: `${dialog.room.name} deleted.` });
            refresh();
          }}
        />
      )}
    </>
  );
}
