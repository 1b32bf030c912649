import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ServerApi } from '../load/api.js';
import type { LoadSummary } from '../load/load.js';
import type { ParticipantReport } from '../load/participant.js';
import { makeTestPattern, startServerProcess } from '../load/server-process.js';
import { DtlsPeer } from '../load/webrtc-link.js';
import { ErrorLog, seededRng, SoakRoom } from './rooms.js';
import { checkRecordings, dumpedObjects, sample, type MediaObjects, type RecordingCheck, type Sample } from './server-checks.js';
import { checkWebhooks, WebhookSink, type WebhookCheck, type WebhookOutage } from './webhooks.js';
import { finish } from './report.js';

// The soak (issue 15, item 3) as a function, for the CLI (run.ts) and the 1-minute test: a server
// process, rooms with URL ingress publishers and headless receivers, random joins, leaves, kicks,
// mutes and publisher restarts (recordings stopping and starting), webhooks to a local receiver;
// then a quiet window in which every receiver must hear every publisher, everyone leaves, and the
// books are checked.

export interface SoakOptions {
  rooms: number;
  perRoom: number;
  seconds: number;
  seed: number;
  publishers: number;
  /** Every n-th room records (room 0, n, 2n, …); 0: none. */
  recordEvery: number;
  /** Random actions per room per minute. */
  actionsPerMinute: number;
  sampleSecs: number;
  quietSecs: number;
  /** The webhook receiver is down this long, from a quarter into the run (0: never); default a fifth of the run, at most 120 s. */
  webhookOutageSecs?: number;
  databaseUrl?: string;
  log?: (line: string) => void;
}

export const SOAK_DEFAULTS: SoakOptions = { rooms: 20, perRoom: 4, seconds: 600, seed: 0, publishers: 1, recordEvery: 4, actionsPerMinute: 2, sampleSecs: 5, quietSecs: 10 };

export interface QuietCheck {
  /** Receiver × publisher × kind that got no packet in the quiet window at the end. */
  silent: Array<{ roomId: string; receiver: string; publisher: string; kind: string }>;
  pairs: number;
}

