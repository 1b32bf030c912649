import type { MediaKind, StreamKey } from '../../media/index.js';
import type {
  ActiveSpeaker,
  ParticipantState,
  RoomDelta,
  RoomEventListener,
  RoomEventRecord,
  RoomStateView,
  StreamState,
  TrackState,
} from './types.js';

/** Who a watcher is, for targeted messages: a participant id (read when a message is sent), or 'all' for API-key watchers. */
export type Audience = 'all' | (() => string | undefined);

interface Listener {
  fn: RoomEventListener;
  audience: Audience;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The live picture of one room and the ordered stream of its changes. Pure state: no I/O, no
 * media. Every change is applied and announced in one synchronous step, so a snapshot taken
 * together with subscribing can never miss or repeat a delta.
 */
export class LiveRoom {
  private seq = 0;
  private sessionId: string | null = null;
  private readonly participants = new Map<string, ParticipantState>();
  private activeSpeaker: ActiveSpeaker | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly roomId: string,
    /** Sees every event of the room (the server's own listeners: recordings); not a watcher. */
    private readonly tap?: RoomEventListener,
  ) {}

  get currentSessionId(): string | null {
    return this.sessionId;
  }

  get participantCount(): number {
    return this.participants.size;
  }

  get watcherCount(): number {
    return this.listeners.size;
  }

  has(participantId: string): boolean {
    return this.participants.has(participantId);
  }

  participant(participantId: string): ParticipantState | undefined {
    return this.participants.get(participantId);
  }

  participantIds(): string[] {
    return [...this.participants.keys()];
  }

  snapshot(): RoomStateView {
    return clone({
      roomId: this.roomId,
      sessionId: this.sessionId,
      status: this.sessionId ? 'active' : 'idle',
      participants: [...this.participants.values()],
      activeSpeaker: this.activeSpeaker,
      seq: this.seq,
    });
  }

  /**
   * Registers a listener and returns the snapshot it starts from, atomically. Deltas after the
   * snapshot have seq > snapshot.seq.
   */
  watch(audience: Audience, fn: RoomEventListener): { snapshot: RoomStateView; stop: () => void } {
    const listener: Listener = { fn, audience };
    this.listeners.add(listener);
    return { snapshot: this.snapshot(), stop: () => this.listeners.delete(listener) };
  }

  startSession(sessionId: string): void {
    this.sessionId = sessionId;
    this.announce({ type: 'SessionStarted', sessionId });
  }

  endSession(reason: string): void {
    if (!this.sessionId) return;
    const sessionId = this.sessionId;
    this.sessionId = null;
    this.activeSpeaker = null;
    this.announce({ type: 'SessionEnded', sessionId, reason });
  }

  addParticipant(p: Omit<ParticipantState, 'streams'>): void {
    const participant: ParticipantState = { ...p, streams: [] };
    this.participants.set(p.id, participant);
    this.announce({ type: 'ParticipantJoined', participant: clone(participant) });
  }

  removeParticipant(participantId: string, reason: RoomDeltaReason): void {
    const p = this.participants.get(participantId);
    if (!p) return;
    this.announce({ type: 'ParticipantLeaving', participantId, reason });
    for (const stream of [...p.streams]) this.removeStream(participantId, stream.key);
    this.participants.delete(participantId);
    if (this.activeSpeaker?.participantId === participantId) this.activeSpeaker = null;
    this.announce({ type: 'ParticipantLeft', participantId, reason });
  }

  /** Adds or replaces one track of a stream; the first track publishes the stream. */
  setTrack(participantId: string, key: StreamKey, track: TrackState): StreamState {
    const p = this.require(participantId);
    let stream = p.streams.find((s) => s.key === key);
    const isNew = !stream;
    if (!stream) {
      stream = { participantId, key, audio: null, video: null };
      p.streams.push(stream);
    }
    stream[track.kind] = track;
    this.announce(isNew ? { type: 'StreamPublished', stream: clone(stream) } : { type: 'StreamUpdated', stream: clone(stream) });
    return clone(stream);
  }

  /** Removes one track; removing the last one unpublishes the stream. */
  removeTrack(participantId: string, key: StreamKey, kind: MediaKind): void {
    const stream = this.participants.get(participantId)?.streams.find((s) => s.key === key);
    if (!stream?.[kind]) return;
    stream[kind] = null;
    if (!stream.audio && !stream.video) this.removeStream(participantId, key);
    else this.announce({ type: 'StreamUpdated', stream: clone(stream) });
  }

  removeStream(participantId: string, key: StreamKey): void {
    const p = this.participants.get(participantId);
    const index = p?.streams.findIndex((s) => s.key === key) ?? -1;
    if (!p || index < 0) return;
    p.streams.splice(index, 1);
    if (this.activeSpeaker?.participantId === participantId && this.activeSpeaker.streamKey === key) this.activeSpeaker = null;
    this.announce({ type: 'StreamUnpublished', participantId, streamKey: key });
  }

  /** Flips `enabled` or `censored` of a track; returns false when nothing changed. */
  setTrackFlag(participantId: string, key: StreamKey, kind: MediaKind, flag: 'enabled' | 'censored', value: boolean): boolean {
    const track = this.track(participantId, key, kind);
    if (!track || track[flag] === value) return false;
    track[flag] = value;
    const type =
      flag === 'enabled' ? (value ? 'TrackEnabled' : 'TrackDisabled') : value ? 'TrackCensored' : 'TrackUncensored';
    this.announce({ type, participantId, streamKey: key, kind });
    return true;
  }

  track(participantId: string, key: StreamKey, kind: MediaKind): TrackState | null {
    return this.participants.get(participantId)?.streams.find((s) => s.key === key)?.[kind] ?? null;
  }

  setActiveSpeaker(participantId: string, streamKey: StreamKey): void {
    if (!this.participants.has(participantId)) return;
    if (this.activeSpeaker?.participantId === participantId && this.activeSpeaker.streamKey === streamKey) return;
    this.activeSpeaker = { participantId, streamKey };
    this.announce({ type: 'AudioActivity', participantId, streamKey });
  }

  /**
   * Broadcast messages are room events like any other. A message to chosen recipients reaches
   * only them, its sender and API-key watchers; it does not advance seq, so the others see no gap.
   */
  message(from: string, payload: string, recipients: string[] | null): void {
    if (!recipients) return this.announce({ type: 'MessageReceived', from, payload, recipients: null });
    const event: RoomEventRecord = { type: 'MessageReceived', from, payload, recipients, seq: this.seq, roomId: this.roomId, occurredAt: new Date() };
    const audience = new Set([from, ...recipients]);
    for (const l of this.listeners) {
      const who = l.audience === 'all' ? 'all' : l.audience();
      if (who === 'all' || (who && audience.has(who))) l.fn(event);
    }
  }

  mediaReconnectRequired(reason: string): void {
    this.announce({ type: 'MediaReconnectRequired', reason });
  }

  private require(participantId: string): ParticipantState {
    const p = this.participants.get(participantId);
    if (!p) throw new Error(`participant ${participantId} is not in room ${this.roomId}`);
    return p;
  }

  private announce(delta: RoomDelta): void {
    const event = { ...delta, seq: ++this.seq, roomId: this.roomId, occurredAt: new Date() } as RoomEventRecord;
    for (const l of this.listeners) l.fn(event);
    this.tap?.(event);
  }
}

type RoomDeltaReason = Extract<RoomDelta, { type: 'ParticipantLeft' }>['reason'];
