// Where each tile goes: a gallery that fills the stage whatever the number of tiles, or a
// spotlight (one big tile and a strip of the others). Pure arithmetic, so that it is tested
// without a browser and the tiles can stay in one flat, keyed list (moving a tile never
// remounts its video).

export interface Size {
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  /** One per tile, in the order given; null for a tile that does not fit (the strip is full). */
  rects: (Rect | null)[];
  /** Where the "+N more" marker goes, and N, when some tiles did not fit. */
  more: { rect: Rect; count: number } | null;
}

const WIDE = 16 / 9;
// Tiles may be cropped to 4:3 on a landscape stage and to 3:4 on a portrait one (a phone held
// upright): a bit of a face's surroundings lost is better than half the window empty.
const minAspect = (area: Size) => (area.width >= area.height ? 4 / 3 : 3 / 4);

/** The largest w×h that fits `box` with its aspect kept between `min` and `max`. */
function fit(box: Size, min: number, max: number): Size {
  let { width, height } = box;
  if (width / height > max) width = height * max;
  else if (width / height < min) height = width / min;
  return { width, height };
}

/** Gallery: the column count that makes the tiles biggest, rows centred, the last row centred too. */
export function gridLayout(count: number, area: Size, gap = 8): Layout {
  if (count === 0 || area.width <= 0 || area.height <= 0) return { rects: Array(count).fill(null), more: null };
  let best = { cols: 1, rows: count, tile: { width: 0, height: 0 } };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const tile = fit({ width: (area.width - gap * (cols - 1)) / cols, height: (area.height - gap * (rows - 1)) / rows }, minAspect(area), WIDE);
    // Strictly bigger only: among equals the fewer columns win (fewer empty cells in the last row).
    if (tile.width * tile.height > best.tile.width * best.tile.height + 1) best = { cols, rows, tile };
  }
  const { cols, rows, tile } = best;
  const top = (area.height - (rows * tile.height + (rows - 1) * gap)) / 2;
  const rects: Rect[] = [];
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / cols);
    const inRow = row === rows - 1 ? count - cols * (rows - 1) : cols;
    const left = (area.width - (inRow * tile.width + (inRow - 1) * gap)) / 2;
    rects.push(round({ x: left + (i % cols) * (tile.width + gap), y: top + row * (tile.height + gap), ...tile }));
  }
  return { rects, more: null };
}

/**
 * Spotlight: tile 0 big, the others in a strip (at the side of a landscape stage, below on a
 * portrait one). `fillMain` gives the big tile the whole main area (a screen share is shown
 * whole inside it); otherwise it keeps a camera's shape.
 */
export function spotlightLayout(count: number, area: Size, opts: { gap?: number; fillMain?: boolean } = {}): Layout {
  const gap = opts.gap ?? 8;
  if (count === 0 || area.width <= 0 || area.height <= 0) return { rects: Array(count).fill(null), more: null };
  const others = count - 1;
  const side = area.width >= area.height;
  let main: Size = area;
  let strip: Rect[] = [];
  let more: Layout['more'] = null;
  if (others > 0) {
    // Across the strip a fixed size; along it, tiles shrink from 16:9 (down to a floor) so that
    // more of the others fit before the rest go behind "+N more".
    const across = side ? clamp(area.width * 0.2, 160, 300) : clamp(area.height * 0.15, 72, 130);
    const length = side ? area.height : area.width;
    const widest = side ? across / WIDE : across * WIDE;
    const narrowest = side ? (across / WIDE) * 0.75 : Math.max(96, across * 0.75);
    const along = clamp((length - gap * (others - 1)) / others, Math.min(narrowest, widest), widest);
    const step = along + gap;
    const slots = Math.max(1, Math.floor((length + gap) / step));
    // When everyone does not fit, the last slot says how many more there are.
    const shown = others <= slots ? others : slots - 1;
    const used = (shown + (others > shown ? 1 : 0)) * step - gap;
    const start = (length - used) / 2;
    const tile: Size = side ? { width: across, height: along } : { width: along, height: across };
    const slot = (i: number): Rect => (side ? { x: area.width - across, y: start + i * step, ...tile } : { x: start + i * step, y: area.height - across, ...tile });
    strip = Array.from({ length: shown }, (_, i) => round(slot(i)));
    if (others > shown) more = { rect: round(slot(shown)), count: others - shown };
    main = side ? { width: area.width - across - gap, height: area.height } : { width: area.width, height: area.height - across - gap };
  }
  const big = opts.fillMain ? main : fit(main, minAspect(main), WIDE);
  const rects: (Rect | null)[] = [round({ x: (main.width - big.width) / 2, y: (main.height - big.height) / 2, ...big }), ...strip];
  while (rects.length < count) rects.push(null);
  return { rects, more };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (r: Rect): Rect => ({ x: Math.round(r.x), y: Math.round(r.y), width: Math.floor(r.width), height: Math.floor(r.height) });
