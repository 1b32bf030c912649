import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { types as ms } from 'mediasoup';
import { MediaRooms, type MediaRoomsEvents } from '../../media/media-rooms.js';
import { plainRtpCapabilities } from '../../media/plain-rtp.js';
import type { RoomMedia } from '../../media/room-media.js';
import type { RoomMediaEvents, TrackRef } from '../../media/types.js';
import { Vp8Source, type VideoLayer } from './helpers/ffmpeg.js';
import { RtpSink, waitUntil } from './helpers/rtp.js';

// Simulcast, so that layer selection can be checked on a subscriber behind a pipe.
const layers: VideoLayer[] = [
  { width: 160, height: 90, ssrc: 66660001, kbps: 100 },
  { width: 320, height: 180, ssrc: 66660002, kbps: 300 },
];
const track: TrackRef = { participantId: 'publisher', streamKey: 'self', kind: 'video' };
const subscribers = ['s1', 's2', 's3', 's4', 's5'];

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Where each subscriber's recv transport went, by the room's own account. */
function placement(room: RoomMedia) {
  const routers = room.routerInfo();
  return { main: routers.find((r) => r.main)!, extra: routers.filter((r) => !r.main) };
}

async function subscribe(room: RoomMedia, subscriberId: string, port: number): Promise<void> {
  const recv = await room.createPlainTransport(subscriberId, 'recv');
  await room.connectPlainTransport(subscriberId, recv.id, { ip: '127.0.0.1', port });
  await room.consume(subscriberId, { track, rtpCapabilities: plainRtpCapabilities(await room.getRtpCapabilities()) });
  await room.resumeConsumer(subscriberId, track);
}

