// The tiles, laid out to fill the space: a gallery, or a spotlight with a strip. Tiles stay in
// one keyed list in a fixed order and only move, so that no video restarts when the layout changes.
import './styles/stage.css';
import { useMemo, useRef } from 'preact/hooks';
import { useElementSize } from './element-size.js';
import { gridLayout, spotlightLayout } from './layout.js';
import { Tile } from './tile.js';
import type { Spotlight, TileModel } from './tiles.js';
import type { AttachVideo } from './video-view.js';

/** Hands a tile's <video> to the SDK as a view of that participant's stream. */
export type AttachTile = (participantId: string, key: string, element: HTMLVideoElement) => () => void;

export function Stage({
  tiles,
  spotlight,
  pinned,
  onPin,
  attach,
}: {
  tiles: TileModel[];
  spotlight: Spotlight | null;
  pinned: string | null;
  onPin: (id: string | null) => void;
  attach?: AttachTile;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useElementSize(ref);
  const main = spotlight ? tiles.find((t) => t.id === spotlight.id) : undefined;
  const ordered = main ? [main, ...tiles.filter((t) => t !== main)] : tiles;
  const layout = main ? spotlightLayout(ordered.length, size, { fillMain: spotlight!.fill }) : gridLayout(ordered.length, size);
  const rectOf = new Map(ordered.map((t, i) => [t.id, layout.rects[i]]));
  // One function per tile for its lifetime: a new one each render would detach and attach again.
  const attachers = useMemo(() => new Map<string, AttachVideo>(), [attach]);
  const attachOf = (t: TileModel) => {
    if (!attach) return undefined;
    let fn = attachers.get(t.id);
    if (!fn) attachers.set(t.id, (fn = (el) => attach(t.participantId, t.key, el)));
    return fn;
  };
  return (
    <div id="stage" ref={ref} class="stage" data-layout={main ? 'spotlight' : 'grid'} data-tiles={tiles.length}>
      {tiles.map((t) => (
        <Tile key={t.id} tile={t} rect={rectOf.get(t.id)} spotlit={t === main} pinned={pinned === t.id} onPin={onPin} attach={attachOf(t)} />
      ))}
      {layout.more && (
        <div class="more" style={{ transform: `translate(${layout.more.rect.x}px, ${layout.more.rect.y}px)`, width: `${layout.more.rect.width}px`, height: `${layout.more.rect.height}px` }}>
          +{layout.more.count} more
        </div>
      )}
    </div>
  );
}
