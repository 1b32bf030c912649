// The SDK's room state in plain Node: the store, the applier of roomEvents (snapshots and deltas)
// and the seq gate that spots missed events. No browser: no media is involved.
import { describe, expect, it, vi } from 'vitest';
import type { WireParticipantFragment, WireRoomStateFragment, WireStreamFragment } from '../../client/sdk/generated/graphql.js';
import type { RoomCore } from '../../client/sdk/room-core.js';
import { RoomEventFeed, SeqGate } from '../../client/sdk/room-event-feed.js';
import { RoomEventApplier, type RoomEventHooks, type WireRoomEvent } from '../../client/sdk/room-events.js';
import type { SignallingConnection } from '../../client/sdk/signalling.js';
import { StateStore } from '../../client/sdk/store.js';
import type { Events } from '../../client/sdk/types.js';

const LOCAL = 'p-local';

const track = (enabled = true, censored = false) => ({ enabled, censored, simulcast: false });
const wireStream = (participantId: string, key: string, audio = track(), video: ReturnType<typeof track> | null = track()): WireStreamFragment => ({
  participantId,
  key,
  audio,
  video,
});
const wireParticipant = (id: string, streams: WireStreamFragment[] = []): WireParticipantFragment => ({
  id,
  context: `{"name":"${id}"}`,
  joinedAt: '2026-01-01T00:00:00.000Z',
  canPublish: true,
  canSubscribe: true,
  streams,
});
const roomState = (participants: WireParticipantFragment[], speaker: { participantId: string; streamKey: string } | null = null): WireRoomStateFragment => ({
  roomId: 'room-1',
  sessionId: 'session-1',
  status: 'ACTIVE',
  seq: 1,
  recording: false,
  activeSpeaker: speaker,
  participants,
});

type Emitted = { event: keyof Events; args: unknown[] };

function setUp() {
  const changes = vi.fn();
  const store = new StateStore(changes);
  store.setLocalParticipant(LOCAL, 'session-1');
  const emitted: Emitted[] = [];
  const hooks: RoomEventHooks = {
    localParticipantId: () => LOCAL,
    localCanReceiveMessages: true,
    localTracks: () => ({}),
    localOnly: () => false,
    removedByServer: vi.fn(),
    streamGone: vi.fn(),
    streamAppeared: vi.fn(),
    streamChanged: vi.fn(),
    mediaReconnectRequired: vi.fn(),
    sessionEnded: vi.fn(),
  };
  const applier = new RoomEventApplier(store, (event, ...args) => emitted.push({ event, args }), hooks);
  const names = () => emitted.map((e) => e.event);
  return { store, applier, hooks, emitted, names, changes };
}

