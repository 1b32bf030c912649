import type { types as ms } from 'mediasoup';

// Without it, Chrome starts every video stream at 300 kbps and takes seconds to ramp up.
const startBitrate = { 'x-google-start-bitrate': 1000 };

/**
 * The codecs of every room's router. mediasoup-client picks the first video codec a browser
 * supports by default, so VP8 (universal, simulcast-friendly) leads; VP9 and H264 are there for
 * publishers that ask for them (SVC, hardware encoders, Safari).
 */
export const roomMediaCodecs: readonly ms.RtpCodecCapability[] = Object.freeze([
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { ...startBitrate } },
  { kind: 'video', mimeType: 'video/VP9', clockRate: 90000, parameters: { 'profile-id': 0, ...startBitrate } },
  { kind: 'video', mimeType: 'video/VP9', clockRate: 90000, parameters: { 'profile-id': 2, ...startBitrate } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1, ...startBitrate },
  },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '4d0032', 'level-asymmetry-allowed': 1, ...startBitrate },
  },
]);
