import type { ParticipantStats, PublishedTrackStats, ReceivedTrackStats, RoomStatsSnapshot, TransportStats } from '../../server/stats/room-stats.js';
import { ROOM_STATS_INTERVAL_SECS } from '../../server/stats/room-stats.js';
import { badInput } from '../../server/shared/errors.js';
import { builder } from '../builder.js';
import { queryId } from '../pagination.js';
import { MediaKindEnum } from './live.js';

// Byte counts and bitrates are Floats: they pass the 2^31 that GraphQL's Int holds.

const { min, max } = ROOM_STATS_INTERVAL_SECS;
const BITRATE = 'Bits per second over the period since the previous reading of this room (from the byte counts of both); mediasoup’s own figure over its last second on the first reading.';
const LOSS = 'Packets lost over the period, % of those expected (0 when nothing was expected); on the first reading, from the last RTCP fraction lost.';

const TransportStatsRef = builder.objectRef<TransportStats>('TransportStats').implement({
  description: "One of a participant's transports, as mediasoup counts it.",
  fields: (t) => ({
    direction: t.exposeString('direction', { description: '`send` (what the participant publishes arrives on it) or `recv` (what it receives leaves on it).' }),
    type: t.exposeString('type', { description: '`webrtc` for a browser; `plain` for an RTP endpoint that is not one.' }),
    bytesReceived: t.exposeFloat('bytesReceived', { description: 'Bytes the server received on it since it opened.' }),
    bytesSent: t.exposeFloat('bytesSent', { description: 'Bytes the server sent on it since it opened.' }),
    recvBitrate: t.exposeFloat('recvBitrate', { description: 'Bits per second received, mediasoup’s figure over its last second.' }),
    sendBitrate: t.exposeFloat('sendBitrate', { description: 'Bits per second sent, mediasoup’s figure over its last second.' }),
    availableOutgoingBitrate: t.exposeFloat('availableOutgoingBitrate', {
      nullable: true,
      description: 'The bandwidth the server estimates it can send the participant, bits per second; null without an estimate (no transport-wide congestion control).',
    }),
    iceState: t.exposeString('iceState', { nullable: true, description: 'ICE state of a WebRTC transport (`new`, `connected`, `completed`, `disconnected`, `closed`); null for a plain one.' }),
  }),
});

const TrackStatsRef = builder.interfaceRef<PublishedTrackStats | ReceivedTrackStats>('TrackStats').implement({
  description: 'What every track reading has, published or received.',
  fields: (t) => ({
    bitrate: t.exposeFloat('bitrate', { description: BITRATE }),
    packetsLost: t.exposeInt('packetsLost', { description: 'Packets lost since the track started.' }),
    lossPercent: t.exposeFloat('lossPercent', { description: LOSS }),
    score: t.exposeInt('score', { description: 'mediasoup’s score of the stream, 0 (unusable) to 10 (perfect).' }),
    paused: t.exposeBoolean('paused', { description: 'Paused on the server, so carrying nothing: by its publisher (track off), a moderator, or the subscriber.' }),
    kind: t.field({ type: MediaKindEnum, description: 'Audio or video.', resolve: (x) => x.kind }),
    streamKey: t.exposeString('streamKey', { description: 'The stream the track belongs to: `self` or `presentation`.' }),
  }),
});

const PublishedTrackStatsRef = builder.objectRef<PublishedTrackStats>('PublishedTrackStats').implement({
  description: 'A track a participant publishes, as the server receives it.',
  interfaces: [TrackStatsRef],
  isTypeOf: (x) => typeof x === 'object' && x !== null && 'producerId' in x,
  fields: (t) => ({
    producerId: t.exposeID('producerId', { description: 'The media server producer.' }),
    jitterMs: t.exposeFloat('jitterMs', { nullable: true, description: 'Interarrival jitter of what arrives, ms.' }),
    rttMs: t.exposeFloat('rttMs', { nullable: true, description: 'Round-trip time from RTCP extended reports, ms; null when the publisher sends none (browsers usually do not).' }),
  }),
});

