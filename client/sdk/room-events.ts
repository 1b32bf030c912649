import type { RoomEventsSubscription, WireParticipantFragment, WireRoomStateFragment, WireStreamFragment } from './generated/graphql.js';
import { streamId, type StateStore } from './store.js';
import type { Events, Message, Participant, TrackKind } from './types.js';

/** What the room must do about events beyond bookkeeping (media, reconnection, disconnection). */
export interface RoomEventHooks {
  localParticipantId(): string;
  /** Local tracks of an own stream, to show in the state. */
  localTracks(key: string): { audioTrack?: MediaStreamTrack; videoTrack?: MediaStreamTrack };
  /** The local participant is being removed by the server (kicked, token expired, ...). */
  removedByServer(reason: string): void;
  /** A remote stream went away: end its subscription. Called before the stream leaves the state. */
  streamGone(participantId: string, key: string): void;
  /** A remote stream appeared (a restore may be due). */
  streamAppeared(participantId: string, key: string): void;
  /** A remote stream gained or lost a track (a subscription may pick it up). */
  streamChanged(participantId: string, key: string): void;
  mediaReconnectRequired(reason: string): void;
  sessionEnded(reason: string): void;
}

/** One event of the roomEvents subscription, as generated from the schema. */
export type WireRoomEvent = NonNullable<RoomEventsSubscription['roomEvents']>;

type Flag = 'isAudioEnabled' | 'isVideoEnabled' | 'isAudioCensored' | 'isVideoCensored';

type Emit = <E extends keyof Events>(event: E, ...args: Parameters<Events[E]>) => void;

const kindOf = (k: string | null): TrackKind => (k?.toLowerCase() === 'audio' ? 'audio' : 'video');

/** A stream on the wire with the ids every stream has (the schema does not promise them yet). */
type KnownStream = WireStreamFragment & { participantId: string; key: string };
const identified = (s: WireStreamFragment | null | undefined): s is KnownStream => !!s && s.participantId != null && s.key != null;
const streamsOf = (p: WireParticipantFragment): KnownStream[] => (p.streams ?? []).filter(identified);

export function toParticipant(p: WireParticipantFragment & { id: string }, localId: string): Participant {
  return {
    id: p.id,
    context: p.context ?? undefined,
    streams: Object.fromEntries(streamsOf(p).map((s) => [s.key, streamId(p.id, s.key)])),
    canReceiveMessages: true,
    origin: p.id === localId ? 'local' : 'remote',
    canPublish: !!p.canPublish,
    canSubscribe: !!p.canSubscribe,
    joinedAt: p.joinedAt ?? '',
  };
}

function streamFields(s: KnownStream, localId: string) {
  return {
    id: streamId(s.participantId, s.key),
    key: s.key,
    participantId: s.participantId,
    origin: s.participantId === localId ? ('local' as const) : ('remote' as const),
    hasAudio: !!s.audio,
    hasVideo: !!s.video,
    isAudioEnabled: !!s.audio?.enabled,
    isVideoEnabled: !!s.video?.enabled,
    isAudioCensored: !!s.audio?.censored,
    isVideoCensored: !!s.video?.censored,
    isSimulcast: !!s.video?.simulcast,
  };
}

/** Message payloads are strings; a JSON Telnyx message object travels as is. */
export function decodeMessage(payload: string): Message {
  try {
    const m = JSON.parse(payload) as Partial<Message>;
    if (m && m.type === 'text' && typeof m.payload === 'string') return { type: 'text', payload: m.payload, ...(m.meta ? { meta: m.meta } : {}) };
  } catch {
    // not JSON: a plain text message
  }
  return { type: 'text', payload };
}

/** An operator's message says so; a participant's stays exactly as it was sent. */
function fromOperator(message: Message, operator: boolean): Message {
  return operator ? { ...message, fromOperator: true } : message;
}

/**
 * Applies roomEvents (snapshot and deltas) to the state store and tells the app, in Telnyx's
 * events. A snapshot after a resubscription is compared with what the store holds, and the
 * differences are announced as the deltas that were missed.
 */
