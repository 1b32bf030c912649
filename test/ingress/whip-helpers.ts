import type { TestServer } from '../helpers/server.js';

/** A media section of a hand-written offer: its codecs as `rtpmap` lines give them, plus fmtp. */
export interface OfferSection {
  kind: 'audio' | 'video';
  mid: string;
  codecs: Array<{ pt: number; name: string; fmtp?: string }>;
  direction?: string;
  ssrc?: number;
}

export const OPUS = { pt: 111, name: 'opus/48000/2', fmtp: 'minptime=10;useinbandfec=1' };
export const PCMU = { pt: 0, name: 'PCMU/8000' };
export const VP8 = { pt: 96, name: 'VP8/90000' };
export const VP9 = { pt: 98, name: 'VP9/90000', fmtp: 'profile-id=0' };
export const H264_HIGH = { pt: 100, name: 'H264/90000', fmtp: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=640c1f' };
export const H264_CB = { pt: 102, name: 'H264/90000', fmtp: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f' };

/** An offer as a browser or OBS sends it (ICE, DTLS, BUNDLE, rtcp-mux, extensions, SSRCs). Nothing listens behind it. */
export function offerSdp(sections: OfferSection[]): string {
  const lines = ['v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', `a=group:BUNDLE ${sections.map((s) => s.mid).join(' ')}`, 'a=extmap-allow-mixed', 'a=msid-semantic: WMS stream'];
  sections.forEach((s, i) => {
    const ssrc = s.ssrc ?? 1000 + i;
    lines.push(
      `m=${s.kind} 9 UDP/TLS/RTP/SAVPF ${s.codecs.map((c) => c.pt).join(' ')}`,
      'c=IN IP4 0.0.0.0',
      'a=rtcp:9 IN IP4 0.0.0.0',
      'a=ice-ufrag:abcd',
      'a=ice-pwd:abcdefghijklmnopqrstuvwx',
      'a=ice-options:trickle',
      'a=fingerprint:sha-256 6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08',
      'a=setup:actpass',
      `a=mid:${s.mid}`,
      'a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid',
      'a=extmap:3 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      'a=extmap:4 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
      'a=extmap:9 urn:example:not-supported',
      `a=${s.direction ?? 'sendonly'}`,
      'a=msid:stream track',
      'a=rtcp-mux',
      'a=rtcp-rsize',
    );
    for (const c of s.codecs) {
      lines.push(`a=rtpmap:${c.pt} ${c.name}`);
      if (s.kind === 'video') lines.push(`a=rtcp-fb:${c.pt} goog-remb`, `a=rtcp-fb:${c.pt} transport-cc`, `a=rtcp-fb:${c.pt} nack`, `a=rtcp-fb:${c.pt} nack pli`, `a=rtcp-fb:${c.pt} ccm fir`);
      if (c.fmtp) lines.push(`a=fmtp:${c.pt} ${c.fmtp}`);
    }
    lines.push(`a=ssrc:${ssrc} cname:publisher`, `a=ssrc:${ssrc} msid:stream track`);
  });
  return `${lines.join('\r\n')}\r\n`;
}

export const AV_OFFER = offerSdp([
  { kind: 'audio', mid: '0', codecs: [OPUS, PCMU] },
  { kind: 'video', mid: '1', codecs: [VP8, H264_CB] },
]);

/** A request to the server's WHIP routes; `token` null sends no Authorization. */
export async function whipFetch(server: TestServer, path: string, opts: { method?: string; token?: string | null; type?: string | null; body?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.type !== null) headers['content-type'] = opts.type ?? 'application/sdp';
  const res = await fetch(`${server.url}${path}`, { method: opts.method ?? 'POST', headers, ...(opts.body !== undefined ? { body: opts.body } : {}) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The lines of an SDP body that start with `prefix`. */
export const sdpLines = (sdp: string, prefix: string) => sdp.split(/\r?\n/).filter((l) => l.startsWith(prefix));
