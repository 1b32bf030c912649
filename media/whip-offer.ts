import type { types as ms } from 'mediasoup';
import { attributeOf, parseSdp, SdpError, type SdpCodec, type SdpDescription, type SdpMedia } from './sdp.js';
import type { MediaKind } from './types.js';

/** Why an offer cannot be taken: `malformed` (not SDP, or missing what WebRTC needs) or `codec` (nothing the room can carry). */
export class WhipOfferError extends Error {
  override readonly name = 'WhipOfferError';
  constructor(
    message: string,
    readonly reason: 'malformed' | 'codec',
  ) {
    super(message);
  }
}

/** One media section of the offer the room takes: a producer's parameters, and what the answer repeats. */
export interface WhipTrackPlan {
  kind: MediaKind;
  mid: string;
  codec: SdpCodec;
  extensions: Array<{ id: number; uri: string }>;
  rids: string[];
  rtpParameters: ms.RtpParameters;
}

export interface WhipOfferPlan {
  remoteDtls: ms.DtlsParameters;
  /** The answer's `a=setup`: passive unless the offerer insists on being the DTLS server. */
  setup: 'passive' | 'active';
  /** Every media section, in order: a track, or why it is refused (the answer sets its port to 0). */
  sections: Array<{ media: SdpMedia; track?: WhipTrackPlan; refused?: string }>;
  rtcpReducedSize: boolean;
}

export const AUDIO_NEEDED = 'audio must be opus/48000/2';
export const VIDEO_NEEDED = 'video must be VP8, or H264 with packetization-mode=1 (Constrained Baseline, profile-level-id 42e01f, preferred)';