export class RoomEventApplier {
  constructor(
    private readonly store: StateStore,
    private readonly emit: Emit,
    private readonly hooks: RoomEventHooks,
  ) {}

  private get state() {
    return this.store.snapshot();
  }

  applySnapshot(room: WireRoomStateFragment): void {
    const localId = this.hooks.localParticipantId();
    this.store.setSessionId(room.sessionId);
    const participants = (room.participants ?? []).filter((p): p is WireParticipantFragment & { id: string } => p.id != null);
    const incoming = new Map(participants.map((p) => [p.id, p]));
    for (const id of this.store.participantIds()) {
      if (incoming.has(id)) continue;
      const p = this.store.participant(id)!;
      for (const key of Object.keys(p.streams)) this.streamUnpublished(id, key);
      if (id === localId) continue;
      this.store.removeParticipant(id);
      this.emit('participant_left', id, this.state);
    }
    for (const wp of participants) {
      const known = this.store.participant(wp.id);
      const fresh = toParticipant(wp, localId);
      this.store.putParticipant({ ...fresh, streams: known?.streams ?? {} });
      if (!known && wp.id !== localId) this.emit('participant_joined', wp.id, this.state);
      const streams = streamsOf(wp);
      const keys = new Set(streams.map((s) => s.key));
      for (const key of Object.keys(known?.streams ?? {})) if (!keys.has(key)) this.streamUnpublished(wp.id, key);
      for (const s of streams) {
        if (this.store.stream(s.participantId, s.key)) this.streamUpdated(s, true);
        else this.streamPublished(s);
      }
    }
    const wireSpeaker = room.activeSpeaker;
    const speaker = wireSpeaker?.participantId != null && wireSpeaker.streamKey != null ? { participantId: wireSpeaker.participantId, streamKey: wireSpeaker.streamKey } : null;
    const current = this.state.activeSpeaker;
    if (speaker && (speaker.participantId !== current?.participantId || speaker.streamKey !== current?.streamKey)) {
      this.store.setActiveSpeaker(speaker);
      this.emit('audio_activity', speaker.participantId, speaker.streamKey, this.state);
    } else if (!speaker && current) this.store.setActiveSpeaker(null);
  }

  apply(ev: WireRoomEvent): void {
    const localId = this.hooks.localParticipantId();
    switch (ev.__typename) {
      case 'RoomStateSnapshot':
        if (ev.state) this.applySnapshot(ev.state);
        return;
      case 'ParticipantJoined': {
        const p = ev.participant;
        if (p?.id == null) return;
        const known = this.store.participant(p.id);
        this.store.putParticipant({ ...toParticipant({ ...p, id: p.id }, localId), streams: known?.streams ?? {} });
        for (const s of streamsOf(p)) this.streamPublished(s);
        if (!known && p.id !== localId) this.emit('participant_joined', p.id, this.state);
        return;
      }
      case 'ParticipantLeaving':
        if (ev.participantId == null || !this.store.participant(ev.participantId)) return;
        this.emit('participant_leaving', ev.participantId, ev.reason ?? null, this.state);
        if (ev.participantId === localId) this.hooks.removedByServer(ev.reason ?? '');
        return;
      case 'ParticipantLeft': {
        if (ev.participantId == null || ev.participantId === localId || !this.store.participant(ev.participantId)) return;
        const p = this.store.participant(ev.participantId)!;
        for (const key of Object.keys(p.streams)) this.streamUnpublished(ev.participantId, key);
        this.store.removeParticipant(ev.participantId);
        this.emit('participant_left', ev.participantId, this.state);
        return;
      }
      case 'StreamPublished':
        if (!identified(ev.stream)) return;
        return this.store.stream(ev.stream.participantId, ev.stream.key) ? this.streamUpdated(ev.stream, true) : this.streamPublished(ev.stream);
      case 'StreamUpdated':
        if (identified(ev.stream)) this.streamUpdated(ev.stream, false);
        return;
      case 'StreamUnpublished':
        if (ev.participantId != null && ev.streamKey != null) this.streamUnpublished(ev.participantId, ev.streamKey);
        return;
      case 'TrackEnabled':
      case 'TrackDisabled':
      case 'TrackCensored':
      case 'TrackUncensored': {
        const kind = kindOf(ev.kind);
        if (ev.participantId == null || ev.streamKey == null || !this.store.stream(ev.participantId, ev.streamKey)) return;
        const on = ev.__typename === 'TrackEnabled' || ev.__typename === 'TrackCensored';
        const flag = ev.__typename === 'TrackEnabled' || ev.__typename === 'TrackDisabled' ? 'Enabled' : 'Censored';
        this.store.patchStream(ev.participantId, ev.streamKey, { [`is${kind === 'audio' ? 'Audio' : 'Video'}${flag}`]: on });
        const name = ({ TrackEnabled: 'track_enabled', TrackDisabled: 'track_disabled', TrackCensored: 'track_censored', TrackUncensored: 'track_uncensored' } as const)[ev.__typename];
        this.emit(name, ev.participantId, ev.streamKey, kind, this.state);
        return;
      }
      case 'AudioActivity':
        if (ev.participantId == null || ev.streamKey == null) return;
        this.store.setActiveSpeaker({ participantId: ev.participantId, streamKey: ev.streamKey });
        this.emit('audio_activity', ev.participantId, ev.streamKey, this.state);
        return;
      case 'MessageReceived':
        if (ev.from == null || ev.from === localId) return;
        this.emit('message_received', ev.from, fromOperator(decodeMessage(ev.payload ?? ''), !!ev.fromOperator), ev.recipients ?? null, this.state);
        return;
      case 'MediaReconnectRequired':
        return this.hooks.mediaReconnectRequired(ev.reason ?? '');
      case 'SessionStarted':
        this.store.setSessionId(ev.sessionId);
        return;
      case 'SessionEnded':
        return this.hooks.sessionEnded(ev.reason ?? '');
    }
  }

