// Shared pieces of the browser tests: the client build, one Chromium per test file, pages that
// run the SDK or the meet app, polling helpers, and reading media stats out of the pages.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { generateToken, type TestServer } from '../helpers/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds client/dist when it is missing or older than the client sources (one builder at a time). */
export function ensureClientBuilt(): void {
  const outputs = [
    'client/dist/sdk/video-rooms.js',
    'client/dist/webhooks/verify-webhook.js',
    'client/dist/meet/app.js',
    'client/dist/meet/index.html',
    'client/dist/dashboard/main.js',
    'client/dist/dashboard/index.html',
  ].map((p) => path.join(ROOT, p));
  const fresh = () => {
    if (!outputs.every(existsSync)) return false;
    const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
    return built >= Math.max(newestMtime(path.join(ROOT, 'client')), statSync(path.join(ROOT, 'scripts/build-client.mjs')).mtimeMs);
  };
  if (fresh()) return;
  const lock = path.join(ROOT, 'client/.build-lock');
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('client build lock held for over a minute: remove client/.build-lock');
      execFileSync('sleep', ['0.2']);
    }
  }
  try {
    if (!fresh()) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-client.mjs')], { stdio: 'inherit' });
  } finally {
    rmdirSync(lock);
  }
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  // Grants camera and microphone, and makes getDisplayMedia capture a fake screen without a picker
  // (checked on Chromium 156: --auto-select-desktop-capture-source alone does not; this flag alone does).
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  // Background pages must not be throttled: several participants share one browser.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** Polls `check` until it returns a truthy value; fails with the last value seen. */
const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');

