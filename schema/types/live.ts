import type { RoomStateSnapshot, RoomStreamItem } from '../../server/events/catalog.js';
import { LIVE_LEAVE_REASONS, LIVE_SESSION_END_REASONS } from '../../server/events/reasons.js';
import type { ActiveSpeaker, ParticipantState, RoomStateView, StreamState, TrackState } from '../../server/events/room-state.js';
import { authError } from '../../server/shared/errors.js';
import { SHARES_RESULTS } from '../../server/shared/subscription-sharing.js';
import { builder } from '../builder.js';
import { queryId } from '../pagination.js';

export const MediaKindEnum = builder.enumType('MediaKind', {
  values: { AUDIO: { value: 'audio', description: 'Microphone or screen audio.' }, VIDEO: { value: 'video', description: 'Camera or screen.' } } as const,
});

const TrackRef = builder.objectRef<TrackState>('Track').implement({
  description: 'One published track of a stream.',
  fields: (t) => ({
    kind: t.field({ type: MediaKindEnum, description: 'Audio or video.', resolve: (x) => x.kind }),
    producerId: t.exposeID('producerId', { description: 'The media server producer carrying it.' }),
    enabled: t.exposeBoolean('enabled', { description: 'False when its publisher turned it off (camera off, microphone muted).' }),
    censored: t.exposeBoolean('censored', { description: 'True when a moderator muted it; its publisher cannot turn it back on.' }),
    simulcast: t.exposeBoolean('simulcast', { description: 'Sent in several qualities; subscribers may pick a layer.' }),
  }),
});

export const StreamRef = builder.objectRef<StreamState>('Stream').implement({
  description: 'What a participant publishes under a key: `self` (camera and microphone) or `presentation` (screen share).',
  fields: (t) => ({
    id: t.id({ description: 'Stable id: `participantId:key`.', resolve: (s) => `${s.participantId}:${s.key}` }),
    participantId: t.exposeID('participantId', { description: 'Who publishes it.' }),
    key: t.exposeString('key', { description: '`self` or `presentation`.' }),
    audio: t.field({ type: TrackRef, nullable: true, description: 'The audio track, if published.', resolve: (s) => s.audio }),
    video: t.field({ type: TrackRef, nullable: true, description: 'The video track, if published.', resolve: (s) => s.video }),
    isAudioEnabled: t.boolean({ description: 'An audio track is published and turned on.', resolve: (s) => !!s.audio?.enabled }),
    isVideoEnabled: t.boolean({ description: 'A video track is published and turned on.', resolve: (s) => !!s.video?.enabled }),
    isAudioCensored: t.boolean({ description: 'Its audio is muted by a moderator.', resolve: (s) => !!s.audio?.censored }),
    isVideoCensored: t.boolean({ description: 'Its video is turned off by a moderator.', resolve: (s) => !!s.video?.censored }),
  }),
});

export const LiveParticipantRef = builder.objectRef<ParticipantState>('LiveParticipant').implement({
  description: 'A participant present in the room now.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'UUID of the participant (as in `participant(id)`).' }),
    context: t.exposeString('context', { nullable: true, description: 'The string the client gave when it joined.' }),
    joinedAt: t.expose('joinedAt', { type: 'DateTime', description: 'When it joined.' }),
    canPublish: t.exposeBoolean('canPublish', { description: 'Its token allows publishing.' }),
    canSubscribe: t.exposeBoolean('canSubscribe', { description: 'Its token allows subscribing.' }),
    streams: t.field({ type: [StreamRef], description: 'What it publishes.', resolve: (p) => p.streams }),
  }),
});

const ActiveSpeakerRef = builder.objectRef<ActiveSpeaker>('ActiveSpeaker').implement({
  description: 'Who is talking.',
  fields: (t) => ({
    participantId: t.exposeID('participantId', { description: 'The speaker.' }),
    streamKey: t.exposeString('streamKey', { description: 'The stream whose audio is active.' }),
  }),
});

const RoomStatusEnum = builder.enumType('RoomStatus', {
  values: {
    IDLE: { value: 'idle', description: 'No session: nobody is in the room.' },
    ACTIVE: { value: 'active', description: 'A session is in progress.' },
  } as const,
});