const FINGERPRINT_ALGORITHMS = new Set(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']);
const RID_URI = 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id';
const TCC_URI = 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01';

function pickAudio(media: SdpMedia): SdpCodec | undefined {
  return media.codecs.find((c) => c.name.toLowerCase() === 'opus' && c.clockRate === 48000 && c.channels === 2);
}

/** H264 profile of a profile-level-id: its first two bytes (the level does not matter to a router). */
function h264Rank(c: SdpCodec): number {
  if (c.name.toUpperCase() !== 'H264' || c.clockRate !== 90000 || Number(c.parameters['packetization-mode']) !== 1) return -1;
  const profile = String(c.parameters['profile-level-id'] ?? '42e01f').toLowerCase();
  if (profile === '42e01f') return 3;
  if (/^42[ce]0/.test(profile)) return 2; // Constrained Baseline at another level
  if (/^4d00/.test(profile)) return 1; // Main: in the router, decoded by most subscribers
  return -1;
}

function pickVideo(media: SdpMedia): SdpCodec | undefined {
  const vp8 = media.codecs.find((c) => c.name.toUpperCase() === 'VP8' && c.clockRate === 90000);
  if (vp8) return vp8;
  const h264 = media.codecs.map((c) => ({ c, rank: h264Rank(c) })).filter((x) => x.rank >= 0);
  return h264.sort((a, b) => b.rank - a.rank)[0]?.c;
}

function remoteDtls(description: SdpDescription, first: SdpMedia): { dtls: ms.DtlsParameters; setup: WhipOfferPlan['setup'] } {
  const fingerprint = attributeOf(description, first, 'fingerprint');
  const m = fingerprint && /^(\S+) ([0-9A-Fa-f:]+)$/.exec(fingerprint.trim());
  if (!m || !FINGERPRINT_ALGORITHMS.has(m[1]!.toLowerCase())) throw new WhipOfferError('the offer needs an "a=fingerprint:sha-256 …" line (DTLS)', 'malformed');
  const offered = (attributeOf(description, first, 'setup') ?? 'actpass').trim();
  if (!['actpass', 'active', 'passive'].includes(offered)) throw new WhipOfferError(`a=setup:${offered.slice(0, 20)} is not actpass, active or passive`, 'malformed');
  // The offerer is the DTLS client unless it says it will only be the server.
  const role: ms.DtlsRole = offered === 'passive' ? 'server' : 'client';
  const algorithm = m[1]!.toLowerCase();
  return { dtls: { role, fingerprints: [{ algorithm, value: m[2]!.toUpperCase() }] }, setup: role === 'server' ? 'active' : 'passive' };
}

function cnameOf(media: SdpMedia): string | undefined {
  for (const a of media.attributes) {
    const m = a.name === 'ssrc' && /^\d+ cname:(\S+)/.exec(a.value);
    if (m) return m[1];
  }
  return undefined;
}

function encodings(media: SdpMedia, extensions: WhipTrackPlan['extensions']): ms.RtpEncodingParameters[] {
  const simulcast = media.attributes.some((a) => a.name === 'simulcast');
  if (simulcast && media.rids.length > 0) {
    if (!extensions.some((e) => e.uri === RID_URI)) throw new WhipOfferError(`media section "${media.mid}" sends simulcast by rid without the ${RID_URI} header extension`, 'malformed');
    return media.rids.map((rid) => ({ rid }));
  }
  // The first SSRC that is not the retransmission (second) SSRC of an FID group: RTX is not negotiated.
  const repairs = new Set(media.fidGroups.map((g) => g[1]));
  const ssrc = media.ssrcs.find((s) => !repairs.has(s));
  if (ssrc === undefined) throw new WhipOfferError(`media section "${media.mid}" needs an "a=ssrc" line (or rids with a=simulcast): the server finds the stream by it`, 'malformed');
  return [{ ssrc }];
}

function planTrack(media: SdpMedia, kind: MediaKind, codec: SdpCodec, caps: ms.RtpCapabilities, reducedSize: boolean): WhipTrackPlan {
  const supported = new Set((caps.headerExtensions ?? []).filter((e) => e.kind === kind).map((e) => e.uri));
  const extensions = media.extensions.filter((e) => supported.has(e.uri) && e.id >= 1 && e.id <= 14);
  const tcc = extensions.some((e) => e.uri === TCC_URI);
  const feedback = codec.feedback.filter(
    (f) =>
      (f.type === 'transport-cc' && tcc) ||
      (kind === 'video' && ((f.type === 'nack' && (f.parameter === '' || f.parameter === 'pli')) || (f.type === 'ccm' && f.parameter === 'fir') || f.type === 'goog-remb')),
  );
  const chosen = { ...codec, feedback };
  const cname = cnameOf(media);
  return {
    kind,
    mid: media.mid!,
    codec: chosen,
    extensions,
    rids: media.attributes.some((a) => a.name === 'simulcast') ? media.rids : [],
    rtpParameters: {
      mid: media.mid,
      codecs: [
        {
          mimeType: `${kind}/${codec.name}`,
          payloadType: codec.payloadType,
          clockRate: codec.clockRate,
          ...(codec.channels ? { channels: codec.channels } : {}),
          parameters: codec.parameters,
          rtcpFeedback: feedback.map((f) => ({ type: f.type, parameter: f.parameter })),
        },
      ],
      headerExtensions: extensions.map((e) => ({ uri: e.uri, id: e.id })),
      encodings: encodings(media, extensions),
      rtcp: { ...(cname ? { cname } : {}), reducedSize, mux: true },
    },
  };
}

/**
 * Reads a WHIP offer: per media section whether the room takes it (the first audio section that
 * sends opus, the first video section that sends VP8 or H264) and the producer's RTP parameters.
 * Throws WhipOfferError when it is not a WebRTC offer, or when nothing in it can be published.
 */
export function planWhipOffer(sdp: string, caps: ms.RtpCapabilities): WhipOfferPlan {
  let description: SdpDescription;
  try {
    description = parseSdp(sdp);
  } catch (err) {
    throw new WhipOfferError(err instanceof SdpError ? `the body is not an SDP offer: ${err.message}` : 'the body is not an SDP offer', 'malformed');
  }
  const first = description.media[0];
  if (!first) throw new WhipOfferError('the offer has no media section (m=audio or m=video)', 'malformed');
  if (!attributeOf(description, first, 'ice-ufrag') || !attributeOf(description, first, 'ice-pwd')) throw new WhipOfferError('the offer needs a=ice-ufrag and a=ice-pwd (ICE)', 'malformed');
  const { dtls, setup } = remoteDtls(description, first);
  const rtcpReducedSize = first.attributes.some((a) => a.name === 'rtcp-rsize');
  const taken = new Set<string>();
  const problems: string[] = [];
  const sections = description.media.map((media) => {
    const refuse = (why: string) => {
      problems.push(why);
      return { media, refused: why };
    };
    const label = `media section ${media.mid ?? '(no mid)'} (${media.kind})`;
    if (media.kind !== 'audio' && media.kind !== 'video') return refuse(`${label}: only audio and video are taken`);
    const kind: MediaKind = media.kind;
    if (media.port === 0) return refuse(`${label}: rejected by the offerer`);
    if (media.direction !== 'sendonly' && media.direction !== 'sendrecv') return refuse(`${label}: does not send (${media.direction})`);
    if (!media.protocol.includes('SAVPF')) return refuse(`${label}: protocol ${media.protocol.slice(0, 30)} is not UDP/TLS/RTP/SAVPF`);
    if (!media.mid) throw new WhipOfferError(`${label} needs an "a=mid" line (BUNDLE)`, 'malformed');
    if (taken.has(kind)) return refuse(`${label}: one ${kind} track is taken, this one is extra`);
    const codec = kind === 'audio' ? pickAudio(media) : pickVideo(media);
    if (!codec) return refuse(`${label}: ${kind === 'audio' ? AUDIO_NEEDED : VIDEO_NEEDED}; offered ${media.codecs.map((c) => c.name).join(', ') || 'nothing'}`);
    taken.add(kind);
    return { media, track: planTrack(media, kind, codec, caps, rtcpReducedSize) };
  });
  if (taken.size === 0) throw new WhipOfferError(`nothing in the offer can be published: ${problems.join('; ')}`, 'codec');
  return { remoteDtls: dtls, setup, sections, rtcpReducedSize };
}
