// Usage over the last 30 days (UTC): participant-minutes, sessions and recording minutes per day,
// from the usage query. Today's figures grow while people are in rooms: the charts follow the
// account's events (sessions, departures, recordings) rather than a timer.
import { useQuery } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import { graphql } from '../../generated/gql.js';
import { ErrorNotice } from '../../ui/errors.js';
import { useRefreshOnEvents } from '../../ui/live-refresh.js';
import { TimeChart } from '../../ui/time-chart.js';

const Usage = graphql(`
  query OverviewPageUsage($from: Date!, $to: Date!) {
    usage(from: $from, to: $to) {
      day
      participantMinutes
      sessions
      recordingMinutes
    }
  }
`);

const DAYS = 30;
const USAGE_EVENTS = ['video.room.session.started', 'video.room.session.ended', 'video.room.participant.left', 'video.room.recording.completed'];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const minutes = (v: number) => (v >= 100 || Number.isInteger(v) ? `${Math.round(v)} min` : `${v.toFixed(1)} min`);
const whole = (v: number) => (Number.isInteger(v) ? String(v) : '');

function range(): { from: string; to: string } {
  const to = new Date();
  const from = new Date(to.getTime() - (DAYS - 1) * 86_400_000);
  return { from: isoDay(from), to: isoDay(to) };
}

const CHARTS = [
  { key: 'participantMinutes', label: 'Participant-minutes', color: '#4fb3ff', format: minutes, total: (v: number) => minutes(v) },
  { key: 'sessions', label: 'Sessions', color: '#f5b94a', format: whole, total: (v: number) => `${Math.round(v)} ${Math.round(v) === 1 ? 'session' : 'sessions'}` },
  { key: 'recordingMinutes', label: 'Recording minutes', color: '#3ecf8e', format: minutes, total: (v: number) => minutes(v) },
] as const;

export function UsageCharts() {
  const vars = useMemo(range, []);
  const [result, reexecute] = useQuery({ query: Usage, variables: vars });
  useRefreshOnEvents(USAGE_EVENTS, () => reexecute({ requestPolicy: 'network-only' }));
  const days = result.data?.usage;
  const x = useMemo(() => days?.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000) ?? [], [days]);
  return (
    <section class="card" aria-labelledby="usage-title">
      <h2 id="usage-title">
        Usage, last {DAYS} days <span class="muted small">per UTC day</span>
      </h2>
      <ErrorNotice error={result.error} what="Usage could not be loaded" />
      <div class="usage-grid">
        {CHARTS.map((c) => {
          const values = days?.map((d) => d[c.key]) ?? [];
          return (
            <figure key={c.key} class="usage-chart">
              <figcaption>
                <span class="muted">{c.label}</span>
                <strong>{days ? c.total(values.reduce((a, b) => a + b, 0)) : '…'}</strong>
              </figcaption>
              {days && <TimeChart days label={`${c.label} per day, last ${DAYS} days`} height={160} series={[{ label: c.label, color: c.color, format: c.format, bars: true }]} data={[x, values]} />}
            </figure>
          );
        })}
      </div>
    </section>
  );
}