export const RoomStateRef = builder.objectRef<RoomStateView>('RoomState').implement({
  description: 'The live picture of a room.',
  fields: (t) => ({
    roomId: t.exposeID('roomId', { description: 'The room.' }),
    sessionId: t.exposeID('sessionId', { nullable: true, description: 'The session in progress.' }),
    status: t.field({ type: RoomStatusEnum, description: 'Idle or active.', resolve: (s) => s.status }),
    participants: t.field({ type: [LiveParticipantRef], description: 'Who is in the room, in order of joining.', resolve: (s) => s.participants }),
    streams: t.field({ type: [StreamRef], description: 'Every published stream.', resolve: (s) => s.participants.flatMap((p) => p.streams) }),
    activeSpeaker: t.field({ type: ActiveSpeakerRef, nullable: true, description: 'Who is talking now.', resolve: (s) => s.activeSpeaker }),
    seq: t.exposeInt('seq', { description: 'The seq of the last event this state includes.' }),
    // Read from the room when the state is (a join, a roomEvents snapshot): recording is a setting
    // of the room, not a live change, so clients learn it on joining rather than by a delta.
    recording: t.boolean({
      description: 'Whether the room records its participants’ tracks (its `enableRecording`), read when this state is. Participants learn it on joining.',
      resolve: async (s, _args, ctx) => {
        const room = await ctx.services.rooms.get(s.roomId);
        return !!room?.enable_recording && !room.deleted_at;
      },
    }),
  }),
});

type Snapshot = RoomStateSnapshot;

/** The catalog's reasons as the schema documents them: "`a`, `b` or `c`." */
const oneOf = (values: readonly string[]) =>
  `${values
    .slice(0, -1)
    .map((v) => `\`${v}\``)
    .join(', ')} or \`${values.at(-1)}\`.`;
export type RoomEventShape = RoomStreamItem;

const RoomEventInterface = builder.interfaceRef<RoomEventShape>('RoomEvent').implement({
  description: 'A change in a room. `seq` grows by one per event of the room: a client that sees a gap has missed something and should subscribe again for a new snapshot.',
  resolveType: (e) => e.type,
  fields: (t) => ({
    seq: t.exposeInt('seq', { description: 'Position in the room’s event order.' }),
    roomId: t.exposeID('roomId', { description: 'The room.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When it happened.' }),
  }),
});

type Of<T extends RoomEventShape['type']> = Extract<RoomEventShape, { type: T }>;
const eventType = <T extends RoomEventShape['type']>(name: T, description: string, fields: (t: any) => Record<string, any>) =>
  builder.objectRef<Of<T>>(name).implement({ description, interfaces: [RoomEventInterface], fields });

