// The server of bench/stats-cost.ts, in a process of its own so that its CPU is the server's
// alone: one room, two participants each publishing ffmpeg's VP8 and receiving the other's.
// Tells its parent (IPC) where it is; answers `readings` with the room stats readings taken;
// stops on `stop` or when the parent goes.
import { participant, type TestParticipant } from '../../test/helpers/participant.js';
import { publishTestVideo, receiveTestVideo } from '../../test/helpers/plain-media.js';
import { createRoom, generateToken, startTestServer } from '../../test/helpers/server.js';
import type { StatsCostServer, StatsCostServerMessage } from './protocol.js';

const send = (message: StatsCostServerMessage) => process.send!(message);

const server = await startTestServer('pglite', { MEDIA_WORKERS: '1' });
const media = server.running.services.orchestrator.media;
const roomId = (await createRoom(server)).id as string;
const people: { p: TestParticipant; id: string }[] = [];
for (const context of ['ann', 'bob']) {
  const p = participant(server.url, (await generateToken(server, roomId)).clientToken.token);
  people.push({ p, id: (await p.join(context)).joined.participantId });
}
const [ann, bob] = people as [(typeof people)[0], (typeof people)[0]];
const sources = [await publishTestVideo(media, roomId, ann.id, ann.p, 44440001), await publishTestVideo(media, roomId, bob.id, bob.p, 44440002)];
const sinks = [await receiveTestVideo(media, roomId, bob.id, bob.p, ann.id), await receiveTestVideo(media, roomId, ann.id, ann.p, bob.id)];

let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    for (const s of sources) await s.stop();
    for (const s of sinks) s.close();
    await Promise.allSettled(people.map(({ p }) => p.close()));
    await server.stop();
    process.exit(0);
  })());

process.on('message', (message: { type: string }) => {
  if (message.type === 'readings') send({ type: 'readings', readings: server.running.services.roomStats.readingsTaken, packets: sinks.reduce((n, s) => n + s.rtpPackets, 0) });
  if (message.type === 'stop') void stop();
});
process.on('disconnect', () => void stop());

const ready: StatsCostServer = { type: 'ready', url: server.url, apiKey: server.apiKey, roomId, workerPid: media.pool.workers()[0]!.pid };
send(ready);
