// One tile: someone's camera (or their initials when it is off), or a shared screen, with their
// name, microphone state, connection quality and a button to pin it in the spotlight.
import { Avatar } from './avatar.js';
import { Icon } from './icons.js';
import type { Rect } from './layout.js';
import { QualityBars } from './quality-bars.js';
import type { TileModel } from './tiles.js';
import { VideoView, type AttachVideo } from './video-view.js';

const bool = (v: boolean | undefined) => (v === undefined ? undefined : String(v));

/** What a screen reader (and a test) reads of the tile's state. */
function flagsOf(t: TileModel): string {
  const s = t.stream;
  const flags: string[] = [];
  if (s?.hasAudio && !s.isAudioEnabled) flags.push('muted');
  if (s?.isAudioCensored) flags.push('muted by moderator');
  if (!t.presentation && !(s?.hasVideo && s.isVideoEnabled)) flags.push('camera off');
  return flags.join(' · ');
}

export function Tile({
  tile,
  rect,
  spotlit,
  pinned,
  onPin,
  attach,
}: {
  tile: TileModel;
  rect: Rect | null | undefined;
  spotlit: boolean;
  pinned: boolean;
  onPin: (id: string | null) => void;
  /** Others' videos only: the SDK pauses them while the tile is hidden and sizes them to it. */
  attach?: AttachVideo;
}) {
  const s = tile.stream;
  const micOff = !tile.presentation && (!s?.hasAudio || !s.isAudioEnabled || s.isAudioCensored);
  const style = rect ? { transform: `translate(${rect.x}px, ${rect.y}px)`, width: `${rect.width}px`, height: `${rect.height}px` } : { display: 'none' };
  return (
    <div
      class={`frame tile${tile.speaking ? ' speaking' : ''}${tile.presentation ? ' presentation' : ''}`}
      style={style}
      data-participant-id={tile.participantId}
      data-stream-key={tile.key}
      data-local={tile.local ? 'true' : undefined}
      data-published={s ? 'true' : undefined}
      data-audio-enabled={bool(s?.isAudioEnabled)}
      data-video-enabled={bool(s?.isVideoEnabled)}
      data-audio-censored={bool(s?.isAudioCensored)}
      data-spotlight={spotlit ? 'true' : undefined}
    >
      {tile.video ? <VideoView tracks={[tile.video]} mirror={tile.local && !tile.presentation} contain={tile.presentation} attach={tile.local ? undefined : attach} /> : <Avatar name={tile.name} />}
      <div class="tile-caption">
        {micOff && <Icon name="micOff" size={14} class="caption-icon" />}
        <span class="label">{tile.label}</span>
      </div>
      <div class="flags sr-only">{flagsOf(tile)}</div>
      {tile.quality && <QualityBars entry={tile.quality} local={tile.local} />}
      <button class={`pin${pinned ? ' pinned' : ''}`} aria-pressed={pinned} title={pinned ? 'Unpin' : 'Pin to the big tile'} onClick={() => onPin(pinned ? null : tile.id)}>
        <Icon name="pin" size={16} />
        <span class="sr-only">{pinned ? 'Unpin' : 'Pin'}</span>
      </button>
    </div>
  );
}
