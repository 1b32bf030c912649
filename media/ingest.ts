import { randomInt } from 'node:crypto';
import type { types as ms } from 'mediasoup';
import type { RoomMedia } from './room-media.js';
import type { MediaKind, StreamKey } from './types.js';

/** The video codecs an ingest may publish: both are in every room's router (codecs.ts). */
export type IngestVideoCodec = 'VP8' | 'H264';

/** Where an RTP sender sends one kind, and how its packets must be labelled. */
export interface IngestInput {
  kind: MediaKind;
  transportId: string;
  producerId: string;
  ip: string;
  port: number;
  /** RTCP (sender reports) goes here; RTP and RTCP are not multiplexed, as ffmpeg and GStreamer send by default. */
  rtcpPort: number;
  payloadType: number;
  ssrc: number;
  /** `audio/opus`, `video/VP8` or `video/H264`. */
  mimeType: string;
  clockRate: number;
  channels?: number;
  /** The codec's format parameters, as an SDP `a=fmtp` line would give them. */
  parameters: Record<string, string | number>;
}

// Payload types of the dynamic range, as browsers commonly number these codecs.
const AUDIO: ms.RtpCodecParameters = { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { 'sprop-stereo': 1 } };
const VIDEO: Record<IngestVideoCodec, ms.RtpCodecParameters> = {
  VP8: { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {} },
  // Constrained Baseline: what every browser decodes.
  H264: { mimeType: 'video/H264', payloadType: 102, clockRate: 90000, parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 } },
};

/**
 * Opens an ingest for `participantId`: per kind a plain transport of its own (comedia: it learns
 * the sender's address from the first packet; one per kind, because a sender's audio and video
 * leave from two sockets) and a producer with a fixed payload type and SSRC, which the sender
 * must use. Audio starts paused when `pausedAudio` (a participant muted by a moderator).
 */
export async function openIngest(room: RoomMedia, participantId: string, opts: { streamKey: StreamKey; kinds: MediaKind[]; video: IngestVideoCodec; pausedAudio: boolean }): Promise<IngestInput[]> {
  const inputs: IngestInput[] = [];
  for (const kind of opts.kinds) {
    const codec = kind === 'audio' ? AUDIO : VIDEO[opts.video];
    const transport = await room.createPlainTransport(participantId, 'send', { comedia: true, rtcpMux: false, kind, mainRouter: true });
    // Random and non-zero, so that two ingests' streams are never confused by a receiver.
    const ssrc = randomInt(1, 2 ** 31);
    const producer = await room.produce(participantId, {
      streamKey: opts.streamKey,
      kind,
      paused: kind === 'audio' && opts.pausedAudio,
      rtpParameters: { codecs: [codec], encodings: [{ ssrc }] },
    });
    inputs.push({
      kind,
      transportId: transport.id,
      producerId: producer.producerId,
      ip: transport.ip,
      port: transport.port,
      rtcpPort: transport.rtcpPort!,
      payloadType: codec.payloadType,
      ssrc,
      mimeType: codec.mimeType,
      clockRate: codec.clockRate,
      ...(codec.channels ? { channels: codec.channels } : {}),
      parameters: { ...(codec.parameters as Record<string, string | number>) },
    });
  }
  return inputs;
}
