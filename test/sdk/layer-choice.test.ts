import { describe, expect, it } from 'vitest';
import { chooseSpatialLayer, largest, layerHeights, neededHeight } from '../../client/sdk/layer-choice.js';

// The adaptive stream's arithmetic: an element's rendered size → the simulcast layer to receive.

describe('simulcast layer choice', () => {
  const ladder = layerHeights(3); // 180, 360, 720: the SDK's three layers of a 720p capture

  it('assumes layers halving from the top one', () => {
    expect(ladder).toEqual([180, 360, 720]);
    expect(layerHeights(2)).toEqual([360, 720]);
    expect(layerHeights(1, 1080)).toEqual([1080]);
  });

  it('takes the lowest layer tall enough for the element', () => {
    expect(chooseSpatialLayer({ width: 160, height: 90 }, 1, ladder)).toBe(0);
    expect(chooseSpatialLayer({ width: 320, height: 180 }, 1, ladder)).toBe(0);
    expect(chooseSpatialLayer({ width: 640, height: 360 }, 1, ladder)).toBe(1);
    expect(chooseSpatialLayer({ width: 800, height: 450 }, 1, ladder)).toBe(2);
    expect(chooseSpatialLayer({ width: 1920, height: 1080 }, 1, ladder)).toBe(2);
  });

  it('accepts a little upscaling before asking for the next layer', () => {
    expect(chooseSpatialLayer({ width: 360, height: 200 }, 1, ladder)).toBe(0);
    expect(chooseSpatialLayer({ width: 400, height: 230 }, 1, ladder)).toBe(1);
  });

  it('counts device pixels: a 320×180 tile on a 2× screen needs the 360p layer', () => {
    expect(chooseSpatialLayer({ width: 320, height: 180 }, 2, ladder)).toBe(1);
    expect(chooseSpatialLayer({ width: 320, height: 180 }, 0, ladder)).toBe(0);
  });

  it('fills a wide or tall element as object-fit: cover does', () => {
    // A 4:3 tile shows a 16:9 video cropped at the sides: its height decides.
    expect(neededHeight({ width: 480, height: 360 })).toBe(360);
    // A very wide strip needs the height its width implies.
    expect(neededHeight({ width: 1280, height: 100 })).toBe(720);
    expect(chooseSpatialLayer({ width: 1280, height: 100 }, 1, ladder)).toBe(2);
  });

  it('gives layer 0 to an element with no size and the only layer to a single-layer video', () => {
    expect(chooseSpatialLayer({ width: 0, height: 0 }, 1, ladder)).toBe(0);
    expect(chooseSpatialLayer({ width: 1280, height: 720 }, 1, [720])).toBe(0);
    expect(chooseSpatialLayer({ width: 100, height: 100 }, 1, [])).toBe(0);
  });

  it('lets the largest of several elements decide', () => {
    expect(
      largest([
        { width: 160, height: 90 },
        { width: 640, height: 360 },
        { width: 320, height: 240 },
      ]),
    ).toEqual({ width: 640, height: 360 });
    expect(largest([])).toBeNull();
  });
});
