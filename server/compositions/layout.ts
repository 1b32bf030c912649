import { isUuid, type Checker } from '../shared/validation.js';

/** Limits of a composition request. Telnyx allows 2 regions at up to 1280×720; we allow more. */
export const COMPOSITION_LIMITS = {
  side: { min: 16, max: 1920 },
  /** width × height may not exceed 1920 × 1080 pixels (a 1080×1920 portrait frame is fine). */
  maxPixels: 1920 * 1080,
  defaultResolution: '1280x720',
  zPos: { min: -99, max: 99 },
  regionSide: { min: 16 },
  grid: { min: 1, max: 1000 },
  /** A guard on the size of the ffmpeg filter graph, not a product rule. */
  regions: { max: 100 },
  regionName: { min: 1, max: 64 },
  webhookTimeoutSecs: { min: 0, max: 30 },
  /** Frame rate of every composition. */
  fps: 25,
} as const;

const L = COMPOSITION_LIMITS;

export const ALL_SOURCES = '*';

export interface Frame {
  width: number;
  height: number;
}

export interface VideoRegionInput {
  name?: string | null;
  xPos?: number | null;
  yPos?: number | null;
  zPos?: number | null;
  width?: number | null;
  height?: number | null;
  maxColumns?: number | null;
  maxRows?: number | null;
  videoSources?: readonly string[] | null;
}

