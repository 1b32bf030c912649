import { noParticipant, VideoRoomsError } from './errors.js';
import { PauseSubscriptionDocument, ResumeSubscriptionDocument, SetPreferredLayersDocument } from './generated/graphql.js';
import type { RoomCore } from './room-core.js';
import { streamId } from './store.js';
import type { PreferredLayers, StreamKey } from './types.js';

const MAX_LAYER = 15;
const isLayer = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_LAYER;

/**
 * What the media server sends of a subscribed video: paused or not, and which simulcast layers.
 * Runs under the subscription's lock, so it never races a subscribe or reconfigure of the same stream.
 */
export class SubscriptionQuality {
  constructor(private readonly core: RoomCore) {}

  /** The number of spatial layers of the received video (1 for a single-layer one, 0 when none is received). */
  spatialLayerCount(participantId: string, key: StreamKey): number {
    const consumer = this.core.media.consumer(participantId, key, 'video');
    if (!consumer) return 0;
    // mediasoup describes a simulcast consumer's layers as "S<spatial>T<temporal>" on its one encoding.
    const mode = consumer.rtpParameters.encodings?.[0]?.scalabilityMode ?? '';
    const m = /^[SL](\d+)/.exec(mode);
    return m ? Number(m[1]) : 1;
  }

  receivesVideo(participantId: string, key: StreamKey): boolean {
    return !!this.core.store.subscription(participantId, key)?.video && !!this.core.media.consumer(participantId, key, 'video');
  }

  async setPreferredLayers(participantId: string, key: StreamKey, layers: PreferredLayers): Promise<PreferredLayers | null> {
    if (!layers || !isLayer(layers.spatialLayer) || (layers.temporalLayer != null && !isLayer(layers.temporalLayer))) {
      throw new VideoRoomsError('INVALID_ARGUMENT', `layers must be {spatialLayer, temporalLayer?}, integers from 0 to ${MAX_LAYER}`);
    }
    this.requireVideo(participantId, key);
    return this.core.locks.run(`sub:${streamId(participantId, key)}`, async () => {
      await this.core.ready();
      const { layers: now } = await this.core.send(
        SetPreferredLayersDocument,
        { participantId, streamKey: key, spatialLayer: layers.spatialLayer, temporalLayer: layers.temporalLayer ?? null },
        'setPreferredLayers',
      );
      return now.simulcast ? { spatialLayer: now.spatialLayer ?? 0, temporalLayer: now.temporalLayer ?? undefined } : null;
    });
  }

  /** Pauses or resumes the video at the media server (the track stays, frozen on its last frame). */
  async setVideoPaused(participantId: string, key: StreamKey, paused: boolean): Promise<void> {
    this.requireVideo(participantId, key);
    await this.core.locks.run(`sub:${streamId(participantId, key)}`, async () => {
      await this.core.ready();
      if (paused) await this.core.send(PauseSubscriptionDocument, { participantId, streamKey: key, kind: 'VIDEO' }, 'pauseSubscription');
      else await this.core.send(ResumeSubscriptionDocument, { participantId, streamKey: key, kind: 'VIDEO' }, 'resumeSubscription');
    });
  }

  private requireVideo(participantId: string, key: StreamKey): void {
    this.core.requireConnected();
    if (!this.core.store.participant(participantId)) throw noParticipant(participantId);
    if (!this.receivesVideo(participantId, key)) {
      throw new VideoRoomsError('NOT_FOUND', `No video is received of the stream with the key: ${key} for the participant: ${participantId}`);
    }
  }
}