export interface SoakResult {
  options: SoakOptions;
  startedAt: string;
  durationSecs: number;
  errors: Record<string, number>;
  serverErrors: Record<string, number>;
  samples: Sample[];
  objectsAtStart: MediaObjects;
  objectsAtEnd: MediaObjects;
  /** Objects the workers still held once every room had emptied, over those at the start. */
  leaked: MediaObjects;
  loopP99Ms: { max: number | null; median: number | null };
  webhooks: WebhookCheck;
  webhookOutage?: WebhookOutage;
  recordings: RecordingCheck;
  receivers: LoadSummary;
  quiet: QuietCheck;
  actions: Record<string, number>;
  /** What makes the run fail (empty: it passed). */
  failures: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await sleep(500);
  }
  return false;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const t = () => (Date.now() - started) / 1000;
  const errors = new ErrorLog();
  const sink = new WebhookSink();
  const webhookUrl = await sink.start();
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'vr-soak-media-'));
  const mediaFile = makeTestPattern(path.join(mediaDir, 'pattern.webm'));
  const server = await startServerProcess({ databaseUrl: options.databaseUrl });
  const api = new ServerApi(server.url, server.apiKey);
  const peer = await DtlsPeer.start();
  const rng = seededRng(options.seed);
  const samples: Sample[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push(await sample(api, t()).catch(() => ({ t: t(), rssMb: NaN }) as Sample));
      await sleep(options.sampleSecs * 1000);
    }
  })();
  const rooms: SoakRoom[] = [];
  try {
    const objectsAtStart = await dumpedObjects(api);
    log(`server pid ${server.pid} at ${server.url}; seed ${options.seed}; ${options.rooms} rooms × (${options.publishers} publisher + ${options.perRoom} receivers)`);
    for (let i = 0; i < options.rooms; i++) {
      const room = new SoakRoom(i, options.recordEvery > 0 && i % options.recordEvery === 0, api, peer, errors, mediaFile);
      rooms.push(room);
      await room.open(webhookUrl, options.publishers, options.perRoom);
    }
    log(`${t().toFixed(0)} s: every room open`);
    const outageSecs = options.webhookOutageSecs ?? Math.min(120, Math.round(options.seconds / 5));
    const outage = outageSecs > 0 ? sink.outage(Math.round(options.seconds / 4), outageSecs, log) : undefined;
    // Random actions until the quiet window, spread evenly: one room at a time.
    const busyUntil = started + (options.seconds - options.quietSecs - 5) * 1000;
    const gapMs = 60_000 / Math.max(0.01, options.actionsPerMinute * options.rooms);
    let lastLog = Date.now();
    while (Date.now() < busyUntil) {
      await rooms[Math.floor(rng() * rooms.length)].act(rng);
      if (server.exited()) throw new Error(`the server ${server.exited()}`);
      if (Date.now() - lastLog > 30_000) {
        const s = samples.at(-1);
        log(
          `${t().toFixed(0)} s: rss ${s?.rssMb.toFixed(0)} MB, heap ${s?.heapMb.toFixed(0)} MB, loop p99 ${s?.loopP99Ms?.toFixed(1)} ms, ${s?.liveParticipants} participants, errors ${JSON.stringify(errors.byKind)}`,
        );
        lastLog = Date.now();
      }
      await sleep(Math.max(0, Math.min(gapMs * (0.5 + rng()), busyUntil - Date.now())));
    }
    // The quiet window: everyone unmuted, nobody moving; every receiver must hear every publisher.
    for (const room of rooms) await room.unmute();
    await sleep(5000);
    const quiet = await quietWindow(rooms, options.quietSecs);
    log(`${t().toFixed(0)} s: quiet window done (${quiet.pairs} receiver×publisher×kind pairs, ${quiet.silent.length} silent); emptying the rooms`);
    const reports: ParticipantReport[] = [];
    for (const room of rooms) reports.push(...(await room.empty()));
    await eventually('every room to end', async () => (await api.gql(`{ serverStats { liveRooms } }`)).serverStats.liveRooms === 0, 30_000);
    await eventually('webhooks to drain', async () => (await api.gql(`{ serverStats { webhookDeliveriesPending } }`)).serverStats.webhookDeliveriesPending === 0, 60_000);
    const webhookOutage = await outage;
    const objectsAtEnd = await dumpedObjects(api);
    const unmutedMs = (participantId: string, from: number, to: number) => Math.min(...rooms.map((r) => r.unmutedMs(participantId, from, to)));
    const recordings = await checkRecordings(
      api,
      rooms.map((r) => r.id),
      60_000,
      unmutedMs,
    );
    const webhooks = await checkWebhooks(
      api,
      sink,
      rooms.map((r) => r.id),
    );
    sampling = false;
    await sampler;
    return finish({ options, started, errors, samples, objectsAtStart, objectsAtEnd, webhooks, webhookOutage, recordings, reports, quiet, rooms, server });
  } finally {
    sampling = false;
    await Promise.all(rooms.flatMap((r) => r.receivers.map((p) => p.close())));
    peer.close();
    await server.stop();
    await sink.stop();
    rmSync(mediaDir, { recursive: true, force: true });
  }
}

/** Packets from each publisher to each receiver over `seconds`, with nothing else going on. */
async function quietWindow(rooms: SoakRoom[], seconds: number): Promise<QuietCheck> {
  const before = rooms.map((r) => new Map(r.receivers.map((p) => [p.participantId, p.snapshot()])));
  await sleep(seconds * 1000);
  const check: QuietCheck = { silent: [], pairs: 0 };
  rooms.forEach((room, i) => {
    for (const p of room.receivers) {
      const a = before[i].get(p.participantId);
      const b = p.snapshot();
      for (const pub of room.publishers) {
        for (const kind of ['audio', 'video'] as const) {
          check.pairs++;
          const got = (b.packetsFrom[pub.participantId]?.[kind] ?? 0) - (a?.packetsFrom[pub.participantId]?.[kind] ?? 0);
          if (got <= 0) check.silent.push({ roomId: room.id, receiver: p.participantId, publisher: pub.participantId, kind });
        }
      }
    }
  });
  return check;
}