describe('the SDK state store', () => {
  it('hands out frozen snapshots: the same one until a change, a new one after, the old one unchanged', () => {
    const { store, changes } = setUp();
    const before = store.snapshot();
    expect(store.snapshot()).toBe(before);
    expect(Object.isFrozen(before)).toBe(true);
    changes.mockClear();
    store.putParticipant({ id: 'p1', streams: {}, canReceiveMessages: true, origin: 'remote', canPublish: true, canSubscribe: true, joinedAt: '' });
    expect(changes).toHaveBeenCalledTimes(1);
    const after = store.snapshot();
    expect(after).not.toBe(before);
    expect(after.participants.has('p1')).toBe(true);
    expect(before.participants.has('p1')).toBe(false);
  });

  it('links streams to their participant, and removing a stream drops its subscription and active speaker', () => {
    const { store, applier } = setUp();
    applier.applySnapshot(roomState([wireParticipant(LOCAL), wireParticipant('p1', [wireStream('p1', 'self')])], { participantId: 'p1', streamKey: 'self' }));
    store.putSubscription({ participantId: 'p1', key: 'self', audio: true, video: true });
    expect(store.participant('p1')!.streams).toEqual({ self: 'p1:self' });
    expect(store.snapshot().subscriptions.get('p1')!.get('self')!.id).toBe('p1:self');
    expect(store.snapshot().activeSpeaker).toEqual({ participantId: 'p1', streamKey: 'self' });

    store.removeStream('p1', 'self');
    const state = store.snapshot();
    expect(state.streams.size).toBe(0);
    expect(state.participants.get('p1')!.streams).toEqual({});
    expect(state.subscriptions.size).toBe(0);
    expect(state.activeSpeaker).toBeNull();
  });

  it('clearRoom forgets the room but keeps the status and the local id', () => {
    const { store, applier } = setUp();
    store.setStatus('connected');
    applier.applySnapshot(roomState([wireParticipant(LOCAL), wireParticipant('p1', [wireStream('p1', 'self')])]));
    store.clearRoom();
    const state = store.snapshot();
    expect(state.participants.size).toBe(0);
    expect(state.streams.size).toBe(0);
    expect(state.sessionId).toBeNull();
    expect(state.status).toBe('connected');
    expect(state.localParticipantId).toBe(LOCAL);
  });

  it('takes whether the room records from its snapshots, and forgets it with the room', () => {
    const { store, applier } = setUp();
    expect(store.snapshot().recording).toBe(false);
    applier.applySnapshot({ ...roomState([wireParticipant(LOCAL)]), recording: true });
    expect(store.snapshot().recording).toBe(true);
    store.clearRoom();
    expect(store.snapshot().recording).toBe(false);
  });
});

