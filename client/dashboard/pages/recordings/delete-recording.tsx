// Deleting one recording, after a confirmation that names it; the server's refusal (a recording
// still in progress) is shown in the dialog.
import { useMutation } from '@urql/preact';
import { graphql } from '../../generated/gql.js';
import { ErrorNotice } from '../../ui/errors.js';
import { formatDuration } from '../../ui/format.js';
import { ModalDialog } from '../../ui/modal-dialog.js';
import { ConfirmActions, refusal } from '../records/confirm-actions.js';

const DeleteRecording = graphql(`
  mutation RecordingsPageDelete($id: ID!) {
    deleteRecording(id: $id) {
      __typename
      ... on UserError {
        code
        message
        field
      }
      ... on DeleteRecordingPayload {
        recording {
          id
        }
      }
    }
  }
`);

export interface DeletableRecording {
  id: string;
  type: 'AUDIO' | 'VIDEO';
  durationSecs?: number | null;
  who: string;
}

export function DeleteRecordingDialog({ recording, onClose, onDeleted }: { recording: DeletableRecording; onClose: () => void; onDeleted: () => void }) {
  const [state, run] = useMutation(DeleteRecording);
  const submit = async () => {
    const res = await run({ id: recording.id }, { additionalTypenames: ['Recording'] });
    if (res.data?.deleteRecording?.__typename === 'DeleteRecordingPayload') onDeleted();
  };
  return (
    <ModalDialog title="Delete this recording?" onClose={onClose}>
      <p>
        {recording.who}'s {recording.type === 'VIDEO' ? 'video' : 'audio'} recording ({formatDuration(recording.durationSecs)}) and its file will be deleted. This cannot be undone.
      </p>
      <ErrorNotice error={state.error} what="The recording could not be deleted" />
      <ConfirmActions
        refused={refusal(state.data?.deleteRecording, 'DeleteRecordingPayload')}
        confirmText="Delete recording"
        busyText="Deleting…"
        busy={state.fetching}
        onCancel={onClose}
        onConfirm={submit}
      />
    </ModalDialog>
  );
}