/** Saves what the page shows as test-artifacts/<name>.png, for a person to look at after the run. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 15_000, intervalMs = 150): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await check();
      if (last) return last as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function token(server: TestServer, roomId: string, args: Record<string, unknown> = {}): Promise<string> {
  const r = await generateToken(server, roomId, args);
  if (!r.clientToken) throw new Error(`generateClientToken failed: ${JSON.stringify(r)}`);
  return r.clientToken.token as string;
}

// ---- pages ----------------------------------------------------------------------------------

/** Runs in a test page: a minimal app on the SDK bundle that receives everything it can. */
const SDK_PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<div id="media"></div>
<script type="module">
import * as VR from '/sdk/video-rooms.js';
const plain = (v) => (v === null || ['string', 'number', 'boolean'].includes(typeof v) || Array.isArray(v) ? v : v && v.type === 'text' ? v : undefined);
const app = {
  VR, room: null, events: [], errors: [], autoSubscribe: true, metrics: [],
  async start(opts) {
    const room = await VR.initialize({ roomId: opts.roomId, clientToken: opts.token, context: opts.context, logLevel: opts.logLevel ?? 'WARN',
      networkMetricsIntervalMs: opts.metricsMs, reconnectWindowMs: opts.reconnectWindowMs, refreshToken: opts.refreshToken, adaptiveStream: opts.adaptiveStream,
      getToken: opts.getToken ? () => window.mintToken() : undefined });
    app.room = room;
    app.autoSubscribe = opts.autoSubscribe ?? true;
    const names = ['connected', 'disconnected', 'participant_joined', 'participant_leaving', 'participant_left', 'stream_published',
      'stream_unpublished', 'track_enabled', 'track_disabled', 'track_censored', 'track_uncensored', 'audio_activity',
      'subscription_started', 'subscription_reconfigured', 'subscription_ended', 'message_received', 'token_expiring'];
    for (const name of names) room.on(name, (...args) => app.events.push({ name, args: args.map(plain).filter((a) => a !== undefined), at: Date.now() }));
    room.on('network_metrics_report', (m) => app.metrics.push(m));
    // As Telnyx's apps do: reports on everyone in the room, the list renewed as people join.
    const enableMetrics = (st) => { if (opts.metricsMs) room.enableNetworkMetricsReport([...st.participants.keys()], { includeStreams: true }); };
    room.on('participant_joined', (pid, st) => enableMetrics(st));
    const subscribe = (pid, key) => room.addSubscription(pid, key, { audio: true, video: true }).catch((e) => app.errors.push(String(e)));
    room.on('connected', (st) => { if (app.autoSubscribe) for (const s of st.streams.values()) if (s.origin === 'remote') subscribe(s.participantId, s.key); });
    room.on('stream_published', (pid, key, st) => { if (app.autoSubscribe && pid !== st.localParticipantId) subscribe(pid, key); });
    room.on('state_changed', (st) => app.render(st));
    await room.connect();
    enableMetrics(room.getState());
    if (opts.publish !== false) await room.addStream('self', { audio: true, video: opts.video ?? { width: 320, height: 240, frameRate: 15 }, simulcast: !!opts.simulcast });
    return room.getState().localParticipantId;
  },
  render(st) {
    const box = document.getElementById('media');
    const seen = new Set();
    for (const s of st.streams.values()) {
      if (s.origin !== 'remote' || !s.isConfigured) continue;
      seen.add(s.id);
      let v = document.getElementById(s.id);
      if (!v) { v = document.createElement('video'); v.id = s.id; v.autoplay = true; v.muted = true; box.append(v); }
      const tracks = [s.videoTrack, s.audioTrack].filter(Boolean);
      const cur = v.srcObject ? v.srcObject.getTracks() : [];
      if (tracks.length !== cur.length || tracks.some((t) => !cur.includes(t))) { v.srcObject = new MediaStream(tracks); v.play().catch(() => {}); }
    }
    for (const v of [...box.children]) if (!seen.has(v.id)) v.remove();
  },
};
window.app = app;
window.appReady = true;
</script></body></html>`;

export interface Participant {
  page: Page;
  context: BrowserContext;
  id: string;
}

/** A page in its own browser context, on the server's origin (getUserMedia needs a secure origin: 127.0.0.1 is). */
export async function newPage(browser: Browser, viewport = { width: 800, height: 600 }): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/favicon|status of 404/.test(msg.text())) console.error('[page console]', msg.text());
  });
  return { page, context };
}

export interface SdkJoinOptions {
  roomId: string;
  token: string;
  context?: string;
  publish?: boolean;
  simulcast?: boolean;
  autoSubscribe?: boolean;
  metricsMs?: number;
  reconnectWindowMs?: number;
  /** The SDK renews the access token from this refresh token. */
  refreshToken?: string;
  /** The SDK renews the access token by calling the page's `mintToken()` (see exposeMintToken). */
  getToken?: boolean;
  /** initialize's adaptiveStream (the page's elements are attached by the test). */
  adaptiveStream?: boolean | { debounceMs?: number };
  /** Capture constraints of the published camera (default 320x240 at 15 fps, light for two cores). */
  video?: MediaTrackConstraints;
}

/**
 * The SDK test page, written into a document of the server's origin. (A page fulfilled by
 * page.route has no address of its own, and Chromium's local network access checks then refuse
 * its WebSocket to 127.0.0.1.)
 */
async function openSdkPage(page: Page, server: TestServer): Promise<void> {
  await page.goto(`${server.url}/healthz`);
  await page.setContent(SDK_PAGE);
  await page.waitForFunction(() => (window as any).appReady === true);
}

/** Opens the SDK test page and joins; resolves with the participant id (join errors reject). */
export async function sdkParticipant(browser: Browser, server: TestServer, opts: SdkJoinOptions, beforeJoin?: (page: Page) => Promise<unknown>): Promise<Participant> {
  const { page, context } = await newPage(browser);
  await openSdkPage(page, server);
  await beforeJoin?.(page);
  try {
    const id = await page.evaluate((o) => (window as any).app.start(o), opts as any);
    return { page, context, id };
  } catch (err) {
    await context.close();
    throw err;
  }
}

/** Same page and SDK, but connect is left to the caller (for failures, and the join benchmark). */
export async function sdkPage(browser: Browser, server: TestServer): Promise<{ page: Page; context: BrowserContext }> {
  const { page, context } = await newPage(browser);
  await openSdkPage(page, server);
  return { page, context };
}

export interface MeetOptions {
  roomId: string;
  token: string;
  name?: string;
  /** The SDK renews the access token with it (`&refreshToken=`). */
  refreshToken?: string;
  /** The window's size (default 800×600). */
  viewport?: { width: number; height: number };
  /** More URL parameters (refreshToken, res, …). */
  params?: Record<string, string>;
}

/** Opens the meet app on its pre-join screen (the camera captured at 320x240, 15 fps: light for two cores). */
export async function meetPage(browser: Browser, server: TestServer, opts: MeetOptions & { autojoin?: boolean }): Promise<{ page: Page; context: BrowserContext }> {
  const { page, context } = await newPage(browser, opts.viewport);
  const q = new URLSearchParams({ roomId: opts.roomId, token: opts.token, res: '320x240', fps: '15', ...opts.params });
  if (opts.name) q.set('name', opts.name);
  if (opts.refreshToken) q.set('refreshToken', opts.refreshToken);
  if (opts.autojoin) q.set('autojoin', '1');
  await page.goto(`${server.url}/meet/?${q}`);
  return { page, context };
}

/**
 * Opens the meet app past its pre-join screen (`autojoin=1`); resolves once it is connected and
 * sends its camera and microphone (or shows an error, with `expectError`).
 */
export async function meetParticipant(browser: Browser, server: TestServer, opts: MeetOptions & { expectError?: boolean }): Promise<Participant> {
  const { page, context } = await meetPage(browser, server, { ...opts, autojoin: true });
  if (opts.expectError) {
    await page.waitForSelector('#error:not([hidden])', { timeout: 30_000 });
    return { page, context, id: '' };
  }
  return { page, context, id: await meetJoined(page) };
}

/** Waits until the meet app in `page` is connected and sends its camera and microphone; its participant id. */
export async function meetJoined(page: Page): Promise<string> {
  await page.waitForSelector('#status[data-status="connected"]', { timeout: 30_000 });
  // Publishing follows the connection: wait for our own tile to carry the stream.
  await page.waitForSelector('.tile[data-local="true"][data-published="true"]', { timeout: 30_000 });
  return page.evaluate(() => (window as any).meet.room.getState().localParticipantId as string);
}

// ---- reading what a page receives -----------------------------------------------------------

export interface Received {
  /** video framesDecoded */
  frames: number;
  /** audio packetsReceived */
  audioPackets: number;
  /** video packetsReceived */
  videoPackets: number;
}

/**
 * What the page receives of each remote stream it subscribes to: `participantId:key` → counters
 * from the inbound-rtp stats of its consumers. `roomExpr` finds the Room in the page.
 */
export async function received(page: Page, roomExpr = 'window.app.room'): Promise<Record<string, Received>> {
  return page.evaluate(async (expr) => {
    const room = (0, eval)(expr);
    const state = room.getState();
    const out: Record<string, { frames: number; audioPackets: number; videoPackets: number }> = {};
    for (const [pid, subs] of state.subscriptions) {
      for (const [key] of subs) {
        const stats = await room.getWebRTCStatsForStream(pid, key);
        const r = { frames: 0, audioPackets: 0, videoPackets: 0 };
        for (const s of Object.values(stats.receivers.video ?? {}) as any[])
          if (s.type === 'inbound-rtp') {
            r.frames += s.framesDecoded ?? 0;
            r.videoPackets += s.packetsReceived ?? 0;
          }
        for (const s of Object.values(stats.receivers.audio ?? {}) as any[]) if (s.type === 'inbound-rtp') r.audioPackets += s.packetsReceived ?? 0;
        out[`${pid}:${key}`] = r;
      }
    }
    return out;
  }, roomExpr);
}

/**
 * Waits until `page` decodes video and receives audio from every stream in `expected`, and both
 * counters keep rising (two readings, the second higher than the first).
 */
export async function expectFlowing(page: Page, expected: string[], opts: { roomExpr?: string; audio?: boolean; video?: boolean; timeoutMs?: number } = {}): Promise<Record<string, Received>> {
  const { roomExpr, audio = true, video = true, timeoutMs = 30_000 } = opts;
  const ok = (r: Received | undefined, base?: Received) => !!r && (!video || r.frames > (base?.frames ?? 0)) && (!audio || r.audioPackets > (base?.audioPackets ?? 0));
  // On a timeout the error shows the counters last read (`last`), per stream.
  const first = await waitFor(
    `media from ${expected.join(', ')}`,
    async () => {
      const got = await received(page, roomExpr);
      if (expected.every((k) => ok(got[k]))) return got;
      const transports = await page.evaluate((expr) => (0, eval)(expr).__testHooks?.transportStates(), roomExpr ?? 'window.app.room').catch(() => null);
      throw new Error(JSON.stringify({ received: got, transports }));
    },
    timeoutMs,
  );
  return waitFor(
    `media from ${expected.join(', ')} to keep flowing`,
    async () => {
      const got = await received(page, roomExpr);
      if (expected.every((k) => ok(got[k], first[k]))) return got;
      throw new Error(JSON.stringify({ first, now: got }));
    },
    timeoutMs,
  );
}

/** The events the SDK test page recorded, by name. */
export async function events(page: Page, name?: string): Promise<{ name: string; args: any[]; at: number }[]> {
  const all = await page.evaluate(() => (window as any).app.events as { name: string; args: any[]; at: number }[]);
  return name ? all.filter((e) => e.name === name) : all;
}

export async function closeAll(...participants: (Participant | { context: BrowserContext } | undefined)[]): Promise<void> {
  await Promise.all(participants.map((p) => p?.context.close().catch(() => {})));
}

// ---- the server side: moderation and the database --------------------------------------------

export async function participantRows(server: TestServer, roomId: string) {
  return server.running.services.db.selectFrom('participants').selectAll().where('room_id', '=', roomId).orderBy('joined_at').execute();
}

export async function sessionRows(server: TestServer, roomId: string) {
  return server.running.services.db.selectFrom('room_sessions').selectAll().where('room_id', '=', roomId).orderBy('created_at').execute();
}

/** The room's recordings once `count` of them exist and none is still processing (files are finished after the participants leave). */
export async function finishedRecordings(server: TestServer, roomId: string, count: number) {
  const db = server.running.services.db;
  return waitFor(
    `${count} finished recordings`,
    async () => {
      const all = await db.selectFrom('recordings').selectAll().where('room_id', '=', roomId).execute();
      return all.length === count && all.every((r) => r.status !== 'processing') ? all : undefined;
    },
    30_000,
  );
}

/** kickParticipants / muteParticipants / unmuteParticipants for some participants; returns the ids it applied to. */
export async function moderate(server: TestServer, action: 'kickParticipants' | 'muteParticipants' | 'unmuteParticipants', sessionId: string, ids: string[]): Promise<string[]> {
  const res = await server.gql(
    `mutation($s: ID!, $p: ParticipantSelector!) { ${action}(sessionId: $s, participants: $p) { __typename ... on UserError { code message } ... on ${action[0]!.toUpperCase()}${action.slice(1)}Payload { result { participantIds } } } }`,
    { s: sessionId, p: { ids } },
  );
  const r = res.data?.[action];
  if (!r?.result) throw new Error(`${action} failed: ${JSON.stringify(res)}`);
  return r.result.participantIds;
}

export async function endSession(server: TestServer, sessionId: string) {
  const res = await server.gql(`mutation($s: ID!) { endSession(sessionId: $s) { __typename ... on UserError { code message } ... on EndSessionPayload { session { id endedAt endedReason } } } }`, {
    s: sessionId,
  });
  if (!res.data?.endSession?.session) throw new Error(`endSession failed: ${JSON.stringify(res)}`);
  return res.data.endSession.session;
}

export async function deleteRoom(server: TestServer, roomId: string) {
  const res = await server.gql(`mutation($id: ID!) { deleteRoom(id: $id) { __typename ... on UserError { code message } } }`, { id: roomId });
  if (res.data?.deleteRoom?.__typename !== 'DeleteRoomPayload') throw new Error(`deleteRoom failed: ${JSON.stringify(res)}`);
}

/** The session id a page's room is in. */
export const sessionOf = (page: Page, roomExpr = 'window.app.room') => page.evaluate((expr) => (0, eval)(expr).getState().sessionId as string, roomExpr);
