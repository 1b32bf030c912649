// The headless receivers load tool (issue 15, item 2): `npm run load -- --help`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ServerApi } from './api.js';
import { intArg, parseArgs } from './args.js';
import { joinReceivers, reportLines, summarize } from './load.js';
import type { HeadlessParticipant } from './participant.js';
import { makeTestPattern, startServerProcess, type SoakServer } from './server-process.js';
import { DtlsPeer } from './webrtc-link.js';

const USAGE = `usage: npm run load -- [options]
  --url URL --api-key KEY  a running server (HTTP base URL, an API key of it)
  --serve                  or start a server process of its own (embedded PGlite, a temporary data folder)
  --room ID                join receivers to this room (repeatable: --room A --room B); without it,
                           --rooms new rooms are made, each with --publishers looping URL ingresses
                           of a 320x180 VP8/opus test pattern (the file must be readable by the server)
  --rooms 1 --publishers 1 --participants 4   receivers per room
  --seconds 30             how long they receive
Prints per participant the RTP packets received (by publisher, audio/video), RTCP, room events and
errors, then a summary; exits 1 when a receiver had an error or got nothing from a publisher.`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const rooms: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--room') rooms.push(argv[++i]);
    else if (argv[i].startsWith('--room=')) rooms.push(argv[i].slice(7));
    else rest.push(argv[i]);
  }
  const args = parseArgs(rest, ['url', 'api-key', 'rooms', 'publishers', 'participants', 'seconds'], ['serve']);
  let server: SoakServer | undefined;
  if (args.has('serve')) server = await startServerProcess({});
  else if (!args.get('url') || !args.get('api-key')) throw new Error(`--url and --api-key, or --serve\n${USAGE}`);
  const api = new ServerApi(server?.url ?? args.get('url')!.replace(/\/+$/, ''), server?.apiKey ?? args.get('api-key')!);
  const peer = await DtlsPeer.start();
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'vr-load-'));
  const receivers: HeadlessParticipant[] = [];
  const publishers: string[] = [];
  try {
    if (!rooms.length) {
      const file = makeTestPattern(path.join(mediaDir, 'pattern.webm'));
      for (let r = 0; r < intArg(args, 'rooms', 1); r++) {
        const room = await api.createRoom({ maxParticipants: 50 });
        rooms.push(room.id);
        for (let i = 0; i < intArg(args, 'publishers', 1, 0); i++) {
          const ingress = await api.createUrlIngress(room.id, file, `publisher-${i}`);
          if (ingress.participantId) publishers.push(ingress.participantId);
        }
      }
    }
    for (const roomId of rooms) receivers.push(...(await joinReceivers(api, peer, roomId, intArg(args, 'participants', 4))));
    const seconds = intArg(args, 'seconds', 30);
    console.log(`${receivers.length} receivers in ${rooms.length} room(s), receiving for ${seconds} s`);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const reports = receivers.map((p) => p.snapshot());
    for (const line of reportLines(reports)) console.log(line);
    const summary = summarize(reports, publishers);
    console.log(`\n${summary.participants} receivers: ${summary.packets} packets, ${summary.events} events, errors ${JSON.stringify(summary.errors)}, missing ${summary.missing.length}`);
    return Object.keys(summary.errors).length || summary.missing.length ? 1 : 0;
  } finally {
    await Promise.all(receivers.map((p) => p.leave()));
    peer.close();
    await server?.stop();
    rmSync(mediaDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