const ReceivedTrackStatsRef = builder.objectRef<ReceivedTrackStats>('ReceivedTrackStats').implement({
  description: 'A track a participant receives, as the server sends it.',
  interfaces: [TrackStatsRef],
  isTypeOf: (x) => typeof x === 'object' && x !== null && 'consumerId' in x,
  fields: (t) => ({
    consumerId: t.exposeID('consumerId', { description: 'The media server consumer.' }),
    fromParticipantId: t.exposeID('fromParticipantId', { description: 'Who publishes it.' }),
    jitterMs: t.exposeFloat('jitterMs', { nullable: true, description: 'Jitter the receiver reports, ms; always null with this media server (mediasoup 3.8 keeps none for what it sends).' }),
    rttMs: t.exposeFloat('rttMs', { nullable: true, description: 'Round-trip time from the receiver’s RTCP receiver reports, ms; null until one arrives.' }),
    producerScore: t.exposeInt('producerScore', { description: 'mediasoup’s score, 0 to 10, of the published stream it forwards.' }),
    producerPaused: t.exposeBoolean('producerPaused', { description: 'Its publisher’s track is paused, so nothing is forwarded.' }),
    spatialLayer: t.exposeInt('spatialLayer', {
      nullable: true,
      description: 'The simulcast/SVC spatial layer forwarded now (0 = lowest); null for a single-layer track or while none is forwarded.',
    }),
    temporalLayer: t.exposeInt('temporalLayer', { nullable: true, description: 'The temporal layer forwarded now (0 = lowest frame rate); null as for spatialLayer.' }),
  }),
});

const ParticipantStatsRef = builder.objectRef<ParticipantStats>('ParticipantStats').implement({
  description: "A live participant's media: what it publishes, what it receives, its transports and a quality grade.",
  fields: (t) => ({
    participantId: t.exposeID('participantId', { description: 'The participant.' }),
    context: t.exposeString('context', { nullable: true, description: 'The context string its client joined with.' }),
    joinedAt: t.expose('joinedAt', { type: 'DateTime', description: 'When it joined.' }),
    networkQuality: t.exposeInt('networkQuality', {
      nullable: true,
      description:
        'Network quality 0 (broken) to 5 (excellent), the scale of the SDK’s network_metrics_report: loss %, round-trip time and jitter each take it down to the worst band they fall in (the SDK’s bands), the lowest mediasoup score of its tracks caps it (score ÷ 2), and a published track that carried nothing over the period makes it 0. Null while it has no media to judge.',
    }),
    rttMs: t.exposeFloat('rttMs', {
      nullable: true,
      description:
        'Round-trip time to the participant, ms: the mean of what RTCP gave on its tracks (receiver reports of what it receives first); null when none did (mediasoup 3.8 transports report no RTT).',
    }),
    published: t.field({ type: [PublishedTrackStatsRef], description: 'The tracks it publishes.', resolve: (p) => p.published }),
    received: t.field({ type: [ReceivedTrackStatsRef], description: 'The tracks it receives.', resolve: (p) => p.received }),
    transports: t.field({ type: [TransportStatsRef], description: 'Its transports (a send and a receive one once joined).', resolve: (p) => p.transports }),
  }),
});

const RoomStatsRef = builder.objectRef<RoomStatsSnapshot>('RoomStats').implement({
  description: "One reading of a room's media, from mediasoup's statistics of its producers, consumers and transports.",
  fields: (t) => ({
    roomId: t.exposeID('roomId', { description: 'The room.' }),
    sessionId: t.exposeID('sessionId', { nullable: true, description: 'Its session in progress; null when none is.' }),
    at: t.expose('at', { type: 'DateTime', description: 'When this reading was taken: the same for every watcher of the room and period.' }),
    participants: t.field({ type: [ParticipantStatsRef], description: 'Its live participants; empty when the room is not live.', resolve: (s) => s.participants }),
  }),
});

const ROOM_ID = 'UUID of the room: NOT_FOUND when no room has it (or it was deleted); a room that is not live reads as no participants.';

builder.queryFields((t) => ({
  roomStats: t.field({
    type: RoomStatsRef,
    authScopes: { apiKey: true },
    description: "A room's media figures now (bitrates and loss since the room's previous reading, by anyone).",
    args: { roomId: t.arg.id({ required: true, description: ROOM_ID }) },
    resolve: async (_root, args, ctx) => {
      const roomId = queryId('roomId', String(args.roomId));
      await ctx.services.roomStats.requireRoom(roomId);
      return ctx.services.roomStats.reading(roomId);
    },
  }),
}));

builder.subscriptionFields((t) => ({
  roomStats: t.field({
    type: RoomStatsRef,
    authScopes: { apiKey: true },
    description: `A room's media figures every \`intervalSecs\` (${min} to ${max}, default ${ROOM_STATS_INTERVAL_SECS.default}): read once per room and period for every watcher, who gets the period's latest reading on arrival, then each new one.`,
    args: {
      roomId: t.arg.id({ required: true, description: ROOM_ID }),
      intervalSecs: t.arg.int({ description: `Seconds between readings, ${min} to ${max}.` }),
    },
    subscribe: (_root, args, ctx) => {
      const roomId = queryId('roomId', String(args.roomId));
      const secs = args.intervalSecs ?? ROOM_STATS_INTERVAL_SECS.default;
      if (secs < min || secs > max) throw badInput('intervalSecs', `must be from ${min} to ${max} seconds, got ${secs}`);
      return ctx.services.roomStats.watch(roomId, secs);
    },
    resolve: (s) => s,
  }),
}));
