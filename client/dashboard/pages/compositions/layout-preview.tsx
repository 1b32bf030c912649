// The frame drawn to scale (SVG in frame pixels): each region, and inside it each tile where the
// server will paint it. A region can be dragged by its body and resized by its corner; a region
// that leaves the frame shows outside it, in red, before the server says so.
import { useRef } from 'preact/hooks';
import type { EditorRegion, PlacedTile } from './grid.js';
import type { Frame } from './editor-state.js';
import { LIMITS } from './editor-state.js';

export type PreviewRegion = EditorRegion & { key: number };
export type Box = { xPos: number; yPos: number; width: number; height: number };

const PALETTE = ['#4fb3ff', '#3ecf8e', '#f5b94a', '#c084fc', '#ff8a65', '#5eead4', '#f472b6', '#a3e635'];

/** One colour per video source, the same in the tiles and in the source lists. */
export function sourceColour(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

interface Drag {
  key: number;
  mode: 'move' | 'resize';
  from: { x: number; y: number };
  box: Box;
}

export function LayoutPreview(props: {
  frame: Frame;
  regions: PreviewRegion[];
  tiles: PlacedTile[];
  /** recording id → participant name, and its position among the session's videos (its colour). */
  sources: Map<string, { label: string; index: number }>;
  selected: number | null;
  onSelect: (key: number) => void;
  onChange: (key: number, box: Box) => void;
}) {
  const { frame, regions, tiles, sources, selected } = props;
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<Drag | null>(null);
  const margin = Math.round(Math.max(frame.width, frame.height) * 0.04);
  const font = Math.max(10, Math.round(Math.min(frame.width, frame.height) / 18));
  const painting = [...regions].sort((a, b) => a.zPos - b.zPos);

  /** The pointer in frame pixels, whatever size the drawing has on screen. */
  const at = (e: PointerEvent) => {
    const el = svg.current!;
    const p = el.createSVGPoint();
    p.x = e.clientX;
    p.y = e.clientY;
    const m = el.getScreenCTM();
    return m ? p.matrixTransform(m.inverse()) : { x: 0, y: 0 };
  };
  const start = (e: PointerEvent, r: PreviewRegion, mode: Drag['mode']) => {
    e.stopPropagation();
    props.onSelect(r.key);
    svg.current!.setPointerCapture(e.pointerId);
    drag.current = { key: r.key, mode, from: at(e), box: { xPos: r.xPos, yPos: r.yPos, width: r.width, height: r.height } };
  };
  const move = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const p = at(e);
    const dx = Math.round(p.x - d.from.x);
    const dy = Math.round(p.y - d.from.y);
    const b = d.box;
    // Dragging keeps the region inside the frame; only typed numbers can put it outside.
    const next =
      d.mode === 'move'
        ? { ...b, xPos: clamp(b.xPos + dx, 0, frame.width - b.width), yPos: clamp(b.yPos + dy, 0, frame.height - b.height) }
        : { ...b, width: clamp(b.width + dx, LIMITS.regionMin, frame.width - b.xPos), height: clamp(b.height + dy, LIMITS.regionMin, frame.height - b.yPos) };
    props.onChange(d.key, next);
  };
  const end = () => void (drag.current = null);

  return (
    <svg
      ref={svg}
      class="layout-preview"
      viewBox={`${-margin} ${-margin} ${frame.width + 2 * margin} ${frame.height + 2 * margin}`}
      role="img"
      aria-label={`Preview of the layout at ${frame.width}×${frame.height}: ${tiles.length} ${tiles.length === 1 ? 'tile' : 'tiles'}`}
      onPointerMove={move}
      onPointerUp={end}
      onPointerCancel={end}
    >
      <rect class="frame" x={0} y={0} width={frame.width} height={frame.height} />
      {painting.map((r) => {
        const outside = r.xPos < 0 || r.yPos < 0 || r.xPos + r.width > frame.width || r.yPos + r.height > frame.height;
        const handle = Math.max(8, Math.round(font * 0.8));
        return (
          <g key={r.key} class={`region${r.key === selected ? ' selected' : ''}${outside ? ' outside' : ''}`}>
            <rect class="region-body" x={r.xPos} y={r.yPos} width={r.width} height={r.height} onPointerDown={(e) => start(e, r, 'move')} />
            {tiles
              .filter((t) => t.region === r.name)
              .map((t, i) => {
                const s = sources.get(t.recordingId);
                const colour = sourceColour(s?.index ?? i);
                return (
                  <g key={`${t.recordingId}-${i}`} class="tile" pointer-events="none">
                    <rect
                      x={t.x + 1}
                      y={t.y + 1}
                      width={Math.max(1, t.width - 2)}
                      height={Math.max(1, t.height - 2)}
                      fill={colour}
                      fill-opacity="0.22"
                      stroke={colour}
                      stroke-width={Math.max(1, font / 10)}
                    />
                    <text x={t.x + t.width / 2} y={t.y + t.height / 2} font-size={Math.min(font, t.height / 3, t.width / 6)} text-anchor="middle" dominant-baseline="middle">
                      {s?.label ?? 'video'}
                    </text>
                  </g>
                );
              })}
            <text class="region-name" x={r.xPos + font / 3} y={r.yPos + font} font-size={font * 0.8} pointer-events="none">
              {r.name}
              {outside ? ' — outside the frame' : ''}
            </text>
            <rect class="handle" x={r.xPos + r.width - handle} y={r.yPos + r.height - handle} width={handle} height={handle} onPointerDown={(e) => start(e, r, 'resize')} />
          </g>
        );
      })}
    </svg>
  );
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
