// The layout editor's model: regions as the operator types them (text, so that a half-typed number
// is not lost), what they mean in pixels for the preview, and the input createComposition takes.
import type { VideoRegionInput } from '../../generated/graphql.js';
import { EVERY_VIDEO, type EditorRegion } from './grid.js';

export interface Frame {
  width: number;
  height: number;
}

export interface RegionDraft {
  /** Stable across renames: keys the list and the preview. */
  key: number;
  name: string;
  xPos: string;
  yPos: string;
  zPos: string;
  width: string;
  height: string;
  maxColumns: string;
  maxRows: string;
  /** `["*"]`, or recording ids in grid order. */
  videoSources: string[];
}

/** The server's limits (server/compositions/layout.ts COMPOSITION_LIMITS), for hints and defaults. */
export const LIMITS = { sideMin: 16, sideMax: 1920, maxPixels: 1920 * 1080, regionMin: 16 } as const;

export const RESOLUTIONS = [
  { value: '1280x720', label: '1280 × 720 (HD)' },
  { value: '1920x1080', label: '1920 × 1080 (Full HD)' },
  { value: '640x360', label: '640 × 360' },
  { value: '1080x1920', label: '1080 × 1920 (portrait)' },
  { value: '1080x1080', label: '1080 × 1080 (square)' },
] as const;

/** `1280x720` → its frame, or null when it is not two whole numbers. */
export function parseResolution(value: string): Frame | null {
  const m = /^\s*(\d{1,5})\s*[x×]\s*(\d{1,5})\s*$/.exec(value);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
}

let nextKey = 1;

export function newRegion(frame: Frame, name: string, box?: Partial<Record<'xPos' | 'yPos' | 'width' | 'height', number>>): RegionDraft {
  return {
    key: nextKey++,
    name,
    xPos: String(box?.xPos ?? 0),
    yPos: String(box?.yPos ?? 0),
    zPos: '0',
    width: String(box?.width ?? frame.width),
    height: String(box?.height ?? frame.height),
    maxColumns: '',
    maxRows: '',
    videoSources: [EVERY_VIDEO],
  };
}

/** A name not yet used: "region 2", "region 3"… */
export function freshName(regions: readonly RegionDraft[]): string {
  const used = new Set(regions.map((r) => r.name));
  let n = regions.length + 1;
  while (used.has(`region ${n}`)) n++;
  return `region ${n}`;
}

/** A whole number typed in a box; null when empty, NaN when it is not a whole number. */
export function whole(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  return /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** What the preview draws: regions whose box reads as numbers (others are left out until fixed). */
export function previewRegions(drafts: readonly RegionDraft[]): (EditorRegion & { key: number })[] {
  const out: (EditorRegion & { key: number })[] = [];
  for (const d of drafts) {
    const [x, y, z, w, h] = [d.xPos, d.yPos, d.zPos, d.width, d.height].map(whole);
    if ([x, y, w, h].some((v) => v == null || Number.isNaN(v))) continue;
    if (w! < 1 || h! < 1) continue;
    const cap = (t: string) => {
      const v = whole(t);
      return v == null || Number.isNaN(v) || v < 1 ? null : v;
    };
    out.push({
      key: d.key,
      name: d.name,
      xPos: x!,
      yPos: y!,
      zPos: z == null || Number.isNaN(z) ? 0 : z,
      width: w!,
      height: h!,
      maxColumns: cap(d.maxColumns),
      maxRows: cap(d.maxRows),
      videoSources: d.videoSources,
    });
  }
  return out;
}

/** Boxes that are not whole numbers: caught here, since GraphQL would refuse the whole request. */
export function numberProblems(drafts: readonly RegionDraft[]): Record<string, string> {
  const problems: Record<string, string> = {};
  drafts.forEach((d, i) => {
    for (const key of ['xPos', 'yPos', 'zPos', 'width', 'height', 'maxColumns', 'maxRows'] as const) {
      if (Number.isNaN(whole(d[key]))) problems[`videoLayout[${i}].${key}`] = 'must be a whole number';
    }
  });
  return problems;
}

/** The regions as createComposition takes them; an empty box is left to the server's default. */
export function layoutInput(drafts: readonly RegionDraft[]): VideoRegionInput[] {
  return drafts.map((d) => ({
    name: d.name,
    xPos: whole(d.xPos),
    yPos: whole(d.yPos),
    zPos: whole(d.zPos),
    width: whole(d.width),
    height: whole(d.height),
    maxColumns: whole(d.maxColumns),
    maxRows: whole(d.maxRows),
    videoSources: d.videoSources,
  }));
}

/** Keeps the layout's proportions when the frame changes size (a preset picked). */
export function scaleRegions(drafts: readonly RegionDraft[], from: Frame, to: Frame): RegionDraft[] {
  const sx = to.width / from.width;
  const sy = to.height / from.height;
  const scale = (text: string, s: number) => {
    const v = whole(text);
    return v == null || Number.isNaN(v) ? text : String(Math.round(v * s));
  };
  return drafts.map((d) => ({ ...d, xPos: scale(d.xPos, sx), yPos: scale(d.yPos, sy), width: scale(d.width, sx), height: scale(d.height, sy) }));
}

/**
 * The server names a field by its path from the argument (`input.videoLayout[1].width`); the
 * editor shows it beside that box. Sources' own paths (`…videoSources[2]`) go to the source list.
 */
export function fieldKey(path: string): string {
  return path.replace(/^input\./, '').replace(/(videoSources)\[\d+\]$/, '$1');
}
