import type { types as ms } from 'mediasoup';

/**
 * Receive capabilities for a plain RTP endpoint (ffmpeg, a recorder) consuming from a router:
 * the media codecs only, with no RTX and no header extensions. With the router's full capabilities
 * mediasoup would negotiate RTX and bandwidth probing, whose padding packets (another SSRC and
 * sequence space) ffmpeg takes for losses ("RTP: missed N packets").
 */
export function plainRtpCapabilities(routerCapabilities: ms.RtpCapabilities): ms.RtpCapabilities {
  return {
    codecs: (routerCapabilities.codecs ?? [])
      .filter((codec) => !/\/rtx$/i.test(codec.mimeType))
      .map((codec) => ({
        ...codec,
        rtcpFeedback: (codec.rtcpFeedback ?? []).filter((fb) => fb.type === 'nack' || fb.type === 'ccm'),
      })),
    headerExtensions: [],
  };
}
