// A small line of the last readings (SVG): the shape of a figure over the last minute, beside it.

/** `max` fixes the top of the scale (a 0..5 score, a percentage); without it the highest value is. */
export function Sparkline({
  values,
  width = 120,
  height = 28,
  color = '#4fb3ff',
  label,
  max: top,
}: {
  values: (number | null)[];
  width?: number;
  height?: number;
  color?: string;
  label: string;
  max?: number;
}) {
  const points = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] != null);
  const max = top ?? Math.max(1e-9, ...points.map((p) => p[1]));
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const d = points.map(([i, v], n) => `${n ? 'L' : 'M'}${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return (
    <svg class="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <path d={d} fill="none" stroke={color} stroke-width="1.5" />
    </svg>
  );
}