/** A region as stored (every default filled in) and shown by the API. */
export interface VideoRegion {
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

/** Reads `WIDTHxHEIGHT`; records what is wrong under `field` and returns undefined if anything is. */
export function checkResolution(c: Checker, field: string, value: string): Frame | undefined {
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(value);
  if (!match) {
    c.fail(field, `must be WIDTHxHEIGHT in pixels, such as 1280x720, got "${value.slice(0, 40)}"`);
    return undefined;
  }
  const width = Number(match[1]);
  const height = Number(match[2]);
  let ok = true;
  for (const [side, n] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (n < L.side.min || n > L.side.max) {
      c.fail(field, `${side} must be from ${L.side.min} to ${L.side.max} pixels, got ${n}`);
      ok = false;
    } else if (n % 2 !== 0) {
      c.fail(field, `${side} must be an even number of pixels (H.264 and VP8 store colour at half resolution), got ${n}`);
      ok = false;
    }
  }
  if (ok && width * height > L.maxPixels) {
    c.fail(field, `must be at most 1920x1080 pixels in all (${L.maxPixels}), got ${width}x${height} (${width * height})`);
    ok = false;
  }
  return ok ? { width, height } : undefined;
}

/**
 * Checks the shape of a layout (everything that needs no database) and fills in defaults.
 * `frame` is undefined when the resolution itself is wrong: then nothing is checked against it.
 * Sources are checked against the session's recordings by `checkSources`.
 */
export function checkLayout(c: Checker, field: string, layout: readonly VideoRegionInput[], frame: Frame | undefined): VideoRegion[] {
  if (layout.length === 0) c.fail(field, 'must have at least one region (leave it out for one grid of every video)');
  if (layout.length > L.regions.max) c.fail(field, `may have at most ${L.regions.max} regions, got ${layout.length}`);
  const names = new Map<string, number>();
  return layout.map((r, i) => {
    const at = `${field}[${i}]`;
    const name = r.name ?? '';
    c.noNul(`${at}.name`, name);
    if (name.trim() === '' || name.length > L.regionName.max) {
      c.fail(`${at}.name`, `must be ${L.regionName.min} to ${L.regionName.max} characters long and not blank`);
    } else if (names.has(name)) {
      c.fail(`${at}.name`, `"${name}" is already the name of region ${names.get(name)}: names must be unique`);
    } else names.set(name, i);

    const xPos = r.xPos ?? 0;
    const yPos = r.yPos ?? 0;
    const zPos = r.zPos ?? 0;
    for (const [key, v] of [
      ['xPos', xPos],
      ['yPos', yPos],
    ] as const) {
      if (v < 0) c.fail(`${at}.${key}`, `must be 0 or more (pixels from the ${key === 'xPos' ? 'left' : 'top'} edge), got ${v}`);
    }
    c.intRange(`${at}.zPos`, zPos, L.zPos.min, L.zPos.max);
    const width = r.width ?? (frame ? frame.width - xPos : 0);
    const height = r.height ?? (frame ? frame.height - yPos : 0);
    for (const [key, v, pos, posKey, limit] of [
      ['width', width, xPos, 'xPos', frame?.width],
      ['height', height, yPos, 'yPos', frame?.height],
    ] as const) {
      if (r[key] != null) {
        if (v < L.regionSide.min) c.fail(`${at}.${key}`, `must be at least ${L.regionSide.min} pixels, got ${v}`);
        else if (limit !== undefined && pos >= 0 && pos + v > limit) {
          c.fail(`${at}.${key}`, `the region must fit in the frame: ${posKey} + ${key} is ${pos + v}, more than the frame's ${key} (${limit})`);
        }
      } else if (limit !== undefined && pos >= 0 && v < L.regionSide.min) {
        // Left out, the size is the rest of the frame: the position must leave some.
        c.fail(`${at}.${posKey}`, `must leave at least ${L.regionSide.min} pixels of the frame's ${key} (${limit}) for the region, got ${pos}`);
      }
    }
    c.intRange(`${at}.maxColumns`, r.maxColumns, L.grid.min, L.grid.max);
    c.intRange(`${at}.maxRows`, r.maxRows, L.grid.min, L.grid.max);

    const sources = r.videoSources ?? [ALL_SOURCES];
    if (sources.length === 0) c.fail(`${at}.videoSources`, `must list video recording ids, or be ["${ALL_SOURCES}"] for every video of the session`);
    const seen = new Set<string>();
    sources.forEach((s, j) => {
      const sf = `${at}.videoSources[${j}]`;
      if (s === ALL_SOURCES) {
        if (sources.length > 1) c.fail(sf, `"${ALL_SOURCES}" already means every video of the session: it must be the only source`);
      } else if (!isUuid(s)) c.fail(sf, `must be the id (UUID) of a video recording, or "${ALL_SOURCES}", got "${s.slice(0, 60)}"`);
      else if (seen.has(s.toLowerCase())) c.fail(sf, `${s} is listed twice`);
      seen.add(s.toLowerCase());
    });
    return {
      name,
      xPos,
      yPos,
      zPos,
      width,
      height,
      maxColumns: r.maxColumns ?? null,
      maxRows: r.maxRows ?? null,
      videoSources: sources.map((s) => s.toLowerCase()),
    };
  });
}

/** The layout used when none is given: one grid of every video over the whole frame. */
export function defaultLayout(frame: Frame): VideoRegion[] {
  return [{ name: 'main', xPos: 0, yPos: 0, zPos: 0, width: frame.width, height: frame.height, maxColumns: null, maxRows: null, videoSources: [ALL_SOURCES] }];
}

/** Checks that every named source is a completed video recording of the session. */
export function checkSources(c: Checker, field: string, regions: readonly VideoRegion[], videoIds: ReadonlySet<string>, sessionId: string): void {
  regions.forEach((r, i) =>
    r.videoSources.forEach((s, j) => {
      if (s !== ALL_SOURCES && !videoIds.has(s)) {
        c.fail(`${field}[${i}].videoSources[${j}]`, `${s} is not a completed video recording of session ${sessionId}`);
      }
    }),
  );
}

/** Columns and rows of a region's grid, and how many sources it shows. */
export function gridOf(count: number, region: Pick<VideoRegion, 'width' | 'height' | 'maxColumns' | 'maxRows'>): { columns: number; rows: number; shown: number } {
  if (count <= 0) return { columns: 0, rows: 0, shown: 0 };
  // Every cell keeps at least 2×2 pixels: that caps the grid of a small region.
  const maxColumns = Math.min(region.maxColumns ?? Infinity, Math.floor(region.width / 2));
  const maxRows = Math.min(region.maxRows ?? Infinity, Math.floor(region.height / 2));
  // As square as possible, then within the caps; what does not fit is left out.
  let columns = Math.min(maxColumns, Math.ceil(Math.sqrt(count)));
  let rows = Math.ceil(count / columns);
  if (rows > maxRows) {
    rows = maxRows;
    columns = Math.min(maxColumns, Math.ceil(count / rows));
  }
  rows = Math.min(rows, Math.ceil(count / columns));
  return { columns, rows, shown: Math.min(count, columns * rows) };
}

/** One video source placed on the frame. */
export interface Tile {
  recordingId: string;
  region: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const even = (n: number) => Math.max(2, n - (n % 2));

/**
 * Places the sources of every region on its grid: cells of equal size (even, for 4:2:0 video),
 * filled row by row, the last row centred, the grid centred in its region. Tiles come back in
 * painting order: regions by zPos (lowest first; equal zPos in the order given).
 * `videoIds` are the session's video recordings in their `"*"` order.
 */
export function placeTiles(regions: readonly VideoRegion[], videoIds: readonly string[]): Tile[] {
  const known = new Set(videoIds);
  const order = regions.map((r, i) => ({ r, i })).sort((a, b) => a.r.zPos - b.r.zPos || a.i - b.i);
  const tiles: Tile[] = [];
  for (const { r } of order) {
    const sources = r.videoSources.includes(ALL_SOURCES) ? [...videoIds] : r.videoSources.filter((s) => known.has(s));
    const { columns, rows, shown } = gridOf(sources.length, r);
    if (!shown) continue;
    const cellW = even(Math.floor(r.width / columns));
    const cellH = even(Math.floor(r.height / rows));
    const left = r.xPos + Math.floor((r.width - columns * cellW) / 2);
    const top = r.yPos + Math.floor((r.height - rows * cellH) / 2);
    for (let k = 0; k < shown; k++) {
      const row = Math.floor(k / columns);
      const col = k % columns;
      const inRow = Math.min(columns, shown - row * columns);
      const shift = Math.floor(((columns - inRow) * cellW) / 2);
      tiles.push({ recordingId: sources[k]!, region: r.name, x: left + shift + col * cellW, y: top + row * cellH, width: cellW, height: cellH });
    }
  }
  return tiles;
}
