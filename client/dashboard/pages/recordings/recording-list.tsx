// A page of recordings for a filter, current as recordings start, finish or fail: each with its
// state, whose track it is, where it was made, and play, download and delete.
import { useClient, useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../../generated/gql.js';
import type { RecordingFilter } from '../../generated/graphql.js';
import { ErrorNotice } from '../../ui/errors.js';
import { ListTable } from '../records/list-table.js';
import { useRefreshOnEvents } from '../../ui/live-refresh.js';
import { usePaging } from '../../ui/pager.js';
import { useNow } from '../records/now.js';
import { filterFieldErrors, otherErrors } from '../records/query-errors.js';
import { DeleteRecordingDialog, type DeletableRecording } from './delete-recording.js';
import { RecordingRow, type ListedRecording } from './recording-row.js';
import { linkStale, useLinkRenewal } from './link-renewal.js';
import { RecordingPlayer } from './player.js';

const RecordingListQuery = graphql(`
  query RecordingsPageList($filter: RecordingFilter, $first: Int, $after: String, $last: Int, $before: String) {
    recordings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        ...RecordsPageInfo
      }
      edges {
        node {
          id
          type
          status
          codec
          streamKey
          startedAt
          endedAt
          durationSecs
          sizeMb
          failureReason
          downloadUrl
          downloadUrlExpiresAt
          participant {
            id
            context
          }
          session {
            id
            createdAt
          }
          room {
            ...RecordsRoomName
          }
        }
      }
    }
  }
`);

const FreshLink = graphql(`
  query RecordingsPageFreshLink($id: ID!) {
    recording(id: $id) {
      id
      downloadUrl
      downloadUrlExpiresAt
    }
  }
`);

const LIVE_EVENTS = ['video.room.recording.started', 'video.room.recording.completed', 'video.room.recording.failed'];

/** Give it a `key` of its filter: a new filter starts again at the first page. */
export function RecordingList(props: {
  filter: RecordingFilter;
  /** Only this room's events refresh the list (a session's page). */
  roomId?: string;
  /** A session's page leaves out the room and session column. */
  showSession?: boolean;
  /** The query's complaints about filter fields, for the filter bar. */
  onFieldErrors?: (errors: Record<string, string>) => void;
  emptyText: string;
  /** Bumped by the page to ask for a new reading (after a bulk delete). */
  version?: number;
  /** Narrows the list to one participant's recordings (the recordings page). */
  onParticipant?: (participantId: string) => void;
}) {
  const { filter, roomId, showSession = true, emptyText } = props;
  const paging = usePaging();
  const client = useClient();
  const [playing, setPlaying] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<DeletableRecording | null>(null);
  const [result, reexecute] = useQuery({ query: RecordingListQuery, variables: { filter, ...paging.window } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  useEffect(() => {
    if (props.version) refresh();
  }, [props.version]);
  useRefreshOnEvents(LIVE_EVENTS, refresh, roomId);
  const conn = result.data?.recordings;
  const rows = conn?.edges.map((e) => e.node) ?? [];
  useLinkRenewal(
    rows.map((r) => r.downloadUrlExpiresAt),
    refresh,
  );
  const now = useNow(rows.some((r) => r.status === 'PROCESSING'));
  const fieldErrors = JSON.stringify(filterFieldErrors(result.error));
  useEffect(() => props.onFieldErrors?.(JSON.parse(fieldErrors)), [fieldErrors]);

  // A link that expired while the tab slept is asked for again before the download starts.
  const download = async (e: MouseEvent, r: ListedRecording) => {
    if (!linkStale(r.downloadUrlExpiresAt)) return;
    e.preventDefault();
    const fresh = await client.query(FreshLink, { id: r.id }, { requestPolicy: 'network-only' }).toPromise();
    const url = fresh.data?.recording?.downloadUrl;
    if (url) location.assign(url);
  };

  return (
    <>
      <ErrorNotice error={otherErrors(result.error)} what="Recordings could not be loaded" />
      <ListTable
        shown={rows.length}
        loaded={!!conn}
        failed={!!result.error}
        empty={emptyText}
        noun="recordings"
        paging={paging}
        pageInfo={conn?.pageInfo}
        total={conn?.totalCount}
        class="recordings-table"
        columns={['Status', 'Participant', showSession && 'Session', 'Started at', { label: 'Duration', num: true }, { label: 'Size', num: true }, { label: 'Actions', hidden: true }]}
      >
        {rows.map((r) => (
          <RecordingRow
            key={r.id}
            r={r}
            showSession={showSession}
            now={now}
            onPlay={() => setPlaying(r.id)}
            onDelete={(who) => setDeleting({ id: r.id, type: r.type, durationSecs: r.durationSecs, who })}
            onDownload={(e) => download(e, r)}
            onParticipant={props.onParticipant}
          />
        ))}
      </ListTable>
      {playing && <RecordingPlayer id={playing} onClose={() => setPlaying(null)} />}
      {deleting && (
        <DeleteRecordingDialog
          recording={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            refresh();
          }}
        />
      )}
    </>
  );
}
