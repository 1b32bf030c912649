// A time series chart (uPlot): the x values are Unix seconds, one line per series.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  color: string;
  /** How a value reads in the legend and on the axis (bytes, bits/s…). */
  format?: (v: number) => string;
  /** Bars for per-day counts; lines for live readings. */
  bars?: boolean;
}

const AXIS = { stroke: '#9aa4b2', grid: { stroke: '#2a3240', width: 1 }, ticks: { stroke: '#2a3240' } };

/** `axisFormat`: a shorter way to write values on the y axis than the legend's (`1.2M` for `1.20 Mb/s`). */
export function TimeChart({
  series,
  data,
  height = 220,
  label,
  days = false,
  axisFormat,
}: {
  series: ChartSeries[];
  data: [number[], ...(number | null)[][]];
  height?: number;
  label: string;
  days?: boolean;
  axisFormat?: (v: number) => string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = series.map((s) => s.label).join('|');

  useEffect(() => {
    const el = host.current!;
    const fmt = axisFormat ?? series[0]?.format;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
      axes: [
        { ...AXIS, values: days ? (_u, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(5, 10)) : undefined },
        { ...AXIS, size: 60, values: fmt ? (_u, ticks) => ticks.map((t) => fmt(t)) : undefined },
      ],
      series: [
        { label: days ? 'Day' : 'Time', value: days ? (_u, v) => (v == null ? '—' : new Date(v * 1000).toISOString().slice(0, 10)) : undefined },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          fill: s.bars ? s.color + '88' : s.color + '22',
          width: 2,
          value: s.format ? (_u: uPlot, v: number | null) => (v == null ? '—' : s.format!(v)) : undefined,
          paths: s.bars ? uPlot.paths.bars!({ size: [0.6, 40] }) : undefined,
          points: { show: false },
        })),
      ],
    };
    plot.current = new uPlot(opts, data as uPlot.AlignedData, el);
    // Follow the layout's width (sidebar, narrow windows).
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [shape, height, days]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return <div class="chart" ref={host} role="img" aria-label={label} />;
}
