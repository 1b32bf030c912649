// One composition in the list: what was rendered, where the render stands, and what can be done
// with it (play and download once completed, delete always).
import type { CompositionsPageListQuery } from '../../generated/graphql.js';
import { Link } from '../../router.js';
import { formatAgo, formatBytes, formatDateTime, formatDuration } from '../../ui/format.js';
import { LiveProgress } from './live-progress.js';
import { roomLabel } from '../../ui/room-label.js';

export type ListedComposition = CompositionsPageListQuery['compositions']['edges'][number]['node'];

export function CompositionRow({
  composition: c,
  playing,
  onPlay,
  onDelete,
  onSettled,
}: {
  composition: ListedComposition;
  playing: boolean;
  onPlay: () => void;
  onDelete: () => void;
  onSettled: () => void;
}) {
  const regions = c.videoLayout.length;
  return (
    <tr class={playing ? 'selected' : undefined}>
      <td title={formatDateTime(c.createdAt)}>{formatAgo(c.createdAt)}</td>
      <td class="where">
        <Link to={`/rooms/${c.room.id}`}>{roomLabel(c.room)}</Link>
        <div class="small muted">
          <Link to={`/sessions/${c.session.id}`} class="muted">
            Session of {formatDateTime(c.session.createdAt)}
          </Link>
        </div>
      </td>
      <td>
        {c.resolution.replace('x', '×')} · {c.format}
        <div class="small muted">
          {[`${regions} ${regions === 1 ? 'region' : 'regions'}`, c.durationSecs != null && formatDuration(c.durationSecs), c.sizeMb != null && formatBytes(c.sizeMb * 1e6)]
            .filter(Boolean)
            .join(' · ')}
        </div>
      </td>
      <td class="status-cell">
        <LiveProgress id={c.id} status={c.status} progress={c.progress} failureReason={c.failureReason} onSettled={onSettled} />
      </td>
      <td class="actions-cell">
        <div class="row-actions">
          {c.downloadUrl && (
            <>
              <button type="button" onClick={onPlay} disabled={playing} aria-label={`Play the composition of ${formatDateTime(c.createdAt)}`}>
                {playing ? 'Playing' : 'Play'}
              </button>
              <a class="button" href={c.downloadUrl} download aria-label={`Download the composition of ${formatDateTime(c.createdAt)}`}>
                Download
              </a>
            </>
          )}
          <button type="button" class="danger" onClick={onDelete} aria-label={`Delete the composition of ${formatDateTime(c.createdAt)}`}>
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}
