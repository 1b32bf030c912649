// A participant's connection at a glance: what it sends and receives, loss, round-trip time and
// the 0..5 quality score (the SDK's network_metrics_report scale), each with its last minute.
import { formatBitrate } from '../../ui/format.js';
import { Sparkline } from '../../ui/sparkline.js';
import { READINGS, type QualityReading } from './use-room-stats.js';

const QUALITY_WORDS = ['broken', 'bad', 'below average', 'average', 'good', 'excellent'];

/** The last minute, oldest left, padded so that the line grows in from the right. */
function series(readings: QualityReading[], pick: (r: QualityReading) => number | null): (number | null)[] {
  return [...Array<null>(Math.max(0, READINGS - readings.length)).fill(null), ...readings.map(pick)];
}

function Tile({ label, spark, value, tone }: { label: string; spark: preact.ComponentChildren; value: string; tone?: string }) {
  return (
    <div class="quality-tile">
      <dt>{label}</dt>
      <dd>
        <span class={tone ? `quality-value ${tone}` : 'quality-value'}>{value}</span>
        {spark}
      </dd>
    </div>
  );
}

const SPARK = { width: 104, height: 24 };

export function QualityPanel({ name, readings }: { name: string; readings: QualityReading[] | undefined }) {
  if (!readings?.length) return <p class="muted small quality-wait">Waiting for media statistics…</p>;
  const last = readings.at(-1)!;
  const q = last.quality;
  const tone = q == null ? undefined : q >= 4 ? 'ok' : q >= 2 ? 'warn' : 'bad';
  return (
    <div class="quality-panel">
      <dl class="quality" aria-label={`${name}'s connection`}>
        <Tile label="Sending" spark={<Sparkline {...SPARK} values={series(readings, (r) => r.sent)} label={`${name}: bitrate sent, last minute`} />} value={formatBitrate(last.sent)} />
        <Tile
          label="Loss"
          spark={<Sparkline {...SPARK} values={series(readings, (r) => r.loss)} max={Math.max(5, ...readings.map((r) => r.loss))} color="#f5b94a" label={`${name}: packet loss, last minute`} />}
          value={`${last.loss.toFixed(1)} %`}
          tone={last.loss >= 5 ? 'bad' : last.loss >= 1 ? 'warn' : undefined}
        />
        <Tile
          label="RTT"
          spark={<Sparkline {...SPARK} values={series(readings, (r) => r.rtt)} color="#b48cff" label={`${name}: round-trip time, last minute`} />}
          value={last.rtt == null ? 'n/a' : `${Math.round(last.rtt)} ms`}
        />
        <Tile
          label="Quality"
          spark={<Sparkline {...SPARK} values={series(readings, (r) => r.quality)} max={5} color="#3ecf8e" label={`${name}: network quality, last minute`} />}
          value={q == null ? '—' : `${q}/5 ${QUALITY_WORDS[q] ?? ''}`}
          tone={tone}
        />
      </dl>
      <p class="muted small">Receiving {formatBitrate(last.received)} · one reading every 2 s</p>
    </div>
  );
}
