// One recording in a list: its state, whose track, where it was made, how long and big, and what
// can be done with it. On a narrow window each cell is a labelled line (the header is hidden).
import type { RecordingsPageListQuery } from '../../generated/graphql.js';
import { Link } from '../../router.js';
import { formatBytes, formatDateTime, formatDuration, formatTime } from '../../ui/format.js';
import { formatShortDateTime, idTail } from '../records/short-forms.js';
import { RecordingBadge } from '../records/badges.js';
import { secondsBetween } from '../records/now.js';
import { participantName } from '../records/participant-label.js';
import { roomLabel } from '../records/room-picker.js';

export type ListedRecording = RecordingsPageListQuery['recordings']['edges'][number]['node'];

export function RecordingRow(props: {
  r: ListedRecording;
  showSession: boolean;
  now: number;
  onPlay: () => void;
  onDelete: (who: string) => void;
  onDownload: (e: MouseEvent) => void;
  /** On the recordings page itself, a participant's name narrows the list in place. */
  onParticipant?: (participantId: string) => void;
}) {
  const { r, showSession, now } = props;
  const who = participantName(r.participant.context, r.participant.id);
  const kind = r.type === 'VIDEO' ? 'video' : 'audio';
  const which = `${who}'s ${kind} recording ${idTail(r.id)}`;
  return (
    <tr data-recording-id={r.id}>
      <td data-label="Status">
        <RecordingBadge status={r.status} reason={r.failureReason} />
      </td>
      <td data-label="Participant" class="two-lines">
        <span>
          <Link
            to={`/recordings?participant=${r.participant.id}`}
            title={`Recordings of participant ${r.participant.id}`}
            {...(props.onParticipant && {
              onClick: (e: MouseEvent) => {
                e.preventDefault();
                props.onParticipant!(r.participant.id);
              },
            })}
          >
            {who}
          </Link>
          <span class="muted small">
            {r.streamKey === 'presentation' ? 'screen ' : ''}
            {kind}
            {r.codec ? ` · ${r.codec}` : ''}
          </span>
        </span>
      </td>
      {showSession && (
        <td data-label="Room" class="two-lines">
          <span>
            <Link to={`/rooms/${r.room.id}`}>{roomLabel(r.room)}</Link>
            <Link to={`/sessions/${r.session.id}`} class="small" title={`Session ${r.session.id}`}>
              session of {formatShortDateTime(r.session.createdAt)}
            </Link>
          </span>
        </td>
      )}
      <td data-label="Started at" title={formatDateTime(r.startedAt)}>
        {formatTime(r.startedAt)}
      </td>
      <td data-label="Duration" class="num">
        {formatDuration(r.durationSecs ?? (r.status === 'PROCESSING' ? secondsBetween(r.startedAt, r.endedAt, now) : null))}
      </td>
      <td data-label="Size" class="num">
        {formatBytes(r.sizeMb == null ? null : r.sizeMb * 1e6)}
      </td>
      <td class="row-actions">
        <div>
          <button type="button" disabled={!r.downloadUrl} onClick={props.onPlay} aria-label={`Play ${which}`}>
            Play
          </button>
          {r.downloadUrl ? (
            <a class="button" href={r.downloadUrl} download="" onClick={props.onDownload} aria-label={`Download ${which}`}>
              Download
            </a>
          ) : null}
          <button
            type="button"
            class="danger"
            disabled={r.status === 'PROCESSING'}
            title={r.status === 'PROCESSING' ? 'It can be deleted once it has finished' : undefined}
            onClick={() => props.onDelete(who)}
            aria-label={`Delete ${which}`}
          >
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}
