import { HOLD_P99_MS, SERIES, type PointResult, type SeriesName } from './measure.js';
import type { TargetName } from './target.js';

// Latency against N, both servers, one panel per series, log–log: hand-written SVG (no
// plotting dependency).

const PANEL_W = 440;
const PANEL_H = 320;
const MARGIN = { left: 58, right: 16, top: 34, bottom: 46 };
const COLOURS: Record<TargetName, string> = { product: '#c0392b', bare: '#2166ac' };

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const decades = (lo: number, hi: number) => {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
};
const label = (v: number) => (v >= 1000 ? `${v / 1000}k` : String(v));

function panel(points: readonly PointResult[], series: SeriesName, x0: number): string[] {
  const mine = points.filter((p) => p.series === series && Number.isFinite(p.p99Ms));
  const ns = mine.map((p) => p.n);
  const latencies = mine.flatMap((p) => [p.p50Ms, p.p99Ms]).filter((v) => v > 0);
  const nLo = Math.min(...ns, 500) / 1.3;
  const nHi = Math.max(...ns, 1000) * 1.3;
  // Whole decades, so that the axis ends on a labelled line.
  const yLo = 10 ** Math.floor(Math.log10(Math.min(0.1, ...latencies)));
  const yHi = 10 ** Math.ceil(Math.log10(Math.max(1000, ...latencies)));
  const w = PANEL_W - MARGIN.left - MARGIN.right;
  const h = PANEL_H - MARGIN.top - MARGIN.bottom;
  const x = (n: number) => x0 + MARGIN.left + ((Math.log10(n) - Math.log10(nLo)) / (Math.log10(nHi) - Math.log10(nLo))) * w;
  const y = (v: number) => MARGIN.top + h - ((Math.log10(Math.max(v, yLo)) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo))) * h;
  const out = [`<text x="${x0 + PANEL_W / 2}" y="20" text-anchor="middle" font-weight="bold">${escape(SERIES[series].title)}</text>`];
  out.push(`<rect x="${x0 + MARGIN.left}" y="${MARGIN.top}" width="${w}" height="${h}" fill="none" stroke="#888"/>`);
  for (const v of decades(yLo, yHi).filter((v) => v >= yLo && v <= yHi)) {
    out.push(`<line x1="${x0 + MARGIN.left}" x2="${x0 + MARGIN.left + w}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x0 + MARGIN.left - 6}" y="${y(v) + 4}" text-anchor="end">${label(v)}</text>`);
  }
  const ticks = [...new Set([...ns, ...SERIES_TICKS[series]])].filter((n) => n >= nLo && n <= nHi);
  for (const n of ticks) out.push(`<text x="${x(n)}" y="${MARGIN.top + h + 16}" text-anchor="middle">${label(n)}</text>`);
  out.push(`<text x="${x0 + MARGIN.left + w / 2}" y="${PANEL_H - 8}" text-anchor="middle">watchers (N)</text>`);
  out.push(`<text transform="translate(${x0 + 14},${MARGIN.top + h / 2}) rotate(-90)" text-anchor="middle">latency, ms (log)</text>`);
  out.push(`<line x1="${x0 + MARGIN.left}" x2="${x0 + MARGIN.left + w}" y1="${y(HOLD_P99_MS)}" y2="${y(HOLD_P99_MS)}" stroke="#2a2" stroke-dasharray="2 3"/>`);
  out.push(`<text x="${x0 + MARGIN.left + w - 4}" y="${y(HOLD_P99_MS) - 4}" text-anchor="end" fill="#2a2">${HOLD_P99_MS} ms</text>`);
  for (const server of ['product', 'bare'] as const) {
    const line = mine.filter((p) => p.server === server).sort((a, b) => a.n - b.n);
    if (!line.length) continue;
    for (const [field, dash] of [
      ['p99Ms', ''],
      ['p50Ms', ' stroke-dasharray="6 4"'],
    ] as const) {
      const coords = line.map((p) => `${x(p.n).toFixed(1)},${y(p[field]).toFixed(1)}`);
      out.push(`<polyline points="${coords.join(' ')}" fill="none" stroke="${COLOURS[server]}" stroke-width="2"${dash}/>`);
      for (const p of line)
        out.push(`<circle cx="${x(p.n).toFixed(1)}" cy="${y(p[field]).toFixed(1)}" r="3" fill="${p.saturated && field === 'p99Ms' ? '#fff' : COLOURS[server]}" stroke="${COLOURS[server]}"/>`);
    }
  }
  return out;
}

const SERIES_TICKS: Record<SeriesName, number[]> = { rooms: [1000, 2000, 5000, 10000, 15000], big: [500, 1000, 2000, 5000] };

export function latencySvg(points: readonly PointResult[], caption: string): string {
  const series = (['rooms', 'big'] as const).filter((s) => points.some((p) => p.series === s));
  const width = PANEL_W * Math.max(1, series.length);
  const height = PANEL_H + 44;
  const body = series.flatMap((s, i) => panel(points, s, i * PANEL_W));
  const legend: string[] = [];
  let lx = 12;
  for (const server of ['product', 'bare'] as const) {
    for (const [what, dash] of [
      ['p99', ''],
      ['p50', ' stroke-dasharray="6 4"'],
    ] as const) {
      legend.push(`<line x1="${lx}" x2="${lx + 28}" y1="${PANEL_H + 12}" y2="${PANEL_H + 12}" stroke="${COLOURS[server]}" stroke-width="2"${dash}/>`);
      legend.push(`<text x="${lx + 34}" y="${PANEL_H + 16}">${server} ${what}</text>`);
      lx += 120;
    }
  }
  legend.push(`<text x="12" y="${PANEL_H + 36}" fill="#555">${escape(caption)} (open circle: saturated)</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...body,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
