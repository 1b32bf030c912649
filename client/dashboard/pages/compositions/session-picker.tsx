// Choosing the session to compose: ended sessions, newest first, narrowed by room and day, each
// with how many videos it recorded (a session without any has nothing to lay out).
import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../generated/gql.js';
import { ErrorNotice } from '../../ui/errors.js';
import { ChoiceFilter, DayFilter } from '../../ui/filter-fields.js';
import { formatDateTime, formatDuration } from '../../ui/format.js';
import { useRefreshOnEvents } from '../../ui/live-refresh.js';
import { Pager, usePaging } from '../../ui/pager.js';
import { roomLabel } from '../../ui/room-label.js';

const EndedSessions = graphql(`
  query CompositionEditorSessions($first: Int, $after: String, $last: Int, $before: String, $filter: RoomSessionFilter) {
    roomSessions(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo {
        ...DashboardPageInfo
      }
      edges {
        node {
          id
          createdAt
          endedAt
          room {
            id
            uniqueName
          }
          participants {
            totalCount
          }
          videos: recordings(filter: { type: VIDEO, status: COMPLETED }) {
            totalCount
          }
          pending: recordings(filter: { status: PROCESSING }) {
            totalCount
          }
        }
      }
    }
  }
`);

const RoomChoices = graphql(`
  query CompositionEditorRooms {
    rooms(first: 100, filter: { includeDeleted: true }) {
      totalCount
      edges {
        node {
          id
          uniqueName
          deletedAt
        }
      }
    }
  }
`);

/** A session's recordings are finalized after it ends: the list follows them. */
const CHANGES = ['video.room.session.ended', 'video.room.recording.completed', 'video.room.recording.failed'];

export const secondsBetween = (from: string, to: string | null | undefined) => (to ? (new Date(to).getTime() - new Date(from).getTime()) / 1000 : null);

export function SessionPicker({ onPick }: { onPick: (sessionId: string) => void }) {
  const paging = usePaging(8);
  const [roomId, setRoomId] = useState('');
  const [day, setDay] = useState('');
  const [result, reexecute] = useQuery({
    query: EndedSessions,
    variables: { ...paging.window, filter: { active: false, roomId: roomId || null, dateEndedAt: day ? { eq: day } : null } },
  });
  const [rooms] = useQuery({ query: RoomChoices });
  useRefreshOnEvents(CHANGES, () => reexecute({ requestPolicy: 'network-only' }));
  const connection = result.data?.roomSessions;
  const sessions = connection?.edges.map((e) => e.node) ?? [];
  return (
    <div class="session-picker">
      <div class="filters">
        <ChoiceFilter
          label="Room"
          value={roomId}
          choices={[{ value: '', label: 'Any room' }, ...(rooms.data?.rooms.edges.map(({ node: r }) => ({ value: r.id, label: roomLabel(r) + (r.deletedAt ? ' (deleted)' : '') })) ?? [])]}
          onChange={setRoomId}
          reset={paging.reset}
        />
        <DayFilter label="Ended on" value={day} onChange={setDay} reset={paging.reset} />
      </div>
      <ErrorNotice error={result.error} what="Sessions could not be loaded" />
      {connection && sessions.length === 0 ? (
        <p class="empty">{roomId || day ? 'No ended session matches.' : 'No session has ended yet: compositions are made from ended sessions that were recorded.'}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Room</th>
                <th>Started</th>
                <th>Length</th>
                <th>Participants</th>
                <th>Videos</th>
                <th>
                  <span class="visually-hidden">Choose</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => {
                const usable = s.videos.totalCount > 0 && s.pending.totalCount === 0;
                return (
                  <tr key={s.id}>
                    <td>{roomLabel(s.room)}</td>
                    <td>{formatDateTime(s.createdAt)}</td>
                    <td>{formatDuration(secondsBetween(s.createdAt, s.endedAt))}</td>
                    <td>{s.participants.totalCount}</td>
                    <td>
                      {s.videos.totalCount}
                      {s.pending.totalCount > 0 && <span class="small muted"> · {s.pending.totalCount} finishing</span>}
                    </td>
                    <td class="actions-cell">
                      <div class="row-actions">
                        <button
                          type="button"
                          disabled={!usable}
                          title={usable ? undefined : s.pending.totalCount ? 'Its recordings are still being finalized' : 'No video was recorded in this session'}
                          onClick={() => onPick(s.id)}
                          aria-label={`Compose the session of ${roomLabel(s.room)} started ${formatDateTime(s.createdAt)}`}
                        >
                          Choose
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager paging={paging} pageInfo={connection?.pageInfo} shown={sessions.length} total={connection?.totalCount} noun="ended sessions" />
    </div>
  );
}
