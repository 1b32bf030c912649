import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { MediaRooms } from '../../media/media-rooms.js';
import { plainRtpCapabilities } from '../../media/plain-rtp.js';
import type { RoomMedia } from '../../media/room-media.js';
import type { RoomMediaEvents, TrackRef } from '../../media/types.js';
import { Vp8Source } from './helpers/ffmpeg.js';
import { RtpSink, waitUntil } from './helpers/rtp.js';

const layer = { width: 640, height: 360, ssrc: 22220001, kbps: 500 };
const track: TrackRef = { participantId: 'publisher', streamKey: 'self', kind: 'video' };

/**
 * ffmpeg publishes VP8 into a PlainTransport; a second PlainTransport sends what the room forwards
 * to a UDP socket standing in for a subscriber.
 */
describe('forwarding real RTP through a room', () => {
  let media: MediaRooms;
  let room: RoomMedia;
  let source: Vp8Source;
  let sink: RtpSink;

  beforeAll(async () => {
    media = await MediaRooms.start({ numWorkers: 1, rtcMinPort: 44000, rtcMaxPort: 44099 });
    room = await media.openRoom('forwarding');
    const send = await room.createPlainTransport('publisher', 'send', { comedia: true });
    await room.produce('publisher', { streamKey: 'self', kind: 'video', rtpParameters: Vp8Source.rtpParameters([layer]) });
    source = await Vp8Source.start([layer]);
    source.sendTo(send.port);

    sink = await RtpSink.open();
    const recv = await room.createPlainTransport('subscriber', 'recv');
    await room.connectPlainTransport('subscriber', recv.id, { ip: '127.0.0.1', port: sink.port });
  });

  afterAll(async () => {
    await source?.stop();
    sink?.close();
    await media?.close();
  });

  it("sends a subscriber nothing until it resumes, then the publisher's 640x360 video", async () => {
    const rtpCapabilities = plainRtpCapabilities(await room.getRtpCapabilities());
    const consumer = await room.consume('subscriber', { track, rtpCapabilities });
    expect(consumer.rtpParameters.codecs[0]!.mimeType).toBe('video/VP8');

    // The publisher is live (the room receives its packets) while the subscriber is still paused.
    await expect.poll(async () => (await room.getProducerStats(track))[0]?.byteCount ?? 0, { timeout: 5000, message: source.stderr }).toBeGreaterThan(0);
    await sleep(500);
    expect(sink.rtpPackets).toBe(0);

    await room.resumeConsumer('subscriber', track);
    await waitUntil(() => sink.keyFrames.length > 0, 5000, 'a key frame at the subscriber');
    expect(sink.keyFrames[0]).toEqual({ width: 640, height: 360 });
    const [stats] = await room.getConsumerStats('subscriber', track);
    expect(stats).toMatchObject({ type: 'outbound-rtp', mimeType: 'video/VP8' });
    expect(stats!.byteCount).toBeGreaterThan(0);
  });

  it('stops the video for subscribers while the publisher is muted by the server, and restores it', async () => {
    await room.pauseProducer(track);
    await sleep(200); // packets already in flight
    sink.reset();
    await sleep(1000);
    expect(sink.rtpPackets).toBe(0);

    await room.resumeProducer(track);
    await waitUntil(() => sink.keyFrames.length > 0, 5000, 'video after resume');
    expect(sink.keyFrames[0]).toEqual({ width: 640, height: 360 });
  });

  it("closes the subscriber's consumer with an event when the publisher unpublishes, and the video stops", async () => {
    const closed: RoomMediaEvents['consumerClosed'][0][] = [];
    room.on('consumerClosed', (event) => closed.push(event));
    await room.closeProducer('publisher', 'self', 'video');
    await waitUntil(() => closed.length > 0, 2000, 'consumerClosed');
    expect(closed).toMatchObject([{ subscriberId: 'subscriber', track, reason: 'producerClosed' }]);
    await sleep(200);
    sink.reset();
    await sleep(700);
    expect(sink.rtpPackets).toBe(0);
    await expect(room.getConsumerStats('subscriber', track)).rejects.toMatchObject({ code: 'CONSUMER_NOT_FOUND' });
  });
});
