// The room as the live page knows it, folded from roomEvents the way the SDK's store folds them
// (client/sdk/store.ts), but kept as plain immutable values for Preact: each event makes a new state.
import { shortId } from '../../ui/format.js';
import type { EventOf, LiveParticipant, LiveStream, RoomEvent } from './room-events.js';

export interface LiveRoomState {
  /** The seq the state includes; -1 until the snapshot arrives. */
  seq: number;
  sessionId: string | null;
  participants: LiveParticipant[];
  activeSpeaker: { participantId: string; streamKey: string } | null;
  /** Everyone seen while watching, kept after they leave so the log can still name them. */
  names: Record<string, string>;
}

export const NOT_YET: LiveRoomState = { seq: -1, sessionId: null, participants: [], activeSpeaker: null, names: {} };

/** What the client put in its context: the meet app's `{"name": …}`, or the string itself. */
export function displayName(context: string | null | undefined, id: string): string {
  if (context) {
    try {
      const parsed = JSON.parse(context) as { name?: unknown; username?: unknown; displayName?: unknown };
      const name = parsed?.name ?? parsed?.displayName ?? parsed?.username;
      if (typeof name === 'string' && name.trim()) return name.trim();
    } catch {
      // a plain string context
    }
    if (context.trim() && context.length <= 60 && !context.trim().startsWith('{')) return context.trim();
  }
  return `Participant ${shortId(id)}`;
}

/** Whether an event continues the state: the next seq, or a message to chosen recipients (which keeps it). */
export function admit(state: LiveRoomState, ev: RoomEvent): 'apply' | 'skip' | 'gap' {
  if (ev.__typename === 'RoomStateSnapshot') return 'apply';
  if (state.seq < 0) return 'skip';
  if (ev.__typename === 'MessageReceived' && ev.recipients && ev.seq === state.seq) return 'apply';
  if (ev.seq === state.seq + 1) return 'apply';
  return ev.seq <= state.seq ? 'skip' : 'gap';
}

const named = (names: Record<string, string>, ps: LiveParticipant[]) => ({ ...names, ...Object.fromEntries(ps.map((p) => [p.id, displayName(p.context, p.id)])) });

function withStreams(state: LiveRoomState, participantId: string, change: (streams: LiveStream[]) => LiveStream[]): LiveParticipant[] {
  return state.participants.map((p) => (p.id === participantId ? { ...p, streams: change(p.streams) } : p));
}

function putStream(state: LiveRoomState, stream: LiveStream): LiveParticipant[] {
  return withStreams(state, stream.participantId, (streams) => (streams.some((s) => s.key === stream.key) ? streams.map((s) => (s.key === stream.key ? stream : s)) : [...streams, stream]));
}

type TrackEvent = EventOf<'TrackEnabled' | 'TrackDisabled' | 'TrackCensored' | 'TrackUncensored'>;

function flagTrack(state: LiveRoomState, ev: TrackEvent): LiveParticipant[] {
  const kind = ev.kind === 'AUDIO' ? 'Audio' : 'Video';
  const flag = ev.__typename === 'TrackEnabled' || ev.__typename === 'TrackDisabled' ? `is${kind}Enabled` : `is${kind}Censored`;
  const on = ev.__typename === 'TrackEnabled' || ev.__typename === 'TrackCensored';
  return withStreams(state, ev.participantId, (streams) => streams.map((s) => (s.key === ev.streamKey ? { ...s, [flag]: on } : s)));
}

/** The state after one admitted event. */
export function fold(state: LiveRoomState, ev: RoomEvent): LiveRoomState {
  const next = { ...state, seq: ev.__typename === 'MessageReceived' && ev.recipients ? state.seq : ev.seq };
  switch (ev.__typename) {
    case 'RoomStateSnapshot': {
      const s = ev.state;
      return { seq: ev.seq, sessionId: s.sessionId ?? null, participants: s.participants, activeSpeaker: s.activeSpeaker ?? null, names: named(state.names, s.participants) };
    }
    case 'ParticipantJoined':
      return {
        ...next,
        participants: [...state.participants.filter((p) => p.id !== ev.participant.id), ev.participant],
        names: named(state.names, [ev.participant]),
      };
    case 'ParticipantLeft':
      return {
        ...next,
        participants: state.participants.filter((p) => p.id !== ev.participantId),
        activeSpeaker: state.activeSpeaker?.participantId === ev.participantId ? null : state.activeSpeaker,
      };
    case 'StreamPublished':
    case 'StreamUpdated':
      return { ...next, participants: putStream(state, ev.stream) };
    case 'StreamUnpublished':
      return {
        ...next,
        participants: withStreams(state, ev.participantId, (streams) => streams.filter((s) => s.key !== ev.streamKey)),
        activeSpeaker: state.activeSpeaker?.participantId === ev.participantId && state.activeSpeaker.streamKey === ev.streamKey ? null : state.activeSpeaker,
      };
    case 'TrackEnabled':
    case 'TrackDisabled':
    case 'TrackCensored':
    case 'TrackUncensored':
      return { ...next, participants: flagTrack(state, ev) };
    case 'AudioActivity':
      return { ...next, activeSpeaker: { participantId: ev.participantId, streamKey: ev.streamKey } };
    case 'SessionStarted':
      return { ...next, sessionId: ev.sessionId };
    case 'SessionEnded':
      return { ...next, sessionId: null, activeSpeaker: null };
    default:
      // ParticipantLeaving, MessageReceived, MediaReconnectRequired: told in the log, the state stays.
      return next;
  }
}
