// What the composition tests share: recordings made here with ffmpeg (see synthetic.ts), the
// sessions seeded from them, the GraphQL documents, and probes of what ffmpeg wrote.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'graphql-ws';
import { ERROR_FIELDS } from '../helpers/server.js';
import { makeAudio, makeVideo, type SeedParticipant } from './synthetic.js';

const run = promisify(execFile);
export const fixtures = mkdtempSync(path.join(tmpdir(), 'vr-comp-fixtures-'));
export const F = {
  red: path.join(fixtures, 'red.webm'), // VP8 320x240, 8 s
  blue: path.join(fixtures, 'blue.mkv'), // H.264 240x320 (portrait), 5 s
  tone8: path.join(fixtures, 'tone8.webm'),
  tone5: path.join(fixtures, 'tone5.webm'),
  moving: path.join(fixtures, 'moving.mkv'), // H.264 640x360, 16 s
  tone16: path.join(fixtures, 'tone16.webm'),
};

/** Makes the recordings the tests compose (once per test file). */
export async function makeFixtures(): Promise<void> {
  await Promise.all([
    makeVideo(F.red, { color: 'red', width: 320, height: 240, secs: 8 }),
    makeVideo(F.blue, { color: 'blue', width: 240, height: 320, secs: 5, codec: 'h264' }),
    makeAudio(F.tone8, { freq: 440, secs: 8 }),
    makeAudio(F.tone5, { freq: 660, secs: 5 }),
    makeVideo(F.moving, { color: 'testsrc', width: 640, height: 360, secs: 16, fps: 25, codec: 'h264' }),
    makeAudio(F.tone16, { freq: 520, secs: 16 }),
  ]);
}

export function removeFixtures(): void {
  rmSync(fixtures, { recursive: true, force: true });
}

/** Red from 0 s for 8 s with a tone; blue from 3 s for 5 s with another: the session lasts 8 s. */
export const colourSession: SeedParticipant[] = [
  { start: 0, video: { file: F.red, secs: 8 }, audio: { file: F.tone8, secs: 8 } },
  { start: 3, video: { file: F.blue, secs: 5, codec: 'h264' }, audio: { file: F.tone5, secs: 5 } },
];
/** Two moving pictures, the second from 2 s: the session lasts 18 s. */
export const movingSession: SeedParticipant[] = [
  { start: 0, video: { file: F.moving, secs: 16, codec: 'h264' }, audio: { file: F.tone16, secs: 16 } },
  { start: 2, video: { file: F.moving, secs: 16, codec: 'h264' }, audio: { file: F.tone16, secs: 16 } },
];

export const FIELDS = `id status progress format resolution durationSecs sizeMb downloadUrl failureReason startedAt completedAt
  webhookEventUrl webhookTimeoutSecs session { id } room { id }
  videoLayout { name xPos yPos zPos width height maxColumns maxRows videoSources }`;
export const CREATE = `mutation($input: CreateCompositionInput!) { createComposition(input: $input) { ${ERROR_FIELDS}
  ... on CreateCompositionPayload { composition { ${FIELDS} } } } }`;
export const DELETE = `mutation($id: ID!) { deleteComposition(id: $id) { ${ERROR_FIELDS} ... on DeleteCompositionPayload { composition { id status downloadUrl } } } }`;
export const GET = `query($id: ID!) { composition(id: $id) { ${FIELDS} } }`;
export const WATCH = `subscription($id: ID!) { composition(id: $id) { id status progress durationSecs downloadUrl } }`;

export interface Watched {
  items: { status: string; progress: number; durationSecs: number | null; downloadUrl: string | null }[];
  errors: unknown[];
  /** Resolves when the server ends the subscription. */
  completed: Promise<void>;
}

export function watch(client: Client, id: string): Watched {
  const w: Watched = { items: [], errors: [], completed: Promise.resolve() };
  w.completed = new Promise<void>((resolve) => {
    client.subscribe<any>(
      { query: WATCH, variables: { id } },
      {
        next: (msg) => (msg.errors ? w.errors.push(...msg.errors) : w.items.push(msg.data.composition)),
        error: (err) => (w.errors.push(err), resolve()),
        complete: () => resolve(),
      },
    );
  });
  return w;
}

/** Child processes of this test process (the server runs in it) that are ffmpeg. */
export async function ffmpegChildren(): Promise<number> {
  const { stdout } = await run('ps', ['-o', 'comm=', '--ppid', String(process.pid)]).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter((c) => c.trim() === 'ffmpeg').length;
}

export async function maxVolumeDb(file: string): Promise<number> {
  const { stderr } = await run('ffmpeg', ['-nostdin', '-hide_banner', '-i', file, '-vn', '-af', 'volumedetect', '-f', 'null', '-']);
  const m = /max_volume: (-?[\d.]+) dB/.exec(stderr);
  return m ? Number(m[1]) : -Infinity;
}
