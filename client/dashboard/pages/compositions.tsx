// Compositions: every render of a session into one file, newest first, with its live progress; play
// or download a finished one, delete any, and start a new one from the layout editor.
import { useMutation, useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../generated/gql.js';
import type { CompositionStatus } from '../generated/graphql.js';
import { Link, navigate } from '../router.js';
import { ErrorNotice, mutationFailure } from '../ui/errors.js';
import { ChoiceFilter, DayFilter } from '../ui/filter-fields.js';
import { formatDateTime } from '../ui/format.js';
import { useRefreshOnEvents } from '../ui/live-refresh.js';
import { ConfirmDialog } from '../ui/modal-dialog.js';
import { PageHeader } from '../ui/page-header.js';
import { Pager, usePaging } from '../ui/pager.js';
import { CompositionRow, type ListedComposition } from './compositions/composition-row.js';
import { CompositionPlayer } from './compositions/player.js';
import { roomLabel } from '../ui/room-label.js';
import './compositions/compositions.css';

const CompositionsList = graphql(`
  query CompositionsPageList($first: Int, $after: String, $last: Int, $before: String, $filter: CompositionFilter) {
    compositions(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo {
        ...DashboardPageInfo
      }
      edges {
        node {
          id
          status
          progress
          format
          resolution
          durationSecs
          sizeMb
          downloadUrl
          failureReason
          createdAt
          completedAt
          videoLayout {
            name
          }
          room {
            id
            uniqueName
          }
          session {
            id
            createdAt
          }
        }
      }
    }
  }
`);

const DeleteComposition = graphql(`
  mutation CompositionsPageDelete($id: ID!) {
    deleteComposition(id: $id) {
      __typename
      ... on UserError {
        message
      }
    }
  }
`);

const STATUSES: { value: CompositionStatus | ''; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'ENQUEUED', label: 'Queued' },
  { value: 'PROCESSING', label: 'Rendering' },
  { value: 'COMPLETED', label: 'Completed' },
  { value: 'FAILED', label: 'Failed' },
];

/** Events after which the list may have changed: renders that end, here or in another process. */
const SETTLING = ['video.room.composition.completed', 'video.room.composition.failed'];

/** The composition just requested from the editor (`?created=<id>`): it plays once it is ready. */
const createdId = () => new URLSearchParams(location.search).get('created');

export function CompositionsPage() {
  const paging = usePaging();
  const [status, setStatus] = useState<CompositionStatus | ''>('');
  const [day, setDay] = useState('');
  const [playing, setPlaying] = useState<string | null>(null);
  const [autoPlay, setAutoPlay] = useState(createdId);
  const [deleting, setDeleting] = useState<ListedComposition | null>(null);
  const filter = { status: status || null, dateCreatedAt: day ? { eq: day } : null };
  const [result, reexecute] = useQuery({ query: CompositionsList, variables: { ...paging.window, filter } });
  const [, remove] = useMutation(DeleteComposition);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  useRefreshOnEvents(SETTLING, refresh);

  const connection = result.data?.compositions;
  const rows = connection?.edges.map((e) => e.node) ?? [];
  const shown = rows.find((c) => c.id === playing && c.downloadUrl);
  const created = autoPlay ? rows.find((c) => c.id === autoPlay) : undefined;
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!created || (created.status !== 'COMPLETED' && created.status !== 'FAILED')) return;
    // Done waiting: a reload of this address must not announce it again.
    setAutoPlay(null);
    navigate('/compositions', { replace: true });
    if (created.status === 'FAILED') setFailed(created.failureReason ?? 'the render failed');
    else if (created.downloadUrl) setPlaying(created.id);
  }, [created?.status]);
  const filtered = !!(status || day);

  return (
    <>
      <PageHeader title="Compositions" subtitle="A session's recordings rendered into one video, laid out as you choose.">
        <Link to="/compositions/new" class="button primary">
          New composition
        </Link>
      </PageHeader>
      {autoPlay && (
        <p class="alert ok" role="status">
          Composition requested. It renders below and plays here when it is ready.
        </p>
      )}
      {failed && (
        <p class="alert error" role="alert">
          The new composition could not be rendered: {failed}.
        </p>
      )}
      {shown && <CompositionPlayer composition={shown} onClose={() => setPlaying(null)} />}
      <section class="card">
        <div class="filters">
          <ChoiceFilter label="Status" value={status} choices={STATUSES} onChange={(v) => setStatus(v as CompositionStatus | '')} reset={paging.reset} />
          <DayFilter label="Requested on" value={day} onChange={setDay} reset={paging.reset} />
        </div>
        <ErrorNotice error={result.error} what="Compositions could not be loaded" />
        {connection && rows.length === 0 ? (
          <div class="empty">
            {filtered ? (
              'No composition matches these filters.'
            ) : (
              <>
                <p>No compositions yet.</p>
                <p>
                  <Link to="/compositions/new">Compose a recorded session</Link> into one video: pick the session, the size and where each participant appears.
                </p>
              </>
            )}
          </div>
        ) : (
          <div class="table-wrap">
            <table class="compositions-table">
              <thead>
                <tr>
                  <th>Requested</th>
                  <th>Room and session</th>
                  <th>File</th>
                  <th>Status</th>
                  <th>
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <CompositionRow key={c.id} composition={c} playing={playing === c.id} onPlay={() => setPlaying(c.id)} onDelete={() => setDeleting(c)} onSettled={refresh} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager paging={paging} pageInfo={connection?.pageInfo} shown={rows.length} total={connection?.totalCount} noun="compositions" />
      </section>
      {deleting && (
        <ConfirmDialog
          title="Delete this composition?"
          confirmLabel="Delete composition"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            const res = await remove({ id: deleting.id });
            const failure = mutationFailure(res.error, res.data?.deleteComposition, 'nothing was deleted');
            if (failure) return failure;
            if (playing === deleting.id) setPlaying(null);
            refresh();
          }}
        >
          <p>
            The {deleting.resolution.replace('x', '×')} {deleting.format} render of {roomLabel(deleting.room)}'s session of {formatDateTime(deleting.session.createdAt)} will be deleted
            {deleting.status === 'COMPLETED' ? ', and its file with it' : deleting.status === 'FAILED' ? '' : ': its render stops now'}. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
