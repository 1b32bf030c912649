import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { participant } from '../helpers/participant.js';

// The server as a user runs it: its own process, the embedded database, signals.

const root = path.resolve(import.meta.dirname, '../..');

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(script: string, env: Record<string, string>, args: string[] = []): Proc {
  let out = '';
  // One process, as `npm start` runs it (node loading tsx), so a signal reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', MEDIA_WORKERS: '1', ...env },
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const listeningUrl = (p: Proc) => until('the server to listen', () => /"url":"(http:[^"]+)"/.exec(p.output())?.[1]);

async function gql(url: string, query: string, auth?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
}

describe('the embedded server process', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vr-proc-'));
  const env = { DATA_DIR: dataDir, PORT: '0' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  let key: string;
  let roomId: string;
  let token: string;

  it('prints an API key on its first start, serves with it, and stops cleanly on SIGTERM', async () => {
    const p = run('server/app/main.ts', env);
    const url = await listeningUrl(p);
    key = await until('the first API key', () => /^\s+(vr_[\w-]+)$/m.exec(p.output())?.[1]);
    expect(p.output()).toContain('shown only this once');

    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok', database: 'pglite' });
    const created = await gql(url, 'mutation { createRoom(input: {uniqueName: "kept"}) { ... on CreateRoomPayload { room { id } } } }', key);
    roomId = created.data.createRoom.room.id;
    const minted = await gql(url, `mutation { generateClientToken(roomId: "${roomId}", tokenTtlSecs: 3600) { ... on GenerateClientTokenPayload { clientToken { token } } } }`, key);
    token = minted.data.generateClientToken.clientToken.token;
    expect(existsSync(path.join(dataDir, 'jwt-secret.key'))).toBe(true);

    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('"msg":"stopped"');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('keeps rooms, keys and issued tokens across a restart, and prints no new key', async () => {
    const p = run('server/app/main.ts', env);
    const url = await listeningUrl(p);
    const rooms = await gql(url, '{ rooms { edges { node { id uniqueName } } } }', key);
    expect(rooms.data.rooms.edges).toEqual([{ node: { id: roomId, uniqueName: 'kept' } }]);
    const viewer = await gql(url, '{ viewer { kind roomId } }', token);
    expect(viewer.data.viewer).toEqual({ kind: 'CLIENT_TOKEN', roomId });
    expect(p.output()).not.toContain('shown only this once');

    // A second process on the same embedded database is refused before it can touch it.
    const second = run('server/app/main.ts', env);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by process \d+/);
    expect((await gql(url, '{ rooms { totalCount } }', key)).data.rooms.totalCount).toBe(1);

    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('manages keys from the CLI when the server is stopped', async () => {
    const create = run('server/app/cli.ts', env, ['keys', 'create', '--name', 'ops']);
    expect(await create.exited).toBe(0);
    const newKey = /^(vr_[\w-]+)$/m.exec(create.output())![1]!;
    const list = run('server/app/cli.ts', env, ['keys', 'list']);
    expect(await list.exited).toBe(0);
    expect(list.output()).toContain('"ops"');
    const revoke = run('server/app/cli.ts', env, ['keys', 'revoke', newKey.slice(0, 10)]);
    expect(await revoke.exited).toBe(0);
    const after = run('server/app/cli.ts', env, ['keys', 'list']);
    expect(await after.exited).toBe(0);
    expect(after.output()).toMatch(/"ops"\s+\S+\s+\S+\s+revoked/);

    const p = run('server/app/main.ts', env);
    const url = await listeningUrl(p);
    expect((await gql(url, '{ rooms { totalCount } }', newKey)).errors?.[0].extensions.reason).toBe('revoked_api_key');
    const busy = run('server/app/cli.ts', env, ['keys', 'list']);
    expect(await busy.exited).toBe(1);
    expect(busy.output()).toMatch(/in use by process/);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('closes the sessions a killed server left open, and ends them cleanly on SIGTERM', async () => {
    const sessionOf = async (url: string, room: string) =>
      (await gql(url, `{ room(id: "${room}") { sessions(first: 1) { edges { node { id active endedReason participants { edges { node { leftReason } } } } } } } }`, key)).data.room.sessions.edges[0]
        .node;
    const joinRoom = async (url: string, room: string) => {
      const minted = await gql(url, `mutation { generateClientToken(roomId: "${room}") { ... on GenerateClientTokenPayload { clientToken { token } } } }`, key);
      const p = participant(url, minted.data.generateClientToken.clientToken.token);
      await p.join('present');
      return p;
    };

    const first = run('server/app/main.ts', env);
    let url = await listeningUrl(first);
    const a = await joinRoom(url, roomId);
    expect((await sessionOf(url, roomId)).active).toBe(true);
    first.child.kill('SIGKILL');
    await first.exited;
    await a.close().catch(() => {});

    const second = run('server/app/main.ts', env);
    url = await listeningUrl(second);
    const crashed = await sessionOf(url, roomId);
    expect(crashed).toMatchObject({ active: false, endedReason: 'server_restarted', participants: { edges: [{ node: { leftReason: 'server_restarted' } }] } });
    expect(second.output()).toContain('ended sessions left open by the previous run');

    const b = await joinRoom(url, roomId);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    await b.close().catch(() => {});
    const third = run('server/app/main.ts', env);
    url = await listeningUrl(third);
    expect(await sessionOf(url, roomId)).toMatchObject({ active: false, endedReason: 'server_shutdown', participants: { edges: [{ node: { leftReason: 'session_ended' } }] } });
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 60_000);

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ API_KEY: 'short' }, 'API_KEY'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('refuses to start with %j, naming %s', async (bad, variable) => {
    const p = run('server/app/main.ts', { ...env, ...bad });
    expect(await p.exited).toBe(2);
    expect(p.output()).toContain(`bad configuration: ${variable}:`);
  });
});
