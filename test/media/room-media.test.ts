import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { types as ms } from 'mediasoup';
import { MediaRooms } from '../../media/media-rooms.js';
import type { RoomMedia } from '../../media/room-media.js';
import type { RoomMediaEvents, TrackRef } from '../../media/types.js';

const announcedIp = '203.0.113.7';
const opus = (ssrc: number): ms.RtpParameters => ({
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc }],
});
const vp8 = (ssrc: number): ms.RtpParameters => ({
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
  encodings: [{ ssrc }],
});

function record<E extends keyof RoomMediaEvents>(room: RoomMedia, event: E): RoomMediaEvents[E][0][] {
  const seen: RoomMediaEvents[E][0][] = [];
  room.on(event, ((payload: RoomMediaEvents[E][0]) => seen.push(payload)) as never);
  return seen;
}

describe('room media on a real worker', () => {
  let media: MediaRooms;
  let room: RoomMedia;
  let caps: ms.RtpCapabilities;

  beforeAll(async () => {
    media = await MediaRooms.start({
      numWorkers: 1,
      announcedIp,
      rtcMinPort: 43000,
      rtcMaxPort: 43199,
      enableSctp: true,
    });
    room = await media.openRoom('room-1');
    caps = await room.getRtpCapabilities();
  });

  afterAll(async () => {
    await media?.close();
  });

  it('offers opus, VP8, VP9 profiles 0 and 2, H264 42e01f and 4d0032, with a start bitrate for video', () => {
    const codecs = caps.codecs!.filter((c) => !c.mimeType.endsWith('/rtx'));
    const summary = codecs.map((c) => [c.mimeType, c.clockRate, c.channels ?? null, c.parameters?.['profile-id'] ?? c.parameters?.['profile-level-id'] ?? null]);
    expect(summary).toEqual([
      ['audio/opus', 48000, 2, null],
      ['video/VP8', 90000, null, null],
      ['video/VP9', 90000, null, 0],
      ['video/VP9', 90000, null, 2],
      ['video/H264', 90000, null, '42e01f'],
      ['video/H264', 90000, null, '4d0032'],
    ]);
    for (const codec of codecs.filter((c) => c.kind === 'video')) {
      expect(codec.parameters?.['x-google-start-bitrate']).toBe(1000);
    }
    for (const codec of codecs.filter((c) => c.mimeType === 'video/H264')) {
      expect(codec.parameters?.['packetization-mode']).toBe(1);
    }
    // Retransmission is offered for every video codec.
    expect(caps.codecs!.filter((c) => c.mimeType === 'video/rtx')).toHaveLength(5);
  });

  it('gives a browser ICE candidates at the announced address, inside the port range, plus DTLS and SCTP', async () => {
    const params = await room.createWebRtcTransport('alice', 'send');
    expect(params.iceParameters.usernameFragment).toBeTruthy();
    expect(params.iceParameters.password).toBeTruthy();
    expect(params.iceCandidates.map((c) => [c.protocol, c.ip]).sort()).toEqual([
      ['tcp', announcedIp],
      ['udp', announcedIp],
    ]);
    for (const candidate of params.iceCandidates) {
      expect(candidate.port).toBeGreaterThanOrEqual(43000);
      expect(candidate.port).toBeLessThanOrEqual(43199);
    }
    // UDP is preferred: the browser tries the candidate with the higher priority first.
    const [udp] = [...params.iceCandidates].sort((a, b) => b.priority - a.priority);
    expect(udp!.protocol).toBe('udp');
    expect(params.dtlsParameters.fingerprints.map((f) => f.algorithm)).toContain('sha-256');
    expect(params.sctpParameters?.port).toBe(5000);
  });

  it('honours UDP/TCP switches and leaves SCTP out unless enabled', async () => {
    const tcpOnly = await MediaRooms.start({ numWorkers: 1, enableUdp: false, rtcMinPort: 43200, rtcMaxPort: 43299 });
    try {
      const other = await tcpOnly.openRoom('tcp-only');
      const params = await other.createWebRtcTransport('bob', 'recv');
      expect(params.iceCandidates.map((c) => [c.protocol, c.ip])).toEqual([['tcp', '127.0.0.1']]);
      expect(params).not.toHaveProperty('sctpParameters');
    } finally {
      await tcpOnly.close();
    }
  });

  it('connects a transport once with the client DTLS parameters, restarts ICE and reports stats', async () => {
    const mine = await room.createWebRtcTransport('carol', 'recv');
    const theirs = await room.createWebRtcTransport('dave', 'recv');
    const clientDtls: ms.DtlsParameters = { role: 'client', fingerprints: theirs.dtlsParameters.fingerprints };

    await expect(room.connectWebRtcTransport('carol', mine.id, { fingerprints: [] })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'dtlsParameters',
    });
    // A client cannot touch another participant's transport.
    await expect(room.connectWebRtcTransport('dave', mine.id, clientDtls)).rejects.toMatchObject({
      code: 'TRANSPORT_NOT_FOUND',
    });
    await room.connectWebRtcTransport('carol', mine.id, clientDtls);
    await expect(room.connectWebRtcTransport('carol', mine.id, clientDtls)).rejects.toMatchObject({
      code: 'ALREADY_CONNECTED',
    });

    const [stats] = await room.getTransportStats('carol', mine.id);
    expect(stats).toMatchObject({ transportId: mine.id, type: 'webrtc-transport', iceState: 'new' });
    expect(stats).toHaveProperty('dtlsState');

    const ice = await room.restartIce('carol', mine.id);
    expect(ice.usernameFragment).not.toBe(mine.iceParameters.usernameFragment);
    expect(ice.password).not.toBe(mine.iceParameters.password);
  });

  it('publishes one track per stream key and kind, with clear errors for everything else', async () => {
    await expect(room.produce('erin', { streamKey: 'self', kind: 'audio', rtpParameters: opus(1) })).rejects.toMatchObject({ code: 'TRANSPORT_NOT_FOUND' });
    await room.createWebRtcTransport('erin', 'send');
    const audio = await room.produce('erin', { streamKey: 'self', kind: 'audio', rtpParameters: opus(11) });
    expect(audio).toMatchObject({ participantId: 'erin', streamKey: 'self', kind: 'audio', paused: false, type: 'simple' });
    await room.produce('erin', { streamKey: 'presentation', kind: 'video', rtpParameters: vp8(12) });

    await expect(room.produce('erin', { streamKey: 'self', kind: 'audio', rtpParameters: opus(13) })).rejects.toMatchObject({
      code: 'ALREADY_PUBLISHED',
    });
    // Two requests racing for the same track: exactly one wins.
    const race = await Promise.allSettled([
      room.produce('erin', { streamKey: 'self', kind: 'video', rtpParameters: vp8(14) }),
      room.produce('erin', { streamKey: 'self', kind: 'video', rtpParameters: vp8(15) }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(race.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'ALREADY_PUBLISHED' } });

    await expect(room.produce('erin', { streamKey: 'camera' as never, kind: 'audio', rtpParameters: opus(16) })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'streamKey' });
    await expect(room.produce('erin', { streamKey: 'presentation', kind: 'audio', rtpParameters: { codecs: [], encodings: [] } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'rtpParameters',
    });

    expect(
      room
        .producers()
        .filter((p) => p.participantId === 'erin')
        .map((p) => `${p.streamKey}/${p.kind}`)
        .sort(),
    ).toEqual(['presentation/video', 'self/audio', 'self/video']);
  });

  it('creates consumers paused, refuses devices that cannot decode, and never twice', async () => {
    const track: TrackRef = { participantId: 'erin', streamKey: 'presentation', kind: 'video' };
    await expect(room.consume('frank', { track, rtpCapabilities: caps })).rejects.toMatchObject({
      code: 'TRANSPORT_NOT_FOUND',
    });
    await room.createWebRtcTransport('frank', 'recv');

    const h264Only: ms.RtpCapabilities = {
      codecs: caps.codecs!.filter((c) => c.kind === 'audio' || c.mimeType === 'video/H264'),
      headerExtensions: caps.headerExtensions,
    };
    const refused = room.consume('frank', { track, rtpCapabilities: h264Only });
    await expect(refused).rejects.toMatchObject({ code: 'CANNOT_CONSUME', field: 'rtpCapabilities' });
    await expect(refused).rejects.toThrow(/VP8/);

    await expect(room.consume('frank', { track: { ...track, participantId: 'nobody' }, rtpCapabilities: caps })).rejects.toMatchObject({ code: 'PRODUCER_NOT_FOUND' });

    const consumer = await room.consume('frank', { track, rtpCapabilities: caps });
    expect(consumer).toMatchObject({ kind: 'video', type: 'simple', producerPaused: false, track });
    expect(consumer.rtpParameters.codecs[0]!.mimeType).toBe('video/VP8');
    const [stats] = await room.getConsumerStats('frank', track);
    expect(stats).toMatchObject({ type: 'outbound-rtp', kind: 'video', packetCount: 0 });

    await expect(room.consume('frank', { track, rtpCapabilities: caps })).rejects.toMatchObject({
      code: 'ALREADY_SUBSCRIBED',
    });
    // One layer only: there is no layer to prefer.
    expect(await room.setPreferredLayers('frank', track, { spatialLayer: 0 })).toBeUndefined();
    await expect(room.setPreferredLayers('frank', track, { spatialLayer: -1 })).rejects.toMatchObject({
      field: 'layers.spatialLayer',
    });
    await room.resumeConsumer('frank', track);
    await room.closeConsumer('frank', track);
    await expect(room.resumeConsumer('frank', track)).rejects.toMatchObject({ code: 'CONSUMER_NOT_FOUND' });
  });

  it('server-side mute pauses the published track; subscribers see it as paused', async () => {
    const track: TrackRef = { participantId: 'erin', streamKey: 'self', kind: 'audio' };
    const erinAudio = () => room.producers().find((p) => p.participantId === 'erin' && p.streamKey === 'self' && p.kind === 'audio');
    await room.pauseProducer(track);
    expect(erinAudio()?.paused).toBe(true);
    const consumer = await room.consume('frank', { track, rtpCapabilities: caps });
    expect(consumer.producerPaused).toBe(true);
    await room.resumeProducer(track);
    expect(erinAudio()?.paused).toBe(false);
  });

  it('tells subscribers when a publisher unpublishes, and closes everything of a participant who leaves', async () => {
    const consumerClosed = record(room, 'consumerClosed');
    const producerClosed = record(room, 'producerClosed');

    await room.closeProducer('erin', 'self', 'audio');
    await expect.poll(() => consumerClosed.length).toBe(1);
    expect(consumerClosed[0]).toMatchObject({
      subscriberId: 'frank',
      track: { participantId: 'erin', streamKey: 'self', kind: 'audio' },
      reason: 'producerClosed',
    });
    expect(producerClosed).toMatchObject([{ track: { participantId: 'erin', kind: 'audio' }, reason: 'requested' }]);
    await expect(room.closeProducer('erin', 'self', 'audio')).rejects.toMatchObject({ code: 'PRODUCER_NOT_FOUND' });

    const frankTrack: TrackRef = { participantId: 'erin', streamKey: 'self', kind: 'video' };
    await room.consume('frank', { track: frankTrack, rtpCapabilities: caps });
    consumerClosed.length = 0;
    producerClosed.length = 0;
    const loadBefore = media.pool.workers()[0]!.load;

    room.removeParticipant('erin');
    expect(room.participantIds()).not.toContain('erin');
    expect(room.producers().filter((p) => p.participantId === 'erin')).toEqual([]);
    expect(producerClosed.map((e) => [e.track.streamKey, e.track.kind, e.reason]).sort()).toEqual([
      ['presentation', 'video', 'transportClosed'],
      ['self', 'video', 'transportClosed'],
    ]);
    await expect.poll(() => consumerClosed.map((e) => [e.subscriberId, e.track.kind, e.reason])).toEqual([['frank', 'video', 'producerClosed']]);
    // Erin's transport and two producers, and Frank's consumer of her video, are gone from the worker.
    expect(media.pool.workers()[0]!.load).toBe(loadBefore - 4);
  });

  it('replacing a transport closes the old one with what was published on it', async () => {
    await room.createWebRtcTransport('gina', 'send');
    await room.produce('gina', { streamKey: 'self', kind: 'audio', rtpParameters: opus(21) });
    const producerClosed = record(room, 'producerClosed');
    const fresh = await room.createWebRtcTransport('gina', 'send');
    expect(producerClosed).toMatchObject([{ track: { participantId: 'gina' }, reason: 'transportClosed' }]);
    await room.produce('gina', { streamKey: 'self', kind: 'audio', rtpParameters: opus(22) });
    await room.closeTransport('gina', fresh.id);
    expect(room.producers().filter((p) => p.participantId === 'gina')).toEqual([]);
    await expect(room.closeTransport('gina', fresh.id)).rejects.toMatchObject({ code: 'TRANSPORT_NOT_FOUND' });
  });

  it('closing a room frees its router and everything on it', async () => {
    const closed = record(room, 'closed');
    const producerClosed = record(room, 'producerClosed');
    room.close();
    expect(closed).toEqual([{ roomId: 'room-1' }]);
    expect(producerClosed).toEqual([]);
    expect(media.pool.workers()[0]!.load).toBe(0);
    expect(media.findRoom('room-1')).toBeUndefined();
    expect(() => media.getRoom('room-1')).toThrow(expect.objectContaining({ code: 'ROOM_NOT_FOUND' }));
    await expect(room.createWebRtcTransport('late', 'send')).rejects.toMatchObject({ code: 'ROOM_CLOSED' });
    // The room can be opened again, afresh.
    const reopened = await media.openRoom('room-1');
    expect(reopened).not.toBe(room);
    expect(reopened.participantIds()).toEqual([]);
  });
});