  private streamPublished(s: KnownStream): void {
    const localId = this.hooks.localParticipantId();
    if (!this.store.participant(s.participantId)) return;
    const local = s.participantId === localId;
    this.store.putStream({ ...streamFields(s, localId), ...(local ? { ...this.hooks.localTracks(s.key), isConfigured: true } : { isConfigured: false }) });
    this.emit('stream_published', s.participantId, s.key, this.state);
    if (!local) this.hooks.streamAppeared(s.participantId, s.key);
  }

  /** A stream changed; `announce` also emits the track flags that differ (after a missed delta). */
  private streamUpdated(s: KnownStream, announce: boolean): void {
    const localId = this.hooks.localParticipantId();
    const before = this.store.stream(s.participantId, s.key);
    if (!before) return this.streamPublished(s);
    const after = streamFields(s, localId);
    const local = s.participantId === localId;
    this.store.putStream({ ...after, ...(local ? this.hooks.localTracks(s.key) : {}) });
    if (announce) {
      const flags: [Flag, TrackKind, 'track_enabled' | 'track_censored', 'track_disabled' | 'track_uncensored'][] = [
        ['isAudioEnabled', 'audio', 'track_enabled', 'track_disabled'],
        ['isVideoEnabled', 'video', 'track_enabled', 'track_disabled'],
        ['isAudioCensored', 'audio', 'track_censored', 'track_uncensored'],
        ['isVideoCensored', 'video', 'track_censored', 'track_uncensored'],
      ];
      for (const [flag, kind, onEvent, offEvent] of flags) {
        if (before[flag] !== after[flag]) this.emit(after[flag] ? onEvent : offEvent, s.participantId, s.key, kind, this.state);
      }
    }
    if (!local && (before.hasAudio !== after.hasAudio || before.hasVideo !== after.hasVideo || announce)) {
      this.hooks.streamChanged(s.participantId, s.key);
    }
  }

  private streamUnpublished(participantId: string, key: string): void {
    if (!this.store.stream(participantId, key)) return;
    if (participantId !== this.hooks.localParticipantId()) this.hooks.streamGone(participantId, key);
    this.store.removeStream(participantId, key);
    this.emit('stream_unpublished', participantId, key, this.state);
  }
}
