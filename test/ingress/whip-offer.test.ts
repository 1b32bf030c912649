import type { types as ms } from 'mediasoup';
import { describe, expect, it } from 'vitest';
import { planWhipOffer, WhipOfferError } from '../../media/whip-offer.js';
import type { WebRtcTransportParams } from '../../media/types.js';
import { whipAnswer } from '../../media/whip-ingest.js';
import { AV_OFFER, H264_CB, offerSdp, OPUS, VP8 } from './whip-helpers.js';

// Reading a WHIP offer without a server: the paths the HTTP tests do not take (simulcast by rid,
// an offerer that will only be the DTLS server, extra and refused sections).

const caps: ms.RtpCapabilities = {
  codecs: [],
  headerExtensions: [
    { kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1 },
    { kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1 },
    { kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', preferredId: 2 },
    { kind: 'video', uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', preferredId: 5 },
  ],
};

const transport: WebRtcTransportParams = {
  id: 't',
  iceParameters: { usernameFragment: 'u', password: 'p', iceLite: true },
  iceCandidates: [{ foundation: 'udpcandidate', priority: 1, ip: '192.0.2.1', protocol: 'udp', port: 40000, type: 'host', tcpType: 'passive' }],
  dtlsParameters: { role: 'auto', fingerprints: [{ algorithm: 'sha-256', value: 'AA:BB' }] },
};

describe('planWhipOffer', () => {
  it('maps each sending section to RTP parameters: mid, SSRC, cname, known extensions, feedback', () => {
    const plan = planWhipOffer(AV_OFFER, caps);
    expect(plan.remoteDtls.role).toBe('client');
    expect(plan.setup).toBe('passive');
    const [audio, video] = plan.sections.map((s) => s.track!);
    expect(audio!.rtpParameters).toMatchObject({ mid: '0', codecs: [{ mimeType: 'audio/opus', payloadType: 111, channels: 2 }], encodings: [{ ssrc: 1000 }], rtcp: { cname: 'publisher' } });
    // Audio takes no video feedback (nack, pli, fir, remb).
    expect(audio!.rtpParameters.codecs[0]!.rtcpFeedback).toEqual([]);
    expect(video!.rtpParameters.headerExtensions!.map((e) => [e.id, e.uri])).toEqual([
      [1, 'urn:ietf:params:rtp-hdrext:sdes:mid'],
      [4, 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01'],
    ]);
    expect(video!.rtpParameters.codecs[0]!.rtcpFeedback!.map((f) => `${f.type} ${f.parameter}`.trim())).toEqual(['goog-remb', 'transport-cc', 'nack', 'nack pli', 'ccm fir']);
  });

  it('takes simulcast by rid, and answers recv rids', () => {
    const offer = AV_OFFER.replace('a=mid:1\r\n', 'a=mid:1\r\na=extmap:2 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\na=rid:l send\r\na=rid:h send\r\na=simulcast:send l;h\r\n');
    const plan = planWhipOffer(offer, caps);
    expect(plan.sections[1]!.track!.rtpParameters.encodings).toEqual([{ rid: 'l' }, { rid: 'h' }]);
    const answer = whipAnswer(plan, transport);
    expect(answer).toContain('a=rid:l recv\r\na=rid:h recv\r\na=simulcast:recv l;h\r\n');
  });

  it('answers active to an offerer that will only be the DTLS server', () => {
    const plan = planWhipOffer(AV_OFFER.replace(/a=setup:actpass/g, 'a=setup:passive'), caps);
    expect([plan.remoteDtls.role, plan.setup]).toEqual(['server', 'active']);
    expect(whipAnswer(plan, transport)).toContain('a=setup:active');
  });

  it('refuses extra and unusable sections with port 0, outside BUNDLE, and takes the rest', () => {
    const offer = offerSdp([
      { kind: 'video', mid: 'a', codecs: [VP8] },
      { kind: 'video', mid: 'b', codecs: [H264_CB] },
      { kind: 'audio', mid: 'c', codecs: [OPUS], direction: 'inactive' },
    ]);
    const plan = planWhipOffer(offer, caps);
    expect(plan.sections.map((s) => s.refused ?? 'taken')).toEqual(['taken', expect.stringMatching(/this one is extra/), expect.stringMatching(/does not send \(inactive\)/)]);
    const answer = whipAnswer(plan, transport);
    expect(answer).toContain('a=group:BUNDLE a\r\n');
    expect(answer).toContain('m=video 0 UDP/TLS/RTP/SAVPF 102\r\nc=IN IP4 0.0.0.0\r\na=mid:b\r\na=inactive\r\n');
    // A data channel is not taken either: refused with its own format.
    const withData = `${AV_OFFER}m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\na=sctp-port:5000\r\n`;
    const dataPlan = planWhipOffer(withData, caps);
    expect(dataPlan.sections[2]!.refused).toMatch(/only audio and video are taken/);
    expect(whipAnswer(dataPlan, transport)).toContain('m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\na=inactive\r\n');
    expect(answer).toContain('m=video 40000 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 192.0.2.1\r\n');
  });

  it('says what is missing', () => {
    const fails = (sdp: string) => {
      try {
        planWhipOffer(sdp, caps);
      } catch (err) {
        return err instanceof WhipOfferError ? [err.reason, err.message] : err;
      }
      return 'taken';
    };
    expect(fails(AV_OFFER.replace(/a=mid:.*\r\n/g, ''))).toEqual(['malformed', expect.stringMatching(/needs an "a=mid" line/)]);
    expect(fails(AV_OFFER.replace(/a=ssrc:.*\r\n/g, ''))).toEqual(['malformed', expect.stringMatching(/needs an "a=ssrc" line/)]);
    expect(fails(AV_OFFER.replace(/a=setup:actpass/g, 'a=setup:holdconn'))).toEqual(['malformed', expect.stringMatching(/not actpass, active or passive/)]);
    expect(fails('v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n')).toEqual(['malformed', expect.stringMatching(/no media section/)]);
    expect(fails('v=0\r\nthis is not sdp\r\n')).toEqual(['malformed', expect.stringMatching(/line 2 is not/)]);
  });
});
