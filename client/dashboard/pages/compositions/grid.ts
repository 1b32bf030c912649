// Where each video lands in a composed frame: the server's grid rules (server/compositions/layout.ts,
// gridOf and placeTiles) written again for the browser, which may not import server code.
// test/compositions/grid-agreement.test.ts holds the two to the same answers.

/** A region as the editor holds it: every field filled in, `["*"]` for every video. */
export interface EditorRegion {
  name: string;
  xPos: number;
  yPos: number;
  zPos: number;
  width: number;
  height: number;
  maxColumns: number | null;
  maxRows: number | null;
  videoSources: string[];
}

export interface PlacedTile {
  recordingId: string;
  region: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export const EVERY_VIDEO = '*';

/**
 * The grid for `count` sources: square-ish first, then held to maxColumns/maxRows and to cells of at
 * least 2×2 pixels; what does not fit is left out (`shown` < count).
 */
export function gridFor(count: number, r: Pick<EditorRegion, 'width' | 'height' | 'maxColumns' | 'maxRows'>): { columns: number; rows: number; shown: number } {
  if (count < 1) return { columns: 0, rows: 0, shown: 0 };
  const colCap = Math.min(r.maxColumns ?? Number.POSITIVE_INFINITY, Math.floor(r.width / 2));
  const rowCap = Math.min(r.maxRows ?? Number.POSITIVE_INFINITY, Math.floor(r.height / 2));
  let cols = Math.min(colCap, Math.ceil(Math.sqrt(count)));
  let rows = Math.ceil(count / cols);
  if (rows > rowCap) {
    rows = rowCap;
    cols = Math.min(colCap, Math.ceil(count / rows));
  }
  rows = Math.min(rows, Math.ceil(count / cols));
  return { columns: cols, rows, shown: Math.min(count, cols * rows) };
}

/** Rounds a cell side down to an even number of pixels (4:2:0 video), never below 2. */
const evenSide = (px: number) => Math.max(2, px - (px % 2));

/** The sources a region shows, in grid order: `*` is every video; unknown ids are skipped. */
export function regionSources(region: EditorRegion, videoIds: readonly string[]): string[] {
  if (region.videoSources.includes(EVERY_VIDEO)) return [...videoIds];
  return region.videoSources.filter((id) => videoIds.includes(id));
}

/**
 * Every tile of every region, bottom first (by zPos, ties in the order given): equal cells, rows
 * filled left to right, the last row centred, the whole grid centred in its region.
 */
export function tilesFor(regions: readonly EditorRegion[], videoIds: readonly string[]): PlacedTile[] {
  const painting = regions
    .map((region, index) => ({ region, index }))
    .sort((a, b) => a.region.zPos - b.region.zPos || a.index - b.index)
    .map((x) => x.region);
  return painting.flatMap((region) => {
    const sources = regionSources(region, videoIds);
    const { columns, rows, shown } = gridFor(sources.length, region);
    if (shown === 0) return [];
    const w = evenSide(Math.floor(region.width / columns));
    const h = evenSide(Math.floor(region.height / rows));
    const originX = region.xPos + Math.floor((region.width - columns * w) / 2);
    const originY = region.yPos + Math.floor((region.height - rows * h) / 2);
    return sources.slice(0, shown).map((recordingId, k) => {
      const row = Math.floor(k / columns);
      const inThisRow = Math.min(columns, shown - row * columns);
      const centring = Math.floor(((columns - inThisRow) * w) / 2);
      return { recordingId, region: region.name, x: originX + centring + (k % columns) * w, y: originY + row * h, width: w, height: h };
    });
  });
}
