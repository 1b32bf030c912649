import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { types as ms } from 'mediasoup';
import { MediaRooms } from '../../media/media-rooms.js';
import type { RoomMedia } from '../../media/room-media.js';
import type { RoomMediaEvents } from '../../media/types.js';
import { audioLevelExtensionId, startAudioLevelSender, waitUntil } from './helpers/rtp.js';

const payloadType = 100;
const opusWithLevels = (ssrc: number): ms.RtpParameters => ({
  codecs: [{ mimeType: 'audio/opus', payloadType, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc }],
  headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: audioLevelExtensionId }],
});

describe('active speaker and audio levels', () => {
  let media: MediaRooms;
  let room: RoomMedia;
  let speaking: string | undefined;
  const senders: Array<{ stop(): void }> = [];
  const dominant: RoomMediaEvents['dominantSpeaker'][0][] = [];
  const levels: RoomMediaEvents['audioLevels'][0][] = [];

  beforeAll(async () => {
    media = await MediaRooms.start({ numWorkers: 1, rtcMinPort: 44200, rtcMaxPort: 44299, audioLevelIntervalMs: 300 });
    room = await media.openRoom('speakers');
    room.on('dominantSpeaker', (event) => dominant.push(event));
    room.on('audioLevels', (event) => levels.push(event));
    for (const [participantId, ssrc] of [
      ['ann', 4441],
      ['ben', 4442],
    ] as const) {
      const send = await room.createPlainTransport(participantId, 'send', { comedia: true });
      await room.produce(participantId, { streamKey: 'self', kind: 'audio', rtpParameters: opusWithLevels(ssrc) });
      // Background noise at -90 dBov until the participant speaks at around -20 dBov. The noise
      // comes first, as in a real call: the algorithm measures speech against each one's noise floor.
      senders.push(
        await startAudioLevelSender({
          port: send.port,
          ssrc,
          payloadType,
          level: () => (speaking === participantId ? 15 + Math.random() * 10 : 90),
        }),
      );
    }
  });

  afterAll(async () => {
    for (const sender of senders) sender.stop();
    await media?.close();
  });

  it('names the participant who speaks as the dominant speaker, and follows the conversation', async () => {
    // Before anyone speaks the observer names one of them arbitrarily: only switches prove anything.
    await waitUntil(() => dominant.length > 0, 3000, 'a first dominant speaker');
    const first = dominant[0]!.track.participantId;
    const other = first === 'ann' ? 'ben' : 'ann';
    speaking = other;
    await waitUntil(() => dominant.at(-1)?.track.participantId === other, 6000, `${other} to become the dominant speaker`);
    speaking = first;
    await waitUntil(() => dominant.at(-1)?.track.participantId === first, 6000, `${first} to become the dominant speaker`);
    expect(dominant.at(-1)).toMatchObject({ roomId: 'speakers', track: { streamKey: 'self', kind: 'audio' } });
    expect(dominant.map((d) => d.track.participantId)).toEqual([first, other, first]);
  });

  it('reports the level of whoever speaks, and not of those who only send noise below the threshold', async () => {
    levels.length = 0;
    await waitUntil(() => levels.length >= 3, 3000, 'audio levels');
    // The first report may still average in the previous speaker's last words.
    for (const report of levels.slice(1)) {
      expect(report.levels.map((l) => l.track.participantId)).toEqual([speaking]);
      // Sent at -15..-25 dBov.
      expect(report.levels[0]!.volume).toBeGreaterThanOrEqual(-25);
      expect(report.levels[0]!.volume).toBeLessThanOrEqual(-15);
    }
  });
});
