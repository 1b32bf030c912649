// Participants across sessions: who joined which room when, how long they stayed and why they
// left; filtered by room, session, join context or day, and current as people come and go.
import { useQuery } from '@urql/preact';
import { graphql } from '../../generated/gql.js';
import { Link } from '../../router.js';
import { ErrorNotice } from '../../ui/errors.js';
import { ClearFilters, ListTable } from '../records/list-table.js';
import { formatDateTime, formatDuration } from '../../ui/format.js';
import { useRefreshOnEvents } from '../../ui/live-refresh.js';
import { usePaging } from '../../ui/pager.js';
import { leftReasonText } from '../records/badges.js';
import { formatShortDateTime, idTail } from '../records/short-forms.js';
import { DayField, TextField } from '../records/fields.js';
import { secondsBetween, useNow } from '../records/now.js';
import { participantName } from '../records/participant-label.js';
import { filterFieldErrors, otherErrors } from '../records/query-errors.js';
import { RoomPicker, roomLabel } from '../records/room-picker.js';
import { dayRange, useUrlState } from '../records/url-state.js';

const ParticipantListQuery = graphql(`
  query SessionsPageParticipants($filter: ParticipantFilter, $first: Int, $after: String, $last: Int, $before: String) {
    participants(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        ...RecordsPageInfo
      }
      edges {
        node {
          ...RecordsParticipantStay
          session {
            id
            createdAt
            room {
              ...RecordsRoomName
            }
          }
          recordings(first: 1) {
            totalCount
          }
        }
      }
    }
  }
`);

const LIVE_EVENTS = ['video.room.participant.joined', 'video.room.participant.left', 'video.room.recording.started'];

const KEYS = ['room', 'session', 'context', 'joinedFrom', 'joinedTo'] as const;

export function ParticipantList() {
  const [f, setF] = useUrlState(KEYS);
  const paging = usePaging();
  const filter = {
    roomId: f.room || null,
    sessionId: f.session.trim() || null,
    context: f.context || null,
    dateJoinedAt: dayRange(f.joinedFrom, f.joinedTo),
  };
  const [result, reexecute] = useQuery({ query: ParticipantListQuery, variables: { filter, ...paging.window } });
  useRefreshOnEvents(LIVE_EVENTS, () => reexecute({ requestPolicy: 'network-only' }));
  const change = (patch: Partial<Record<(typeof KEYS)[number], string>>) => {
    setF(patch);
    paging.reset();
  };
  const conn = result.data?.participants;
  const people = conn?.edges.map((e) => e.node) ?? [];
  const now = useNow(people.some((p) => !p.leftAt));
  const fieldErrors = filterFieldErrors(result.error);
  const filtered = KEYS.some((k) => f[k]);

  return (
    <>
      <form class="filters" aria-label="Filter participants" onSubmit={(e) => e.preventDefault()}>
        <RoomPicker id="participants-room" value={f.room} onChange={(room) => change({ room })} error={fieldErrors.roomId} />
        <TextField label="Session id" value={f.session} onChange={(session) => change({ session })} error={fieldErrors.sessionId} placeholder="UUID" />
        <TextField label="Context (exact)" value={f.context} onChange={(context) => change({ context })} error={fieldErrors.context} placeholder='{"name":"Ann"}' />
        <DayField label="Joined from" value={f.joinedFrom} onChange={(joinedFrom) => change({ joinedFrom })} error={fieldErrors.dateJoinedAt} />
        <DayField label="Joined to" value={f.joinedTo} onChange={(joinedTo) => change({ joinedTo })} />
        <ClearFilters shown={filtered} onClear={() => change(Object.fromEntries(KEYS.map((k) => [k, ''])))} />
      </form>
      <ErrorNotice error={otherErrors(result.error)} what="Participants could not be loaded" />
      <div class="card">
        <ListTable
          shown={people.length}
          loaded={!!conn}
          failed={!!result.error}
          empty={filtered ? 'No participant matches these filters.' : 'No one has joined a room yet.'}
          noun="participants"
          paging={paging}
          pageInfo={conn?.pageInfo}
          total={conn?.totalCount}

          columns={['Participant', 'Room', 'Session', 'Joined', 'Time in room', 'Left', { label: 'Recordings', num: true }]}
        >
          {people.map((p) => (
            <tr key={p.id}>
              <td data-label="Participant" title={p.context ?? undefined}>
                <span>
                  {participantName(p.context, p.id)} <span class="muted small">{idTail(p.id)}</span>
                </span>
              </td>
              <td data-label="Room">
                <Link to={`/rooms/${p.session.room.id}`} class="nowrap">
                  {roomLabel(p.session.room)}
                </Link>
              </td>
              <td data-label="Session">
                <Link to={`/sessions/${p.session.id}`} title={`Session ${p.session.id}`} class="nowrap">
                  {formatShortDateTime(p.session.createdAt)}
                </Link>
              </td>
              <td data-label="Joined">{formatDateTime(p.joinedAt)}</td>
              <td data-label="Time in room">{formatDuration(secondsBetween(p.joinedAt, p.leftAt, now))}</td>
              <td data-label="Left">{p.leftAt ? `${leftReasonText(p.leftReason) || 'left'}` : <span class="badge live">In the room</span>}</td>
              <td data-label="Recordings" class="num">
                {p.recordings.totalCount ? <Link to={`/recordings?participant=${p.id}`}>{p.recordings.totalCount}</Link> : 0}
              </td>
            </tr>
          ))}
        </ListTable>
      </div>
    </>
  );
}
