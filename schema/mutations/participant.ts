import type { JoinResult } from '../../server/live/orchestrator.js';
import { MAX_LAYER, type ConsumerParams, type WebRtcTransportParams } from '../../server/live/participant-media-session.js';
import type { StreamState } from '../../server/events/room-state.js';
import type { Context } from '../context.js';
import {
  ForbiddenError,
  InvalidTokenError,
  MediaRequestError,
  NotFoundError,
  NotJoinedError,
  RoomDeletedError,
  RoomFullError,
  RoomOnAnotherNodeError,
  ValidationError,
} from '../../server/shared/errors.js';
import { builder } from '../builder.js';
import { GrantsRef } from './client-tokens.js';
import { LiveParticipantRef, MediaKindEnum, RoomStateRef, StreamRef } from '../types/live.js';

// Participant operations: a client token, over the WebSocket the client joined on. Each acts for
// the participant that joined on that connection.

const TransportOptionsRef = builder.objectRef<WebRtcTransportParams>('TransportOptions').implement({
  description: "A WebRTC transport's parameters, as mediasoup-client's createSendTransport/createRecvTransport take them.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Transport id.' }),
    iceParameters: t.expose('iceParameters', { type: 'JSON', description: 'ICE username fragment and password.' }),
    iceCandidates: t.expose('iceCandidates', { type: 'JSON', description: "The media server's ICE candidates." }),
    dtlsParameters: t.expose('dtlsParameters', { type: 'JSON', description: "The media server's DTLS role and fingerprints." }),
    sctpParameters: t.expose('sctpParameters', { type: 'JSON', nullable: true, description: 'SCTP parameters when data channels are on.' }),
  }),
});

const ConsumerOptionsRef = builder.objectRef<ConsumerParams>('ConsumerOptions').implement({
  description: "A consumer's parameters, as mediasoup-client's transport.consume takes them. Created paused: call resumeSubscription once it is set up.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Consumer id.' }),
    producerId: t.exposeID('producerId', { description: 'The producer it receives.' }),
    kind: t.field({ type: MediaKindEnum, description: 'Audio or video.', resolve: (c) => c.kind }),
    rtpParameters: t.expose('rtpParameters', { type: 'JSON', description: 'RTP parameters to receive with.' }),
    type: t.exposeString('type', { description: '`simple`, `simulcast` or `svc`.' }),
    producerPaused: t.exposeBoolean('producerPaused', { description: 'The publisher’s track is paused (off or muted) now.' }),
    participantId: t.id({ description: 'The publisher.', resolve: (c) => c.track.participantId }),
    streamKey: t.string({ description: 'The stream.', resolve: (c) => c.track.streamKey }),
  }),
});

const JoinPayloadRef = builder.objectRef<JoinResult & { grants: { canPublish: boolean; canSubscribe: boolean }; nodeUrls: string[] }>('JoinPayloadData').implement({
  description: 'What a client needs to take part: who it is, the router capabilities, its transports and the room state.',
  fields: (t) => ({
    participantId: t.exposeID('participantId', { description: 'The participant this connection now acts as.' }),
    participant: t.field({
      type: LiveParticipantRef,
      description: 'This participant as others see it.',
      resolve: (j) => j.roomState.participants.find((p) => p.id === j.participantId)!,
    }),
    sessionId: t.exposeID('sessionId', { description: 'The session joined.' }),
    reconnectKey: t.exposeString('reconnectKey', {
      description: 'Pass it with the participant id to join(reconnect:) after a dropped connection, to stay the same participant.',
    }),
    resumed: t.exposeBoolean('resumed', { description: 'True when this join took back a participant within its reconnect grace period.' }),
    routerRtpCapabilities: t.expose('routerRtpCapabilities', { type: 'JSON', description: "Load mediasoup-client's Device with these." }),
    sendTransport: t.field({
      type: TransportOptionsRef,
      nullable: true,
      description: 'For publishing; null without canPublish, or on a resume that kept the transports.',
      resolve: (j) => j.sendTransport,
    }),
    recvTransport: t.field({
      type: TransportOptionsRef,
      nullable: true,
      description: 'For subscribing; null without canSubscribe, or on a resume that kept the transports.',
      resolve: (j) => j.recvTransport,
    }),
    roomState: t.field({ type: RoomStateRef, description: 'The room as it is after the join.', resolve: (j) => j.roomState }),
    grants: t.field({ type: GrantsRef, description: 'What this participant may do.', resolve: (j) => j.grants }),
    nodeUrls: t.exposeStringList('nodeUrls', {
      description:
        'The base URLs of the live nodes, this one first: where a client reconnects when this node is lost (any node sends it on to the one that runs the room). One URL on a single server.',
    }),
  }),
});

