import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, ERROR_FIELDS, generateToken, startTestServer, type TestServer } from '../helpers/server.js';
import { participant, type TestParticipant } from '../helpers/participant.js';

// A participant's media session as a client sees it over the API: what it subscribed to goes
// when the publisher's media goes; a subscription paused and its simulcast layers chosen (a
// producer with three SSRCs stands in for a browser's: the consumer's state needs no RTP).
// (The media tree itself is test/media's part.)

const PUBLISH = `mutation($kind: MediaKind!, $rtp: JSON!) { publishStream(streamKey: "self", kind: $kind, rtpParameters: $rtp) {
  __typename ... on UserError { code message } } }`;
const SUBSCRIBE = `mutation($p: ID!, $caps: JSON, $video: Boolean) { subscribe(participantId: $p, streamKey: "self", rtpCapabilities: $caps, video: $video) {
  __typename ... on UserError { code message } ... on SubscribePayload { subscription { audio video consumers { id type } } } } }`;
const UPDATE = `mutation($p: ID!) { updateSubscription(participantId: $p, streamKey: "self", video: false) {
  __typename ... on UserError { code message field } ... on UpdateSubscriptionPayload { subscription { audio video } } } }`;
const LAYERS = `mutation($p: ID!, $s: Int!, $t: Int) { setPreferredLayers(participantId: $p, streamKey: "self", spatialLayer: $s, temporalLayer: $t) {
  ${ERROR_FIELDS} ... on SetPreferredLayersPayload { layers { simulcast spatialLayer temporalLayer } } } }`;
const PAUSE = `mutation($p: ID!, $kind: MediaKind!) { pauseSubscription(participantId: $p, streamKey: "self", kind: $kind) { ${ERROR_FIELDS} } }`;
const RESUME = `mutation($p: ID!, $kind: MediaKind) { resumeSubscription(participantId: $p, streamKey: "self", kind: $kind) { ${ERROR_FIELDS} } }`;
const STATS = `query($roomId: ID!) { roomStats(roomId: $roomId) { participants { participantId received { kind paused } } } }`;

const opus = { codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 4242 }] };
const vp8 = (ssrcs: number[]) => ({ codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }], encodings: ssrcs.map((ssrc) => ({ ssrc })) });

