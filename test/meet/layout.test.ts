// The meet app's tile layouts: a gallery that fills the stage, a spotlight with a strip.
import { describe, expect, it } from 'vitest';
import { gridLayout, spotlightLayout, type Rect, type Size } from '../../client/meet/layout.js';

const inside = (r: Rect, area: Size) => r.x >= 0 && r.y >= 0 && r.x + r.width <= area.width + 0.5 && r.y + r.height <= area.height + 0.5;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectSound(rects: (Rect | null)[], area: Size) {
  const placed = rects.filter((r): r is Rect => !!r);
  for (const r of placed) expect(inside(r, area), JSON.stringify(r)).toBe(true);
  for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i]!, placed[j]!)).toBe(false);
}

/** The share of the stage the tiles' bounding box spans, across and down. */
function span(rects: (Rect | null)[], area: Size) {
  const placed = rects.filter((r): r is Rect => !!r);
  const across = Math.max(...placed.map((r) => r.x + r.width)) - Math.min(...placed.map((r) => r.x));
  const down = Math.max(...placed.map((r) => r.y + r.height)) - Math.min(...placed.map((r) => r.y));
  return { across: across / area.width, down: down / area.height };
}

// The stage of a 1280×800 window (less the bars) and of a 390×844 phone.
const WIDE = { width: 1256, height: 692 };
const PHONE = { width: 374, height: 712 };

describe('gallery', () => {
  it('fills a wide stage with one tile, and with three (two rows, the last centred)', () => {
    const one = gridLayout(1, WIDE).rects;
    expect(one[0]!.height).toBe(WIDE.height);
    const three = gridLayout(3, WIDE).rects as Rect[];
    expectSound(three, WIDE);
    expect(three[0]!.y).toBe(three[1]!.y);
    expect(three[2]!.y).toBeGreaterThan(three[0]!.y);
    expect(Math.abs(three[2]!.x + three[2]!.width / 2 - WIDE.width / 2)).toBeLessThanOrEqual(1);
    const s = span(three, WIDE);
    expect(s.across).toBeGreaterThan(0.95);
    expect(s.down).toBeGreaterThan(0.95);
  });

  it('stacks tiles in one column on a phone held upright', () => {
    const rects = gridLayout(3, PHONE).rects as Rect[];
    expectSound(rects, PHONE);
    expect(new Set(rects.map((r) => r.x)).size).toBe(1);
    expect(span(rects, PHONE).down).toBeGreaterThan(0.9);
  });

  it('keeps tiles between 4:3 and 16:9 on a wide stage, all the same size, for any count', () => {
    for (let n = 1; n <= 25; n++) {
      const rects = gridLayout(n, WIDE).rects as Rect[];
      expect(rects).toHaveLength(n);
      expectSound(rects, WIDE);
      for (const r of rects) {
        expect(r.width / r.height).toBeGreaterThanOrEqual(4 / 3 - 0.02);
        expect(r.width / r.height).toBeLessThanOrEqual(16 / 9 + 0.02);
        expect(r.width).toBe(rects[0]!.width);
      }
    }
  });

  it('places nothing on a stage with no size yet', () => {
    expect(gridLayout(2, { width: 0, height: 0 }).rects).toEqual([null, null]);
  });
});

describe('spotlight', () => {
  it('puts the first tile big with the others in a strip at the side of a wide stage', () => {
    const { rects, more } = spotlightLayout(4, WIDE, { fillMain: true });
    expectSound(rects, WIDE);
    expect(more).toBeNull();
    const [main, ...strip] = rects as Rect[];
    for (const r of strip) {
      expect(r.x).toBeGreaterThan(main!.x + main!.width);
      expect(r.width * r.height * 6).toBeLessThan(main!.width * main!.height);
    }
  });

  it('puts the strip below on a phone, fitting three of the others', () => {
    const { rects, more } = spotlightLayout(4, PHONE);
    expectSound(rects, PHONE);
    expect(more).toBeNull();
    const [main, ...strip] = rects as Rect[];
    for (const r of strip) expect(r.y).toBeGreaterThan(main!.y + main!.height);
  });

  it('says how many more there are when the strip is full', () => {
    for (const area of [WIDE, PHONE]) {
      const { rects, more } = spotlightLayout(20, area);
      expectSound([...rects, more!.rect], area);
      const shown = rects.filter(Boolean).length;
      expect(shown + more!.count).toBe(20);
      expect(rects.slice(shown).every((r) => r === null)).toBe(true);
    }
  });

  it('gives a lone tile the whole stage', () => {
    const { rects } = spotlightLayout(1, WIDE, { fillMain: true });
    expect(rects[0]).toEqual({ x: 0, y: 0, ...WIDE });
  });
});