describe('a big room spread over two workers (maxConsumersPerRouter 2)', () => {
  let media: MediaRooms;
  let room: RoomMedia;
  let source: Vp8Source;
  const sinks = new Map<string, RtpSink>();
  const subscribersLost: MediaRoomsEvents['roomSubscribersLost'][0][] = [];
  const roomsLost: MediaRoomsEvents['roomMediaLost'][0][] = [];
  // The first two came alone and filled the main router; the last three went to the other worker.
  const onMain = ['s1', 's2'];
  const onExtra = ['s3', 's4', 's5'];

  beforeAll(async () => {
    media = await MediaRooms.start({ numWorkers: 2, maxConsumersPerRouter: 2, rtcMinPort: 44400, rtcMaxPort: 44599 });
    media.on('roomSubscribersLost', (event) => subscribersLost.push(event));
    media.on('roomMediaLost', (event) => roomsLost.push(event));
    room = await media.openRoom('big');
    const send = await room.createPlainTransport('publisher', 'send', { comedia: true });
    await room.produce('publisher', { streamKey: 'self', kind: 'video', rtpParameters: Vp8Source.rtpParameters(layers) });
    source = await Vp8Source.start(layers);
    source.sendTo(send.port);
    for (const id of subscribers) sinks.set(id, await RtpSink.open());
    // One at a time, as viewers arrive, and then all at once for the last ones: placements made
    // together must see each other.
    await subscribe(room, 's1', sinks.get('s1')!.port);
    await subscribe(room, 's2', sinks.get('s2')!.port);
    await Promise.all(['s3', 's4', 's5'].map((id) => subscribe(room, id, sinks.get(id)!.port)));
  });

  afterAll(async () => {
    await source?.stop();
    for (const sink of sinks.values()) sink.close();
    await media?.close();
  });

  it('keeps the main router to its cap and places the other subscribers on a router on the other worker', async () => {
    const { main, extra } = placement(room);
    expect(main).toMatchObject({ workerPid: room.workerPid, subscribers: 2, consumers: 2, pipedProducers: 0 });
    expect(extra).toHaveLength(1);
    expect(extra[0]).toMatchObject({ subscribers: 3, consumers: 3, pipedProducers: 1 });
    expect(extra[0]!.workerPid).not.toBe(room.workerPid);

    // The workers themselves say the same: one router of the room on each.
    const dumps = await media.pool.routerIds();
    expect(dumps).toHaveLength(2);
    expect(dumps.find((d) => d.pid === main.workerPid)?.routerIds).toEqual([main.routerId]);
    expect(dumps.find((d) => d.pid === extra[0]!.workerPid)?.routerIds).toEqual([extra[0]!.routerId]);
    expect(media.roomRouters()).toEqual([{ roomId: 'big', routers: room.routerInfo() }]);
  });

  it('forwards the publisher to the subscribers on the other worker', async () => {
    for (const id of subscribers) {
      await waitUntil(() => sinks.get(id)!.keyFrames.length > 0, 8000, `video at ${id} (ffmpeg: ${source.stderr})`);
    }
    const before = await room.getConsumerStats('s4', track);
    const packetsBefore = before.find((s) => s.type === 'outbound-rtp')!.packetCount;
    const received = sinks.get('s4')!.rtpPackets;
    await sleep(1000);
    const after = await room.getConsumerStats('s4', track);
    expect(after.find((s) => s.type === 'outbound-rtp')!.packetCount).toBeGreaterThan(packetsBefore);
    expect(sinks.get('s4')!.rtpPackets).toBeGreaterThan(received);
  });

  it('stops the video on both workers while the producer is paused, and restores it', async () => {
    await room.pauseProducer(track);
    await sleep(300); // packets already in flight, and the pause crossing the pipe
    for (const sink of sinks.values()) sink.reset();
    await sleep(1000);
    for (const id of subscribers) expect(sinks.get(id)!.rtpPackets, id).toBe(0);

    await room.resumeProducer(track);
    for (const id of subscribers) await waitUntil(() => sinks.get(id)!.keyFrames.length > 0, 8000, `video at ${id} after resume`);
  });

  it('switches simulcast layers, reads stats and asks for key frames for a subscriber behind the pipe', async () => {
    const sink = sinks.get('s5')!;
    expect(await room.setPreferredLayers('s5', track, { spatialLayer: 0 })).toMatchObject({ spatialLayer: 0 });
    sink.reset();
    await waitUntil(() => sink.keyFrames.some((f) => f.width === 160), 8000, 'the low layer at s5');
    expect(sink.keyFrames.at(-1)).toEqual({ width: 160, height: 90 });
    await room.requestKeyFrame('s5', track);
    const [reading] = await room.readStats(['s5']);
    expect(reading!.consumers).toMatchObject([{ track, packetCount: expect.any(Number) }]);
    expect(reading!.consumers[0]!.packetCount).toBeGreaterThan(0);
  });

  it('closes the consumers on both routers when the producer closes, and the pipe with them', async () => {
    const closed: RoomMediaEvents['consumerClosed'][0][] = [];
    room.on('consumerClosed', (event) => closed.push(event));
    await room.closeProducer('publisher', 'self', 'video');
    await waitUntil(() => closed.length === 5, 3000, 'five consumerClosed');
    expect(closed.map((e) => e.subscriberId).sort()).toEqual(subscribers);
    expect(closed.every((e) => e.reason === 'producerClosed')).toBe(true);
    const { main, extra } = placement(room);
    expect(main.consumers).toBe(0);
    expect(extra[0]).toMatchObject({ consumers: 0, pipedProducers: 0 });
    await sleep(300);
    for (const sink of sinks.values()) sink.reset();
    await sleep(700);
    for (const id of subscribers) expect(sinks.get(id)!.rtpPackets, id).toBe(0);
  });

  it('reports only the subscribers on the other worker when it dies; the main router stays', async () => {
    const mainPid = room.workerPid!;
    const extraPid = placement(room).extra[0]!.workerPid;
    process.kill(extraPid, 'SIGKILL');
    await waitUntil(() => subscribersLost.length > 0, 5000, 'roomSubscribersLost');
    expect(subscribersLost).toEqual([{ roomId: 'big', participantIds: onExtra, workerPid: extraPid }]);
    expect(roomsLost).toEqual([]);
    expect(room.workerPid).toBe(mainPid);
    expect(processExists(mainPid)).toBe(true);
    expect(placement(room).extra).toEqual([]);
    // Everybody is still in the room; those on the main router keep their transports.
    expect(room.participantIds().sort()).toEqual(['publisher', ...subscribers]);
    await expect(room.getConsumerStats('s3', track)).rejects.toMatchObject({ code: 'CONSUMER_NOT_FOUND' });
    expect(placement(room).main.subscribers).toBe(onMain.length);
  });
});

