// Deleting every finished recording the current filter matches: the dialog first counts them (and
// the ones still recording, which stay), then deletes and says how many went.
import { useMutation, useQuery } from '@urql/preact';
import { graphql } from '../../generated/gql.js';
import type { RecordingFilter } from '../../generated/graphql.js';
import { ErrorNotice } from '../../ui/errors.js';
import { ModalDialog } from '../../ui/modal-dialog.js';
import { ConfirmActions, refusal } from '../records/confirm-actions.js';

const BulkCount = graphql(`
  query RecordingsPageBulkCount($filter: RecordingFilter!, $inProgress: RecordingFilter!, $countInProgress: Boolean!) {
    matching: recordings(filter: $filter, first: 1) {
      totalCount
    }
    inProgress: recordings(filter: $inProgress, first: 1) @include(if: $countInProgress) {
      totalCount
    }
  }
`);

const BulkDelete = graphql(`
  mutation RecordingsPageBulkDelete($filter: RecordingFilter!, $all: Boolean) {
    deleteRecordings(filter: $filter, all: $all) {
      __typename
      ... on UserError {
        code
        message
        field
      }
      ... on DeleteRecordingsPayload {
        count
      }
    }
  }
`);

const plural = (n: number) => `${n} ${n === 1 ? 'recording' : 'recordings'}`;

export function BulkDeleteDialog({ filter, summary, onClose, onDeleted }: { filter: RecordingFilter; summary: string[]; onClose: () => void; onDeleted: () => void }) {
  const everything = Object.values(filter).every((v) => v == null);
  const [count] = useQuery({
    query: BulkCount,
    variables: { filter, inProgress: { ...filter, status: 'PROCESSING' }, countInProgress: !filter.status },
    requestPolicy: 'network-only',
  });
  const [state, run] = useMutation(BulkDelete);
  const matching = count.data?.matching.totalCount;
  const inProgress = count.data?.inProgress?.totalCount ?? 0;
  const deletable = matching === undefined ? undefined : filter.status === 'PROCESSING' ? 0 : matching - inProgress;
  const outcome = state.data?.deleteRecordings;
  const deleted = outcome?.__typename === 'DeleteRecordingsPayload' ? outcome.count : null;
  const submit = async () => {
    const res = await run({ filter, all: everything || null }, { additionalTypenames: ['Recording'] });
    if (res.data?.deleteRecordings?.__typename === 'DeleteRecordingsPayload') onDeleted();
  };

  return (
    <ModalDialog title="Delete matching recordings" onClose={onClose}>
      <p class="muted">{everything ? 'No filter is set: this is every finished recording of every room.' : `Recordings where ${summary.join(', ')}.`}</p>
      <ErrorNotice error={count.error} what="The recordings could not be counted" />
      {deleted === null && deletable === undefined && !count.error && <p>Counting…</p>}
      {deleted === null && deletable !== undefined && (
        <>
          <p class="bulk-count" role="status">
            {deletable ? (
              <>
                <strong>{plural(deletable)}</strong> will be deleted, with their files. This cannot be undone.
              </>
            ) : filter.status === 'PROCESSING' ? (
              'Recordings still being recorded cannot be deleted: choose another status.'
            ) : (
              'No finished recording matches: there is nothing to delete.'
            )}
          </p>
          {inProgress > 0 && <p class="muted small">{plural(inProgress)} still being recorded will be kept.</p>}
        </>
      )}
      {deleted !== null && (
        <p class="alert ok" role="status">
          Deleted {plural(deleted)}.
        </p>
      )}
      <ErrorNotice error={state.error} what="The recordings could not be deleted" />
      <ConfirmActions
        refused={refusal(outcome, 'DeleteRecordingsPayload')}
        cancelText={deleted === null ? 'Cancel' : 'Close'}
        confirmText={deleted !== null ? null : deletable ? `Delete ${plural(deletable)}` : 'Delete'}
        busyText="Deleting…"
        busy={state.fetching}
        disabled={!deletable}
        onCancel={onClose}
        onConfirm={submit}
      />
    </ModalDialog>
  );
}
