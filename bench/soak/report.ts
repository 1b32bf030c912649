import { readFileSync } from 'node:fs';
import { summarize } from '../load/load.js';
import type { ParticipantReport } from '../load/participant.js';
import type { SoakServer } from '../load/server-process.js';
import type { ErrorLog, SoakRoom } from './rooms.js';
import type { MediaObjects, RecordingCheck, Sample } from './server-checks.js';
import type { QuietCheck, SoakOptions, SoakResult } from './soak.js';
import type { WebhookCheck, WebhookOutage } from './webhooks.js';

// The soak's verdict and its report: JSON, markdown, and RSS/heap/event-loop delay over time in SVG.

/** The server's log lines at error level and above, by message. */
function serverErrors(logFile: string): Record<string, number> {
  const out: Record<string, number> = {};
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      if ((entry.level ?? 0) >= 50) out[entry.msg ?? '?'] = (out[entry.msg ?? '?'] ?? 0) + 1;
    } catch {
      // not a log line
    }
  }
  return out;
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

export function finish(run: {
  options: SoakOptions;
  started: number;
  errors: ErrorLog;
  samples: Sample[];
  objectsAtStart: MediaObjects;
  objectsAtEnd: MediaObjects;
  webhooks: WebhookCheck;
  webhookOutage?: WebhookOutage;
  recordings: RecordingCheck;
  reports: ParticipantReport[];
  quiet: QuietCheck;
  rooms: SoakRoom[];
  server: SoakServer;
}): SoakResult {
  const leaked = Object.fromEntries(Object.entries(run.objectsAtEnd).map(([k, v]) => [k, v - run.objectsAtStart[k as keyof MediaObjects]])) as unknown as MediaObjects;
  const receivers = summarize(run.reports);
  const actions: Record<string, number> = {};
  for (const room of run.rooms) for (const [k, n] of Object.entries(room.actions)) actions[k] = (actions[k] ?? 0) + n;
  const loops = run.samples.map((s) => s.loopP99Ms).filter((v): v is number => v !== null && Number.isFinite(v));
  const errors = { ...run.errors.byKind };
  for (const [kind, n] of Object.entries(receivers.errors)) errors[`receiver ${kind}`] = (errors[`receiver ${kind}`] ?? 0) + n;
  const result: SoakResult = {
    options: run.options,
    startedAt: new Date(run.started).toISOString(),
    durationSecs: Math.round((Date.now() - run.started) / 1000),
    errors,
    serverErrors: serverErrors(run.server.logFile),
    samples: run.samples,
    objectsAtStart: run.objectsAtStart,
    objectsAtEnd: run.objectsAtEnd,
    leaked,
    loopP99Ms: { max: loops.length ? Math.max(...loops) : null, median: percentile(loops, 50) },
    webhooks: run.webhooks,
    ...(run.webhookOutage ? { webhookOutage: run.webhookOutage } : {}),
    recordings: run.recordings,
    receivers,
    quiet: run.quiet,
    actions,
    failures: [],
  };
  result.failures = verdict(result);
  return result;
}

/** Everything that makes the soak fail: lost, leaked, duplicated, out of order, broken. */
export function verdict(r: SoakResult): string[] {
  const f: string[] = [];
  if (Object.keys(r.errors).length) f.push(`errors: ${JSON.stringify(r.errors)}`);
  if (Object.keys(r.serverErrors).length) f.push(`server logged errors: ${JSON.stringify(r.serverErrors)}`);
  for (const [k, n] of Object.entries(r.leaked)) if (n !== 0) f.push(`leaked mediasoup ${k}: ${n}`);
  const w = r.webhooks;
  if (w.emitted === 0) f.push('no webhook emitted');
  if (w.missing || w.delivered !== w.emitted) f.push(`webhooks delivered ${w.delivered} of ${w.emitted} emitted`);
  if (w.duplicates) f.push(`webhooks received twice: ${w.duplicates}`);
  if (w.outOfOrder) f.push(`webhooks out of order: ${w.outOfOrder}`);
  if (w.notDelivered) f.push(`outbox rows not delivered: ${w.notDelivered}`);
  if (r.webhookOutage && r.webhookOutage.firstArrivalAfterMs < 0) f.push('no webhook arrived after the receiver came back');
  const rec = r.recordings;
  if (r.options.recordEvery > 0 && rec.started === 0) f.push('no recording started');
  if (rec.completed + rec.failedWhileMuted !== rec.started)
    f.push(`recordings completed ${rec.completed} of ${rec.started} started (failed ${rec.failed}: ${JSON.stringify(rec.failureReasons)}, processing ${rec.stillProcessing})`);
  if (rec.unplayable) f.push(`recordings ffprobe cannot read: ${rec.unplayable}`);
  if (r.quiet.pairs === 0) f.push('nobody to check in the quiet window');
  if (r.quiet.silent.length) f.push(`receivers that heard nothing from a publisher in the quiet window: ${r.quiet.silent.length} of ${r.quiet.pairs} (receiver × publisher × kind)`);
  if (r.receivers.events === 0 || r.receivers.packets === 0) f.push('receivers got no events or no packets');
  return f;
}

