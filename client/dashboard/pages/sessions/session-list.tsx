// Session history: every session of every room (or of one), newest first, with its room, how long
// it lasted (still counting while live), and who and what it holds. A session starting or ending,
// and people coming and going, show without a reload.
import { useQuery } from '@urql/preact';
import { idTail } from '../records/short-forms.js';
import { graphql } from '../../generated/gql.js';
import { Link } from '../../router.js';
import { ErrorNotice } from '../../ui/errors.js';
import { ClearFilters, ListTable } from '../records/list-table.js';
import { formatDateTime, formatDuration } from '../../ui/format.js';
import { useRefreshOnEvents } from '../../ui/live-refresh.js';
import { usePaging } from '../../ui/pager.js';
import { endedReasonText, SessionBadge } from '../records/badges.js';
import { secondsBetween, useNow } from '../records/now.js';
import { filterFieldErrors, otherErrors } from '../records/query-errors.js';
import { RoomPicker, roomLabel } from '../records/room-picker.js';
import { DayField, SelectField } from '../records/fields.js';
import { dayRange, useUrlState } from '../records/url-state.js';

const SessionListQuery = graphql(`
  query SessionsPageList($filter: RoomSessionFilter, $first: Int, $after: String, $last: Int, $before: String) {
    roomSessions(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        ...RecordsPageInfo
      }
      edges {
        node {
          ...RecordsSessionFacts
          participants(first: 1) {
            totalCount
          }
          recordings(first: 1) {
            totalCount
          }
        }
      }
    }
  }
`);

const LIVE_EVENTS = ['video.room.session.started', 'video.room.session.ended', 'video.room.participant.joined', 'video.room.participant.left'];

const KEYS = ['room', 'status', 'startedFrom', 'startedTo', 'endedFrom', 'endedTo'] as const;

export function SessionList() {
  const [f, setF] = useUrlState(KEYS);
  const paging = usePaging();
  const filter = {
    roomId: f.room || null,
    active: f.status === 'live' ? true : f.status === 'ended' ? false : null,
    dateCreatedAt: dayRange(f.startedFrom, f.startedTo),
    dateEndedAt: dayRange(f.endedFrom, f.endedTo),
  };
  const [result, reexecute] = useQuery({ query: SessionListQuery, variables: { filter, ...paging.window } });
  useRefreshOnEvents(LIVE_EVENTS, () => reexecute({ requestPolicy: 'network-only' }));
  const change = (patch: Partial<Record<(typeof KEYS)[number], string>>) => {
    setF(patch);
    paging.reset();
  };
  const conn = result.data?.roomSessions;
  const sessions = conn?.edges.map((e) => e.node) ?? [];
  const now = useNow(sessions.some((s) => s.active));
  const fieldErrors = filterFieldErrors(result.error);
  const filtered = KEYS.some((k) => f[k]);

  return (
    <>
      <form class="filters" aria-label="Filter sessions" onSubmit={(e) => e.preventDefault()}>
        <RoomPicker id="sessions-room" value={f.room} onChange={(room) => change({ room })} error={fieldErrors.roomId} />
        <SelectField
          label="Status"
          value={f.status}
          onChange={(status) => change({ status })}
          options={[
            ['', 'Any'],
            ['live', 'Live'],
            ['ended', 'Ended'],
          ]}
        />
        <DayField label="Started from" value={f.startedFrom} onChange={(startedFrom) => change({ startedFrom })} error={fieldErrors.dateCreatedAt} />
        <DayField label="Started to" value={f.startedTo} onChange={(startedTo) => change({ startedTo })} />
        <DayField label="Ended from" value={f.endedFrom} onChange={(endedFrom) => change({ endedFrom })} error={fieldErrors.dateEndedAt} />
        <DayField label="Ended to" value={f.endedTo} onChange={(endedTo) => change({ endedTo })} />
        <ClearFilters shown={filtered} onClear={() => change(Object.fromEntries(KEYS.map((k) => [k, ''])))} />
      </form>
      <ErrorNotice error={otherErrors(result.error)} what="Sessions could not be loaded" />
      <div class="card">
        <ListTable
          shown={sessions.length}
          loaded={!!conn}
          failed={!!result.error}
          empty={filtered ? 'No session matches these filters.' : 'No sessions yet: a session starts when someone joins a room.'}
          noun="sessions"
          paging={paging}
          pageInfo={conn?.pageInfo}
          total={conn?.totalCount}

          columns={['Started', 'Room', 'Status', 'Duration', { label: 'Participants', num: true }, { label: 'Recordings', num: true }, { label: 'Links', hidden: true }]}
        >
          {sessions.map((s) => (
            <tr key={s.id}>
              <td data-label="Started">
                <Link to={`/sessions/${s.id}`} title={`Session ${s.id}`}>
                  {formatDateTime(s.createdAt)}
                </Link>
              </td>
              <td data-label="Room">
                <Link to={`/rooms/${s.room.id}`} title="The room's live page">
                  {roomLabel(s.room)}
                </Link>
              </td>
              <td data-label="Status">
                <span>
                  <SessionBadge active={s.active} /> {!s.active && <span class="muted small">{endedReasonText(s.endedReason)}</span>}
                </span>
              </td>
              <td data-label="Duration">{formatDuration(secondsBetween(s.createdAt, s.endedAt, now))}</td>
              <td data-label="Participants" class="num">
                {s.participants.totalCount}
              </td>
              <td data-label="Recordings" class="num">
                {s.recordings.totalCount}
              </td>
              <td class="row-links">
                <Link to={`/sessions/${s.id}`} aria-label={`Timeline of session ${idTail(s.id)}`}>
                  Timeline
                </Link>
                {s.active && (
                  <Link to={`/rooms/${s.room.id}`} aria-label={`Live room of session ${idTail(s.id)}`}>
                    Live room
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      </div>
    </>
  );
}
