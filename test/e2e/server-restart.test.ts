// The server process is SIGKILLed in the middle of a recorded call and started again on the same
// data (the embedded database): the SDK brings both participants back by itself into a new
// session with media flowing, the old session and its participants are closed with a reason, its
// recordings are finalized with what they hold, and no ffmpeg outlives the killed server.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterNode, type ClusterNode } from '../../scripts/cluster/node-process.js';
import { clusterApi } from '../helpers/cluster-api.js';
import type { TestServer } from '../helpers/server.js';
import { childPids, processAlive } from '../helpers/processes.js';
import { closeAll, ensureClientBuilt, expectFlowing, launchBrowser, sdkParticipant, waitFor, type Participant } from './harness.js';

const API_KEY = `restart-test-key-${randomBytes(8).toString('hex')}`;
const gql = clusterApi(API_KEY);
const SESSIONS = `query($id: ID!) { room(id: $id) { sessions(first: 5) { edges { node { id active endedReason
  participants { edges { node { id leftReason } } } } } } } }`;
const RECORDINGS = `query($r: ID!) { recordings(filter: { roomId: $r }, first: 50) { edges { node {
  status durationSecs interruption session { id } } } } }`;

describe('the server killed mid-call and started again', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vr-restart-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const env = { API_KEY, JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn', MEDIA_WORKERS: '1', RECONNECT_GRACE_MS: '3000' };
  const start = () => startClusterNode({ index: 1, basePort: port, dataDir, env, onOutput: () => {} });
  let server: ClusterNode;
  let browser: Browser;
  let p1: Participant | undefined;
  let p2: Participant | undefined;

  beforeAll(async () => {
    ensureClientBuilt();
    server = await start();
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await closeAll(p1, p2);
    await browser?.close();
    server?.kill('SIGKILL');
    await server?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('brings the participants back by themselves into a new session, and closes the old one with everything in it', async () => {
    const created = await gql(server, `mutation { createRoom(input: {enableRecording: true}) { ... on CreateRoomPayload { room { id } } } }`);
    const roomId: string = created.createRoom.room.id;
    const token = async () =>
      (await gql(server, `mutation($r: ID!) { generateClientToken(roomId: $r, tokenTtlSecs: 3600) { ... on GenerateClientTokenPayload { clientToken { token } } } }`, { r: roomId }))
        .generateClientToken.clientToken.token as string;
    const asServer = { url: server.url } as TestServer;
    p1 = await sdkParticipant(browser, asServer, { roomId, token: await token(), context: 'p1' });
    p2 = await sdkParticipant(browser, asServer, { roomId, token: await token(), context: 'p2' });
    await Promise.all([expectFlowing(p1.page, [`${p2.id}:self`]), expectFlowing(p2.page, [`${p1.id}:self`])]);
    const recordingNow = async () => (await gql(server, RECORDINGS, { r: roomId })).recordings.edges.map((e: any) => e.node);
    await waitFor('four recordings in progress', async () => (await recordingNow()).filter((r: any) => r.status === 'PROCESSING').length === 4, 20_000);
    await new Promise((r) => setTimeout(r, 3000));
    const oldSession = (await gql(server, SESSIONS, { id: roomId })).room.sessions.edges[0].node.id as string;
    const children = await childPids(server.child.pid!);
    expect(children.filter((c) => c.command === 'ffmpeg')).toHaveLength(4);

    const killedAt = Date.now();
    server.kill('SIGKILL');
    await server.exited;
    // Nothing the server ran outlives it: recorders die with it (workers notice by themselves).
    await waitFor('the killed server’s children to end', () => children.every((c) => !processAlive(c.pid)), 5000);

    server = await start();
    const readyMs = Date.now() - killedAt;
    const oldIds = [p1.id, p2.id];
    const localId = (p: Participant) => p.page.evaluate(() => (window as any).app.room.getState().localParticipantId as string);
    const status = (p: Participant) => p.page.evaluate(() => (window as any).app.room.getState().status as string);
    await waitFor(
      'both participants back as new ones',
      async () => (await status(p1!)) === 'connected' && (await status(p2!)) === 'connected' && !oldIds.includes(await localId(p1!)) && !oldIds.includes(await localId(p2!)),
      30_000,
      100,
    );
    p1.id = await localId(p1);
    p2.id = await localId(p2);
    await Promise.all([expectFlowing(p1.page, [`${p2.id}:self`], { timeoutMs: 15_000 }), expectFlowing(p2.page, [`${p1.id}:self`], { timeoutMs: 15_000 })]);
    const backMs = Date.now() - killedAt;

    const sessions = (await gql(server, SESSIONS, { id: roomId })).room.sessions.edges.map((e: any) => e.node);
    const old = sessions.find((s: any) => s.id === oldSession);
    expect(old).toMatchObject({ active: false, endedReason: 'server_restarted' });
    expect(old.participants.edges.map((e: any) => e.node.leftReason)).toEqual(['server_restarted', 'server_restarted']);
    const current = sessions.find((s: any) => s.active);
    expect(current.id).not.toBe(oldSession);
    expect(current.participants.edges.map((e: any) => e.node.id).sort()).toEqual([p1.id, p2.id].sort());

    // The old session's recordings hold what was recorded up to the kill, and say why they stop there.
    const oldRecordings = (await recordingNow()).filter((r: any) => r.session.id === oldSession);
    expect(oldRecordings).toHaveLength(4);
    for (const r of oldRecordings) {
      expect(r).toMatchObject({ status: 'COMPLETED', interruption: expect.stringMatching(/server stopped while recording/) });
      expect(r.durationSecs).toBeGreaterThanOrEqual(2);
    }
    console.log(`server SIGKILL mid-call: restarted and ready ${readyMs} ms after the kill; both participants back in a new session with media flowing ${backMs} ms after it`);
  }, 120_000);
});
