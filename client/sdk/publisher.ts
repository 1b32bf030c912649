import { resolveSources, stopCaptured, type LocalTrack, type ResolvedSource } from './capture.js';
import { VideoRoomsError } from './errors.js';
import { UnpublishStreamDocument, UpdateStreamDocument } from './generated/graphql.js';
import type { RoomCore } from './room-core.js';
import type { StreamKey, StreamOptions, TrackKind, UpdateStreamOptions } from './types.js';

const KINDS: TrackKind[] = ['audio', 'video'];

interface LocalStream extends ResolvedSource {
  key: string;
}

/** updateStream's variables turning one kind on or off. */
const enabled = (streamKey: string, kind: TrackKind, on: boolean) => (kind === 'audio' ? { streamKey, audioEnabled: on } : { streamKey, videoEnabled: on });

const notFound = (key: string, participantId: string) => new VideoRoomsError('NOT_FOUND', `No stream exists with the key: ${key} for the participant: ${participantId}`);

/** The local streams: capturing, producing, muting, replacing tracks, and publishing them again on new transports. */
export class Publisher {
  private readonly streams = new Map<string, LocalStream>();

  constructor(private readonly core: RoomCore) {}

  /** The local tracks of a stream, to show in the state. */
  localTracks(key: string): { audioTrack?: MediaStreamTrack; videoTrack?: MediaStreamTrack } {
    const local = this.streams.get(key);
    return { audioTrack: local?.audio?.track, videoTrack: local?.video?.track };
  }

  async addStream(key: StreamKey, options: StreamOptions = {}): Promise<void> {
    const core = this.core;
    core.requireConnected();
    if (typeof key !== 'string' || !key) throw new VideoRoomsError('INVALID_ARGUMENT', 'key must be a non-empty string');
    if (this.streams.has(key)) throw new VideoRoomsError('ALREADY_PUBLISHED', `A stream with the key ${key} is already published!`);
    if (!core.grants.canPublish) throw new VideoRoomsError('FORBIDDEN', 'this client token does not allow publishing (canPublish is false)');
    await core.locks.run(`stream:${key}`, async () => {
      const source = await resolveSources(key, options.audio, options.video, options.simulcast);
      if (!source.audio && !source.video) throw new VideoRoomsError('INVALID_ARGUMENT', 'addStream needs an audio or a video track');
      const local: LocalStream = { key, ...source };
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
    for (const kind of KINDS) {
      const t = local[kind];
      if (!t || core.media.producer(local.key, kind)) continue;
      const producer = await core.media.produce(local.key, t.track, { simulcast: kind === 'video' && local.simulcast });
      if (!t.enabled) {
        producer.pause();
        await core.send(UpdateStreamDocument, enabled(local.key, kind, false), 'updateStream');
      }
    }
    if (core.store.stream(core.participantId, local.key)) core.store.patchStream(core.participantId, local.key, { ...this.localTracks(local.key), isConfigured: true });
  }

  /** New transports: every local stream is produced again. */
  async republishAll(): Promise<void> {
    for (const local of this.streams.values()) {
      await this.publish(local).catch((err) => this.core.log.error(`could not publish "${local.key}" again`, err));
    }
  }

  async updateStream(key: StreamKey, options: UpdateStreamOptions): Promise<void> {
    const core = this.core;
    core.requireConnected();
    const local = this.streams.get(key);
    if (!local) throw notFound(key, core.participantId);
    await core.locks.run(`stream:${key}`, async () => {
      await core.ready();
      for (const kind of KINDS) {
        const want = options[kind];
        if (want === undefined) continue;
        if (typeof want === 'object') await this.replaceTrack(local, kind, want);
        else await this.switchTrack(local, kind, want);
      }
      if (core.store.stream(core.participantId, key)) core.store.patchStream(core.participantId, key, this.localTracks(key));
    });
  }

  /** A new track for this kind. */
  private async replaceTrack(local: LocalStream, kind: TrackKind, track: MediaStreamTrack): Promise<void> {
    if (track.kind !== kind) throw new VideoRoomsError('INVALID_ARGUMENT', `${kind}: got a ${track.kind} track`);
    const current = local[kind];
    const next: LocalTrack = { track, captured: false, enabled: current?.enabled ?? true };
    const producer = this.core.media.producer(local.key, kind);
    if (producer) await producer.replaceTrack({ track });
    if (current?.captured && current.track !== track) current.track.stop();
    local[kind] = next;
    if (!producer) await this.publish(local);
  }

  /** Turns a kind on or off: pauses or resumes its producer and tells the server. */
  private async switchTrack(local: LocalStream, kind: TrackKind, want: boolean): Promise<void> {
    const core = this.core;
    const current = local[kind];
    if (!current) {
      if (!want) return;
      // Turning on a kind the stream does not have yet: capture it and publish it.
      const source = await resolveSources(local.key, kind === 'audio' ? true : undefined, kind === 'video' ? true : undefined);
      local[kind] = source[kind];
      await this.publish(local);
      return;
    }
    if (current.enabled === want) return;
    const producer = core.media.producer(local.key, kind);
    if (want) producer?.resume();
    else producer?.pause();
    try {
      await core.send(UpdateStreamDocument, enabled(local.key, kind, want), 'updateStream');
      current.enabled = want;
    } catch (err) {
      if (want) producer?.pause();
      else producer?.resume();
      throw err;
    }
  }

  async removeStream(key: StreamKey): Promise<void> {
    const core = this.core;
    core.requireConnected();
    const local = this.streams.get(key);
    if (!local) throw notFound(key, core.participantId);
    await core.locks.run(`stream:${key}`, async () => {
      this.streams.delete(key);
      for (const kind of KINDS) core.media.closeProducer(key, kind);
      stopCaptured(local);
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
