import type { ConsumerLayers, MediaKind, StreamKey } from '../../media/index.js';

/** What a subscriber asked to receive of one stream of another participant. */
export interface Subscription {
  participantId: string;
  streamKey: StreamKey;
  audio: boolean;
  video: boolean;
  /**
   * Kinds the subscriber paused (a video it does not show): the setup step's resumeSubscription
   * leaves them paused, so a consumer made later (a republished track) does not start on its own.
   */
  paused?: Partial<Record<MediaKind, boolean>>;
  /** The simulcast layers last asked for, kept for a video consumer made later. */
  layers?: ConsumerLayers;
}

/**
 * A participant's subscriptions, by publisher and stream. A subscription outlives its consumers:
 * it remembers what was asked for, so that a track published later can be picked up.
 */
export class Subscriptions {
  readonly #byPublisher = new Map<string, Map<StreamKey, Subscription>>();

  get(participantId: string, streamKey: StreamKey): Subscription | undefined {
    return this.#byPublisher.get(participantId)?.get(streamKey);
  }

  set(subscription: Subscription): void {
    let streams = this.#byPublisher.get(subscription.participantId);
    if (!streams) {
      streams = new Map();
      this.#byPublisher.set(subscription.participantId, streams);
    }
    streams.set(subscription.streamKey, subscription);
  }

  delete(participantId: string, streamKey: StreamKey): void {
    const streams = this.#byPublisher.get(participantId);
    streams?.delete(streamKey);
    if (streams?.size === 0) this.#byPublisher.delete(participantId);
  }

  /** The publisher's media closed (it left): nothing of it is left to receive. */
  forgetPublisher(participantId: string): void {
    this.#byPublisher.delete(participantId);
  }

  clear(): void {
    this.#byPublisher.clear();
  }
}
