// Checking that a dashboard page fits its window: nothing sticks out to the right (tables scroll
// inside their own frame, which is allowed).
import type { Page } from 'playwright-core';

/** The elements past the right edge of the window, outside scrolling tables; [] when the page fits. */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth} px wide`);
    for (const e of document.querySelectorAll('body *')) {
      if (e.closest('.table-wrap') || e.getBoundingClientRect().right <= window.innerWidth + 1) continue;
      out.push(`${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ').join('.')}` : ''}`);
      if (out.length > 8) break;
    }
    return out;
  });
}
