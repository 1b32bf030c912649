import type { Sample } from './server-checks.js';

// The server's memory and event-loop delay over the soak: hand-written SVG, like
// bench/subscriptions/plot.ts (no plotting dependency). Two panels, linear axes.

const W = 760;
const PANEL_H = 240;
const M = { left: 56, right: 120, top: 28, bottom: 34 };

interface Line {
  label: string;
  colour: string;
  values: Array<[number, number]>;
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
}

function panel(title: string, unit: string, lines: Line[], y0: number, tMax: number): string[] {
  const w = W - M.left - M.right;
  const h = PANEL_H - M.top - M.bottom;
  const yMax = niceMax(Math.max(1, ...lines.flatMap((l) => l.values.map(([, v]) => v))));
  const x = (t: number) => M.left + (t / tMax) * w;
  const y = (v: number) => y0 + M.top + h - (v / yMax) * h;
  const out = [`<text x="${M.left}" y="${y0 + 18}" font-weight="bold">${title}</text>`];
  out.push(`<rect x="${M.left}" y="${y0 + M.top}" width="${w}" height="${h}" fill="none" stroke="#888"/>`);
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    out.push(`<line x1="${M.left}" x2="${M.left + w}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`);
    out.push(`<text x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${+v.toFixed(1)}</text>`);
  }
  for (let i = 0; i <= 5; i++) {
    const t = (tMax * i) / 5;
    out.push(`<text x="${x(t)}" y="${y0 + M.top + h + 14}" text-anchor="middle">${Math.round(t)}</text>`);
  }
  out.push(`<text x="${M.left + w / 2}" y="${y0 + PANEL_H - 4}" text-anchor="middle">seconds</text>`);
  out.push(`<text transform="translate(14,${y0 + M.top + h / 2}) rotate(-90)" text-anchor="middle">${unit}</text>`);
  lines.forEach((l, i) => {
    const points = l.values.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${points}" fill="none" stroke="${l.colour}" stroke-width="2"/>`);
    out.push(`<line x1="${M.left + w + 10}" x2="${M.left + w + 30}" y1="${y0 + M.top + 10 + i * 16}" y2="${y0 + M.top + 10 + i * 16}" stroke="${l.colour}" stroke-width="2"/>`);
    out.push(`<text x="${M.left + w + 34}" y="${y0 + M.top + 14 + i * 16}">${l.label}</text>`);
  });
  return out;
}

export function soakSvg(samples: Sample[], caption: string): string {
  const ok = samples.filter((s) => Number.isFinite(s.rssMb));
  const tMax = Math.max(1, ...ok.map((s) => s.t));
  const series = (k: keyof Sample) => ok.filter((s) => s[k] !== null).map((s): [number, number] => [s.t, s[k] as number]);
  const height = PANEL_H * 2 + 30;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${height}" fill="#fff"/>`,
    ...panel(
      'Server memory',
      'MB',
      [
        { label: 'RSS', colour: '#c0392b', values: series('rssMb') },
        { label: 'heap used', colour: '#2166ac', values: series('heapMb') },
        { label: 'workers RSS', colour: '#7f7f7f', values: series('workersRssMb') },
      ],
      0,
      tMax,
    ),
    ...panel(
      'Event loop delay p99 (per sample) and participants',
      'ms / count',
      [
        { label: 'loop p99 ms', colour: '#8e44ad', values: series('loopP99Ms') },
        { label: 'participants', colour: '#27ae60', values: series('liveParticipants') },
      ],
      PANEL_H,
      tMax,
    ),
    `<text x="12" y="${height - 8}" fill="#555">${caption.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
