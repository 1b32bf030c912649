import { randomInt } from 'node:crypto';
import type { RoomMedia } from './room-media.js';
import type { MediaKind, StreamKey, WebRtcTransportParams } from './types.js';
import { planWhipOffer, type WhipOfferPlan, type WhipTrackPlan } from './whip-offer.js';

export { AUDIO_NEEDED, VIDEO_NEEDED, WhipOfferError } from './whip-offer.js';

/** A WHIP publisher's media in the room: its transport, a producer per track, and the SDP answer. */
export interface WhipIngest {
  transportId: string;
  /** `simulcast`: sent in several encodings (rids). */
  tracks: Array<{ kind: MediaKind; producerId: string; simulcast: boolean }>;
  answer: string;
}

function candidateLine(c: WebRtcTransportParams['iceCandidates'][number]): string {
  return `a=candidate:${c.foundation} 1 ${c.protocol} ${c.priority} ${c.ip} ${c.port} typ host${c.protocol === 'tcp' ? ' tcptype passive' : ''}`;
}

function trackLines(track: WhipTrackPlan): string[] {
  const { codec } = track;
  const fmtp = Object.entries(codec.parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
  return [
    ...track.extensions.map((e) => `a=extmap:${e.id} ${e.uri}`),
    `a=rtpmap:${codec.payloadType} ${codec.name}/${codec.clockRate}${codec.channels ? `/${codec.channels}` : ''}`,
    ...(fmtp ? [`a=fmtp:${codec.payloadType} ${fmtp}`] : []),
    ...codec.feedback.map((f) => `a=rtcp-fb:${codec.payloadType} ${f.type}${f.parameter ? ` ${f.parameter}` : ''}`),
    ...track.rids.map((rid) => `a=rid:${rid} recv`),
    ...(track.rids.length ? [`a=simulcast:recv ${track.rids.join(';')}`] : []),
  ];
}

/**
 * The SDP answer (RFC 8829 rules, ICE-lite): every candidate of the transport, its DTLS
 * fingerprint and role, and per taken section the one codec chosen; refused sections get port 0.
 */
export function whipAnswer(plan: WhipOfferPlan, transport: WebRtcTransportParams): string {
  const fingerprint = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256') ?? transport.dtlsParameters.fingerprints[0]!;
  const first = transport.iceCandidates[0];
  const address = first ? `IN ${first.ip.includes(':') ? 'IP6' : 'IP4'} ${first.ip}` : 'IN IP4 0.0.0.0';
  const bundled = plan.sections.filter((s) => s.track).map((s) => s.track!.mid);
  const lines = ['v=0', `o=- ${randomInt(1, 2 ** 47)} 2 IN IP4 127.0.0.1`, 's=-', 't=0 0', 'a=ice-lite', `a=group:BUNDLE ${bundled.join(' ')}`, 'a=msid-semantic: WMS *'];
  for (const { media, track } of plan.sections) {
    if (!track) {
      lines.push(`m=${media.kind} 0 ${media.protocol} ${media.formats.join(' ') || '0'}`, 'c=IN IP4 0.0.0.0', ...(media.mid ? [`a=mid:${media.mid}`] : []), 'a=inactive');
      continue;
    }
    lines.push(
      `m=${media.kind} ${first?.port ?? 9} ${media.protocol} ${track.codec.payloadType}`,
      `c=${address}`,
      `a=mid:${track.mid}`,
      'a=recvonly',
      `a=ice-ufrag:${transport.iceParameters.usernameFragment}`,
      `a=ice-pwd:${transport.iceParameters.password}`,
      `a=fingerprint:${fingerprint.algorithm} ${fingerprint.value}`,
      `a=setup:${plan.setup}`,
      'a=rtcp-mux',
      ...(plan.rtcpReducedSize ? ['a=rtcp-rsize'] : []),
      ...trackLines(track),
      ...transport.iceCandidates.map(candidateLine),
      'a=end-of-candidates',
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Takes a WHIP offer for `participantId`: checks it (WhipOfferError before anything is created),
 * then a WebRTC send transport connected with the offerer's DTLS fingerprint, and a producer per
 * taken track under `streamKey`. Audio starts paused when `pausedAudio` (muted by a moderator).
 * If a step fails, what was created is closed again.
 */
export async function openWhipIngest(room: RoomMedia, participantId: string, opts: { streamKey: StreamKey; offer: string; pausedAudio: boolean }): Promise<WhipIngest> {
  const plan = planWhipOffer(opts.offer, await room.getRtpCapabilities());
  const transport = await room.createWebRtcTransport(participantId, 'send');
  try {
    await room.connectWebRtcTransport(participantId, transport.id, plan.remoteDtls);
    const tracks: WhipIngest['tracks'] = [];
    for (const { track } of plan.sections) {
      if (!track) continue;
      const producer = await room.produce(participantId, {
        streamKey: opts.streamKey,
        kind: track.kind,
        paused: track.kind === 'audio' && opts.pausedAudio,
        rtpParameters: track.rtpParameters,
      });
      tracks.push({ kind: track.kind, producerId: producer.producerId, simulcast: track.rids.length > 1 });
    }
    return { transportId: transport.id, tracks, answer: whipAnswer(plan, transport) };
  } catch (err) {
    await room.closeTransport(participantId, transport.id).catch(() => {});
    throw err;
  }
}
