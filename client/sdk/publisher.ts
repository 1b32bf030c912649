import { capture, intentOf, resolveSources, stopCaptured, type LocalTrack, type ResolvedSource } from './capture.js';
import { noStream, VideoRoomsError } from './errors.js';
import { UnpublishStreamDocument, UpdateStreamDocument } from './generated/graphql.js';
import type { RoomCore } from './room-core.js';
import { streamId } from './store.js';
import type { StreamKey, StreamOptions, TrackKind } from './types.js';

const KINDS: TrackKind[] = ['audio', 'video'];

interface LocalStream extends ResolvedSource {
  key: string;
}

/** updateStream's variables turning one kind on or off. */
const enabled = (streamKey: string, kind: TrackKind, on: boolean) => (kind === 'audio' ? { streamKey, audioEnabled: on } : { streamKey, videoEnabled: on });

const hasTracks = (local: LocalStream) => !!(local.audio || local.video);

/**
 * The local streams: capturing, producing, turning tracks on and off, replacing them, and
 * publishing them again on new transports. A stream added without tracks (Telnyx allows it: a
 * camera and microphone both off at join) lives here and in the local state only, until
 * updateStream gives it a track: the server knows streams by their tracks.
 */
export class Publisher {
  private readonly streams = new Map<string, LocalStream>();

  constructor(private readonly core: RoomCore) {}

  /** The local tracks of a stream as the state shows them: those turned on (as Telnyx's SDK). */
  localTracks(key: string): { audioTrack?: MediaStreamTrack; videoTrack?: MediaStreamTrack } {
    const local = this.streams.get(key);
    const shown = (t: LocalTrack | undefined) => (t?.enabled ? t.track : undefined);
    return { audioTrack: shown(local?.audio), videoTrack: shown(local?.video) };
  }

  /** A stream the server does not know yet (no track): the room events must not take it away. */
  isTrackless(key: string): boolean {
    const local = this.streams.get(key);
    return !!local && !hasTracks(local);
  }

  async addStream(key: StreamKey, options: StreamOptions = {}): Promise<void> {
    const core = this.core;
    core.requireConnected();
    if (typeof key !== 'string' || !key) throw new VideoRoomsError('INVALID_ARGUMENT', 'key must be a non-empty string');
    if (this.streams.has(key)) throw new VideoRoomsError('ALREADY_PUBLISHED', `A stream with the key ${key} is already published!`);
    if (!core.grants.canPublish) throw new VideoRoomsError('FORBIDDEN', 'this client token does not allow publishing (canPublish is false)');
    await core.locks.run(`stream:${key}`, async () => {
      const local: LocalStream = { key, ...(await resolveSources(key, options.audio, options.video, options.simulcast)) };
      this.streams.set(key, local);
      try {
        await core.ready();
        await this.publish(local);
      } catch (err) {
        this.streams.delete(key);
        for (const kind of KINDS) core.media.closeProducer(key, kind);
        stopCaptured(local);
        await core.send(UnpublishStreamDocument, { streamKey: key }, 'unpublishStream').catch(() => {});
        throw err;
      }
    });
  }

  /** Produces each track of a local stream (again, after new transports), off if it was off. */
  private async publish(local: LocalStream): Promise<void> {
    const core = this.core;
    if (!hasTracks(local)) return this.showTrackless(local);
    for (const kind of KINDS) {
      const t = local[kind];
      if (!t || core.media.producer(local.key, kind)) continue;
      const producer = await core.media.produce(local.key, t.track, { simulcast: kind === 'video' && local.simulcast });
      if (!t.enabled) {
        producer.pause();
        await core.send(UpdateStreamDocument, enabled(local.key, kind, false), 'updateStream');
      }
    }
    this.showTracks(local.key, true);
  }

  /** A stream without tracks: in the local state (and stream_published) by this side alone. */
  private showTrackless(local: LocalStream): void {
    const { store, participantId } = this.core;
    if (store.stream(participantId, local.key)) return;
    const off = { hasAudio: false, hasVideo: false, isAudioEnabled: false, isVideoEnabled: false, isAudioCensored: false, isVideoCensored: false };
    store.putStream({ id: streamId(participantId, local.key), key: local.key, participantId, origin: 'local', ...off, isSimulcast: local.simulcast, isConfigured: true });
    this.core.emit('stream_published', participantId, local.key, store.snapshot());
  }

