import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, generateToken, startTestServer, type TestServer } from '../helpers/server.js';
import { participant, type TestParticipant } from '../helpers/participant.js';

// A participant's media session as a client sees it over the API: what it subscribed to goes
// when the publisher's media goes. (The media tree itself is test/media's part.)

const PUBLISH = `mutation($kind: MediaKind!, $rtp: JSON!) { publishStream(streamKey: "self", kind: $kind, rtpParameters: $rtp) {
  __typename ... on UserError { code message } } }`;
const SUBSCRIBE = `mutation($p: ID!, $caps: JSON) { subscribe(participantId: $p, streamKey: "self", rtpCapabilities: $caps) {
  __typename ... on UserError { code message } ... on SubscribePayload { subscription { audio video consumers { id } } } } }`;
const UPDATE = `mutation($p: ID!) { updateSubscription(participantId: $p, streamKey: "self", video: false) {
  __typename ... on UserError { code message field } ... on UpdateSubscriptionPayload { subscription { audio video } } } }`;
const opus = { codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 4242 }] };

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
});
