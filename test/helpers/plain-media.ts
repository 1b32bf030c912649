import type { MediaRooms } from '../../media/index.js';
import { plainRtpCapabilities } from '../../media/plain-rtp.js';
import { Vp8Source, type VideoLayer } from '../media/helpers/ffmpeg.js';
import { RtpSink } from '../media/helpers/rtp.js';
import type { TestParticipant } from './participant.js';

// Real media for a participant that joined over the API, without a browser: its WebRTC transport
// of one direction is replaced by a plain RTP one on the server (the media layer allows one
// transport per direction), and everything else goes through the API as a client would —
// publishStream, subscribe, resumeSubscription. ffmpeg sends VP8 into the send transport; a UDP
// socket takes what the recv transport forwards.

const PUBLISH = `mutation($kind: MediaKind!, $rtp: JSON!) { publishStream(streamKey: "self", kind: $kind, rtpParameters: $rtp) {
  __typename ... on UserError { code message } } }`;
const SUBSCRIBE = `mutation($p: ID!, $caps: JSON) { subscribe(participantId: $p, streamKey: "self", audio: false, rtpCapabilities: $caps) {
  __typename ... on UserError { code message } } }`;
const RESUME = `mutation($p: ID!) { resumeSubscription(participantId: $p, streamKey: "self") { __typename ... on UserError { code message } } }`;

export const TEST_VIDEO_LAYER: VideoLayer = { width: 320, height: 180, ssrc: 0, kbps: 300 };

async function expectOk(p: TestParticipant, query: string, variables: Record<string, unknown>, typename: string): Promise<void> {
  const res = await p.run(query, variables);
  const result = Object.values(res.data ?? {})[0] as { __typename?: string } | undefined;
  if (result?.__typename !== typename) throw new Error(`expected ${typename}, got ${JSON.stringify(res)}`);
}

/** Publishes ffmpeg's VP8 test pattern as the participant's `self` video; stop() the source when done. */
export async function publishTestVideo(media: MediaRooms, roomId: string, participantId: string, p: TestParticipant, ssrc: number): Promise<Vp8Source> {
  const layer = { ...TEST_VIDEO_LAYER, ssrc };
  const send = await media.getRoom(roomId).createPlainTransport(participantId, 'send', { comedia: true });
  await expectOk(p, PUBLISH, { kind: 'VIDEO', rtp: Vp8Source.rtpParameters([layer]) }, 'PublishStreamPayload');
  const source = await Vp8Source.start([layer]);
  source.sendTo(send.port);
  return source;
}

/** Receives `fromParticipantId`'s `self` video into a UDP socket; close() the sink when done. */
export async function receiveTestVideo(media: MediaRooms, roomId: string, participantId: string, p: TestParticipant, fromParticipantId: string): Promise<RtpSink> {
  const room = media.getRoom(roomId);
  const sink = await RtpSink.open();
  const recv = await room.createPlainTransport(participantId, 'recv');
  await room.connectPlainTransport(participantId, recv.id, { ip: '127.0.0.1', port: sink.port });
  const caps = plainRtpCapabilities(await room.getRtpCapabilities());
  await expectOk(p, SUBSCRIBE, { p: fromParticipantId, caps }, 'SubscribePayload');
  await expectOk(p, RESUME, { p: fromParticipantId }, 'ResumeSubscriptionPayload');
  return sink;
}