eventType('RoomStateSnapshot', 'The whole state of the room: always the first event of a roomEvents subscription.', (t) => ({
  state: t.field({ type: RoomStateRef, description: 'The state at `seq`.', resolve: (e: Snapshot) => e.state }),
}));
eventType('ParticipantJoined', 'Someone joined.', (t) => ({
  participant: t.field({ type: LiveParticipantRef, description: 'Who.', resolve: (e: Of<'ParticipantJoined'>) => e.participant }),
}));
for (const name of ['ParticipantLeaving', 'ParticipantLeft'] as const) {
  eventType(name, name === 'ParticipantLeaving' ? 'Someone is about to leave; their streams are unpublished next.' : 'Someone left.', (t) => ({
    participantId: t.exposeID('participantId', { description: 'Who.' }),
    reason: t.exposeString('reason', { description: oneOf(LIVE_LEAVE_REASONS) }),
  }));
}
for (const name of ['StreamPublished', 'StreamUpdated'] as const) {
  eventType(name, name === 'StreamPublished' ? 'A stream got its first track.' : 'A track was added to or removed from a stream.', (t) => ({
    stream: t.field({ type: StreamRef, description: 'The stream as it is now.', resolve: (e: Of<'StreamPublished'>) => e.stream }),
  }));
}
eventType('StreamUnpublished', 'A stream was unpublished (all its tracks).', (t) => ({
  participantId: t.exposeID('participantId', { description: 'Its publisher.' }),
  streamKey: t.exposeString('streamKey', { description: 'Its key.' }),
}));
for (const name of ['TrackEnabled', 'TrackDisabled', 'TrackCensored', 'TrackUncensored'] as const) {
  const what = { TrackEnabled: 'turned on by its publisher', TrackDisabled: 'turned off by its publisher', TrackCensored: 'muted by a moderator', TrackUncensored: 'unmuted by a moderator' }[name];
  eventType(name, `A track was ${what}.`, (t) => ({
    participantId: t.exposeID('participantId', { description: 'Its publisher.' }),
    streamKey: t.exposeString('streamKey', { description: 'Its stream.' }),
    kind: t.field({ type: MediaKindEnum, description: 'Audio or video.', resolve: (e: { kind: 'audio' | 'video' }) => e.kind }),
  }));
}
eventType('AudioActivity', 'The active speaker changed.', (t) => ({
  participantId: t.exposeID('participantId', { description: 'Who is talking now.' }),
  streamKey: t.exposeString('streamKey', { description: 'The stream carrying their voice.' }),
}));
eventType(
  'MessageReceived',
  'A message from a participant (sendMessage) or from an operator of the server API (sendRoomMessage, `fromOperator`). Messages to chosen recipients reach only them (and do not advance seq).',
  (t) => ({
    from: t.exposeID('from', {
      description: 'The sender: a participant id; with `fromOperator`, the id of the API key that sent it (`API_KEY` for the key set in the server’s configuration), which is no participant.',
    }),
    fromOperator: t.exposeBoolean('fromOperator', { description: 'Sent by an operator with an API key (sendRoomMessage), not by a participant.' }),
    payload: t.exposeString('payload', { description: 'What the sender sent.' }),
    recipients: t.exposeIDList('recipients', { nullable: true, description: 'Who it is for; null means everyone.' }),
  }),
);
eventType('MediaReconnectRequired', 'The media server of the room restarted: every client must join again (the SDK does it).', (t) => ({
  reason: t.exposeString('reason', { description: 'Why.' }),
}));
eventType('SessionStarted', 'A session started: the first participant is joining.', (t) => ({
  sessionId: t.exposeID('sessionId', { description: 'The new session.' }),
}));
eventType('SessionEnded', 'The session ended.', (t) => ({
  sessionId: t.exposeID('sessionId', { description: 'The session.' }),
  reason: t.exposeString('reason', { description: oneOf(LIVE_SESSION_END_REASONS) }),
}));

/** A client token sees only its own room; an API key sees any. */
function checkRoomAccess(ctx: { viewer: { kind: string; claims?: { roomId: string } } }, roomId: string): void {
  if (ctx.viewer.kind === 'clientToken' && ctx.viewer.claims!.roomId !== roomId) {
    throw authError('FORBIDDEN', 'other_room', 'this client token is for another room');
  }
}

builder.queryFields((t) => ({
  roomState: t.field({
    type: RoomStateRef,
    authScopes: { apiKey: true, clientToken: true },
    description: 'The live state of a room (an API key: any room; a client token: its own).',
    args: { roomId: t.arg.id({ required: true, description: 'UUID of the room.' }) },
    resolve: async (_root, args, ctx) => {
      const roomId = queryId('roomId', String(args.roomId));
      checkRoomAccess(ctx, roomId);
      const state = ctx.services.orchestrator.liveRoom(roomId).snapshot();
      ctx.services.orchestrator.forgetIfIdle(roomId);
      return state;
    },
  }),
}));

builder.subscriptionFields((t) => ({
  roomEvents: t.field({
    type: RoomEventInterface,
    authScopes: { apiKey: true, clientToken: true },
    description: 'A room as it changes: first a RoomStateSnapshot, then every change in order (an API key: any room; a client token: its own).',
    args: { roomId: t.arg.id({ required: true, description: 'UUID of the room.' }) },
    // A delta resolves the same for everyone who receives it; a snapshot is one subscriber's own object.
    extensions: { [SHARES_RESULTS]: true },
    subscribe: (_root, args, ctx) => {
      const roomId = queryId('roomId', String(args.roomId));
      checkRoomAccess(ctx, roomId);
      const connection = ctx.connection;
      const audience = ctx.viewer.kind === 'apiKey' ? ('all' as const) : () => connection?.participantId;
      return ctx.services.roomEvents.stream(roomId, audience);
    },
    resolve: (event) => event,
  }),
}));