const fmt = (v: number | null | undefined, digits = 0) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits));

export function markdown(r: SoakResult, svgName: string): string {
  const first = r.samples.find((s) => Number.isFinite(s.rssMb));
  const last = r.samples.filter((s) => Number.isFinite(s.rssMb)).at(-1);
  const peak = (k: 'rssMb' | 'heapMb') => Math.max(...r.samples.map((s) => s[k]).filter(Number.isFinite));
  const o = r.options;
  return [
    `# Soak ${r.startedAt}: ${r.failures.length ? 'FAILED' : 'passed'}`,
    '',
    `${o.rooms} rooms × (${o.publishers} URL ingress publisher + ${o.perRoom} headless receivers), ${r.durationSecs} s, seed ${o.seed}, recording in every ${o.recordEvery}th room, ${o.actionsPerMinute} actions per room per minute (${JSON.stringify(r.actions)}).`,
    '',
    '| figure | value |',
    '|---|---|',
    `| errors | ${JSON.stringify(r.errors)} |`,
    `| server log errors | ${JSON.stringify(r.serverErrors)} |`,
    `| server RSS start / end / peak | ${fmt(first?.rssMb)} / ${fmt(last?.rssMb)} / ${fmt(peak('rssMb'))} MB |`,
    `| server heap start / end / peak | ${fmt(first?.heapMb)} / ${fmt(last?.heapMb)} / ${fmt(peak('heapMb'))} MB |`,
    `| workers' RSS start / end | ${fmt(first?.workersRssMb)} / ${fmt(last?.workersRssMb)} MB |`,
    `| mediasoup objects at start (routers/transports/producers/consumers) | ${Object.values(r.objectsAtStart).join(' / ')} |`,
    `| mediasoup objects at the end, rooms emptied | ${Object.values(r.objectsAtEnd).join(' / ')} |`,
    `| leaked | ${Object.values(r.leaked).join(' / ')} |`,
    `| event loop delay p99 (per ${o.sampleSecs} s sample): median / max | ${fmt(r.loopP99Ms.median, 1)} / ${fmt(r.loopP99Ms.max, 1)} ms |`,
    `| webhooks delivered / emitted | ${r.webhooks.delivered} / ${r.webhooks.emitted} (missing ${r.webhooks.missing}, twice ${r.webhooks.duplicates}, out of order ${r.webhooks.outOfOrder}, outbox not delivered ${r.webhooks.notDelivered}) |`,
    ...(r.webhookOutage
      ? [
          `| webhook receiver outage | down ${r.webhookOutage.seconds} s from ${r.webhookOutage.atSecs} s; first delivery ${fmt(r.webhookOutage.firstArrivalAfterMs / 1000, 1)} s after it was back (the retries' backoff) |`,
        ]
      : []),
    `| recordings completed / started | ${r.recordings.completed} / ${r.recordings.started} (failed ${r.recordings.failed}, of which ${r.recordings.failedWhileMuted} audio muted all along: no media; unplayable ${r.recordings.unplayable}) |`,
    `| receivers | ${r.receivers.participants} over the run: ${r.receivers.packets} RTP packets, ${r.receivers.events} room events |`,
    `| quiet window (${o.quietSecs} s) | ${r.quiet.pairs - r.quiet.silent.length} of ${r.quiet.pairs} receiver × publisher × kind pairs got packets |`,
    '',
    r.failures.length ? `Failures:\n${r.failures.map((f) => `- ${f}`).join('\n')}` : 'Nothing lost, leaked, duplicated or out of order.',
    '',
    `Webhooks by type: ${JSON.stringify(r.webhooks.byType)}`,
    '',
    `![RSS, heap and event loop delay over time](${svgName})`,
    '',
  ].join('\n');
}
