// Watching a finished composition in the page: its signed download link is a plain URL the video
// element streams from (no credentials needed until the link expires).
import { Link } from '../../router.js';
import { formatBytes, formatDateTime, formatDuration } from '../../ui/format.js';
import { roomLabel } from '../../ui/room-label.js';

export interface PlayableComposition {
  id: string;
  downloadUrl?: string | null;
  resolution: string;
  format: string;
  durationSecs?: number | null;
  sizeMb?: number | null;
  completedAt?: string | null;
  room: { uniqueName?: string | null; id: string };
  session: { id: string; createdAt: string };
  videoLayout: { name: string }[];
}

export function CompositionPlayer({ composition: c, onClose }: { composition: PlayableComposition; onClose: () => void }) {
  if (!c.downloadUrl) return null;
  const [w, h] = c.resolution.split('x').map(Number);
  return (
    <section class="card player" aria-label="Composition player">
      {/* Keyed by id: another composition gets a fresh element rather than a source swapped mid-play. */}
      <video key={c.id} src={c.downloadUrl} controls autoplay playsInline aria-label="Composition video" style={{ aspectRatio: `${w} / ${h}` }} />
      <div class="player-info">
        <h2>{roomLabel(c.room)}</h2>
        <dl>
          <dt>Session</dt>
          <dd>
            <Link to={`/sessions/${c.session.id}`}>{formatDateTime(c.session.createdAt)}</Link>
          </dd>
          <dt>Output</dt>
          <dd>
            {c.resolution.replace('x', '×')} · {c.format} · {c.videoLayout.map((r) => r.name).join(', ')}
          </dd>
          <dt>Length</dt>
          <dd>{formatDuration(c.durationSecs)}</dd>
          <dt>Size</dt>
          <dd>{formatBytes(c.sizeMb == null ? null : c.sizeMb * 1e6)}</dd>
          <dt>Ready</dt>
          <dd>{formatDateTime(c.completedAt)}</dd>
        </dl>
        <div class="actions">
          <a class="button primary" href={c.downloadUrl} download>
            Download
          </a>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </section>
  );
}
