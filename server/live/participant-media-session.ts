import {
  isMediaError,
  streamKeys,
  type ConsumerLayers,
  type ConsumerParams,
  type DtlsParameters,
  type MediaKind,
  type RtpCapabilities,
  type RtpParameters,
  type StreamKey,
} from '../../media/index.js';
import { ForbiddenError, MediaRequestError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { Orchestrator, Presence } from './orchestrator.js';
import { deliverMessage } from './room-messages.js';
import type { Subscription } from './subscriptions.js';
import type { StreamState } from './types.js';

// The media parameters the API hands to clients, for the schema to describe without importing media/.
export type { ConsumerParams, WebRtcTransportParams } from '../../media/index.js';

/** Turns the media layer's refusals into typed errors a client can act on. */
async function media<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isMediaError(err)) {
      if (err.code === 'INVALID_ARGUMENT') throw new ValidationError([{ field: err.field ?? 'input', message: err.message }]);
      throw new MediaRequestError(err.code, err.message, err.field ?? null);
    }
    throw err;
  }
}

/** More spatial or temporal layers than any encoder makes: a bigger number is a mistake, not a wish. */
export const MAX_LAYER = 15;

function layer(value: number | null | undefined, field: string): number | undefined {
  if (value == null) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > MAX_LAYER) throw new ValidationError([{ field, message: `must be an integer from 0 to ${MAX_LAYER}, got ${value}` }]);
  return value;
}

function streamKey(key: string, field = 'streamKey'): StreamKey {
  if (!streamKeys.includes(key as StreamKey)) {
    throw new ValidationError([{ field, message: `must be one of ${streamKeys.join(', ')}, got "${key.slice(0, 40)}"` }]);
  }
  return key as StreamKey;
}

/**
 * A joined participant's media session: it connects its transports, publishes and unpublishes
 * streams, turns its tracks on and off, and subscribes to others. Each operation checks the grants of
 * the participant's token and the moderator's mute before it touches the media server.
 */
export class ParticipantMediaSession {
  constructor(private readonly orchestrator: Orchestrator) {}

  async connectTransport(p: Presence, transportId: string, dtlsParameters: unknown) {
    const room = await this.orchestrator.roomMedia(p.roomId);
    await media(() => room.connectWebRtcTransport(p.participantId, transportId, dtlsParameters as DtlsParameters));
  }

  async restartIce(p: Presence, transportId: string) {
    const room = await this.orchestrator.roomMedia(p.roomId);
    return media(() => room.restartIce(p.participantId, transportId));
  }

  async publish(p: Presence, key: string, kind: MediaKind, rtpParameters: unknown): Promise<{ producerId: string; stream: StreamState }> {
    const k = streamKey(key);
    if (!p.claims.grants.canPublish) throw new ForbiddenError('this client token does not allow publishing (canPublish is false)');
    const live = this.orchestrator.liveRoom(p.roomId);
    if (live.track(p.participantId, k, kind)) {
      throw new MediaRequestError('ALREADY_PUBLISHED', `the ${kind} track of stream "${k}" is already published: unpublish it first`, 'kind');
    }
    const censored = kind === 'audio' && p.audioCensored;
    const room = await this.orchestrator.roomMedia(p.roomId);
    const producer = await media(() => room.produce(p.participantId, { streamKey: k, kind, rtpParameters: rtpParameters as RtpParameters, paused: censored }));
    const stream = live.setTrack(p.participantId, k, {
      kind,
      producerId: producer.producerId,
      enabled: true,
      censored,
      simulcast: producer.type === 'simulcast' || producer.type === 'svc',
    });
    return { producerId: producer.producerId, stream };
  }

  /** Camera off, microphone muted, and back: the publisher's own switch. */
  async updateStream(p: Presence, key: string, enabled: { audio?: boolean | null; video?: boolean | null }): Promise<StreamState> {
    const k = streamKey(key);
    const live = this.orchestrator.liveRoom(p.roomId);
    const room = await this.orchestrator.roomMedia(p.roomId);
    for (const kind of ['audio', 'video'] as const) {
      const want = enabled[kind];
      if (want == null) continue;
      const track = live.track(p.participantId, k, kind);
      if (!track) throw new NotFoundError(`${kind} track of stream "${k}"`, p.participantId, kind === 'audio' ? 'audioEnabled' : 'videoEnabled');
      if (want && track.censored) throw new ForbiddenError(`the ${kind} of this participant was muted by a moderator`, `${kind}Enabled`);
      const ref = { participantId: p.participantId, streamKey: k, kind };
      await media(() => (want ? room.resumeProducer(ref) : room.pauseProducer(ref)));
      live.setTrackFlag(p.participantId, k, kind, 'enabled', want);
    }
    return live.participant(p.participantId)!.streams.find((s) => s.key === k)!;
  }

  async unpublish(p: Presence, key: string): Promise<void> {
    const k = streamKey(key);
    const live = this.orchestrator.liveRoom(p.roomId);
    if (!live.participant(p.participantId)?.streams.some((s) => s.key === k)) {
      throw new NotFoundError(`stream "${k}"`, p.participantId, 'streamKey');
    }
    const room = await this.orchestrator.roomMedia(p.roomId);
    await media(() => room.closeProducer(p.participantId, k));
    live.removeStream(p.participantId, k);
  }

