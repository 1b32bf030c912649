import type { types as mediasoupTypes } from 'mediasoup';

export type StreamKind = 'video' | 'audio';

/** One source stream of the fan-out: how it is captured, produced and swept. */
export interface StreamSpec {
  kind: StreamKind;
  label: string;
  /** File name under .cache/fanout/; it names every capture parameter, so a change means a new capture. */
  captureFile: string;
  payloadType: number;
  clockRate: number;
  /** The producer's SSRC: the replay rewrites every packet to it. */
  ssrc: number;
  producerCodec: mediasoupTypes.RtpCodecParameters;
  /** ffmpeg arguments that encode CAPTURE_SECONDS of the source as RTP to `target` (an rtp:// URL). */
  ffmpegArgs(target: string): string[];
  /** Coarse sweep doubles from `start`; the fine sweep bisects down to `step`. */
  sweep: { start: number; step: number; max: number };
  /** VP8 carries a PictureID that must keep counting across the loop seam. */
  rewritesPictureId: boolean;
}

export const CAPTURE_SECONDS = 15;

/** Same codecs as the baseline's router, so consumers negotiate the same payload formats. */
export const ROUTER_CODECS: mediasoupTypes.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];

// The encoder settings are the baseline's (reference/fanout-baseline.md, "Source"), so that
// packet sizes and rates, and with them the per-packet costs, compare one to one.
export const VIDEO: StreamSpec = {
  kind: 'video',
  label: 'VP8 1280x720 30 fps ~1 Mbit/s',
  captureFile: `video-vp8-720p30-1M-g90-${CAPTURE_SECONDS}s.rtp`,
  payloadType: 96,
  clockRate: 90000,
  ssrc: 1111,
  producerCodec: {
    mimeType: 'video/VP8',
    payloadType: 96,
    clockRate: 90000,
    rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
  },
  ffmpegArgs: (target) => [
    '-re',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30',
    '-t',
    String(CAPTURE_SECONDS),
    '-c:v',
    'libvpx',
    '-b:v',
    '1M',
    '-minrate',
    '1M',
    '-maxrate',
    '1M',
    '-bufsize',
    '1M',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-g',
    '90',
    '-keyint_min',
    '90',
    '-auto-alt-ref',
    '0',
    '-lag-in-frames',
    '0',
    '-error-resilient',
    '1',
    '-threads',
    '1',
    '-payload_type',
    '96',
    '-ssrc',
    '1111',
    '-f',
    'rtp',
    `${target}&pkt_size=1200`,
  ],
  sweep: { start: 100, step: 100, max: 2000 },
  rewritesPictureId: true,
};

export const AUDIO: StreamSpec = {
  kind: 'audio',
  label: 'opus 32 kbit/s CBR 20 ms',
  captureFile: `audio-opus-32k-20ms-${CAPTURE_SECONDS}s.rtp`,
  payloadType: 100,
  clockRate: 48000,
  ssrc: 2222,
  producerCodec: { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 },
  ffmpegArgs: (target) => [
    '-re',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000,volume=0.3',
    '-t',
    String(CAPTURE_SECONDS),
    '-ac',
    '1',
    '-c:a',
    'libopus',
    '-b:a',
    '32k',
    '-vbr',
    'off',
    '-frame_duration',
    '20',
    '-application',
    'voip',
    '-payload_type',
    '100',
    '-ssrc',
    '2222',
    '-f',
    'rtp',
    target,
  ],
  sweep: { start: 250, step: 250, max: 6000 },
  rewritesPictureId: false,
};

export const STREAMS: Record<StreamKind, StreamSpec> = { video: VIDEO, audio: AUDIO };
