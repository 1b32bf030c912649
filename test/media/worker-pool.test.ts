import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaRooms } from '../../media/media-rooms.js';

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('worker pool and room placement (real workers)', () => {
  let media: MediaRooms;
  let pids: number[] = [];

  beforeAll(async () => {
    media = await MediaRooms.start({ numWorkers: 2, rtcMinPort: 42000, rtcMaxPort: 42999 });
    pids = media.pool.workers().map((w) => w.pid);
  });

  afterAll(async () => {
    await media?.close();
  });

  it('starts the configured number of worker processes, idle', () => {
    expect(pids).toHaveLength(2);
    expect(new Set(pids).size).toBe(2);
    for (const pid of pids) expect(processExists(pid)).toBe(true);
    expect(media.pool.workers().map((w) => w.load)).toEqual([0, 0]);
  });

  it('opens each room once, with one router, however many callers ask at the same time', async () => {
    const [a, b] = await Promise.all([media.openRoom('same'), media.openRoom('same')]);
    expect(a).toBe(b);
    const loads = media.pool.workers().map((w) => w.load);
    expect(loads.reduce((x, y) => x + y, 0)).toBe(1);
    media.closeRoom('same');
    expect(media.findRoom('same')).toBeUndefined();
    expect(media.pool.workers().map((w) => w.load)).toEqual([0, 0]);
  });

  it('spreads rooms opened together over the workers', async () => {
    const rooms = await Promise.all([media.openRoom('r1'), media.openRoom('r2')]);
    expect(new Set(rooms.map((r) => r.workerPid))).toEqual(new Set(pids));
    for (const room of rooms) media.closeRoom(room.roomId);
  });

  it('puts a new room on the worker hosting the fewest media objects, not the fewest rooms', async () => {
    const busy = await media.openRoom('busy');
    const quiet = await media.openRoom('quiet');
    expect(quiet.workerPid).not.toBe(busy.workerPid);
    // Three participants in "busy": its worker now hosts 1 router + 6 transports.
    for (const participant of ['p1', 'p2', 'p3']) {
      await busy.createWebRtcTransport(participant, 'send');
      await busy.createWebRtcTransport(participant, 'recv');
    }
    const next = await media.openRoom('next');
    expect(next.workerPid).toBe(quiet.workerPid);
    const again = await media.openRoom('again');
    expect(again.workerPid).toBe(quiet.workerPid);
    const byPid = new Map(media.pool.workers().map((w) => [w.pid, w.load]));
    expect(byPid.get(busy.workerPid!)).toBe(7);
    expect(byPid.get(quiet.workerPid!)).toBe(3);

    // Everybody leaves "busy": its worker is the emptier one again.
    for (const participant of ['p1', 'p2', 'p3']) busy.removeParticipant(participant);
    const after = await media.openRoom('after');
    expect(after.workerPid).toBe(busy.workerPid);
  });

  it('stops every worker process on close', async () => {
    await media.close();
    for (const pid of pids) expect(processExists(pid)).toBe(false);
    await expect(media.openRoom('late')).rejects.toMatchObject({ code: 'NO_WORKER' });
  });
});

describe('a pool of one worker', () => {
  let media: MediaRooms;

  afterAll(async () => {
    await media?.close();
  });

  it('rebuilds the rooms of its only worker on the replacement', async () => {
    media = await MediaRooms.start({ numWorkers: 1, rtcMinPort: 42000, rtcMaxPort: 42999 });
    const room = await media.openRoom('alone');
    await room.createWebRtcTransport('p1', 'send');
    const deadPid = room.workerPid!;
    const rebuilt = new Promise<{ workerPid: number }>((resolve) => media.once('roomMediaRebuilt', resolve));

    process.kill(deadPid, 'SIGKILL');
    const { workerPid } = await rebuilt;

    expect(workerPid).not.toBe(deadPid);
    expect(media.pool.workers().map((w) => w.pid)).toEqual([workerPid]);
    expect(processExists(workerPid)).toBe(true);
    const params = await room.createWebRtcTransport('p1', 'send');
    expect(params.iceCandidates.length).toBeGreaterThan(0);
  });
});
