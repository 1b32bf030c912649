import type { ActiveSpeaker, Participant, State, Status, Stream, Subscription } from './types.js';

export const streamId = (participantId: string, key: string) => `${participantId}:${key}`;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The room as this client knows it. Mutations happen here only; readers get immutable snapshots
 * (frozen objects and fresh Maps), made again after each change, so an app can keep an old
 * snapshot and compare.
 */
export class StateStore {
  private status: Status = 'initialized';
  private localParticipantId = '';
  private sessionId: string | null = null;
  private readonly participants = new Map<string, Participant>();
  private readonly streams = new Map<string, Stream>();
  private readonly subscriptions = new Map<string, Map<string, Subscription>>();
  private activeSpeaker: ActiveSpeaker | null = null;
  private recording = false;
  private cached: State | null = null;

  constructor(
    private readonly onChange: () => void,
    /** The mixed room audio, made when first read: a getter on each snapshot, not a value. */
    private readonly mixedAudioTrack: () => MediaStreamTrack | undefined = () => undefined,
  ) {}

  snapshot(): State {
    if (!this.cached) {
      const subscriptions = new Map<string, ReadonlyMap<string, Subscription>>();
      for (const [pid, subs] of this.subscriptions) if (subs.size) subscriptions.set(pid, new Map(subs));
      const state = {
        status: this.status,
        localParticipantId: this.localParticipantId,
        sessionId: this.sessionId,
        participants: new Map(this.participants),
        streams: new Map(this.streams),
        subscriptions,
        activeSpeaker: this.activeSpeaker,
        recording: this.recording,
      };
      const read = this.mixedAudioTrack;
      this.cached = Object.freeze(Object.defineProperty(state, 'mixedAudioTrack', { get: () => (state.status === 'connected' ? read() : undefined), enumerable: true }));
    }
    return this.cached;
  }

  /** The audio tracks received from others (what the mixed room audio is made of). */
  remoteAudioTracks(): MediaStreamTrack[] {
    return [...this.streams.values()].flatMap((s) => (s.origin === 'remote' && s.audioTrack ? [s.audioTrack] : []));
  }

  private changed(): void {
    this.cached = null;
    this.onChange();
  }

  get current(): { status: Status; localParticipantId: string } {
    return { status: this.status, localParticipantId: this.localParticipantId };
  }

  setStatus(status: Status): void {
    if (this.status === status) return;
    this.status = status;
    this.changed();
  }

  setLocalParticipant(id: string, sessionId: string | null): void {
    this.localParticipantId = id;
    this.sessionId = sessionId;
    this.changed();
  }

  setSessionId(sessionId: string | null): void {
    this.sessionId = sessionId;
    this.changed();
  }

  participant(id: string): Participant | undefined {
    return this.participants.get(id);
  }

  participantIds(): string[] {
    return [...this.participants.keys()];
  }

  putParticipant(p: Participant): void {
    this.participants.set(p.id, Object.freeze({ ...p, streams: Object.freeze({ ...p.streams }) }));
    this.changed();
  }

  removeParticipant(id: string): void {
    const p = this.participants.get(id);
    if (!p) return;
    for (const key of Object.keys(p.streams)) this.streams.delete(streamId(id, key));
    this.subscriptions.delete(id);
    this.participants.delete(id);
    if (this.activeSpeaker?.participantId === id) this.activeSpeaker = null;
    this.changed();
  }

  stream(participantId: string, key: string): Stream | undefined {
    return this.streams.get(streamId(participantId, key));
  }

  streamsOf(participantId: string): Map<string, Stream> {
    const out = new Map<string, Stream>();
    for (const s of this.streams.values()) if (s.participantId === participantId) out.set(s.key, s);
    return out;
  }

  /** Adds or replaces a stream; tracks and isConfigured are kept unless given. */
  putStream(s: Omit<Stream, 'audioTrack' | 'videoTrack' | 'isConfigured'> & Partial<Pick<Stream, 'audioTrack' | 'videoTrack' | 'isConfigured'>>): void {
    const previous = this.streams.get(s.id);
    const next: Mutable<Stream> = {
      ...s,
      isConfigured: s.isConfigured ?? previous?.isConfigured ?? false,
    };
    const audioTrack = 'audioTrack' in s ? s.audioTrack : previous?.audioTrack;
    const videoTrack = 'videoTrack' in s ? s.videoTrack : previous?.videoTrack;
    if (audioTrack) next.audioTrack = audioTrack;
    else delete next.audioTrack;
    if (videoTrack) next.videoTrack = videoTrack;
    else delete next.videoTrack;
    this.streams.set(s.id, Object.freeze(next));
    const p = this.participants.get(s.participantId);
    if (p && p.streams[s.key] !== s.id) this.participants.set(p.id, Object.freeze({ ...p, streams: Object.freeze({ ...p.streams, [s.key]: s.id }) }));
    this.changed();
  }

  patchStream(participantId: string, key: string, patch: Partial<Mutable<Stream>>): void {
    const s = this.streams.get(streamId(participantId, key));
    if (!s) return;
    const next: Mutable<Stream> = { ...s, ...patch };
    for (const k of ['audioTrack', 'videoTrack'] as const) if (k in patch && !patch[k]) delete next[k];
    this.streams.set(s.id, Object.freeze(next));
    this.changed();
  }

  removeStream(participantId: string, key: string): void {
    const id = streamId(participantId, key);
    if (!this.streams.delete(id)) return;
    const p = this.participants.get(participantId);
    if (p && key in p.streams) {
      const streams = { ...p.streams };
      delete streams[key];
      this.participants.set(p.id, Object.freeze({ ...p, streams: Object.freeze(streams) }));
    }
    this.subscriptions.get(participantId)?.delete(key);
    if (this.activeSpeaker?.participantId === participantId && this.activeSpeaker.streamKey === key) this.activeSpeaker = null;
    this.changed();
  }

  subscription(participantId: string, key: string): Subscription | undefined {
    return this.subscriptions.get(participantId)?.get(key);
  }

  allSubscriptions(): Subscription[] {
    return [...this.subscriptions.values()].flatMap((m) => [...m.values()]);
  }

  putSubscription(sub: Omit<Subscription, 'id'>): void {
    let subs = this.subscriptions.get(sub.participantId);
    if (!subs) this.subscriptions.set(sub.participantId, (subs = new Map()));
    subs.set(sub.key, Object.freeze({ ...sub, id: streamId(sub.participantId, sub.key) }));
    this.changed();
  }

  removeSubscription(participantId: string, key: string): void {
    const subs = this.subscriptions.get(participantId);
    if (!subs?.delete(key)) return;
    if (!subs.size) this.subscriptions.delete(participantId);
    this.changed();
  }

  setActiveSpeaker(speaker: ActiveSpeaker | null): void {
    this.activeSpeaker = speaker ? Object.freeze({ ...speaker }) : null;
    this.changed();
  }

  setRecording(recording: boolean): void {
    if (this.recording === recording) return;
    this.recording = recording;
    this.changed();
  }

  /** Forgets the room (after a disconnect); status and local id stay. */
  clearRoom(): void {
    this.participants.clear();
    this.streams.clear();
    this.subscriptions.clear();
    this.activeSpeaker = null;
    this.sessionId = null;
    this.recording = false;
    this.changed();
  }
}
