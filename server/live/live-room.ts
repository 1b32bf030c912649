import type { MediaKind, StreamKey } from '../../media/index.js';
import type { RoomDelta, RoomEventRecord } from '../events/catalog.js';
import type { LiveLeaveReason, LiveSessionEndReason, MediaReconnectReason } from '../events/reasons.js';
import { roomEventRecord } from '../events/room-deltas.js';
import type { ActiveSpeaker, ParticipantState, RoomStateView, StreamState, TrackState } from '../events/room-state.js';
import type { DomainBus } from '../events/topics.js';

/** Who a watcher is, for targeted messages: a participant id (read when a message is sent), or 'all' for API-key watchers. */
export type Audience = 'all' | (() => string | undefined);

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The live picture of one room and the ordered stream of its changes. Pure state: no I/O, no
 * media. Every change is applied and published on the bus in one synchronous step, so a snapshot
 * taken together with subscribing can never miss or repeat a delta.
 */
export class LiveRoom {
  private seq = 0;
  private sessionId: string | null = null;
  private readonly participants = new Map<string, ParticipantState>();
  private activeSpeaker: ActiveSpeaker | null = null;
  /** The delta being published by this room right now (its listeners run inside publish). */
  private publishing: RoomEventRecord | null = null;

  constructor(
    readonly roomId: string,
    private readonly bus: DomainBus,
  ) {}

  get currentSessionId(): string | null {
    return this.sessionId;
  }

  get participantCount(): number {
    return this.participants.size;
  }

  /** Subscribers of this room's deltas (the server's own listeners of every room not counted). */
  get watcherCount(): number {
    return this.bus.listenerCount('room', this.roomId);
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
  watch(audience: Audience, fn: (event: RoomEventRecord) => void): { snapshot: RoomStateView; stop: () => void } {
    const stop = this.bus.subscribe('room', this.roomId, (event) => {
      if (isFor(event, audience)) fn(event);
    });
    return { snapshot: this.snapshot(), stop };
  }

  startSession(sessionId: string): void {
    this.sessionId = sessionId;
    this.announce({ type: 'SessionStarted', sessionId });
  }

  endSession(reason: LiveSessionEndReason): void {
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

  removeParticipant(participantId: string, reason: LiveLeaveReason): void {
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
    const type = flag === 'enabled' ? (value ? 'TrackEnabled' : 'TrackDisabled') : value ? 'TrackCensored' : 'TrackUncensored';
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
   * An operator's message (sendRoomMessage) comes `fromOperator`, from its API key's id.
   */
  message(from: string, payload: string, recipients: string[] | null, fromOperator = false): void {
    if (!recipients) return this.announce({ type: 'MessageReceived', from, fromOperator, payload, recipients: null });
    this.publish(roomEventRecord({ type: 'MessageReceived', from, fromOperator, payload, recipients }, this.roomId, this.seq));
  }

  mediaReconnectRequired(reason: MediaReconnectReason): void {
    this.announce({ type: 'MediaReconnectRequired', reason });
  }

  private require(participantId: string): ParticipantState {
    const p = this.participants.get(participantId);
    if (!p) throw new Error(`participant ${participantId} is not in room ${this.roomId}`);
    return p;
  }

  /**
   * Whether `event` is being published by this room, on this node. With several nodes the bus also
   * brings other nodes' deltas of the room; what the server itself does about a delta (recording)
   * is done once, by the node that runs the room.
   */
  isPublishing(event: RoomEventRecord): boolean {
    return this.publishing === event;
  }

  private announce(delta: RoomDelta): void {
    this.publish(roomEventRecord(delta, this.roomId, ++this.seq));
  }

  private publish(event: RoomEventRecord): void {
    this.publishing = event;
    try {
      this.bus.publish('room', this.roomId, event);
    } finally {
      this.publishing = null;
    }
  }
}

/** A message to chosen recipients reaches them, its sender and API-key watchers; everything else reaches everyone. */
export function isFor(event: RoomEventRecord, audience: Audience): boolean {
  if (event.type !== 'MessageReceived' || !event.recipients || audience === 'all') return true;
  const who = audience();
  return !!who && (who === event.from || event.recipients.includes(who));
}
