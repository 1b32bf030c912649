// Playing a recording in the page: a fresh signed link (the one in a list may have expired while
// the page stayed open), in a <video> or an <audio> element as the track is.
import { useQuery } from '@urql/preact';
import { graphql } from '../../generated/gql.js';
import { ErrorNotice } from '../../ui/errors.js';
import { formatBytes, formatDateTime, formatDuration } from '../../ui/format.js';
import { ModalDialog } from '../../ui/modal-dialog.js';
import { participantName } from '../records/participant-label.js';

const PlayerRecording = graphql(`
  query RecordingsPagePlayer($id: ID!) {
    recording(id: $id) {
      id
      type
      status
      codec
      streamKey
      durationSecs
      sizeMb
      startedAt
      downloadUrl
      participant {
        id
        context
      }
    }
  }
`);

export function RecordingPlayer({ id, onClose }: { id: string; onClose: () => void }) {
  const [result] = useQuery({ query: PlayerRecording, variables: { id }, requestPolicy: 'network-only' });
  const r = result.data?.recording;
  const who = r ? participantName(r.participant.context, r.participant.id) : '';
  const what = r ? `${r.streamKey === 'presentation' ? 'screen share ' : ''}${r.type === 'VIDEO' ? 'video' : 'audio'}` : '';
  return (
    <ModalDialog title={r ? `${who} · ${what}` : 'Recording'} onClose={onClose} class="player-dialog">
      <ErrorNotice error={result.error} what="The recording could not be loaded" />
      {result.data && !r && <p class="alert warning">This recording no longer exists.</p>}
      {r && !r.downloadUrl && (
        <p class="alert warning">{r.status === 'FAILED' ? 'This recording failed: there is no file to play.' : 'This recording is still in progress: it plays once it is completed.'}</p>
      )}
      {r?.downloadUrl &&
        (r.type === 'VIDEO' ? (
          <video class="player-media" src={r.downloadUrl} controls autoplay playsInline aria-label={`${who}'s ${what}`} />
        ) : (
          <audio class="player-media audio" src={r.downloadUrl} controls autoplay aria-label={`${who}'s ${what}`} />
        ))}
      {r && (
        <p class="muted small player-facts">
          {formatDateTime(r.startedAt)} · {formatDuration(r.durationSecs)} · {formatBytes(r.sizeMb == null ? null : r.sizeMb * 1e6)}
          {r.codec ? ` · ${r.codec}` : ''}
        </p>
      )}
      <div class="modal-actions">
        {r?.downloadUrl && (
          <a class="button" href={r.downloadUrl} download="">
            Download
          </a>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
