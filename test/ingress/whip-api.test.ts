import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, mutate } from '../helpers/server.js';
import { eventually } from '../helpers/participant.js';
import { useTestServer } from '../helpers/server-suite.js';
import { createdIngress, createIngress, deleteIngress, getIngress } from './helpers.js';
import { AV_OFFER, H264_CB, H264_HIGH, offerSdp, OPUS, PCMU, sdpLines, VP8, VP9, whipFetch } from './whip-helpers.js';

// WHIP (RFC 9725) over HTTP without a browser: a hand-written offer (nothing listens behind it,
// so no media flows) answered with the transport's candidates and fingerprint; every refusal
// answers its status and a clear text and changes nothing; DELETE on the Location ends it.

describe.each(DIALECTS)('WHIP ingress over HTTP on %s', (dialect) => {
  const server = useTestServer(dialect, { INGRESS_MAX_PER_ROOM: '3' });

  const roomState = async (roomId: string) =>
    (await server.gql(`query($r: ID!) { roomState(roomId: $r) { participants { id } streams { id } } }`, { r: roomId })).data.roomState as {
      participants: Array<{ id: string }>;
      streams: Array<{ id: string }>;
    };
  const row = (id: string) => server.running.services.db.selectFrom('ingresses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  async function whipIngress(maxParticipants?: number) {
    const room = await createRoom(server, maxParticipants ? { maxParticipants } : {});
    const ingress = await createdIngress(server, { roomId: room.id, kind: 'WHIP', context: '{"name":"OBS"}' });
    const path = new URL(ingress.whip.url as string).pathname;
    return { room, ingress, path, token: ingress.whip.bearerToken as string };
  }

  it('createIngress answers the endpoint and a token shown once, kept only as a hash', async () => {
    const { room, ingress, token } = await whipIngress();
    expect(ingress).toMatchObject({ kind: 'WHIP', status: 'CONNECTING', rtpInputs: [], participant: { context: '{"name":"OBS"}', leftAt: null } });
    expect(ingress.whip.url).toBe(`${server.url}/whip/${ingress.id}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await getIngress(server, ingress.id))!.whip).toEqual({ url: ingress.whip.url, bearerToken: null });
    const stored = await row(ingress.id);
    expect(stored.whip_token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await roomState(room.id)).participants.map((p) => p.id)).toEqual([ingress.participant.id]);
    // Other kinds have no WHIP endpoint.
    const rtp = await createdIngress(server, { roomId: room.id, kind: 'RTP' });
    expect(rtp.whip).toBeNull();
    await deleteIngress(server, rtp.id);
    await deleteIngress(server, ingress.id);
  });

  it('refuses every bad request with its status and a clear text, and changes nothing', async () => {
    const { room, ingress, path, token } = await whipIngress();
    const rtp = await createdIngress(server, { roomId: room.id, kind: 'RTP' });
    const noCodec = offerSdp([
      { kind: 'audio', mid: '0', codecs: [PCMU] },
      { kind: 'video', mid: '1', codecs: [VP9, H264_HIGH] },
    ]);
    const other = (p: string) => ({ path: p });
    const cases: Array<[string, Parameters<typeof whipFetch>[2] & { path?: string }, number, RegExp]> = [
      ['no token', { token: null, body: AV_OFFER }, 401, /bearer token is needed/],
      ['a wrong token', { token: 'x'.repeat(43), body: AV_OFFER }, 401, /not the one of this ingress/],
      // Refused as any wrong token is: the ingress's kind is not told to someone without its token.
      ['another kind of ingress', { token, body: AV_OFFER, ...other(`/whip/${rtp.id}`) }, 401, /^the bearer token is not the one of this ingress\n?$/],
      ['another kind of ingress, no token', { token: null, body: AV_OFFER, ...other(`/whip/${rtp.id}`) }, 401, /^a bearer token is needed/],
      ['an unknown ingress', { token, body: AV_OFFER, ...other('/whip/0190a5c8-0000-7000-8000-000000000000') }, 404, /no ingress/],
      ['not a UUID', { token, body: AV_OFFER, ...other('/whip/nope') }, 404, /no ingress nope/],
      ['JSON', { token, type: 'application/json', body: '{"sdp":"v=0"}' }, 415, /application\/sdp, not application\/json/],
      ['no content type', { token, type: null, body: AV_OFFER }, 415, /application\/sdp/],
      ['not SDP', { token, body: 'hello' }, 400, /not an SDP offer/],
      ['an empty body', { token, body: '' }, 400, /not an SDP offer/],
      ['too large', { token, body: `${AV_OFFER}${'a=x\r\n'.repeat(20_000)}` }, 413, /larger than 65536 bytes/],
      ['no DTLS fingerprint', { token, body: AV_OFFER.replace(/a=fingerprint:.*\r\n/g, '') }, 400, /a=fingerprint/],
      ['no ICE credentials', { token, body: AV_OFFER.replace(/a=ice-pwd:.*\r\n/g, '') }, 400, /ice-pwd/],
      ['no usable codec', { token, body: noCodec }, 406, /opus\/48000\/2.*VP8, or H264 with packetization-mode=1/],
      ['a section that only receives', { token, body: offerSdp([{ kind: 'video', mid: '0', codecs: [VP8], direction: 'recvonly' }]) }, 406, /does not send \(recvonly\)/],
      ['GET', { token, method: 'GET' }, 405, /POST an SDP offer/],
    ];
    for (const [what, opts, status, message] of cases) {
      const res = await whipFetch(server, opts.path ?? path, opts);
      expect({ what, status: res.status, text: res.text }).toEqual({ what, status, text: expect.stringMatching(message) });
      if (status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="whip"/);
    }
    // Nothing changed: still waiting for a publisher, the same participants, no stream.
    expect(await row(ingress.id)).toMatchObject({ status: 'connecting', whip_session: null });
    expect((await roomState(room.id)).participants.map((p) => p.id).sort()).toEqual([ingress.participant.id, rtp.participant.id].sort());
    expect((await roomState(room.id)).streams).toEqual([]);
    const producers = server.running.services.orchestrator.media.getRoom(room.id).producers();
    expect(producers.filter((p) => p.participantId === ingress.participant.id)).toEqual([]);
    await deleteIngress(server, rtp.id);
    await deleteIngress(server, ingress.id);
  });

  it('answers an offer (201, SDP, Location), refuses a second publisher, and DELETE ends the ingress', async () => {
    const { room, ingress, path, token } = await whipIngress();
    const res = await whipFetch(server, path, { token, body: AV_OFFER });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/sdp');
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/whip/${ingress.id}/session/[0-9a-f-]{36}$`));
    const answer = res.text;
    expect(answer.startsWith('v=0\r\n')).toBe(true);
    expect(sdpLines(answer, 'a=ice-lite')).toHaveLength(1);
    expect(sdpLines(answer, 'a=group:BUNDLE')).toEqual(['a=group:BUNDLE 0 1']);
    expect(sdpLines(answer, 'm=').map((l) => l.replace(/ \d+ /, ' PORT '))).toEqual(['m=audio PORT UDP/TLS/RTP/SAVPF 111', 'm=video PORT UDP/TLS/RTP/SAVPF 96']);
    expect(sdpLines(answer, 'a=setup:')).toEqual(['a=setup:passive', 'a=setup:passive']);
    expect(sdpLines(answer, 'a=recvonly')).toHaveLength(2);
    expect(sdpLines(answer, 'a=fingerprint:sha-256 ')).toHaveLength(2);
    expect(sdpLines(answer, 'a=candidate:').length).toBeGreaterThanOrEqual(2);
    expect(sdpLines(answer, 'a=candidate:')[0]).toMatch(/ udp \d+ 127\.0\.0\.1 \d+ typ host$/);
    // The extensions the router knows, with the offer's ids; not the unknown one.
    expect(sdpLines(answer, 'a=extmap:')).toContain('a=extmap:4 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01');
    expect(answer).not.toContain('urn:example:not-supported');
    expect(sdpLines(answer, 'a=rtcp-fb:96')).toEqual(['a=rtcp-fb:96 goog-remb', 'a=rtcp-fb:96 transport-cc', 'a=rtcp-fb:96 nack', 'a=rtcp-fb:96 nack pli', 'a=rtcp-fb:96 ccm fir']);
    // The producers exist; the stream is published only when its media arrives (none here).
    const media = server.running.services.orchestrator.media.getRoom(room.id);
    expect(
      media
        .producers()
        .map((p) => [p.participantId, p.kind])
        .sort(),
    ).toEqual([
      [ingress.participant.id, 'audio'],
      [ingress.participant.id, 'video'],
    ]);
    expect((await getIngress(server, ingress.id))!.status).toBe('CONNECTING');
    expect((await roomState(room.id)).streams).toEqual([]);

    const second = await whipFetch(server, path, { token, body: AV_OFFER });
    expect([second.status, second.text]).toEqual([409, expect.stringMatching(/already has a publisher/)]);
    expect((await whipFetch(server, location, { method: 'DELETE', type: null, token: null })).status).toBe(401);
    expect((await whipFetch(server, location.replace(/session\/.*/, 'session/other'), { method: 'DELETE', type: null, token })).status).toBe(404);
    expect((await whipFetch(server, location, { method: 'PATCH', token, type: 'application/trickle-ice-sdpfrag', body: 'a=end-of-candidates' })).status).toBe(405);
    expect(media.producers()).toHaveLength(2);

    const ended = await whipFetch(server, location, { method: 'DELETE', type: null, token });
    expect([ended.status, ended.text]).toEqual([200, expect.stringMatching(/ended/)]);
    expect(await getIngress(server, ingress.id)).toMatchObject({ status: 'ENDED', endedReason: 'input_ended', participant: { leftAt: expect.any(String) } });
    expect((await roomState(room.id)).participants).toEqual([]);
    expect(media.producers()).toEqual([]);
    const after = await whipFetch(server, path, { token, body: AV_OFFER });
    expect([after.status, after.text]).toEqual([409, expect.stringMatching(/has ended/)]);
  });

  it('ends when its participant is kicked, with its transport and producers', async () => {
    const { room, ingress, path, token } = await whipIngress();
    expect((await whipFetch(server, path, { token, body: AV_OFFER })).status).toBe(201);
    const kicked = await mutate(server, `mutation($s: ID!, $p: [ID!]) { kickParticipants(sessionId: $s, participants: {ids: $p}) { __typename } }`, {
      s: ingress.session.id,
      p: [ingress.participant.id],
    });
    expect(kicked.__typename).toBe('KickParticipantsPayload');
    await eventually('the ingress ended', async () => ((await getIngress(server, ingress.id))!.status === 'ENDED' ? true : undefined));
    expect(await getIngress(server, ingress.id)).toMatchObject({ endedReason: 'kicked', participant: { leftAt: expect.any(String) } });
    expect(server.running.services.orchestrator.media.getRoom(room.id).producers()).toEqual([]);
    expect((await whipFetch(server, path, { token, body: AV_OFFER })).status).toBe(409);
  });

  it('takes H264 when the offer has no VP8, preferring Constrained Baseline 42e01f; audio alone is fine too', async () => {
    const { ingress, path, token } = await whipIngress();
    const offer = offerSdp([{ kind: 'video', mid: 'v', codecs: [H264_HIGH, H264_CB] }]);
    const res = await whipFetch(server, path, { token, body: offer });
    expect(res.status).toBe(201);
    expect(sdpLines(res.text, 'm=video')[0]).toMatch(/ 102$/);
    expect(sdpLines(res.text, 'a=fmtp:')).toEqual(['a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f']);
    await deleteIngress(server, ingress.id);

    const audio = await whipIngress();
    const onlyAudio = await whipFetch(server, audio.path, { token: audio.token, body: offerSdp([{ kind: 'audio', mid: 'a', codecs: [PCMU, OPUS] }]) });
    expect(onlyAudio.status).toBe(201);
    expect(sdpLines(onlyAudio.text, 'm=')).toEqual([expect.stringMatching(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 111$/)]);
    await deleteIngress(server, audio.ingress.id);
  });

  it('answers a browser preflight from any origin, and keeps to the ingress limits', async () => {
    const { ingress, path, room } = await whipIngress(2);
    const pre = await whipFetch(server, path, {
      method: 'OPTIONS',
      type: null,
      headers: { origin: 'https://encoder.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(pre.headers.get('access-control-expose-headers')).toContain('location');

    const second = await createdIngress(server, { roomId: room.id, kind: 'WHIP' });
    expect((await createIngress(server, { roomId: room.id, kind: 'WHIP' })).code).toBe('ROOM_FULL');
    expect((await roomState(room.id)).participants).toHaveLength(2);
    await deleteIngress(server, second.id);
    await deleteIngress(server, ingress.id);
  });
});