const ReconnectInput = builder.inputType('ReconnectInput', {
  description: 'Identifies a participant whose connection dropped, to take it back.',
  fields: (t) => ({
    participantId: t.id({ required: true, description: 'The id join returned.' }),
    reconnectKey: t.string({ required: true, description: 'The reconnectKey join returned.' }),
  }),
});

const OkRef = builder.objectRef<{ ok: true }>('Ok').implement({
  description: 'Done.',
  fields: (t) => ({ ok: t.boolean({ description: 'Always true.', resolve: () => true }) }),
});
const ok = { ok: true as const };

const SubscriptionResultRef = builder.objectRef<{ participantId: string; streamKey: string; audio: boolean; video: boolean; consumers: ConsumerParams[] }>('SubscriptionResult').implement({
  description: 'A subscription to a remote stream and the consumers created for it.',
  fields: (t) => ({
    participantId: t.exposeID('participantId', { description: 'The publisher.' }),
    streamKey: t.exposeString('streamKey', { description: 'The stream.' }),
    audio: t.exposeBoolean('audio', { description: 'Receiving its audio.' }),
    video: t.exposeBoolean('video', { description: 'Receiving its video.' }),
    consumers: t.field({ type: [ConsumerOptionsRef], description: 'New consumers to set up (paused until resumeSubscription).', resolve: (s) => s.consumers }),
  }),
});

const PreferredLayersRef = builder.objectRef<{ simulcast: boolean; spatialLayer: number | null; temporalLayer: number | null }>('PreferredLayers').implement({
  description: 'The simulcast layers a subscriber prefers to receive of a video.',
  fields: (t) => ({
    simulcast: t.exposeBoolean('simulcast', { description: 'The video has layers to choose from; false for a single-layer video (nothing changed).' }),
    spatialLayer: t.exposeInt('spatialLayer', { nullable: true, description: 'The preferred spatial layer (0 = lowest); null for a single-layer video.' }),
    temporalLayer: t.exposeInt('temporalLayer', { nullable: true, description: 'The preferred temporal layer (0 = lowest); null for a single-layer video.' }),
  }),
});

const PublishedRef = builder.objectRef<{ producerId: string; stream: StreamState }>('PublishedTrack').implement({
  description: 'A track now published.',
  fields: (t) => ({
    producerId: t.exposeID('producerId', { description: "Hand it to mediasoup-client's produce callback." }),
    stream: t.field({ type: StreamRef, description: 'The stream as it is now.', resolve: (p) => p.stream }),
  }),
});

const participantErrors = [ValidationError, NotJoinedError, NotFoundError, ForbiddenError, MediaRequestError];
const presence = (ctx: Context) => ctx.services.orchestrator.requirePresence(ctx.connection);
const target = (args: { participantId: string | number; streamKey: string }) => ({ participantId: String(args.participantId), streamKey: args.streamKey });

