// The npm package @video-rooms/client as someone installing it gets it: `npm pack` of client/,
// installed offline into a fresh Vite app on its own origin, which joins a room and exchanges
// media with a second participant; its `./webhooks` entry run in Node; both entries type-checked.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRoom, generateToken, startTestServer, type TestServer } from '../helpers/server.js';
import { buildApp, freshApp, packClient, PACKAGE_NAME, serveFolder, typeCheckApp, verifyInNode, type PackReport } from './fresh-app.js';
import { closeAll, ensureClientBuilt, expectFlowing, launchBrowser, newPage, sdkParticipant, waitFor } from './harness.js';

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

describe('the npm package', { timeout: 120_000 }, () => {
  let work: string;
  let report: PackReport;
  let app: string;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt();
    work = mkdtempSync(path.join(tmpdir(), 'vr-pack-'));
    report = packClient(work);
    console.log(`${path.basename(report.tarball)}: ${kib(report.tarballBytes)}; SDK bundle ${kib(report.sdkBundleBytes)} minified, ${kib(report.sdkBundleGzipBytes)} gzipped`);
    app = freshApp(report.tarball);
    site = await serveFolder(await buildApp(app));
    // The app is on another origin than the API: the access token's renewal (an HTTP POST) needs CORS.
    [server, browser] = await Promise.all([startTestServer('pglite', { CORS_ORIGINS: site.url }), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await site?.close();
    for (const dir of [work, app]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the tarball holds the SDK, the webhook helper and their types, at the SDK’s version, with no dependencies', () => {
    expect(report.files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/sdk/video-rooms.js', 'dist/sdk/video-rooms.d.ts', 'dist/sdk/THIRD-PARTY-NOTICES.txt', 'dist/sdk/LICENSE']));
    expect(report.files).toEqual(expect.arrayContaining(['dist/webhooks/verify-webhook.js', 'dist/webhooks/verify-webhook.d.ts', 'dist/sdk/types/index.d.ts']));
    // Nothing of the server, the meet app or the dashboard.
    expect(report.files.filter((f) => !/^(package\.json|README\.md|dist\/(sdk|webhooks)\/.+)$/.test(f))).toEqual([]);

    const installed = path.join(app, 'node_modules', PACKAGE_NAME);
    const pkg = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
    const sdkVersion = /export const version = '([^']+)'/.exec(readFileSync(path.join(import.meta.dirname, '../../client/sdk/index.ts'), 'utf8'))?.[1];
    expect(pkg).toMatchObject({ name: PACKAGE_NAME, version: sdkVersion, type: 'module', license: 'MIT' });
    expect(Object.keys(pkg.exports)).toEqual(['.', './webhooks', './package.json']);
    expect([pkg.dependencies, pkg.peerDependencies, pkg.optionalDependencies]).toEqual([undefined, undefined, undefined]);
    // The install brought nothing else, and the bundle imports nothing: mediasoup-client, urql and graphql-ws are inside.
    expect(readdirSync(path.join(app, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual(['@video-rooms']);
    const bundle = readFileSync(path.join(installed, 'dist/sdk/video-rooms.js'), 'utf8');
    // (Statements only: graphql-ws's error text quotes "import WebSocket from 'ws'".)
    expect(bundle.match(/(?:^|[;}])\s*import\s*(?:[\w*{][^;]*?\bfrom\s*)?["'][^"']+["']|\bimport\(\s*["'][^"']+["']/g)).toBeNull();
  });

  test('the ./webhooks entry, imported in Node through the exports, verifies a signed webhook and refuses an altered one', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const body = JSON.stringify({ data: { record_type: 'event', event_type: 'video.room.participant.joined', payload: {} } });
    const signature = sign(null, Buffer.from(`${timestamp}|${body}`), privateKey).toString('base64');
    expect(verifyInNode(app, { body, signature, timestamp, publicKey: raw })).toEqual({ genuine: true, altered: false });
  });

  test('an app importing both entries type-checks against the package (bundler and NodeNext resolution)', () => {
    for (const extra of [[], ['--module', 'nodenext', '--moduleResolution', 'nodenext']]) {
      try {
        typeCheckApp(app, extra);
      } catch (err: any) {
        throw new Error(`tsc ${extra.join(' ') || '(bundler)'}: ${err.stdout || err.message}`, { cause: err });
      }
    }
  });

  test('the fresh Vite app joins a room and exchanges media with a second participant, renewing its token across origins', async () => {
    const room = await createRoom(server);
    // A 10 s access token: the app must renew it from the refresh token (POST to the API's origin) to stay.
    const { clientToken } = await generateToken(server, room.id, { ttl: 10, refreshTtl: 120 });
    const { page, context } = await newPage(browser);
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const q = new URLSearchParams({ roomId: room.id, token: clientToken.token, refreshToken: clientToken.refreshToken, server: server.url });
    await page.goto(`${site.url}/?${q}`);
    const joinedAt = Date.now();
    const appId = await waitFor('the fresh app to join', () => appState(page), 30_000);
    const other = await sdkParticipant(browser, server, { roomId: room.id, token: (await generateToken(server, room.id)).clientToken.token, context: 'B' });
    try {
      expect(await page.evaluate(() => (window as any).app.version)).toBe('0.1.0');
      await Promise.all([expectFlowing(page, [`${other.id}:self`]), expectFlowing(other.page, [`${appId}:self`])]);
      // Past the first token's life: still connected, still receiving.
      await new Promise((r) => setTimeout(r, Math.max(0, 13_000 - (Date.now() - joinedAt))));
      expect(await page.evaluate(() => (window as any).app.room.getState().status)).toBe('connected');
      await expectFlowing(page, [`${other.id}:self`]);
      expect(pageErrors).toEqual([]);
    } finally {
      await closeAll({ context }, other);
    }
  });
});

/** The app's participant id once it has joined and publishes; throws the app's error if it failed. */
async function appState(page: Page): Promise<string | undefined> {
  const { error, id } = await page.evaluate(() => ({ error: (window as any).appError as string | undefined, id: (window as any).app?.room.getState().localParticipantId as string | undefined }));
  if (error) throw new Error(`the app failed: ${error}`);
  return id;
}