describe('applying roomEvents', () => {
  it('a first snapshot brings every participant and stream, announced as joins and publications', () => {
    const { store, applier, names, hooks } = setUp();
    applier.applySnapshot(roomState([wireParticipant(LOCAL, [wireStream(LOCAL, 'self')]), wireParticipant('p1', [wireStream('p1', 'self', track(), null)])]));
    const state = store.snapshot();
    expect([...state.participants.keys()].sort()).toEqual([LOCAL, 'p1']);
    expect(state.participants.get(LOCAL)!.origin).toBe('local');
    expect(state.participants.get('p1')!.origin).toBe('remote');
    expect(state.streams.get('p1:self')).toMatchObject({ hasAudio: true, hasVideo: false, isAudioEnabled: true, isConfigured: false, origin: 'remote' });
    expect(state.streams.get(`${LOCAL}:self`)).toMatchObject({ origin: 'local', isConfigured: true });
    // Only remote participants are announced as joining.
    expect(names().filter((n) => n === 'participant_joined')).toHaveLength(1);
    expect(names().filter((n) => n === 'stream_published')).toHaveLength(2);
    expect(hooks.streamAppeared).toHaveBeenCalledWith('p1', 'self');
  });

  it('a later snapshot announces what was missed as the deltas it stands for', () => {
    const { store, applier, emitted, names, hooks } = setUp();
    applier.applySnapshot(roomState([wireParticipant(LOCAL), wireParticipant('p1', [wireStream('p1', 'self')]), wireParticipant('p2', [wireStream('p2', 'self')])]));
    emitted.length = 0;
    // Meanwhile p2 left, p1 turned its camera off, p3 joined.
    applier.applySnapshot(roomState([wireParticipant(LOCAL), wireParticipant('p1', [wireStream('p1', 'self', track(), track(false))]), wireParticipant('p3')]));
    expect(names()).toEqual(expect.arrayContaining(['stream_unpublished', 'participant_left', 'track_disabled', 'participant_joined']));
    expect(emitted.find((e) => e.event === 'participant_left')!.args[0]).toBe('p2');
    expect(emitted.find((e) => e.event === 'track_disabled')!.args.slice(0, 3)).toEqual(['p1', 'self', 'video']);
    expect(hooks.streamGone).toHaveBeenCalledWith('p2', 'self');
    expect([...store.snapshot().participants.keys()].sort()).toEqual([LOCAL, 'p1', 'p3']);
    expect(store.stream('p1', 'self')!.isVideoEnabled).toBe(false);
  });

  it('deltas: joins, publications, track flags, messages, departures', () => {
    const { store, applier, emitted, names, hooks } = setUp();
    applier.applySnapshot(roomState([wireParticipant(LOCAL)]));
    emitted.length = 0;
    const events: WireRoomEvent[] = [
      { __typename: 'ParticipantJoined', seq: 2, participant: wireParticipant('p1') },
      { __typename: 'StreamPublished', seq: 3, stream: wireStream('p1', 'self') },
      { __typename: 'TrackCensored', seq: 4, participantId: 'p1', streamKey: 'self', kind: 'AUDIO' },
      { __typename: 'AudioActivity', seq: 5, participantId: 'p1', streamKey: 'self' },
      { __typename: 'MessageReceived', seq: 6, from: 'p1', fromOperator: false, payload: JSON.stringify({ type: 'text', payload: 'hi', meta: 'm' }), recipients: null },
      { __typename: 'MessageReceived', seq: 7, from: LOCAL, fromOperator: false, payload: 'my own', recipients: null },
      { __typename: 'StreamUnpublished', seq: 8, participantId: 'p1', streamKey: 'self' },
      { __typename: 'ParticipantLeft', seq: 9, participantId: 'p1', reason: 'left' },
    ];
    for (const ev of events) applier.apply(ev);
    expect(names()).toEqual(['participant_joined', 'stream_published', 'track_censored', 'audio_activity', 'message_received', 'stream_unpublished', 'participant_left']);
    expect(emitted[2]!.args.slice(0, 3)).toEqual(['p1', 'self', 'audio']);
    expect(emitted[4]!.args.slice(0, 3)).toEqual(['p1', { type: 'text', payload: 'hi', meta: 'm' }, null]);
    expect(hooks.streamGone).toHaveBeenCalledWith('p1', 'self');
    expect(store.participant('p1')).toBeUndefined();
  });

  it("an operator's message (sendRoomMessage) is a message_received from the API key, marked fromOperator", () => {
    const { applier, emitted } = setUp();
    applier.applySnapshot(roomState([wireParticipant(LOCAL)]));
    emitted.length = 0;
    applier.apply({ __typename: 'MessageReceived', seq: 2, from: 'key-1', fromOperator: true, payload: JSON.stringify({ type: 'text', payload: 'we close in 5 min' }), recipients: null });
    applier.apply({ __typename: 'MessageReceived', seq: 3, from: 'key-1', fromOperator: true, payload: 'plain words', recipients: [LOCAL] });
    expect(emitted.map((e) => [e.event, ...e.args.slice(0, 3)])).toEqual([
      ['message_received', 'key-1', { type: 'text', payload: 'we close in 5 min', fromOperator: true }, null],
      ['message_received', 'key-1', { type: 'text', payload: 'plain words', fromOperator: true }, [LOCAL]],
    ]);
  });

  it('the server removing the local participant, a media restart and the session end go to the room', () => {
    const { applier, hooks, names } = setUp();
    applier.applySnapshot(roomState([wireParticipant(LOCAL)]));
    applier.apply({ __typename: 'ParticipantLeaving', seq: 2, participantId: LOCAL, reason: 'kicked' });
    applier.apply({ __typename: 'MediaReconnectRequired', seq: 3, reason: 'worker_died' });
    applier.apply({ __typename: 'SessionEnded', seq: 4, sessionId: 'session-1', reason: 'room_deleted' });
    expect(names()).toContain('participant_leaving');
    expect(hooks.removedByServer).toHaveBeenCalledWith('kicked');
    expect(hooks.mediaReconnectRequired).toHaveBeenCalledWith('worker_died');
    expect(hooks.sessionEnded).toHaveBeenCalledWith('room_deleted');
  });
});

