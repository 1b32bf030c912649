// The pieces that let the SDK's join go out in one go, in plain Node: room events that arrive
// before the join's answer wait for it, and connect() waits until they have caught up with the room
// as the join left it; the DTLS parameters sent ahead of a transport's first negotiation.
import { describe, expect, it, vi } from 'vitest';
import type { WireParticipantFragment, WireRoomStateFragment } from '../../client/sdk/generated/graphql.js';
import { deferred } from '../../client/sdk/async.js';
import { announcedDtls, sameDtls } from '../../client/sdk/dtls-identity.js';
import type { RoomCore } from '../../client/sdk/room-core.js';
import { RoomEventFeed } from '../../client/sdk/room-event-feed.js';
import { RoomEventApplier, type WireRoomEvent } from '../../client/sdk/room-events.js';
import type { SignallingConnection } from '../../client/sdk/signalling.js';
import { StateStore } from '../../client/sdk/store.js';
import { fakeHooks } from './fake-hooks.js';

const LOCAL = 'p-local';

const participant = (id: string): WireParticipantFragment => ({ id, context: null, joinedAt: '2026-01-01T00:00:00.000Z', canPublish: true, canSubscribe: true, streams: [] });
const state = (seq: number, sessionId: string | null, ids: string[]): WireRoomStateFragment => ({
  roomId: 'room-1',
  sessionId,
  status: sessionId ? 'ACTIVE' : 'IDLE',
  seq,
  recording: false,
  activeSpeaker: null,
  participants: ids.map(participant),
});

type Handlers = { next(data: { roomEvents: WireRoomEvent | null }): void; error(err: Error & { code?: string }): void };

/** A feed over a fake connection; the local participant is known only once `joinAnswered` runs (as in establish()). */
function setUp() {
  const store = new StateStore(vi.fn());
  let localId = '';
  const hooks = fakeHooks(() => localId);
  const emitted: string[] = [];
  const applier = new RoomEventApplier(store, (event, ..._args) => void emitted.push(event), hooks);
  const subscriptions: Handlers[] = [];
  const signalling = { isOpen: true, subscribe: (_doc: unknown, _vars: unknown, handlers: Handlers) => (subscriptions.push(handlers), () => {}) };
  const unauthorized = vi.fn();
  const core = { id: 'room-1', log: { warn: vi.fn(), debug: vi.fn(), info: vi.fn(), error: vi.fn() }, signalling, ending: false };
  const feed = new RoomEventFeed(core as unknown as RoomCore, applier, unauthorized);
  const joinAnswered = (seq: number) => {
    localId = LOCAL;
    store.setLocalParticipant(LOCAL, 'session-1');
    return seq;
  };
  return { store, feed, signalling: signalling as unknown as SignallingConnection, subscriptions, emitted, unauthorized, joinAnswered };
}

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

describe('roomEvents sent together with join', () => {
  it('holds the events until the join is answered, then waits for the seq the join left the room at', async () => {
    const { store, feed, signalling, subscriptions, emitted, joinAnswered } = setUp();
    const joined = deferred<number>();
    const caughtUp = feed.start(signalling, joined.promise);
    const events = subscriptions[0]!;
    // The snapshot was taken before the join: an idle room with someone else in it.
    events.next({ roomEvents: { __typename: 'RoomStateSnapshot', seq: 4, state: state(4, null, ['p1']) } });
    events.next({ roomEvents: { __typename: 'SessionStarted', seq: 5, sessionId: 'session-1' } });
    expect(store.participant('p1')).toBeUndefined();
    expect(await settled(caughtUp)).toBe(false);

    joined.resolve(joinAnswered(6));
    await new Promise((r) => setTimeout(r, 0));
    // Applied in order, knowing who is local: p1 is announced, the session is the join's.
    expect(store.participant('p1')?.origin).toBe('remote');
    expect(emitted).toEqual(['participant_joined']);
    expect(store.snapshot().sessionId).toBe('session-1');
    // Seq 6 (this participant's own ParticipantJoined) has not come yet: connect() is not done.
    expect(await settled(caughtUp)).toBe(false);

    events.next({ roomEvents: { __typename: 'ParticipantJoined', seq: 6, participant: participant(LOCAL) } });
    await caughtUp;
    expect(store.participant(LOCAL)?.origin).toBe('local');
    expect(emitted).toEqual(['participant_joined']);
  });

  it('a snapshot taken after the join is enough at once', async () => {
    const { store, feed, signalling, subscriptions, joinAnswered } = setUp();
    const joined = deferred<number>();
    const caughtUp = feed.start(signalling, joined.promise);
    joined.resolve(joinAnswered(6));
    await new Promise((r) => setTimeout(r, 0));
    subscriptions[0]!.next({ roomEvents: { __typename: 'RoomStateSnapshot', seq: 7, state: state(7, 'session-1', ['p1', LOCAL]) } });
    await caughtUp;
    expect([...store.snapshot().participants.keys()].sort()).toEqual([LOCAL, 'p1']);
  });

  it('an error before the join is answered rejects the start and is left to the join to explain', async () => {
    const { feed, signalling, subscriptions, unauthorized } = setUp();
    const joined = deferred<number>();
    const caughtUp = feed.start(signalling, joined.promise);
    subscriptions[0]!.error(Object.assign(new Error('no'), { code: 'UNAUTHENTICATED' }));
    await expect(caughtUp).rejects.toThrow('no');
    expect(unauthorized).not.toHaveBeenCalled();
  });

  it('a refused join drops the held events', async () => {
    const { store, feed, signalling, subscriptions } = setUp();
    const joined = deferred<number>();
    void feed.start(signalling, joined.promise);
    subscriptions[0]!.next({ roomEvents: { __typename: 'RoomStateSnapshot', seq: 4, state: state(4, 'session-1', ['p1']) } });
    joined.reject(new Error('ROOM_FULL'));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.participant('p1')).toBeUndefined();
  });
});

describe('DTLS parameters sent ahead of the first negotiation', () => {
  const cert = { getFingerprints: () => [{ algorithm: 'sha-256', value: 'ab:cd:ef' }] } as unknown as RTCCertificate;

  it('takes the role opposite a fixed server role, else client, and upper-case fingerprints', () => {
    expect(announcedDtls(cert, { role: 'auto', fingerprints: [] })).toEqual({ role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD:EF' }] });
    expect(announcedDtls(cert, { fingerprints: [] }).role).toBe('client');
    expect(announcedDtls(cert, { role: 'server', fingerprints: [] }).role).toBe('client');
    expect(announcedDtls(cert, { role: 'client', fingerprints: [] }).role).toBe('server');
  });

  it('matches what mediasoup-client announces only with the same role and a fingerprint among those sent', () => {
    const sent = announcedDtls(cert, { role: 'auto', fingerprints: [] });
    expect(sameDtls({ role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD:EF' }] }, sent)).toBe(true);
    expect(sameDtls({ role: 'server', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD:EF' }] }, sent)).toBe(false);
    expect(sameDtls({ role: 'client', fingerprints: [{ algorithm: 'sha-256', value: '00:11:22' }] }, sent)).toBe(false);
    expect(sameDtls({ role: 'client', fingerprints: [] }, sent)).toBe(false);
  });
});
