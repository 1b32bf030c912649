import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import type { MediaKind } from '../../media/index.js';
import { plainRtpCapabilities } from '../../media/plain-rtp.js';
import { RtpSink } from '../media/helpers/rtp.js';
import { ERROR_FIELDS, mutate, type TestServer } from '../helpers/server.js';

export const INGRESS_FIELDS = `id kind url loop context status failureReason endedReason createdAt endedAt
  room { id } session { id } participant { id context leftAt leftReason }
  rtpInputs { kind ip port rtcpPort payloadType ssrc mimeType clockRate channels parameters } whip { url bearerToken }`;

export async function createIngress(server: TestServer, input: Record<string, unknown>) {
  return mutate(server, `mutation($input: CreateIngressInput!) { createIngress(input: $input) { ${ERROR_FIELDS} ... on CreateIngressPayload { ingress { ${INGRESS_FIELDS} } } } }`, { input });
}

/** The ingress, which must have been created. */
export async function createdIngress(server: TestServer, input: Record<string, unknown>) {
  const result = await createIngress(server, input);
  if (result.__typename !== 'CreateIngressPayload') throw new Error(`createIngress failed: ${JSON.stringify(result)}`);
  return result.ingress as Record<string, any>;
}

export async function getIngress(server: TestServer, id: string) {
  const res = await server.gql(`query($id: ID!) { ingress(id: $id) { ${INGRESS_FIELDS} } }`, { id });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.ingress as Record<string, any> | null;
}

export function deleteIngress(server: TestServer, id: string) {
  return mutate(server, `mutation($id: ID!) { deleteIngress(id: $id) { ${ERROR_FIELDS} ... on DeleteIngressPayload { ingress { id status endedReason } } } }`, { id });
}

/** A short test file made by ffmpeg: the test pattern and a tone, in the codecs asked for. */
export function makeMediaFile(file: string, opts: { seconds: number; video: string[]; audio: string[] }): void {
  execFileSync('ffmpeg', [
    ...['-nostdin', '-loglevel', 'error'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=15:duration=${opts.seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${opts.seconds}`],
    ...opts.video,
    ...opts.audio,
    ...['-y', file],
  ]);
}

export const VP8_OPUS = { video: ['-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '200k', '-g', '15'], audio: ['-c:a', 'libopus', '-b:a', '32k'] };
export const H264_BASELINE_AAC = { video: ['-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'baseline', '-g', '15'], audio: ['-c:a', 'aac', '-b:a', '64k'] };
export const H264_AAC = { video: ['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-g', '15'], audio: ['-c:a', 'aac', '-b:a', '64k'] };

/**
 * A subscriber that is not a browser: a plain transport on the server, consuming one track of a
 * participant into a UDP socket that counts the RTP it receives.
 */
export async function receiveTrack(server: TestServer, roomId: string, participantId: string, kind: MediaKind): Promise<RtpSink> {
  const room = server.running.services.orchestrator.media.getRoom(roomId);
  const watcher = `watcher:${participantId}:${kind}`;
  const sink = await RtpSink.open();
  const recv = await room.createPlainTransport(watcher, 'recv');
  await room.connectPlainTransport(watcher, recv.id, { ip: '127.0.0.1', port: sink.port });
  const track = { participantId, streamKey: 'self' as const, kind };
  await room.consume(watcher, { track, rtpCapabilities: plainRtpCapabilities(await room.getRtpCapabilities()) });
  await room.resumeConsumer(watcher, track);
  return sink;
}

/** ffmpeg sending its test pattern (VP8) and a tone (opus) as RTP where an RTP ingress answered. */
export function sendRtp(inputs: Array<{ kind: string; ip: string; port: number; rtcpPort: number; payloadType: number; ssrc: number }>): ChildProcess {
  const video = inputs.find((i) => i.kind === 'video')!;
  const audio = inputs.find((i) => i.kind === 'audio')!;
  const out = (i: typeof video) => ['-f', 'rtp', '-payload_type', String(i.payloadType), '-ssrc', String(i.ssrc), `rtp://${i.ip}:${i.port}?rtcpport=${i.rtcpPort}&pkt_size=1200`];
  return spawn(
    'ffmpeg',
    [
      ...['-nostdin', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-map', '0:v', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k', '-g', '15', ...out(video)],
      ...['-map', '1:a', '-c:a', 'libopus', '-ar', '48000', '-ac', '2', ...out(audio)],
    ],
    { stdio: 'ignore' },
  );
}
