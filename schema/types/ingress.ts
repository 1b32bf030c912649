import type { IngressRow } from '../../db/types.js';
import type { CreatedIngress, IngestInput } from '../../server/ingress/ingress-service.js';
import { builder } from '../builder.js';
import { loaders } from '../loaders.js';
import { pageArgs, pageRequest, queryId, toConnection } from '../pagination.js';
import { ParticipantRef, RoomRef, RoomSessionRef } from './refs.js';

export const IngressRef = builder.objectRef<IngressRow | CreatedIngress>('Ingress');
export const IngressConnection = builder.connectionObject({ type: IngressRef, name: 'IngressConnection' });

export const IngressKindEnum = builder.enumType('IngressKind', {
  description: 'Where the media of an ingress comes from.',
  values: {
    URL: { value: 'url', description: 'A media file path or URL that ffmpeg reads (mp4, webm, mkv, an HTTP URL), once or in a loop.' },
    RTP: { value: 'rtp', description: 'Plain RTP sent by a camera or an encoder to the addresses in `rtpInputs`.' },
    WHIP: { value: 'whip', description: 'WebRTC-HTTP ingestion (RFC 9725): an encoder such as OBS Studio POSTs its SDP offer to `whip.url` with `whip.bearerToken`.' },
  } as const,
});

export const IngressStatusEnum = builder.enumType('IngressStatus', {
  description: 'Where an ingress stands.',
  values: {
    CONNECTING: { value: 'connecting', description: 'Its participant joined; no media has arrived yet.' },
    PUBLISHING: { value: 'publishing', description: 'Media arrives and is published in the room.' },
    ENDED: { value: 'ended', description: 'It stopped: `endedReason` says why.' },
    FAILED: { value: 'failed', description: 'It could not go on: `failureReason` says why.' },
  } as const,
});

export const IngressVideoCodecEnum = builder.enumType('IngressVideoCodec', {
  description: 'The video codec an RTP ingress receives.',
  values: { VP8: { value: 'VP8' }, H264: { value: 'H264', description: 'Constrained Baseline (profile-level-id 42e01f), packetization-mode 1.' } } as const,
});

const IngressRtpInputRef = builder.objectRef<IngestInput>('IngressRtpInput').implement({
  description: 'Where to send one kind of media of an ingress, and how to label its packets: RTP to `ip:port`, RTCP to `ip:rtcpPort`.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: '`audio` or `video`.' }),
    ip: t.exposeString('ip', { description: 'Address to send to.' }),
    port: t.exposeInt('port', { description: 'UDP port for RTP.' }),
    rtcpPort: t.exposeInt('rtcpPort', { description: 'UDP port for RTCP (not multiplexed with RTP).' }),
    payloadType: t.exposeInt('payloadType', { description: 'The RTP payload type the packets must carry.' }),
    ssrc: t.exposeFloat('ssrc', { description: 'The SSRC the packets must carry (a 32-bit unsigned number).' }),
    mimeType: t.exposeString('mimeType', { description: 'The codec: `audio/opus`, `video/VP8` or `video/H264`.' }),
    clockRate: t.exposeInt('clockRate', { description: 'RTP clock rate of the codec.' }),
    channels: t.exposeInt('channels', { nullable: true, description: 'Audio channels.' }),
    parameters: t.field({ type: 'JSON', description: 'Format parameters of the codec, as an SDP `a=fmtp` line gives them.', resolve: (i) => i.parameters }),
  }),
});

const IngressWhipRef = builder.objectRef<{ url: string; bearerToken: string | null }>('IngressWhip').implement({
  description: 'Where a WHIP encoder publishes (RFC 9725): POST an SDP offer to `url` with `Authorization: Bearer <bearerToken>`; the answer comes back with a Location to DELETE at the end.',
  fields: (t) => ({
    url: t.exposeString('url', { description: "The WHIP endpoint (`<server>/whip/<ingress id>`), under PUBLIC_URL or the server's address." }),
    bearerToken: t.exposeString('bearerToken', {
      nullable: true,
      description: 'The bearer token, shown once: in the answer of createIngress only (the server keeps only its hash), null everywhere else.',
    }),
  }),
});

