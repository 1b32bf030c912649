// Overview: what is live now, how the server bears it, and how the account was used over the
// last month — serverStats every 2 s, usage per day.
import { useMemo } from 'preact/hooks';
import { Link } from '../router.js';
import { formatBitrate, formatBitrateShort, formatBytes, formatDuration, formatPercent } from '../ui/format.js';
import { PageHeader } from '../ui/page-header.js';
import { TimeChart } from '../ui/time-chart.js';
import { UsageCharts } from './overview/usage-charts.js';
import { useServerStats, type Point } from './overview/use-server-stats.js';
import { WorkersTable } from './overview/workers-table.js';
import './overview/overview.css';

function Stat({ label, value, detail }: { label: string; value: string | number; detail?: preact.ComponentChildren }) {
  return (
    <div class="card stat">
      <span class="label">{label}</span>
      <span class="value">{value}</span>
      {detail && <span class="muted small">{detail}</span>}
    </div>
  );
}

/** Counts on an axis: whole numbers only (uPlot may put ticks at halves). */
const whole = (v: number) => (Number.isInteger(v) ? String(v) : '');

function LiveChart({ points }: { points: Point[] }) {
  const data = useMemo(() => [points.map((p) => p.t), points.map((p) => p.participants), points.map((p) => p.rooms)] as [number[], number[], number[]], [points]);
  return (
    <TimeChart
      label="Live participants and rooms over the last 5 minutes"
      height={200}
      series={[
        { label: 'Participants', color: '#4fb3ff', format: whole },
        { label: 'Rooms', color: '#f5b94a', format: whole },
      ]}
      data={data}
    />
  );
}

function BitrateChart({ points }: { points: Point[] }) {
  const data = useMemo(() => [points.map((p) => p.t), points.map((p) => p.ingress), points.map((p) => p.egress)] as [number[], number[], number[]], [points]);
  return (
    <TimeChart
      label="Media bitrate in and out over the last 5 minutes"
      height={200}
      axisFormat={formatBitrateShort}
      series={[
        { label: 'In', color: '#4fb3ff', format: formatBitrate },
        { label: 'Out', color: '#c38bff', format: formatBitrate },
      ]}
      data={data}
    />
  );
}

function CpuChart({ points }: { points: Point[] }) {
  const data = useMemo(() => [points.map((p) => p.t), points.map((p) => (p.cpu == null ? null : p.cpu * 100))] as [number[], (number | null)[]], [points]);
  return <TimeChart label="Media workers' CPU over the last 5 minutes" height={200} series={[{ label: 'Media CPU', color: '#3ecf8e', format: (v) => `${Math.round(v)} %` }]} data={data} />;
}

export function OverviewPage() {
  const { now, points, error } = useServerStats();
  const cpu = now?.workers.map((w) => w.cpu).filter((c): c is number => c != null);
  const busiest = cpu?.length ? Math.max(...cpu) : null;
  return (
    <>
      <PageHeader title="Overview" subtitle="What is live now and how the server carries it; updated every 2 seconds." />
      {error && (
        <p class="alert warning" role="status">
          Live figures interrupted ({error}); reconnecting…
        </p>
      )}
      <div class="overview-stats">
        <Stat label="Live rooms" value={now?.liveRooms ?? '…'} detail={<Link to="/rooms">See the rooms</Link>} />
        <Stat label="Live participants" value={now?.liveParticipants ?? '…'} detail="in rooms with a session in progress" />
        <Stat
          label="Media CPU"
          value={busiest == null ? '…' : formatPercent(busiest)}
          detail={now ? `busiest of ${now.workers.length} ${now.workers.length === 1 ? 'worker' : 'workers'} (100 % = one core)` : undefined}
        />
        <Stat label="Server memory" value={now ? formatBytes(now.rssBytes) : '…'} detail={now ? `heap ${formatBytes(now.heapUsedBytes)} · up ${formatDuration(now.uptimeSecs)}` : undefined} />
        <Stat
          label="Queued work"
          value={now ? now.webhookDeliveriesPending + now.compositionsEnqueued + now.compositionsRendering : '…'}
          detail={now ? `${now.webhookDeliveriesPending} webhook deliveries · ${now.compositionsEnqueued} compositions waiting, ${now.compositionsRendering} rendering` : undefined}
        />
      </div>
      <div class="overview-charts">
        <section class="card" aria-labelledby="live-chart-title">
          <h2 id="live-chart-title">
            Participants <span class="muted small">last 5 minutes</span>
          </h2>
          <LiveChart points={points} />
        </section>
        <section class="card" aria-labelledby="bitrate-chart-title">
          <h2 id="bitrate-chart-title">
            Media bitrate <span class="muted small">in and out, last 5 minutes</span>
          </h2>
          <BitrateChart points={points} />
        </section>
        <section class="card" aria-labelledby="cpu-chart-title">
          <h2 id="cpu-chart-title">
            Media CPU <span class="muted small">all workers, last 5 minutes</span>
          </h2>
          <CpuChart points={points} />
        </section>
      </div>
      <section class="card" aria-labelledby="workers-title">
        <h2 id="workers-title">Media workers</h2>
        {now ? <WorkersTable workers={now.workers} /> : <p class="empty">Connecting…</p>}
      </section>
      <UsageCharts />
    </>
  );
}
