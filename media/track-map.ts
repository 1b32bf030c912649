import type { MediaKind, StreamKey, TrackRef } from './types.js';

/**
 * Values by published track (participant, stream, kind), in nested maps: no composite string
 * keys to build, parse or prefix-match.
 */
export class TrackMap<V> {
  readonly #byParticipant = new Map<string, Map<StreamKey, Map<MediaKind, V>>>();

  get(track: TrackRef): V | undefined {
    return this.#byParticipant.get(track.participantId)?.get(track.streamKey)?.get(track.kind);
  }

  has(track: TrackRef): boolean {
    return this.get(track) !== undefined;
  }

  set(track: TrackRef, value: V): void {
    let streams = this.#byParticipant.get(track.participantId);
    if (!streams) {
      streams = new Map();
      this.#byParticipant.set(track.participantId, streams);
    }
    let kinds = streams.get(track.streamKey);
    if (!kinds) {
      kinds = new Map();
      streams.set(track.streamKey, kinds);
    }
    kinds.set(track.kind, value);
  }

  delete(track: TrackRef): boolean {
    const streams = this.#byParticipant.get(track.participantId);
    const kinds = streams?.get(track.streamKey);
    if (!streams || !kinds?.delete(track.kind)) return false;
    if (kinds.size === 0) streams.delete(track.streamKey);
    if (streams.size === 0) this.#byParticipant.delete(track.participantId);
    return true;
  }

  values(): V[] {
    return [...this.#byParticipant.values()].flatMap((streams) => [...streams.values()].flatMap((kinds) => [...kinds.values()]));
  }

  clear(): void {
    this.#byParticipant.clear();
  }
}