describe('closing a big room, or losing its main worker', () => {
  let media: MediaRooms;
  let rtpCapabilities: ms.RtpCapabilities;

  beforeAll(async () => {
    media = await MediaRooms.start({ numWorkers: 2, maxConsumersPerRouter: 2, rtcMinPort: 44600, rtcMaxPort: 44799 });
  });

  afterAll(async () => {
    await media?.close();
  });

  /** A publisher (no packets needed) and five subscribers consuming it: three go to the other worker. */
  async function bigRoom(roomId: string): Promise<RoomMedia> {
    const room = await media.openRoom(roomId);
    rtpCapabilities = plainRtpCapabilities(await room.getRtpCapabilities());
    await room.createPlainTransport('publisher', 'send', { comedia: true });
    await room.produce('publisher', { streamKey: 'self', kind: 'video', rtpParameters: Vp8Source.rtpParameters(layers) });
    for (const id of subscribers) {
      await room.createPlainTransport(id, 'recv');
      await room.consume(id, { track, rtpCapabilities });
    }
    expect(room.routerInfo().map((r) => r.consumers)).toEqual([2, 3]);
    return room;
  }

  it('keeps a recv transport asked for on the main router there, however full (a recorder)', async () => {
    const room = await bigRoom('recording');
    await room.createPlainTransport('recorder', 'recv', { mainRouter: true });
    await room.consume('recorder', { track, rtpCapabilities });
    expect(room.routerInfo().map((r) => [r.main, r.subscribers, r.consumers])).toEqual([
      [true, 3, 3],
      [false, 3, 3],
    ]);
    media.closeRoom('recording');
  });

  it('leaves no router on any worker once the room closes', async () => {
    await bigRoom('closing');
    expect((await media.pool.routerIds()).flatMap((d) => d.routerIds)).toHaveLength(2);
    media.closeRoom('closing');
    expect((await media.pool.routerIds()).flatMap((d) => d.routerIds)).toEqual([]);
  });

  it('closes the other routers too when the main worker dies, and rebuilds the room as before', async () => {
    const lost: MediaRoomsEvents['roomMediaLost'][0][] = [];
    const subscribersLost: MediaRoomsEvents['roomSubscribersLost'][0][] = [];
    const rebuilt: MediaRoomsEvents['roomMediaRebuilt'][0][] = [];
    media.on('roomMediaLost', (event) => lost.push(event));
    media.on('roomSubscribersLost', (event) => subscribersLost.push(event));
    media.on('roomMediaRebuilt', (event) => rebuilt.push(event));
    const room = await bigRoom('crashing');
    const mainPid = room.workerPid!;
    process.kill(mainPid, 'SIGKILL');
    await waitUntil(() => rebuilt.length > 0, 5000, 'the rebuild');
    expect(lost).toEqual([{ roomId: 'crashing', participantIds: ['publisher', ...subscribers] }]);
    expect(subscribersLost).toEqual([]);
    // One router left on the live workers: the rebuilt main one, no stale extra router.
    const routerIds = (await media.pool.routerIds()).flatMap((d) => d.routerIds);
    expect(routerIds).toEqual([room.routerInfo()[0]!.routerId]);
    expect(room.routerInfo()).toMatchObject([{ main: true, subscribers: 0 }]);

    // The participants come back and spread again, once the pool has its second worker back
    // (until then there is no other worker to spread to).
    await waitUntil(() => media.pool.workers().length === 2, 5000, 'the replacement worker');
    await room.createPlainTransport('publisher', 'send', { comedia: true });
    await room.produce('publisher', { streamKey: 'self', kind: 'video', rtpParameters: Vp8Source.rtpParameters(layers) });
    for (const id of subscribers) {
      await room.createPlainTransport(id, 'recv');
      await room.consume(id, { track, rtpCapabilities });
    }
    expect(room.routerInfo().map((r) => r.consumers)).toEqual([2, 3]);
    media.closeRoom('crashing');
    expect((await media.pool.routerIds()).flatMap((d) => d.routerIds)).toEqual([]);
  });
});
