import { describe, expect, it } from 'vitest';
import { describe as tell, messageText } from '../../client/dashboard/pages/room-live/event-text.js';
import { admit, displayName, fold, NOT_YET, type LiveRoomState } from '../../client/dashboard/pages/room-live/live-state.js';
import type { LiveParticipant, LiveStream, RoomEvent } from '../../client/dashboard/pages/room-live/room-events.js';

// The live room page's reading of roomEvents, without a browser: the fold into a state, the seq
// gate (a gap means subscribing again), and the log's words.

const at = '2026-01-01T10:00:00.000Z';
const stream = (participantId: string, key = 'self', over: Partial<LiveStream> = {}): LiveStream => ({
  participantId,
  key,
  isAudioEnabled: true,
  isVideoEnabled: true,
  isAudioCensored: false,
  isVideoCensored: false,
  audio: { kind: 'AUDIO' },
  video: { kind: 'VIDEO', simulcast: false },
  ...over,
});
const participant = (id: string, name: string, streams: LiveStream[] = []): LiveParticipant => ({
  id,
  context: JSON.stringify({ name }),
  joinedAt: at,
  canPublish: true,
  canSubscribe: true,
  streams,
});
const snapshot = (seq: number, participants: LiveParticipant[]): RoomEvent => ({
  __typename: 'RoomStateSnapshot',
  seq,
  occurredAt: at,
  state: { sessionId: 's1', status: 'ACTIVE', activeSpeaker: null, participants },
});

function run(events: RoomEvent[], from: LiveRoomState = NOT_YET): { state: LiveRoomState; verdicts: string[] } {
  let state = from;
  const verdicts: string[] = [];
  for (const ev of events) {
    const v = admit(state, ev);
    verdicts.push(v);
    if (v === 'apply') state = fold(state, ev);
  }
  return { state, verdicts };
}

describe('live room state', () => {
  it('starts from the snapshot and applies each next delta: joins, streams, track flags, the speaker, departures', () => {
    const { state, verdicts } = run([
      { __typename: 'ParticipantJoined', seq: 3, occurredAt: at, participant: participant('p0', 'Early') },
      snapshot(4, [participant('p1', 'Alice', [stream('p1')])]),
      { __typename: 'ParticipantJoined', seq: 5, occurredAt: at, participant: participant('p2', 'Bob') },
      { __typename: 'StreamPublished', seq: 6, occurredAt: at, stream: stream('p2', 'self', { video: null, isVideoEnabled: false }) },
      { __typename: 'StreamUpdated', seq: 7, occurredAt: at, stream: stream('p2') },
      { __typename: 'TrackCensored', seq: 8, occurredAt: at, participantId: 'p1', streamKey: 'self', kind: 'AUDIO' },
      { __typename: 'TrackDisabled', seq: 9, occurredAt: at, participantId: 'p2', streamKey: 'self', kind: 'VIDEO' },
      { __typename: 'AudioActivity', seq: 10, occurredAt: at, participantId: 'p2', streamKey: 'self' },
      { __typename: 'MessageReceived', seq: 10, occurredAt: at, from: 'API_KEY', fromOperator: true, payload: 'psst', recipients: ['p1'] },
      { __typename: 'ParticipantLeft', seq: 11, occurredAt: at, participantId: 'p2', reason: 'kicked' },
    ]);
    expect(verdicts).toEqual(['skip', 'apply', 'apply', 'apply', 'apply', 'apply', 'apply', 'apply', 'apply', 'apply']);
    expect(state.seq).toBe(11);
    expect(state.participants.map((p) => p.id)).toEqual(['p1']);
    expect(state.participants[0]!.streams[0]).toMatchObject({ isAudioCensored: true, isAudioEnabled: true });
    expect(state.activeSpeaker).toBeNull();
    // Names outlive their participants, for the log.
    expect(state.names).toEqual({ p1: 'Alice', p2: 'Bob' });
  });

  it('skips what it already has and calls a jump a gap; a new snapshot starts over', () => {
    const { state } = run([snapshot(4, [participant('p1', 'Alice')])]);
    expect(admit(state, { __typename: 'SessionEnded', seq: 4, occurredAt: at, sessionId: 's1', reason: 'empty' })).toBe('skip');
    expect(admit(state, { __typename: 'SessionEnded', seq: 6, occurredAt: at, sessionId: 's1', reason: 'empty' })).toBe('gap');
    const again = fold(state, snapshot(9, []));
    expect(again).toMatchObject({ seq: 9, participants: [], names: { p1: 'Alice' } });
    expect(fold(again, { __typename: 'SessionEnded', seq: 10, occurredAt: at, sessionId: 's1', reason: 'ended_by_api' }).sessionId).toBeNull();
  });

  it("names participants by their context's name, or their id", () => {
    expect(displayName('{"name":"Ann"}', 'x')).toBe('Ann');
    expect(displayName('{"username":"ann42"}', 'x')).toBe('ann42');
    expect(displayName('Front desk', 'x')).toBe('Front desk');
    expect(displayName('{"role":"viewer"}', '01900000-0000-7000-8000-00000000abcd')).toBe('Participant 0000abcd');
    expect(displayName(null, '01900000-0000-7000-8000-00000000abcd')).toBe('Participant 0000abcd');
  });

  it('tells the log in words, by name', () => {
    const names = { p1: 'Alice', p2: 'Bob' };
    const line = (ev: RoomEvent) => tell(ev, names, false)?.[0];
    expect(line({ __typename: 'ParticipantLeft', seq: 1, occurredAt: at, participantId: 'p2', reason: 'token_expired' })).toBe('Bob was removed: their access token expired');
    expect(line({ __typename: 'TrackCensored', seq: 1, occurredAt: at, participantId: 'p1', streamKey: 'self', kind: 'AUDIO' })).toBe('Alice was muted by a moderator');
    expect(line({ __typename: 'TrackDisabled', seq: 1, occurredAt: at, participantId: 'p1', streamKey: 'self', kind: 'VIDEO' })).toBe('Alice turned their camera off');
    expect(line({ __typename: 'StreamPublished', seq: 1, occurredAt: at, stream: stream('p2', 'presentation') })).toBe('Bob started sharing their screen');
    expect(line({ __typename: 'MessageReceived', seq: 1, occurredAt: at, from: 'key', fromOperator: true, payload: '{"type":"text","payload":"hi"}', recipients: null })).toBe(
      'Operator → everyone: hi',
    );
    expect(line({ __typename: 'MessageReceived', seq: 1, occurredAt: at, from: 'p1', fromOperator: false, payload: 'plain', recipients: ['p2'] })).toBe('Alice → Bob: plain');
    expect(line({ __typename: 'SessionEnded', seq: 1, occurredAt: at, sessionId: 's', reason: 'ended_by_api' })).toBe('Session ended: ended by an operator');
    expect(tell({ __typename: 'ParticipantLeaving', seq: 1, occurredAt: at, participantId: 'p1', reason: 'left' }, names, false)).toBeNull();
    expect(tell(snapshot(1, []), names, true)?.[0]).toBe('Watching the room: nobody is in the room');
    expect(messageText('{"type":"text","payload":"x","meta":"m"}')).toBe('x');
  });
});