builder.mutationFields((t) => ({
  join: t.field({
    type: JoinPayloadRef,
    authScopes: { clientToken: true },
    description: 'Joins the room of the client token on this WebSocket. Starts a session if none is in progress.',
    nullable: true,
    errors: { types: [ValidationError, RoomFullError, RoomDeletedError, NotJoinedError, RoomOnAnotherNodeError, MediaRequestError], dataField: { name: 'joined', description: 'The join.' } },
    args: {
      context: t.arg.string({ description: 'Anything the app wants others to see of this participant (often JSON), up to 4096 characters.' }),
      reconnect: t.arg({ type: ReconnectInput, description: 'Take back a participant whose connection dropped, within the grace period.' }),
    },
    resolve: async (_root, args, ctx) => {
      const claims = (ctx.viewer as Extract<Context['viewer'], { kind: 'clientToken' }>).claims;
      const reconnect = args.reconnect ? { participantId: String(args.reconnect.participantId), reconnectKey: args.reconnect.reconnectKey } : null;
      const result = await ctx.services.participants.join(ctx.connection, claims, { context: args.context, reconnect });
      return { ...result, grants: claims.grants, nodeUrls: await ctx.services.liveRooms.nodeUrls() };
    },
  }),
  updateClientToken: t.field({
    type: OkRef,
    authScopes: { clientToken: true },
    description: 'Swaps the access token of this connection for a fresh one (from refreshClientToken) before the old one runs out; a participant whose token runs out is removed.',
    nullable: true,
    errors: { types: [InvalidTokenError, NotJoinedError], dataField: { name: 'result', description: 'Done.' } },
    args: { token: t.arg.string({ required: true, description: 'A new access token for the same room.' }) },
    resolve: async (_root, args, ctx) => {
      await ctx.services.participants.updateToken(ctx.connection, args.token);
      return ok;
    },
  }),
  connectTransport: t.field({
    type: OkRef,
    authScopes: { clientToken: true },
    description: "Completes a transport's DTLS handshake (mediasoup-client's transport 'connect' event).",
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'result', description: 'Done.' } },
    args: {
      transportId: t.arg.id({ required: true, description: 'The transport.' }),
      dtlsParameters: t.arg({ type: 'JSON', required: true, description: "The client's DTLS parameters." }),
    },
    resolve: async (_root, args, ctx) => {
      await ctx.services.participantMedia.connectTransport(presence(ctx), String(args.transportId), args.dtlsParameters);
      return ok;
    },
  }),
  restartIce: t.field({
    type: 'JSON',
    authScopes: { clientToken: true },
    description: 'New ICE parameters for a transport whose network path broke; pass them to transport.restartIce.',
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'iceParameters', description: 'The new ICE parameters.' } },
    args: { transportId: t.arg.id({ required: true, description: 'The transport.' }) },
    resolve: (_root, args, ctx) => ctx.services.participantMedia.restartIce(presence(ctx), String(args.transportId)),
  }),
  publishStream: t.field({
    type: PublishedRef,
    authScopes: { clientToken: true },
    description: "Publishes one track of a stream (mediasoup-client's send transport 'produce' event).",
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'published', description: 'The published track.' } },
    args: {
      streamKey: t.arg.string({ required: true, description: '`self` (camera and microphone) or `presentation` (screen share).' }),
      kind: t.arg({ type: MediaKindEnum, required: true, description: 'Audio or video.' }),
      rtpParameters: t.arg({ type: 'JSON', required: true, description: 'From the produce event.' }),
      appData: t.arg({ type: 'JSON', description: 'Anything the app wants to keep with the track.' }),
    },
    resolve: (_root, args, ctx) => ctx.services.participantMedia.publish(presence(ctx), args.streamKey, args.kind, args.rtpParameters),
  }),
  updateStream: t.field({
    type: StreamRef,
    authScopes: { clientToken: true },
    description: 'Turns the tracks of an own stream on or off (microphone mute, camera off). A track muted by a moderator cannot be turned on.',
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'stream', description: 'The stream as it is now.' } },
    args: {
      streamKey: t.arg.string({ required: true, description: 'The stream.' }),
      audioEnabled: t.arg.boolean({ description: 'Turn its audio on or off; unchanged when left out.' }),
      videoEnabled: t.arg.boolean({ description: 'Turn its video on or off; unchanged when left out.' }),
    },
    resolve: (_root, args, ctx) => ctx.services.participantMedia.updateStream(presence(ctx), args.streamKey, { audio: args.audioEnabled, video: args.videoEnabled }),
  }),
  unpublishStream: t.field({
    type: OkRef,
    authScopes: { clientToken: true },
    description: 'Unpublishes an own stream, all its tracks.',
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'result', description: 'Done.' } },
    args: { streamKey: t.arg.string({ required: true, description: 'The stream.' }) },
    resolve: async (_root, args, ctx) => {
      await ctx.services.participantMedia.unpublish(presence(ctx), args.streamKey);
      return ok;
    },
  }),
  subscribe: t.field({
    type: SubscriptionResultRef,
    authScopes: { clientToken: true },
    description: 'Receives a remote stream. Returns paused consumers: set them up with mediasoup-client, then call resumeSubscription.',
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'subscription', description: 'The subscription.' } },
    args: {
      participantId: t.arg.id({ required: true, description: 'The publisher.' }),
      streamKey: t.arg.string({ required: true, description: 'The stream.' }),
      audio: t.arg.boolean({ description: 'Receive its audio (default true).' }),
      video: t.arg.boolean({ description: 'Receive its video (default true).' }),
      rtpCapabilities: t.arg({ type: 'JSON', description: "The device's RTP capabilities; needed on the first subscribe." }),
      preferredLayer: t.arg.int({ description: 'For simulcast video: the spatial layer to receive (0 = lowest).' }),
    },
    resolve: async (_root, args, ctx) => {
      const consumers = await ctx.services.participantMedia.subscribe(presence(ctx), target(args), args);
      return { ...target(args), audio: args.audio ?? true, video: args.video ?? true, consumers };
    },
  }),
  updateSubscription: t.field({
    type: SubscriptionResultRef,
    authScopes: { clientToken: true },
    description: 'Changes what is received of a subscribed stream: audio, video, simulcast layer. Picks up tracks published since.',
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'subscription', description: 'The subscription.' } },
    args: {
      participantId: t.arg.id({ required: true, description: 'The publisher.' }),
      streamKey: t.arg.string({ required: true, description: 'The stream.' }),
      audio: t.arg.boolean({ description: 'Receive its audio; unchanged when left out.' }),
      video: t.arg.boolean({ description: 'Receive its video; unchanged when left out.' }),
      preferredLayer: t.arg.int({ description: 'For simulcast video: the spatial layer to receive (0 = lowest).' }),
    },
    resolve: async (_root, args, ctx) => {
      const { audio, video, consumers } = await ctx.services.participantMedia.updateSubscription(presence(ctx), target(args), args);
      return { ...target(args), audio, video, consumers };
    },
  }),
  resumeSubscription: t.field({
    type: OkRef,
    authScopes: { clientToken: true },
    description:
      'Starts the consumers of a subscription, once they are set up on the client (kinds paused with pauseSubscription stay paused); with `kind`, resumes that kind after pauseSubscription.',
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'result', description: 'Done.' } },
    args: {
      participantId: t.arg.id({ required: true, description: 'The publisher.' }),
      streamKey: t.arg.string({ required: true, description: 'The stream.' }),
      kind: t.arg({ type: MediaKindEnum, description: 'Resume only this kind, paused before with pauseSubscription.' }),
    },
    resolve: async (_root, args, ctx) => {
      await ctx.services.participantMedia.resumeSubscription(presence(ctx), target(args), args.kind);
      return ok;
    },
  }),
  pauseSubscription: t.field({
    type: OkRef,
    authScopes: { clientToken: true },
    description:
      'Stops the media server sending one kind of a subscribed stream (a video no one looks at: its tile is hidden or off-screen) until resumeSubscription with that kind. The subscription and its track stay.',
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'result', description: 'Done.' } },
    args: {
      participantId: t.arg.id({ required: true, description: 'The publisher.' }),
      streamKey: t.arg.string({ required: true, description: 'The stream.' }),
      kind: t.arg({ type: MediaKindEnum, required: true, description: 'The kind to pause (usually VIDEO).' }),
    },
    resolve: async (_root, args, ctx) => {
      await ctx.services.participantMedia.pauseSubscription(presence(ctx), target(args), args.kind);
      return ok;
    },
  }),
  setPreferredLayers: t.field({
    type: PreferredLayersRef,
    authScopes: { clientToken: true },
    description:
      "Chooses the simulcast layers received of a subscribed video (mediasoup's consumer.setPreferredLayers): the switch comes with that layer's next key frame; the highest layer the publisher sends when the one asked for is not there.",
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'layers', description: 'The layers now preferred.' } },
    args: {
      participantId: t.arg.id({ required: true, description: 'The publisher.' }),
      streamKey: t.arg.string({ required: true, description: 'The stream.' }),
      spatialLayer: t.arg.int({ required: true, description: `The spatial layer (resolution), 0 = lowest, at most ${MAX_LAYER}.` }),
      temporalLayer: t.arg.int({ description: `The temporal layer (frame rate), 0 = lowest, at most ${MAX_LAYER}; the highest when left out.` }),
    },
    resolve: async (_root, args, ctx) => {
      const layers = await ctx.services.participantMedia.setPreferredLayers(presence(ctx), target(args), args);
      return { simulcast: !!layers, spatialLayer: layers?.spatialLayer ?? null, temporalLayer: layers?.temporalLayer ?? null };
    },
  }),
  unsubscribe: t.field({
    type: OkRef,
    authScopes: { clientToken: true },
    description: 'Stops receiving a remote stream.',
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'result', description: 'Done.' } },
    args: {
      participantId: t.arg.id({ required: true, description: 'The publisher.' }),
      streamKey: t.arg.string({ required: true, description: 'The stream.' }),
    },
    resolve: async (_root, args, ctx) => {
      await ctx.services.participantMedia.unsubscribe(presence(ctx), target(args));
      return ok;
    },
  }),
  sendMessage: t.field({
    type: 'Int',
    authScopes: { clientToken: true },
    description: 'Sends a message to everyone in the room, or to the recipients given. At most 16 KiB.',
    nullable: true,
    errors: { types: participantErrors, dataField: { name: 'recipientCount', description: 'How many participants it was sent to.' } },
    args: {
      payload: t.arg.string({ required: true, description: 'The message (often JSON), at most 16384 bytes of UTF-8.' }),
      recipients: t.arg.idList({ description: 'Participant ids; everyone when left out.' }),
    },
    resolve: (_root, args, ctx) => ctx.services.participantMedia.sendMessage(presence(ctx), args.payload, args.recipients?.map(String)),
  }),
  leave: t.field({
    type: OkRef,
    authScopes: { clientToken: true },
    description: 'Leaves the room: streams are unpublished and subscriptions end.',
    nullable: true,
    errors: { types: [NotJoinedError], dataField: { name: 'result', description: 'Done.' } },
    resolve: async (_root, _args, ctx) => {
      await ctx.services.orchestrator.leave(presence(ctx).participantId, 'left');
      return ok;
    },
  }),
}));