IngressRef.implement({
  description: 'Media from outside brought into a room by a participant of its own: a file or URL (ffmpeg), an RTP sender, or a WHIP encoder.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'UUID of the ingress.' }),
    room: t.field({ type: RoomRef, description: 'The room it publishes in.', resolve: async (i, _a, ctx) => (await loaders(ctx).room.load(i.room_id))! }),
    kind: t.field({ type: IngressKindEnum, description: 'Where its media comes from.', resolve: (i) => i.kind }),
    url: t.exposeString('url', { nullable: true, description: 'For URL: the file path or URL read.' }),
    loop: t.exposeBoolean('loop', { description: 'For URL: whether the input starts again when it ends.' }),
    context: t.exposeString('context', { nullable: true, description: "Its participant's context, as others see it." }),
    status: t.field({ type: IngressStatusEnum, description: 'Where it stands.', resolve: (i) => i.status }),
    failureReason: t.exposeString('failure_reason', {
      nullable: true,
      description: "Why it failed (missing file, unreadable input, no audio or video stream, ffmpeg error; for WHIP, the publisher's DTLS failed or no media arrived after the answer).",
    }),
    endedReason: t.exposeString('ended_reason', {
      nullable: true,
      description:
        'Why it stopped: `input_ended`, `input_timeout` (it published, then nothing came for INGRESS_IDLE_TIMEOUT_SECS), `deleted`, `kicked`, `session_ended`, `room_deleted`, `server_shutdown`, `server_restarted`, `node_lost`, `left`, or `failed`.',
    }),
    session: t.field({
      type: RoomSessionRef,
      nullable: true,
      description: 'The session its participant joined; null if it never joined.',
      resolve: async (i, _a, ctx) => (i.session_id ? ((await loaders(ctx).session.load(i.session_id)) ?? null) : null),
    }),
    participant: t.field({
      type: ParticipantRef,
      nullable: true,
      description: 'The participant that publishes its media; null if it never joined.',
      resolve: async (i, _a, ctx) => (i.participant_id ? ((await loaders(ctx).participant.load(i.participant_id)) ?? null) : null),
    }),
    rtpInputs: t.field({
      type: [IngressRtpInputRef],
      description: 'For RTP: where to send each kind (empty for other kinds, and for an ingress that never started).',
      resolve: (i) => (i.kind === 'rtp' && i.rtp_inputs ? (JSON.parse(i.rtp_inputs) as IngestInput[]) : []),
    }),
    whip: t.field({
      type: IngressWhipRef,
      nullable: true,
      description: 'For WHIP: its endpoint, and (in the answer of createIngress only) its bearer token; null for other kinds.',
      resolve: (i, _a, ctx) => (i.kind === 'whip' ? { url: ctx.services.ingresses.whipUrl(i.id), bearerToken: 'whipBearerToken' in i ? (i.whipBearerToken ?? null) : null } : null),
    }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime', description: 'When it last changed.' }),
    endedAt: t.expose('ended_at', { type: 'DateTime', nullable: true, description: 'When it ended or failed.' }),
  }),
});

const IngressFilterInput = builder.inputType('IngressFilter', {
  fields: (t) => ({
    roomId: t.id({ description: 'Only ingresses of this room.' }),
    status: t.field({ type: IngressStatusEnum, description: 'Only ingresses in this status.' }),
    kind: t.field({ type: IngressKindEnum, description: 'Only ingresses of this kind.' }),
  }),
});

builder.queryFields((t) => ({
  ingress: t.field({
    type: IngressRef,
    nullable: true,
    authScopes: { apiKey: true },
    description: 'One ingress by id; null if there is no such ingress.',
    args: { id: t.arg.id({ required: true, description: 'UUID of the ingress.' }) },
    resolve: async (_root, args, ctx) => (await ctx.services.ingresses.get(queryId('id', String(args.id)))) ?? null,
  }),
  ingresses: t.field({
    type: IngressConnection,
    authScopes: { apiKey: true },
    description: 'Ingresses of all rooms, newest first.',
    args: { ...pageArgs, filter: t.arg({ type: IngressFilterInput, description: 'Which items to return; all when left out.' }) },
    resolve: async (_root, args, ctx, info) => {
      const roomId = args.filter?.roomId == null ? null : queryId('filter.roomId', String(args.filter.roomId));
      const filter = { roomId, status: args.filter?.status ?? null, kind: args.filter?.kind ?? null };
      return toConnection(await ctx.services.ingresses.list(filter, pageRequest(args, info)));
    },
  }),
}));
