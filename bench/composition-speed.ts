import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sessionRecordings } from '../db/recordings.js';
import { planComposition } from '../server/compositions/plan.js';
import { createRoom, mutate, startTestServer } from '../test/helpers/server.js';
import { makeAudio, makeVideo, seedSession } from '../test/compositions/synthetic.js';

// How fast a composition renders through the product, against the same ffmpeg command run by
// hand (the command builder's output, spawned directly): the difference is what the product
// adds (queue, planning, progress, probing the result). A session of four participants, each
// with 720p VP8 video and Opus audio (Debian's ffmpeg makes them), composed into one 720p grid.
// Run: npm run bench:composition [-- --seconds=60 --format=mp4|webm --resolution=1280x720 --rounds=2]

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SECONDS = Number(arg('seconds', '60'));
const FORMAT = arg('format', 'mp4') as 'mp4' | 'webm';
const RESOLUTION = arg('resolution', '1280x720');
const ROUNDS = Number(arg('rounds', '2'));
const PARTICIPANTS = 4;

const work = mkdtempSync(path.join(tmpdir(), 'vr-bench-composition-'));
const since = (t: number) => (performance.now() - t) / 1000;

console.log(`making ${PARTICIPANTS} participants' recordings: ${SECONDS} s of 1280x720 VP8 (25 fps) and Opus each…`);
const t = performance.now();
const video = path.join(work, 'video.webm');
const audio = path.join(work, 'audio.webm');
// A 10 s clip encoded once, then repeated without re-encoding up to the length asked.
const clip = path.join(work, 'clip.webm');
await Promise.all([makeVideo(clip, { color: 'testsrc', width: 1280, height: 720, secs: Math.min(10, SECONDS), fps: 25 }), makeAudio(audio, { freq: 440, secs: SECONDS })]);
await promisify(execFile)('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-stream_loop', '-1', '-i', clip, '-t', String(SECONDS), '-c', 'copy', '-f', 'webm', video]);
console.log(`  done in ${since(t).toFixed(1)} s`);

const server = await startTestServer('pglite', { LOG_LEVEL: 'silent' });
try {
  const { db, storage } = server.running.services;
  const roomId = (await createRoom(server)).id;
  // Each participant's files are copies of the same recording, all present the whole session.
  const session = await seedSession(
    db,
    storage,
    roomId,
    Array.from({ length: PARTICIPANTS }, () => ({ start: 0, video: { file: video, secs: SECONDS }, audio: { file: audio, secs: SECONDS } })),
  );

  // Through the product: from the mutation to COMPLETED (polled every 50 ms).
  const product = async () => {
    const t0 = performance.now();
    const created = await mutate(
      server,
      `mutation($input: CreateCompositionInput!) { createComposition(input: $input) {
        __typename ... on UserError { message } ... on CreateCompositionPayload { composition { id } } } }`,
      { input: { sessionId: session.sessionId, format: FORMAT.toUpperCase(), resolution: RESOLUTION } },
    );
    if (created.__typename !== 'CreateCompositionPayload') throw new Error(`createComposition failed: ${JSON.stringify(created)}`);
    const id = created.composition.id as string;
    for (;;) {
      const row = (await server.gql(`query($id: ID!) { composition(id: $id) { status sizeMb failureReason } }`, { id })).data.composition;
      if (row.status === 'FAILED') throw new Error(`the composition failed: ${row.failureReason}`);
      if (row.status === 'COMPLETED') return { secs: since(t0), id, sizeMb: row.sizeMb as number };
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // The same command by hand: the builder's output for that composition, spawned directly.
  const byHand = async (id: string) => {
    const composition = await db.selectFrom('compositions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const plan = await planComposition(composition, await sessionRecordings(db, session.sessionId), storage, path.join(work, `by-hand.${FORMAT}`));
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(plan.command.command, plan.command.args, { stdio: ['ignore', 'ignore', 'inherit'] });
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with code ${code}`))));
    });
    return { secs: since(t0), durationSecs: plan.durationSecs };
  };

  // Alternated (product first, then by hand first), so a change in the machine's load weighs on both.
  const productTimes: number[] = [];
  const handTimes: number[] = [];
  let duration = SECONDS;
  let sizeMb = 0;
  let lastId = '';
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      const p = await product();
      productTimes.push(p.secs);
      sizeMb = p.sizeMb;
      lastId = p.id;
      const h = await byHand(p.id);
      handTimes.push(h.secs);
      duration = h.durationSecs;
    } else {
      const h = await byHand(lastId);
      handTimes.push(h.secs);
      const p = await product();
      productTimes.push(p.secs);
    }
    console.log(`  round ${round + 1}: product ${productTimes.at(-1)!.toFixed(2)} s, by hand ${handTimes.at(-1)!.toFixed(2)} s`);
  }

  const best = (xs: number[]) => Math.min(...xs);
  const rt = (secs: number) => `${(duration / secs).toFixed(2)}× real time`;
  console.log(`\nComposition of ${PARTICIPANTS} participants, ${duration.toFixed(1)} s of session, ${RESOLUTION} ${FORMAT} (${sizeMb.toFixed(1)} MB); best of ${ROUNDS}\n`);
  console.log(`${'through the product (createComposition → COMPLETED)'.padEnd(54)} ${best(productTimes).toFixed(2).padStart(7)} s   ${rt(best(productTimes))}`);
  console.log(`${'the same ffmpeg command by hand'.padEnd(54)} ${best(handTimes).toFixed(2).padStart(7)} s   ${rt(best(handTimes))}`);
  console.log(`${'product / by hand'.padEnd(54)} ${(best(productTimes) / best(handTimes)).toFixed(3).padStart(7)}`);
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
