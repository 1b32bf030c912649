// The dashboard's layout editor previews where each tile will land with its own copy of the grid
// rules (the browser may not import server code): it must place every tile where the server does.
import { describe, expect, it } from 'vitest';
import { gridFor, tilesFor, type EditorRegion } from '../../client/dashboard/pages/compositions/grid.js';
import { gridOf, placeTiles, type VideoRegion } from '../../server/compositions/layout.js';

/** A small deterministic generator (mulberry32): the same cases on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the layout editor’s grid', () => {
  it('gives the same columns, rows and shown count as the server for every source count and shape', () => {
    const shapes = [
      { width: 1280, height: 720, maxColumns: null, maxRows: null },
      { width: 640, height: 360, maxColumns: 2, maxRows: null },
      { width: 320, height: 1080, maxColumns: null, maxRows: 3 },
      { width: 16, height: 16, maxColumns: null, maxRows: null },
      { width: 100, height: 40, maxColumns: 5, maxRows: 1 },
      { width: 6, height: 1000, maxColumns: 1000, maxRows: 1000 },
    ];
    for (const shape of shapes) for (let n = 0; n <= 60; n++) expect(gridFor(n, shape), `${n} in ${JSON.stringify(shape)}`).toEqual(gridOf(n, shape));
  });

  it('places every tile of random layouts where the server does, in the same painting order', () => {
    const next = random(20260610);
    const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
    for (let round = 0; round < 400; round++) {
      const frame = { width: 2 * int(8, 960), height: 2 * int(8, 540) };
      const videoIds = Array.from({ length: int(0, 12) }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
      const regions: EditorRegion[] = Array.from({ length: int(1, 4) }, (_, i) => {
        const width = int(16, frame.width);
        const height = int(16, frame.height);
        const sources = next() < 0.4 ? ['*'] : videoIds.filter(() => next() < 0.6).concat(next() < 0.2 ? ['ffffffff-0000-0000-0000-000000000000'] : []);
        return {
          name: `r${i}`,
          xPos: int(0, frame.width - width),
          yPos: int(0, frame.height - height),
          zPos: int(-3, 3),
          width,
          height,
          maxColumns: next() < 0.3 ? int(1, 5) : null,
          maxRows: next() < 0.3 ? int(1, 5) : null,
          videoSources: sources,
        };
      });
      expect(tilesFor(regions, videoIds), JSON.stringify({ frame, regions, videoIds })).toEqual(placeTiles(regions as VideoRegion[], videoIds));
    }
  });
});
