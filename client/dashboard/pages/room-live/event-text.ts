// The room's events in an operator's words, for the live page's log: who did what, by name.
import type { EventOf, RoomEvent } from './room-events.js';

export type Tone = 'join' | 'leave' | 'moderation' | 'message' | 'speaking' | 'session' | 'media' | 'info';

export interface LogLine {
  id: string;
  at: string;
  text: string;
  tone: Tone;
}

const LEFT: Record<string, string> = {
  left: 'left',
  kicked: 'was kicked',
  disconnected: 'disconnected',
  session_ended: 'was removed: the session ended',
  room_deleted: 'was removed: the room was deleted',
  token_expired: 'was removed: their access token expired',
};

const ENDED: Record<string, string> = {
  empty: 'everyone left',
  ended_by_api: 'ended by an operator',
  room_deleted: 'the room was deleted',
  media_failure: 'the media server failed',
  server_shutdown: 'the server shut down',
};

/** What a message says: the SDK's `{"type":"text","payload":…}`, or the text itself. */
export function messageText(payload: string): string {
  try {
    const m = JSON.parse(payload) as { type?: unknown; payload?: unknown };
    if (m && m.type === 'text' && typeof m.payload === 'string') return m.payload;
  } catch {
    // plain text
  }
  return payload;
}

/** What a stream carries now: "camera and microphone", "microphone"… */
function carried(stream: { audio?: unknown; video?: unknown }, video: string): string {
  return [stream.video && video, stream.audio && (video === 'screen' ? 'screen audio' : 'microphone')].filter(Boolean).join(' and ') || 'nothing';
}

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function trackText(ev: EventOf<'TrackEnabled' | 'TrackDisabled' | 'TrackCensored' | 'TrackUncensored'>, who: string): [string, Tone] {
  const screen = ev.streamKey === 'presentation';
  const audio = ev.kind === 'AUDIO';
  const what = audio ? (screen ? 'screen audio' : 'microphone') : screen ? 'screen share' : 'camera';
  switch (ev.__typename) {
    case 'TrackEnabled':
      return [audio ? `${who} unmuted their ${what}` : `${who} turned their ${what} on`, 'media'];
    case 'TrackDisabled':
      return [audio ? `${who} muted their ${what}` : `${who} turned their ${what} off`, 'media'];
    case 'TrackCensored':
      return [audio ? `${who} was muted by a moderator` : `${who}'s ${what} was turned off by a moderator`, 'moderation'];
    case 'TrackUncensored':
      return [audio ? `${who} was unmuted by a moderator` : `${who}'s ${what} was allowed again by a moderator`, 'moderation'];
  }
}

/** One line per event worth telling; null for what the next event tells better (ParticipantLeaving). */
export function describe(ev: RoomEvent, names: Record<string, string>, first: boolean): [string, Tone] | null {
  const name = (id: string) => names[id] ?? 'Someone';
  switch (ev.__typename) {
    case 'RoomStateSnapshot': {
      const n = ev.state.participants.length;
      const present = n ? `${n} ${n === 1 ? 'participant' : 'participants'} present` : 'nobody is in the room';
      return [first ? `Watching the room: ${present}` : `Caught up after a reconnection: ${present}`, 'info'];
    }
    case 'SessionStarted':
      return ['Session started', 'session'];
    case 'SessionEnded':
      return [`Session ended: ${ENDED[ev.reason] ?? ev.reason}`, 'session'];
    case 'ParticipantJoined':
      return [`${name(ev.participant.id)} joined`, 'join'];
    case 'ParticipantLeaving':
      return null;
    case 'ParticipantLeft':
      return [`${name(ev.participantId)} ${LEFT[ev.reason] ?? `left (${ev.reason})`}`, 'leave'];
    case 'StreamPublished':
    case 'StreamUpdated': {
      const who = name(ev.stream.participantId);
      if (ev.stream.key !== 'presentation') return [`${who} is publishing: ${carried(ev.stream, 'camera')}`, 'media'];
      return [ev.__typename === 'StreamPublished' ? `${who} started sharing their screen` : `${who}'s screen share: ${carried(ev.stream, 'screen')}`, 'media'];
    }
    case 'StreamUnpublished':
      return [ev.streamKey === 'presentation' ? `${name(ev.participantId)} stopped sharing their screen` : `${name(ev.participantId)} stopped publishing camera and microphone`, 'media'];
    case 'TrackEnabled':
    case 'TrackDisabled':
    case 'TrackCensored':
    case 'TrackUncensored':
      return trackText(ev, name(ev.participantId));
    case 'AudioActivity':
      return [`${name(ev.participantId)} is speaking${ev.streamKey === 'presentation' ? ' (screen audio)' : ''}`, 'speaking'];
    case 'MessageReceived': {
      const from = ev.fromOperator ? 'Operator' : name(ev.from);
      const to = ev.recipients ? ev.recipients.map(name).join(', ') : 'everyone';
      return [`${from} → ${to}: ${clip(messageText(ev.payload))}`, 'message'];
    }
    case 'MediaReconnectRequired':
      return [`The media server restarted (${ev.reason}): participants reconnect`, 'media'];
  }
}
