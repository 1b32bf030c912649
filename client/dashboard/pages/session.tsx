// One session: its facts, a timeline of who was there when and what was recorded, and its
// recordings to play. While the session is live the bars grow and newcomers appear.
import { useQuery } from '@urql/preact';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { idTail } from './records/short-forms.js';
import { graphql } from '../generated/gql.js';
import { Link } from '../router.js';
import { ErrorNotice } from '../ui/errors.js';
import { formatDateTime, formatDuration } from '../ui/format.js';
import { useRefreshOnEvents } from '../ui/live-refresh.js';
import { PageHeader } from '../ui/page-header.js';
import { Pager, usePaging } from '../ui/pager.js';
import { endedReasonText, SessionBadge } from './records/badges.js';
import { secondsBetween, useNow } from './records/now.js';
import { roomLabel } from './records/room-picker.js';
import { RecordingPlayer } from './recordings/player.js';
import { RecordingList } from './recordings/recording-list.js';
import { liveEnd } from './session/time-axis.js';
import { Timeline } from './session/timeline.js';
import './records/records.css';
import './session/session.css';

const SessionDetail = graphql(`
  query SessionPageDetail($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    roomSession(id: $id) {
      ...RecordsSessionFacts
      room {
        id
        enableRecording
      }
      participants(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo {
          ...RecordsPageInfo
        }
        edges {
          node {
            ...RecordsParticipantStay
          }
        }
      }
      recordings(first: 250) {
        totalCount
        edges {
          node {
            id
            type
            status
            streamKey
            startedAt
            endedAt
            durationSecs
            participant {
              id
            }
          }
        }
      }
    }
  }
`);

const LIVE_EVENTS = [
  'video.room.participant.joined',
  'video.room.participant.left',
  'video.room.session.ended',
  'video.room.recording.started',
  'video.room.recording.completed',
  'video.room.recording.failed',
];

const TIMELINE_PAGE = 50;

export function SessionPage({ sessionId }: { sessionId: string }) {
  const paging = usePaging(TIMELINE_PAGE);
  const [result, reexecute] = useQuery({ query: SessionDetail, variables: { id: sessionId, ...paging.window } });
  const [playing, setPlaying] = useState<string | null>(null);
  const s = result.data?.roomSession;
  const now = useNow(!!s?.active);

  if (!s) {
    return (
      <>
        <PageHeader title="Session" />
        <ErrorNotice error={result.error} what="The session could not be loaded" />
        {result.fetching && <p class="muted">Loading the session…</p>}
        {result.data && (
          <div class="card">
            <p>
              There is no session <code>{sessionId}</code>.
            </p>
            <Link to="/sessions">All sessions</Link>
          </div>
        )}
      </>
    );
  }

  const participants = s.participants.edges.map((e) => e.node);
  const recordings = s.recordings.edges.map((e) => e.node);
  const start = new Date(s.createdAt).getTime();
  const lastMoment = Math.max(
    s.endedAt ? new Date(s.endedAt).getTime() : liveEnd(start, now),
    ...participants.map((p) => (p.leftAt ? new Date(p.leftAt).getTime() : 0)),
    ...recordings.map((r) => (r.endedAt ? new Date(r.endedAt).getTime() : 0)),
  );
  return (
    <>
      <SessionEvents roomId={s.room.id} onEvent={() => reexecute({ requestPolicy: 'network-only' })} />
      <PageHeader title={`Session ${idTail(s.id)}`} subtitle={`${roomLabel(s.room)} · started ${formatDateTime(s.createdAt)}`}>
        {s.active && (
          <Link to={`/rooms/${s.room.id}`} class="button primary">
            Live room
          </Link>
        )}
        <Link to={`/recordings?session=${s.id}`} class="button">
          Open in Recordings
        </Link>
      </PageHeader>
      <ErrorNotice error={result.error} what="The session could not be refreshed" />
      <section class="card">
        <dl class="facts">
          <Fact label="Status">
            <SessionBadge active={s.active} />
          </Fact>
          <Fact label="Room">
            <Link to={`/rooms/${s.room.id}`}>{roomLabel(s.room)}</Link>
          </Fact>
          <Fact label="Started">{formatDateTime(s.createdAt)}</Fact>
          <Fact label="Ended">{s.endedAt ? formatDateTime(s.endedAt) : 'In progress'}</Fact>
          <Fact label="Duration">{formatDuration(secondsBetween(s.createdAt, s.endedAt, now))}</Fact>
          <Fact label="Participants">{s.participants.totalCount}</Fact>
          <Fact label="Recordings">{s.recordings.totalCount}</Fact>
          <Fact label="Why it ended">{s.active ? '—' : endedReasonText(s.endedReason) || '—'}</Fact>
        </dl>
      </section>
      <section class="card" aria-labelledby="timeline-title">
        <div class="card-head">
          <h2 id="timeline-title">Timeline</h2>
          <Legend />
        </div>
        {participants.length ? (
          <Timeline span={{ start, end: Math.max(lastMoment, start + 1000) }} participants={participants} recordings={recordings} now={s.active ? now : null} onPlay={setPlaying} />
        ) : (
          <p class="empty">No one has joined yet.</p>
        )}
        {s.recordings.totalCount > recordings.length && (
          <p class="muted small">
            The timeline shows the latest {recordings.length} of {s.recordings.totalCount} recordings; all of them are listed below.
          </p>
        )}
        {s.participants.totalCount > TIMELINE_PAGE && <Pager paging={paging} pageInfo={s.participants.pageInfo} shown={participants.length} total={s.participants.totalCount} noun="participants" />}
      </section>
      <section class="card" aria-labelledby="recordings-title">
        <h2 id="recordings-title">Recordings</h2>
        <RecordingList
          filter={{ sessionId: s.id }}
          roomId={s.room.id}
          showSession={false}
          emptyText={
            s.room.enableRecording ? 'Nothing recorded yet: each participant’s tracks are recorded once they publish.' : 'This room does not record: turn recording on in the room’s settings.'
          }
        />
      </section>
      {playing && <RecordingPlayer id={playing} onClose={() => setPlaying(null)} />}
    </>
  );
}

/** The room's events that change this page (mounted once the room is known). */
function SessionEvents({ roomId, onEvent }: { roomId: string; onEvent: () => void }) {
  useRefreshOnEvents(LIVE_EVENTS, onEvent, roomId);
  return null;
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Legend() {
  return (
    <ul class="tl-legend" aria-label="Legend">
      <li>
        <span class="swatch presence" /> in the room
      </li>
      <li>
        <span class="swatch video" /> video recording
      </li>
      <li>
        <span class="swatch audio" /> audio recording
      </li>
    </ul>
  );
}
