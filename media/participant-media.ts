import type { types as ms } from 'mediasoup';
import type { MediaKind, StreamKey, TrackRef, TransportDirection } from './types.js';

export type TrackedTransport =
  | { type: 'webrtc'; direction: TransportDirection; transport: ms.WebRtcTransport; connected: boolean }
  | { type: 'plain'; direction: TransportDirection; transport: ms.PlainTransport; connected: boolean };

export function producerKey(streamKey: StreamKey, kind: MediaKind): string {
  return `${streamKey}:${kind}`;
}

export function trackKey(track: TrackRef): string {
  return `${track.participantId}:${track.streamKey}:${track.kind}`;
}

/** The media objects of one participant in one room: at most one transport per direction. */
export class ParticipantMedia {
  readonly transports = new Map<TransportDirection, TrackedTransport>();
  /** By producerKey(streamKey, kind). */
  readonly producers = new Map<string, ms.Producer>();
  /** By trackKey of the consumed track. */
  readonly consumers = new Map<string, ms.Consumer>();
  /** Producer and consumer keys being created, so that two concurrent requests cannot both pass the duplicate check. */
  readonly pending = new Set<string>();

  constructor(readonly id: string) {}

  transportById(transportId: string): TrackedTransport | undefined {
    for (const tracked of this.transports.values()) {
      if (tracked.transport.id === transportId) return tracked;
    }
    return undefined;
  }

  /** Closing the transports closes their producers and consumers with them. */
  close(): void {
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
  }
}
