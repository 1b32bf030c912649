import { describe, expect, it } from 'vitest';
import type { RoomEventRecord } from '../../server/events/catalog.js';
import type { DomainTopics } from '../../server/events/topics.js';
import { LiveRoom } from '../../server/live/live-room.js';
import { LocalEventBus } from '../../server/ports/local-event-bus.js';

// The live room alone: pure state on the in-process bus, no database, no media.

const ROOM = 'room-1';
const joinedAt = new Date('2026-01-01T00:00:00Z');
const person = (id: string) => ({ id, context: null, joinedAt, canPublish: true, canSubscribe: true });
const strip = ({ occurredAt: _at, roomId: _room, ...rest }: RoomEventRecord) => rest;

function setup() {
  const bus = new LocalEventBus<DomainTopics>();
  const room = new LiveRoom(ROOM, bus);
  const everything: RoomEventRecord[] = [];
  bus.subscribe('room', null, (e) => everything.push(e));
  return { bus, room, everything };
}

describe('LiveRoom', () => {
  it('a join then a leave publish exactly these deltas, in this order, numbered without gaps', () => {
    const { room, everything } = setup();
    room.startSession('session-1');
    room.addParticipant(person('ann'));
    room.setTrack('ann', 'self', { kind: 'audio', producerId: 'p1', enabled: true, censored: false, simulcast: false });
    room.removeParticipant('ann', 'left');
    room.endSession('empty');

    expect(everything.map(strip)).toEqual([
      { type: 'SessionStarted', sessionId: 'session-1', seq: 1 },
      { type: 'ParticipantJoined', participant: { ...person('ann'), streams: [] }, seq: 2 },
      {
        type: 'StreamPublished',
        stream: { participantId: 'ann', key: 'self', audio: { kind: 'audio', producerId: 'p1', enabled: true, censored: false, simulcast: false }, video: null },
        seq: 3,
      },
      { type: 'ParticipantLeaving', participantId: 'ann', reason: 'left', seq: 4 },
      { type: 'StreamUnpublished', participantId: 'ann', streamKey: 'self', seq: 5 },
      { type: 'ParticipantLeft', participantId: 'ann', reason: 'left', seq: 6 },
      { type: 'SessionEnded', sessionId: 'session-1', reason: 'empty', seq: 7 },
    ]);
    expect(everything.every((e) => e.roomId === ROOM)).toBe(true);
    expect(room.snapshot()).toMatchObject({ sessionId: null, status: 'idle', participants: [], seq: 7 });
  });

  it('a watcher starts from a snapshot and hears every later delta, and only those', () => {
    const { room } = setup();
    room.startSession('s');
    room.addParticipant(person('ann'));
    const heard: RoomEventRecord[] = [];
    const { snapshot, stop } = room.watch('all', (e) => heard.push(e));
    expect(snapshot).toMatchObject({ seq: 2, status: 'active', participants: [{ id: 'ann' }] });
    expect(room.watcherCount).toBe(1);
    room.addParticipant(person('bob'));
    stop();
    room.removeParticipant('bob', 'kicked');
    expect(heard.map((e) => [e.type, e.seq])).toEqual([['ParticipantJoined', 3]]);
    expect(room.watcherCount).toBe(0);
  });

  it('flags of a track change once: a repeat announces nothing', () => {
    const { room, everything } = setup();
    room.addParticipant(person('ann'));
    room.setTrack('ann', 'self', { kind: 'video', producerId: 'v', enabled: true, censored: false, simulcast: true });
    expect(room.setTrackFlag('ann', 'self', 'video', 'censored', true)).toBe(true);
    expect(room.setTrackFlag('ann', 'self', 'video', 'censored', true)).toBe(false);
    expect(room.setTrackFlag('ann', 'self', 'video', 'enabled', false)).toBe(true);
    expect(everything.slice(2).map(strip)).toEqual([
      { type: 'TrackCensored', participantId: 'ann', streamKey: 'self', kind: 'video', seq: 3 },
      { type: 'TrackDisabled', participantId: 'ann', streamKey: 'self', kind: 'video', seq: 4 },
    ]);
  });

  it('a direct message reaches its sender, its recipients and API-key watchers, without using a seq', () => {
    const { room } = setup();
    for (const id of ['ann', 'bob', 'cid']) room.addParticipant(person(id));
    const heardBy = (who: string | 'all') => {
      const heard: RoomEventRecord[] = [];
      room.watch(who === 'all' ? 'all' : () => who, (e) => heard.push(e));
      return heard;
    };
    const [ann, bob, cid, api] = [heardBy('ann'), heardBy('bob'), heardBy('cid'), heardBy('all')];
    room.message('ann', 'psst', ['bob']);
    room.message('cid', 'hello all', null);
    const texts = (heard: RoomEventRecord[]) => heard.map((e) => (e.type === 'MessageReceived' ? `${e.payload}@${e.seq}` : e.type));
    expect(texts(ann)).toEqual(['psst@3', 'hello all@4']);
    expect(texts(bob)).toEqual(['psst@3', 'hello all@4']);
    expect(texts(cid)).toEqual(['hello all@4']);
    expect(texts(api)).toEqual(['psst@3', 'hello all@4']);
  });
});
