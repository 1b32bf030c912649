import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaRooms } from '../../media/media-rooms.js';
import { plainRtpCapabilities } from '../../media/plain-rtp.js';
import type { RoomMedia } from '../../media/room-media.js';
import type { TrackRef } from '../../media/types.js';
import { Vp8Source, type VideoLayer } from './helpers/ffmpeg.js';
import { RtpSink, waitUntil } from './helpers/rtp.js';

// Lowest layer first, as a browser lists its simulcast encodings.
const layers: VideoLayer[] = [
  { width: 160, height: 90, ssrc: 33330001, kbps: 100 },
  { width: 320, height: 180, ssrc: 33330002, kbps: 300 },
];
const track: TrackRef = { participantId: 'publisher', streamKey: 'self', kind: 'video' };

describe('simulcast layer selection per subscriber', () => {
  let media: MediaRooms;
  let room: RoomMedia;
  let source: Vp8Source;
  let sink: RtpSink;

  beforeAll(async () => {
    media = await MediaRooms.start({ numWorkers: 1, rtcMinPort: 44100, rtcMaxPort: 44199 });
    room = await media.openRoom('simulcast');
    const send = await room.createPlainTransport('publisher', 'send', { comedia: true });
    const producer = await room.produce('publisher', {
      streamKey: 'self',
      kind: 'video',
      rtpParameters: Vp8Source.rtpParameters(layers),
    });
    expect(producer.type).toBe('simulcast');
    source = await Vp8Source.start(layers);
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

  it('sends the top layer by default and the lowest one once the subscriber prefers it', async () => {
    const rtpCapabilities = plainRtpCapabilities(await room.getRtpCapabilities());
    const consumer = await room.consume('subscriber', { track, rtpCapabilities });
    expect(consumer.type).toBe('simulcast');
    const layerChanges: Array<number | undefined> = [];
    room.on('consumerLayersChanged', (event) => layerChanges.push(event.layers?.spatialLayer));
    await room.resumeConsumer('subscriber', track);

    // It may start on whichever layer shows a key frame first, and settles on the top one.
    await waitUntil(() => sink.keyFrames.some((f) => f.width === 320), 6000, `the top layer (ffmpeg: ${source.stderr})`);
    expect(sink.keyFrames.at(-1)).toEqual({ width: 320, height: 180 });

    expect(await room.setPreferredLayers('subscriber', track, { spatialLayer: 0 })).toMatchObject({ spatialLayer: 0 });
    sink.reset();
    await waitUntil(() => sink.keyFrames.some((f) => f.width === 160), 6000, 'the low layer');
    expect(sink.keyFrames.at(-1)).toEqual({ width: 160, height: 90 });
    expect(layerChanges.at(-1)).toBe(0);

    await room.setPreferredLayers('subscriber', track, { spatialLayer: 1 });
    sink.reset();
    await waitUntil(() => sink.keyFrames.some((f) => f.width === 320), 6000, 'the high layer again');
    expect(layerChanges.at(-1)).toBe(1);
  });
});