  /** Server-side mute: the audio stops at the SFU, whatever the client does. */
  async censorAudio(p: Presence, censored: boolean): Promise<void> {
    p.audioCensored = censored;
    const live = this.orchestrator.liveRoom(p.roomId);
    const room = await this.orchestrator.roomMedia(p.roomId);
    for (const stream of live.participant(p.participantId)?.streams ?? []) {
      const track = stream.audio;
      if (!track || track.censored === censored) continue;
      const ref = { participantId: p.participantId, streamKey: stream.key, kind: 'audio' as const };
      if (censored) await media(() => room.pauseProducer(ref));
      else if (track.enabled) await media(() => room.resumeProducer(ref));
      live.setTrackFlag(p.participantId, stream.key, 'audio', 'censored', censored);
    }
  }

  /**
   * Receives the chosen kinds of a remote stream. Consumers start paused; the subscriber resumes
   * them (resumeSubscription) once its side is ready, so the first key frame is not lost.
   */
  async subscribe(
    p: Presence,
    target: { participantId: string; streamKey: string },
    opts: { audio?: boolean | null; video?: boolean | null; rtpCapabilities?: unknown; preferredLayer?: number | null },
  ): Promise<ConsumerParams[]> {
    if (!p.claims.grants.canSubscribe) throw new ForbiddenError('this client token does not allow subscribing (canSubscribe is false)');
    const k = streamKey(target.streamKey);
    if (opts.rtpCapabilities != null) p.rtpCapabilities = opts.rtpCapabilities;
    if (p.rtpCapabilities == null) throw new ValidationError([{ field: 'rtpCapabilities', message: 'is required on the first subscribe (the device capabilities)' }]);
    if (target.participantId === p.participantId) throw new ValidationError([{ field: 'participantId', message: 'cannot subscribe to your own stream' }]);
    const stream = this.stream(p.roomId, target.participantId, k);
    const want = { audio: opts.audio ?? true, video: opts.video ?? true };
    const previous = p.subscriptions.get(target.participantId, k) ?? { participantId: target.participantId, streamKey: k, audio: false, video: false };
    const spatial = layer(opts.preferredLayer, 'preferredLayer');
    const layers = spatial === undefined ? previous.layers : { spatialLayer: spatial };
    const consumers = await this.reconcile(p, stream, previous, want, layers);
    p.subscriptions.set({ participantId: target.participantId, streamKey: k, ...want, paused: previous.paused, layers });
    return consumers;
  }

  /**
   * Starts the consumers of a subscription. Without `kind` (the setup step after subscribe or
   * updateSubscription) kinds the subscriber paused stay paused; with it, that kind resumes.
   */
  async resumeSubscription(p: Presence, target: { participantId: string; streamKey: string }, kind?: MediaKind | null): Promise<void> {
    const k = streamKey(target.streamKey);
    const sub = this.subscription(p, target.participantId, k);
    const room = await this.orchestrator.roomMedia(p.roomId);
    if (kind) {
      this.requireConsumer(p, sub, kind);
      sub.paused = { ...sub.paused, [kind]: false };
    }
    for (const each of kind ? [kind] : (['audio', 'video'] as const)) {
      // A track published after the subscribe has no consumer yet (updateSubscription creates it): skip it.
      const ref = { participantId: target.participantId, streamKey: k, kind: each };
      if (sub[each] && !sub.paused?.[each] && this.orchestrator.media.findRoom(p.roomId)?.hasConsumer(p.participantId, ref)) {
        await media(() => room.resumeConsumer(p.participantId, ref));
      }
    }
  }

  /** Stops sending one kind of a subscription (a video nobody sees) until resumeSubscription(kind). */
  async pauseSubscription(p: Presence, target: { participantId: string; streamKey: string }, kind: MediaKind): Promise<void> {
    const k = streamKey(target.streamKey);
    const sub = this.subscription(p, target.participantId, k);
    const ref = this.requireConsumer(p, sub, kind);
    const room = await this.orchestrator.roomMedia(p.roomId);
    sub.paused = { ...sub.paused, [kind]: true };
    await media(() => room.pauseConsumer(p.participantId, ref));
  }

  /**
   * The simulcast layers to receive of a subscribed video; the switch comes with that layer's
   * next key frame. Resolves with the layers in force, undefined for a single-layer video.
   */
  async setPreferredLayers(p: Presence, target: { participantId: string; streamKey: string }, wanted: { spatialLayer: number; temporalLayer?: number | null }): Promise<ConsumerLayers | undefined> {
    const k = streamKey(target.streamKey);
    const spatialLayer = layer(wanted.spatialLayer, 'spatialLayer')!;
    const temporalLayer = layer(wanted.temporalLayer, 'temporalLayer');
    const sub = this.subscription(p, target.participantId, k);
    const ref = this.requireConsumer(p, sub, 'video');
    const room = await this.orchestrator.roomMedia(p.roomId);
    const layers = temporalLayer === undefined ? { spatialLayer } : { spatialLayer, temporalLayer };
    sub.layers = layers;
    return media(() => room.setPreferredLayers(p.participantId, ref, layers));
  }