describe('a participant media session', () => {
  let server: TestServer;
  const open: TestParticipant[] = [];
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(async () => {
    await Promise.all(open.map((p) => p.close().catch(() => {})));
    await server?.stop();
  });

  const join = async (roomId: string) => {
    const token = (await generateToken(server, roomId)).clientToken.token as string;
    const p = participant(server.url, token);
    open.push(p);
    return { p, joined: (await p.join()).joined };
  };

  const videoPaused = async (roomId: string, subscriberId: string) => {
    const res = await server.gql(STATS, { roomId });
    const me = res.data.roomStats.participants.find((x: any) => x.participantId === subscriberId);
    return me.received.find((r: any) => r.kind === 'VIDEO')?.paused;
  };

  it('keeps a subscription while the publisher is there, and ends it when the publisher leaves', async () => {
    const room = await createRoom(server);
    const ann = await join(room.id);
    const bob = await join(room.id);
    expect((await ann.p.run(PUBLISH, { kind: 'AUDIO', rtp: opus })).data.publishStream.__typename).toBe('PublishStreamPayload');

    const subscribed = await bob.p.run(SUBSCRIBE, { p: ann.joined.participantId, caps: bob.joined.routerRtpCapabilities });
    expect(subscribed.data.subscribe).toMatchObject({ __typename: 'SubscribePayload', subscription: { audio: true, video: true } });
    expect(subscribed.data.subscribe.subscription.consumers).toHaveLength(1);
    const updated = await bob.p.run(UPDATE, { p: ann.joined.participantId });
    expect(updated.data.updateSubscription).toEqual({ __typename: 'UpdateSubscriptionPayload', subscription: { audio: true, video: false } });

    await ann.p.run('mutation { leave { __typename } }');
    const after = await bob.p.run(UPDATE, { p: ann.joined.participantId });
    expect(after.data.updateSubscription).toMatchObject({ __typename: 'NotFoundError', field: 'participantId' });
    // The subscription itself is gone, not only the stream it pointed at.
    expect(after.data.updateSubscription.message).toMatch(/^subscription to stream "self"/);
  });

  it('chooses layers of a simulcast video, pauses and resumes it, and refuses what makes no sense', async () => {
    const room = await createRoom(server);
    const ann = await join(room.id);
    const bob = await join(room.id);
    const annId = ann.joined.participantId;
    expect((await ann.p.run(PUBLISH, { kind: 'VIDEO', rtp: vp8([1111, 2222, 3333]) })).data.publishStream.__typename).toBe('PublishStreamPayload');
    const sub = await bob.p.run(SUBSCRIBE, { p: annId, caps: bob.joined.routerRtpCapabilities });
    expect(sub.data.subscribe.subscription.consumers).toMatchObject([{ type: 'simulcast' }]);
    await bob.p.run(RESUME, { p: annId });

    const set = await bob.p.run(LAYERS, { p: annId, s: 1, t: 0 });
    expect(set.data.setPreferredLayers).toEqual({ __typename: 'SetPreferredLayersPayload', layers: { simulcast: true, spatialLayer: 1, temporalLayer: 0 } });
    // Above what the publisher sends: mediasoup keeps the highest there is.
    expect((await bob.p.run(LAYERS, { p: annId, s: 7 })).data.setPreferredLayers.layers).toMatchObject({ simulcast: true, spatialLayer: 2 });

    for (const [vars, field] of [
      [{ s: -1 }, 'spatialLayer'],
      [{ s: 16 }, 'spatialLayer'],
      [{ s: 0, t: -2 }, 'temporalLayer'],
    ] as const) {
      const bad = (await bob.p.run(LAYERS, { p: annId, ...vars })).data.setPreferredLayers;
      expect(bad).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
      expect(bad.fieldErrors.map((f: any) => f.field)).toEqual([field]);
    }
    const stranger = (await bob.p.run(LAYERS, { p: '0190e5d2-0000-7000-8000-000000000000', s: 0 })).data.setPreferredLayers;
    expect(stranger).toMatchObject({ __typename: 'NotFoundError', field: 'participantId' });

    expect(await videoPaused(room.id, bob.joined.participantId)).toBe(false);
    expect((await bob.p.run(PAUSE, { p: annId, kind: 'VIDEO' })).data.pauseSubscription).toEqual({ __typename: 'PauseSubscriptionPayload' });
    expect(await videoPaused(room.id, bob.joined.participantId)).toBe(true);
    // The setup step's resume (no kind) leaves a paused kind paused; resume with the kind starts it.
    await bob.p.run(RESUME, { p: annId });
    expect(await videoPaused(room.id, bob.joined.participantId)).toBe(true);
    expect((await bob.p.run(RESUME, { p: annId, kind: 'VIDEO' })).data.resumeSubscription).toEqual({ __typename: 'ResumeSubscriptionPayload' });
    expect(await videoPaused(room.id, bob.joined.participantId)).toBe(false);
  });

  it('answers NotFound for a kind not received, and a single-layer video has no layers to choose', async () => {
    const room = await createRoom(server);
    const ann = await join(room.id);
    const bob = await join(room.id);
    const annId = ann.joined.participantId;
    await ann.p.run(PUBLISH, { kind: 'AUDIO', rtp: opus });
    await ann.p.run(PUBLISH, { kind: 'VIDEO', rtp: vp8([5555]) });
    await bob.p.run(SUBSCRIBE, { p: annId, caps: bob.joined.routerRtpCapabilities, video: false });
    for (const res of [await bob.p.run(PAUSE, { p: annId, kind: 'VIDEO' }), await bob.p.run(LAYERS, { p: annId, s: 0 })]) {
      expect(Object.values(res.data!)[0]).toMatchObject({ __typename: 'NotFoundError', field: 'kind' });
    }
    await bob.p.run(SUBSCRIBE, { p: annId, video: true });
    expect((await bob.p.run(LAYERS, { p: annId, s: 0 })).data.setPreferredLayers.layers).toEqual({ simulcast: false, spatialLayer: null, temporalLayer: null });
  });
});
