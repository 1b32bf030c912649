import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ServerApi } from '../load/api.js';

// What the soak reads of the server: its figures over time (serverStats and /metrics), the media
// objects its workers hold (their dumps), and its recordings.

const run = promisify(execFile);

export interface Sample {
  /** Seconds since the soak started. */
  t: number;
  rssMb: number;
  heapMb: number;
  /** Event-loop delay p99 since the previous sample (prom-client resets its histogram at each scrape). */
  loopP99Ms: number | null;
  liveRooms: number;
  liveParticipants: number;
  consumers: number;
  workersRssMb: number;
  webhooksPending: number;
}

export interface MediaObjects {
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
}

const STATS = `{ serverStats { rssBytes heapUsedBytes liveRooms liveParticipants webhookDeliveriesPending workers { memoryBytes consumers } } }`;
const MB = 1024 * 1024;

export async function sample(api: ServerApi, t: number): Promise<Sample> {
  const [{ serverStats: s }, metrics] = await Promise.all([api.gql(STATS), fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${api.apiKey}` } }).then((r) => r.text())]);
  const p99 = /^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? ([\d.e+-]+)/m.exec(metrics)?.[1];
  return {
    t,
    rssMb: s.rssBytes / MB,
    heapMb: s.heapUsedBytes / MB,
    loopP99Ms: p99 === undefined ? null : Number(p99) * 1000,
    liveRooms: s.liveRooms,
    liveParticipants: s.liveParticipants,
    consumers: s.workers.reduce((n: number, w: any) => n + w.consumers, 0),
    workersRssMb: s.workers.reduce((n: number, w: any) => n + (w.memoryBytes ?? 0), 0) / MB,
    webhooksPending: s.webhookDeliveriesPending,
  };
}

/** The workers' own account of their media objects, added up over the workers. */
export async function dumpedObjects(api: ServerApi): Promise<MediaObjects> {
  const { serverStats } = await api.gql(`{ serverStats { workerDumps { routers transports producers consumers } } }`);
  const total: MediaObjects = { routers: 0, transports: 0, producers: 0, consumers: 0 };
  for (const w of serverStats.workerDumps) for (const k of Object.keys(total) as Array<keyof MediaObjects>) total[k] += w[k];
  return total;
}

export interface RecordingCheck {
  started: number;
  completed: number;
  failed: number;
  stillProcessing: number;
  /** Completed files ffprobe could not read, or read as empty. */
  unplayable: number;
  failureReasons: Record<string, number>;
  /**
   * Failed because no audio came while the publisher was muted by a moderator for all but a moment
   * of the recording (the product's answer to an empty track); counted in `failed`, not a loss.
   */
  failedWhileMuted: number;
  /** The failed ones: kind, the span they covered, and how long of it the audio was not muted. */
  failedRecordings: Array<{ type: string; reason: string; startedAt: string; endedAt: string | null; unmutedSecs: number | null }>;
}

const RECORDINGS = `query($after: String, $roomId: ID) { recordings(first: 250, after: $after, filter: {roomId: $roomId}) { pageInfo { hasNextPage endCursor }
  edges { node { id type status failureReason durationSecs downloadUrl startedAt endedAt participant { id } } } } }`;

/** The recordings of these rooms (a Postgres database given to the soak may hold others). */
async function listRecordings(api: ServerApi, roomIds: string[]): Promise<any[]> {
  const rows: any[] = [];
  for (const roomId of roomIds) {
    let after: string | null = null;
    for (;;) {
      const page: any = (await api.gql(RECORDINGS, { after, roomId })).recordings;
      rows.push(...page.edges.map((e: any) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
  }
  return rows;
}

/** A muted stretch shorter than this leaves too little audio to count on (the recorder's start). */
const MUTED_GRACE_MS = 3000;

/**
 * Waits (up to `waitMs`) for every recording to finish, then checks each completed file plays.
 * `unmutedMs(participantId, from, to)`: how long that participant's audio was not muted.
 */
export async function checkRecordings(api: ServerApi, roomIds: string[], waitMs: number, unmutedMs: (participantId: string, from: number, to: number) => number): Promise<RecordingCheck> {
  const deadline = Date.now() + waitMs;
  let rows = await listRecordings(api, roomIds);
  while (rows.some((r) => r.status === 'PROCESSING') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    rows = await listRecordings(api, roomIds);
  }
  const check: RecordingCheck = { started: rows.length, completed: 0, failed: 0, stillProcessing: 0, unplayable: 0, failureReasons: {}, failedWhileMuted: 0, failedRecordings: [] };
  for (const r of rows) {
    if (r.status === 'COMPLETED') check.completed++;
    else if (r.status === 'FAILED') {
      check.failed++;
      const reason = String(r.failureReason ?? 'unknown').slice(0, 80);
      check.failureReasons[reason] = (check.failureReasons[reason] ?? 0) + 1;
      const span = r.endedAt ? unmutedMs(r.participant.id, Date.parse(r.startedAt), Date.parse(r.endedAt)) : null;
      check.failedRecordings.push({ type: r.type, reason, startedAt: r.startedAt, endedAt: r.endedAt, unmutedSecs: span === null ? null : span / 1000 });
      if (r.type === 'AUDIO' && reason.startsWith('no media was received') && span !== null && span < MUTED_GRACE_MS) check.failedWhileMuted++;
    } else check.stillProcessing++;
  }
  for (const r of rows.filter((r) => r.status === 'COMPLETED')) if (!(await playable(r.downloadUrl))) check.unplayable++;
  return check;
}

/** ffprobe reads the file through its download link, to the end, and finds packets in it. */
async function playable(url: string | null): Promise<boolean> {
  if (!url) return false;
  try {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', '0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', url], { timeout: 30_000 });
    return Number(stdout.trim()) > 0;
  } catch {
    return false;
  }
}
