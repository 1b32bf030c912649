// Which simulcast layer a video element needs: pure arithmetic, so it is tested without a browser.

export interface ElementSize {
  width: number;
  height: number;
}

/**
 * The frame heights of a simulcast stream's spatial layers, lowest first. The SDK publishes each
 * layer at half the size of the next (scaleResolutionDownBy 4, 2, 1) from a 1280×720 capture by
 * default; the subscriber cannot see the publisher's capture, so it assumes that ladder.
 */
export function layerHeights(count: number, topHeight = 720): number[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => Math.round(topHeight / 2 ** (count - 1 - i)));
}

/**
 * The video height that fills an element without upscaling. Videos are shown cropped to fill
 * (object-fit: cover), so a wide element needs the height its width implies at the video's aspect.
 */
export function neededHeight(size: ElementSize, devicePixelRatio = 1, aspect = 16 / 9): number {
  const dpr = devicePixelRatio > 0 ? devicePixelRatio : 1;
  return Math.max(size.height, size.width / aspect) * dpr;
}

/**
 * Up to this much upscaling is accepted before a bigger layer is asked for: a 380-pixel tile
 * looks the same from the 360p layer, and needs a third of the 720p one's bitrate.
 */
const UPSCALE_TOLERANCE = 1.15;

/**
 * The lowest spatial layer whose frames are tall enough for the element (its rendered size ×
 * devicePixelRatio), else the highest; 0 for an element with no size.
 */
export function chooseSpatialLayer(size: ElementSize, devicePixelRatio: number, heights: readonly number[]): number {
  if (heights.length === 0) return 0;
  const need = neededHeight(size, devicePixelRatio);
  if (!(need > 0)) return 0;
  const fits = heights.findIndex((h) => h * UPSCALE_TOLERANCE >= need);
  return fits === -1 ? heights.length - 1 : fits;
}

/** The biggest of several elements showing the same stream: that one decides the layer. */
export function largest(sizes: readonly ElementSize[]): ElementSize | null {
  let best: ElementSize | null = null;
  for (const s of sizes) if (!best || neededHeight(s) > neededHeight(best)) best = s;
  return best;
}
