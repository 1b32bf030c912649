// The tiles, laid out to fill the space: a gallery, or a spotlight with a strip. Tiles stay in
// one keyed list in a fixed order and only move, so that no video restarts when the layout changes.
import './styles/stage.css';
import { useRef } from 'preact/hooks';
import { useElementSize } from './element-size.js';
import { gridLayout, spotlightLayout } from './layout.js';
import { Tile } from './tile.js';
import type { Spotlight, TileModel } from './tiles.js';

export function Stage({ tiles, spotlight, pinned, onPin }: { tiles: TileModel[]; spotlight: Spotlight | null; pinned: string | null; onPin: (id: string | null) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useElementSize(ref);
  const main = spotlight ? tiles.find((t) => t.id === spotlight.id) : undefined;
  const ordered = main ? [main, ...tiles.filter((t) => t !== main)] : tiles;
  const layout = main ? spotlightLayout(ordered.length, size, { fillMain: spotlight!.fill }) : gridLayout(ordered.length, size);
  const rectOf = new Map(ordered.map((t, i) => [t.id, layout.rects[i]]));
  return (
    <div id="stage" ref={ref} class="stage" data-layout={main ? 'spotlight' : 'grid'} data-tiles={tiles.length}>
      {tiles.map((t) => (
        <Tile key={t.id} tile={t} rect={rectOf.get(t.id)} spotlit={t === main} pinned={pinned === t.id} onPin={onPin} />
      ))}
      {layout.more && (
        <div class="more" style={{ transform: `translate(${layout.more.rect.x}px, ${layout.more.rect.y}px)`, width: `${layout.more.rect.width}px`, height: `${layout.more.rect.height}px` }}>
          +{layout.more.count} more
        </div>
      )}
    </div>
  );
}