  /** The consumer of one kind of a subscription; NotFound when that kind is not received. */
  private requireConsumer(p: Presence, sub: Subscription, kind: MediaKind) {
    const ref = { participantId: sub.participantId, streamKey: sub.streamKey, kind };
    if (!sub[kind] || !this.orchestrator.media.findRoom(p.roomId)?.hasConsumer(p.participantId, ref)) {
      throw new NotFoundError(`${kind} received of stream "${sub.streamKey}" of participant`, sub.participantId, 'kind');
    }
    return ref;
  }

  async unsubscribe(p: Presence, target: { participantId: string; streamKey: string }): Promise<void> {
    const k = streamKey(target.streamKey);
    const sub = this.subscription(p, target.participantId, k);
    const room = await this.orchestrator.roomMedia(p.roomId);
    for (const kind of ['audio', 'video'] as const) {
      if (sub[kind]) await media(() => room.closeConsumer(p.participantId, { participantId: target.participantId, streamKey: k, kind })).catch(ignoreGone);
    }
    p.subscriptions.delete(target.participantId, k);
  }

  private async reconcile(
    p: Presence,
    stream: StreamState,
    have: { audio: boolean; video: boolean },
    want: { audio: boolean; video: boolean },
    videoLayers: ConsumerLayers | undefined,
  ): Promise<ConsumerParams[]> {
    const room = await this.orchestrator.roomMedia(p.roomId);
    const created: ConsumerParams[] = [];
    for (const kind of ['audio', 'video'] as const) {
      const track = { participantId: stream.participantId, streamKey: stream.key, kind };
      const layers = kind === 'video' ? videoLayers : undefined;
      if (want[kind] && stream[kind]) {
        if (have[kind]) {
          if (layers) await media(() => room.setPreferredLayers(p.participantId, track, layers));
          continue;
        }
        created.push(await media(() => room.consume(p.participantId, { track, rtpCapabilities: p.rtpCapabilities as RtpCapabilities, preferredLayers: layers })));
      } else if (!want[kind] && have[kind]) {
        await media(() => room.closeConsumer(p.participantId, track)).catch(ignoreGone);
      }
    }
    return created;
  }

  async updateSubscription(
    p: Presence,
    target: { participantId: string; streamKey: string },
    opts: { audio?: boolean | null; video?: boolean | null; preferredLayer?: number | null },
  ): Promise<Subscription & { consumers: ConsumerParams[] }> {
    const k = streamKey(target.streamKey);
    const sub = this.subscription(p, target.participantId, k);
    const stream = this.stream(p.roomId, target.participantId, k);
    const want = { audio: opts.audio ?? sub.audio, video: opts.video ?? sub.video };
    // What the subscriber asked for may include a track published since: consume it now.
    const have = {
      audio: sub.audio && this.hasConsumer(p, stream, 'audio'),
      video: sub.video && this.hasConsumer(p, stream, 'video'),
    };
    const spatial = layer(opts.preferredLayer, 'preferredLayer');
    const layers = spatial === undefined ? sub.layers : { spatialLayer: spatial };
    // Layers kept from before are for new consumers only; the existing one has them already.
    const consumers = await this.reconcile(p, stream, have, want, spatial === undefined && have.video ? undefined : layers);
    const updated: Subscription = { participantId: target.participantId, streamKey: k, ...want, paused: sub.paused, layers };
    p.subscriptions.set(updated);
    return { ...updated, consumers };
  }

  sendMessage(p: Presence, payload: string, recipients: string[] | null | undefined): number {
    return deliverMessage(this.orchestrator.liveRoom(p.roomId), { id: p.participantId, operator: false }, payload, recipients);
  }

  private stream(roomId: string, participantId: string, key: StreamKey): StreamState {
    const stream = this.orchestrator
      .liveRoom(roomId)
      .participant(participantId)
      ?.streams.find((s) => s.key === key);
    if (!stream) throw new NotFoundError(`stream "${key}" of participant`, participantId, 'participantId');
    return stream;
  }

  private subscription(p: Presence, participantId: string, key: StreamKey) {
    const sub = p.subscriptions.get(participantId, key);
    if (!sub) throw new NotFoundError(`subscription to stream "${key}" of participant`, participantId, 'participantId');
    return sub;
  }

  private hasConsumer(p: Presence, stream: StreamState, kind: MediaKind): boolean {
    const room = this.orchestrator.media.findRoom(p.roomId);
    // The media layer closes a consumer when its producer goes; a republished track needs a new one.
    return !!room?.hasConsumer(p.participantId, { participantId: stream.participantId, streamKey: stream.key, kind });
  }
}

function ignoreGone(err: unknown): void {
  if (err instanceof MediaRequestError && err.reason === 'CONSUMER_NOT_FOUND') return;
  throw err;
}