describe('seq order', () => {
  it('applies nothing before the snapshot, then each next delta once; a jump is a gap', () => {
    const gate = new SeqGate();
    expect(gate.admit({ __typename: 'ParticipantJoined', seq: 5 })).toBe('skip');
    expect(gate.admit({ __typename: 'RoomStateSnapshot', seq: 5 })).toBe('snapshot');
    expect(gate.admit({ __typename: 'ParticipantJoined', seq: 5 })).toBe('skip');
    expect(gate.admit({ __typename: 'ParticipantJoined', seq: 6 })).toBe('apply');
    expect(gate.admit({ __typename: 'ParticipantJoined', seq: 6 })).toBe('skip');
    expect(gate.admit({ __typename: 'ParticipantJoined', seq: 8 })).toBe('gap');
    expect(gate.last).toBe(6);
  });

  it('a message to some recipients keeps the seq of the last event', () => {
    const gate = new SeqGate();
    gate.admit({ __typename: 'RoomStateSnapshot', seq: 3 });
    expect(gate.admit({ __typename: 'MessageReceived', seq: 3, recipients: ['p1'] })).toBe('apply');
    expect(gate.admit({ __typename: 'MessageReceived', seq: 3, recipients: null })).toBe('skip');
    expect(gate.admit({ __typename: 'StreamPublished', seq: 4 })).toBe('apply');
  });

  it('after a restart, deltas wait for the new snapshot', () => {
    const gate = new SeqGate();
    gate.admit({ __typename: 'RoomStateSnapshot', seq: 3 });
    gate.restart();
    expect(gate.admit({ __typename: 'StreamPublished', seq: 4 })).toBe('skip');
    expect(gate.admit({ __typename: 'RoomStateSnapshot', seq: 9 })).toBe('snapshot');
    expect(gate.admit({ __typename: 'StreamPublished', seq: 10 })).toBe('apply');
  });

  it('the feed subscribes again when events were missed, and applies the fresh snapshot', async () => {
    const { store, applier } = setUp();
    type Handlers = { next(data: { roomEvents: WireRoomEvent | null }): void; error(err: Error): void };
    const subscriptions: { handlers: Handlers; stopped: boolean }[] = [];
    const signalling = {
      isOpen: true,
      subscribe: (_doc: unknown, _vars: unknown, handlers: Handlers) => {
        const sub = { handlers, stopped: false };
        subscriptions.push(sub);
        return () => void (sub.stopped = true);
      },
    };
    const log = { warn: vi.fn(), debug: vi.fn(), info: vi.fn(), error: vi.fn() };
    const core = { id: 'room-1', log, signalling, ending: false };
    const feed = new RoomEventFeed(core as unknown as RoomCore, applier, vi.fn());
    const started = feed.start(signalling as unknown as SignallingConnection);
    const first = subscriptions[0]!.handlers;
    first.next({ roomEvents: { __typename: 'RoomStateSnapshot', seq: 1, state: roomState([wireParticipant(LOCAL)]) } });
    await started;
    first.next({ roomEvents: { __typename: 'ParticipantJoined', seq: 2, participant: wireParticipant('p1') } });
    expect(store.participant('p1')).toBeDefined();
    // seq 3 was lost: the feed drops this subscription for a new one.
    first.next({ roomEvents: { __typename: 'ParticipantJoined', seq: 4, participant: wireParticipant('p2') } });
    expect(store.participant('p2')).toBeUndefined();
    expect(subscriptions).toHaveLength(2);
    expect(subscriptions[0]!.stopped).toBe(true);
    expect(log.warn).toHaveBeenCalledWith('missed room events (3..3): resubscribing');
    subscriptions[1]!.handlers.next({
      roomEvents: { __typename: 'RoomStateSnapshot', seq: 4, state: roomState([wireParticipant(LOCAL), wireParticipant('p1'), wireParticipant('p2')]) },
    });
    expect([...store.snapshot().participants.keys()].sort()).toEqual([LOCAL, 'p1', 'p2']);
  });
});