  private showTracks(key: string, configured?: boolean): void {
    const { store, participantId } = this.core;
    if (store.stream(participantId, key)) store.patchStream(participantId, key, { ...this.localTracks(key), ...(configured ? { isConfigured: true } : {}) });
  }

  /** New transports: every local stream is produced again. */
  async republishAll(): Promise<void> {
    for (const local of this.streams.values()) {
      await this.publish(local).catch((err) => this.core.log.error(`could not publish "${local.key}" again`, err));
    }
  }

  /**
   * Telnyx's updateStream: the stream becomes what `options` describes. A track given replaces the
   * one published (on if the track is enabled); a kind left out (or `false`) is turned off; `true`
   * turns it back on (capturing one if the stream has none); constraints capture a new one.
   */
  async updateStream(key: StreamKey, options: StreamOptions = {}): Promise<void> {
    const core = this.core;
    core.requireConnected();
    const local = this.streams.get(key);
    if (!local) throw noStream(core.participantId, key);
    await core.locks.run(`stream:${key}`, async () => {
      await core.ready();
      const intents = { audio: intentOf('audio', options.audio), video: intentOf('video', options.video) };
      const captured = await capture(key, {
        audio: intents.audio.type === 'capture' && (intents.audio.constraints !== true || !local.audio) ? intents.audio.constraints : undefined,
        video: intents.video.type === 'capture' && (intents.video.constraints !== true || !local.video) ? intents.video.constraints : undefined,
      });
      for (const kind of KINDS) {
        const intent = intents[kind];
        const next = captured[kind] ?? (intent.type === 'track' ? { track: intent.track, captured: false, enabled: intent.track.enabled } : null);
        if (next) await this.replaceTrack(local, kind, next);
        else await this.switchTrack(local, kind, intent.type === 'capture');
      }
      // A stream that had no track is published now; the server's StreamPublished then updates the
      // stream already in the state (track_enabled), as Telnyx's SDK announces it.
      await this.publish(local);
      this.showTracks(key);
    });
  }

  /** A new track for this kind; published with the stream's next publish() if it had none. */
  private async replaceTrack(local: LocalStream, kind: TrackKind, next: LocalTrack): Promise<void> {
    const current = local[kind];
    const producer = this.core.media.producer(local.key, kind);
    if (producer && current?.track !== next.track) await producer.replaceTrack({ track: next.track });
    if (current?.captured && current.track !== next.track) current.track.stop();
    local[kind] = { ...next, enabled: current?.enabled ?? next.enabled };
    await this.switchTrack(local, kind, next.enabled);
  }

  /** Turns a published kind on or off: pauses or resumes its producer and tells the server. */
  private async switchTrack(local: LocalStream, kind: TrackKind, want: boolean): Promise<void> {
    const core = this.core;
    const current = local[kind];
    if (!current || current.enabled === want) return;
    const producer = core.media.producer(local.key, kind);
    if (!producer) {
      // Not produced yet: publish() produces it as it is meant to be.
      current.enabled = want;
      return;
    }
    if (want) producer.resume();
    else producer.pause();
    try {
      await core.send(UpdateStreamDocument, enabled(local.key, kind, want), 'updateStream');
      current.enabled = want;
    } catch (err) {
      if (want) producer.pause();
      else producer.resume();
      throw err;
    }
  }

  async removeStream(key: StreamKey): Promise<void> {
    const core = this.core;
    core.requireConnected();
    const local = this.streams.get(key);
    if (!local) throw noStream(core.participantId, key);
    await core.locks.run(`stream:${key}`, async () => {
      this.streams.delete(key);
      for (const kind of KINDS) core.media.closeProducer(key, kind);
      stopCaptured(local);
      if (!hasTracks(local)) {
        // Known to this side only: no room event will take it out of the state.
        core.store.removeStream(core.participantId, key);
        core.emit('stream_unpublished', core.participantId, key, core.store.snapshot());
        return;
      }
      await core.ready();
      await core.send(UnpublishStreamDocument, { streamKey: key }, 'unpublishStream').catch((err) => {
        if (!(err instanceof VideoRoomsError && err.code === 'NOT_FOUND')) throw err;
      });
    });
  }

  /** The room is gone: stops what the SDK captured. */
  stopAll(): void {
    for (const local of this.streams.values()) stopCaptured(local);
    this.streams.clear();
  }
}
