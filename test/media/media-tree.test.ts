import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { types as ms } from 'mediasoup';
import { MediaRooms } from '../../media/media-rooms.js';
import type { RoomMedia } from '../../media/room-media.js';
import type { RoomMediaEvents, TrackRef } from '../../media/types.js';

const opus = (ssrc: number): ms.RtpParameters => ({
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc }],
});

type Seen = Array<[keyof RoomMediaEvents, unknown]>;

/** Every event of the room, in the order it came. */
function recordAll(room: RoomMedia): Seen {
  const seen: Seen = [];
  for (const name of ['producerClosed', 'consumerClosed', 'peerClosed', 'closed'] as const) {
    room.on(name, ((event: unknown) => seen.push([name, event])) as never);
  }
  return seen;
}

const voice = (participantId: string): TrackRef => ({ participantId, streamKey: 'self', kind: 'audio' });

describe('the media tree: room, peers, transports, producers and consumers', () => {
  let media: MediaRooms;
  let caps: ms.RtpCapabilities;

  /** A room where everyone publishes a voice and hears everyone else. */
  async function roomOf(roomId: string, names: string[]): Promise<RoomMedia> {
    const room = await media.openRoom(roomId);
    caps = await room.getRtpCapabilities();
    for (const [i, name] of names.entries()) {
      await room.createWebRtcTransport(name, 'send');
      await room.createWebRtcTransport(name, 'recv');
      await room.produce(name, { streamKey: 'self', kind: 'audio', rtpParameters: opus(7000 + i) });
    }
    for (const listener of names) {
      for (const speaker of names) if (speaker !== listener) await room.consume(listener, { track: voice(speaker), rtpCapabilities: caps });
    }
    return room;
  }

  beforeAll(async () => {
    media = await MediaRooms.start({ numWorkers: 1, rtcMinPort: 43300, rtcMaxPort: 43399 });
  });

  afterAll(async () => {
    await media?.close();
  });

  it('a participant who leaves stops reaching everyone else: each listener is told its stream went away', async () => {
    const room = await roomOf('leaving', ['ann', 'ben', 'cid']);
    const seen = recordAll(room);

    room.removeParticipant('ann');

    // What ann published and received closes with her transports, at once...
    expect(seen.filter(([name]) => name !== 'consumerClosed')).toEqual([
      ['producerClosed', expect.objectContaining({ track: voice('ann'), reason: 'transportClosed' })],
      ['peerClosed', { roomId: 'leaving', participantId: 'ann' }],
    ]);
    // ...and every other participant's consumer of her voice closes as the worker tells it.
    const listenersTold = () =>
      seen
        .filter(([name, event]) => name === 'consumerClosed' && (event as { reason: string }).reason === 'producerClosed')
        .map(([, event]) => (event as { subscriberId: string; track: TrackRef }).subscriberId)
        .sort();
    await expect.poll(listenersTold).toEqual(['ben', 'cid']);
    expect(room.hasConsumer('ben', voice('ann'))).toBe(false);
    expect(room.hasConsumer('cid', voice('ann'))).toBe(false);
    // Ben and cid still hear each other.
    expect(room.hasConsumer('ben', voice('cid'))).toBe(true);
    expect(room.hasConsumer('cid', voice('ben'))).toBe(true);
    expect(room.participantIds().sort()).toEqual(['ben', 'cid']);
    await expect(room.consume('ben', { track: voice('ann'), rtpCapabilities: caps })).rejects.toMatchObject({
      code: 'PRODUCER_NOT_FOUND',
    });
    room.close();
  });

  it('a participant who left can come back with new transports and publish again', async () => {
    const room = await roomOf('returning', ['dee', 'eve']);
    room.removeParticipant('dee');
    await room.createWebRtcTransport('dee', 'send');
    await room.produce('dee', { streamKey: 'self', kind: 'audio', rtpParameters: opus(7100) });
    const consumer = await room.consume('eve', { track: voice('dee'), rtpCapabilities: caps });
    expect(consumer.track).toEqual(voice('dee'));
    room.close();
  });

  it('closing the room closes every peer with it, reported once, and frees the worker', async () => {
    const room = await roomOf('ending', ['fay', 'gus']);
    const seen = recordAll(room);

    room.close();

    expect(seen).toEqual([['closed', { roomId: 'ending' }]]);
    expect(room.participantIds()).toEqual([]);
    expect(media.pool.workers()[0]!.load).toBe(0);
    await expect(room.produce('fay', { streamKey: 'presentation', kind: 'audio', rtpParameters: opus(7200) })).rejects.toMatchObject({
      code: 'ROOM_CLOSED',
    });
    // Nothing is reported late either, as the worker confirms the closures.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(1);
  });
});
