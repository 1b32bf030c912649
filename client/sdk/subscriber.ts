import { noParticipant, noStream, VideoRoomsError } from './errors.js';
import { ResumeSubscriptionDocument, SubscribeDocument, UnsubscribeDocument, UpdateSubscriptionDocument, type WireSubscriptionFragment } from './generated/graphql.js';
import type { RoomCore } from './room-core.js';
import { streamId } from './store.js';
import type { StreamKey, SubscriptionOptions, TrackKind } from './types.js';

const KINDS: TrackKind[] = ['audio', 'video'];
/** How long after the media server restarted the SDK brings back subscriptions by itself. */
const RESTORE_WINDOW_MS = 30_000;
/** Subscriptions lost longer ago than this are not brought back by a later media recovery. */
const LOST_MEMORY_MS = 10_000;

interface WantedSubscription {
  participantId: string;
  key: string;
  audio: boolean;
  video: boolean;
  at: number;
}

const noSubscription = (participantId: string, key: string) => new VideoRoomsError('NOT_FOUND', `No subscription exists for the stream with the key: ${key} for the participant: ${participantId}`);

/**
 * Remote streams this client receives: subscribing, reconfiguring, unsubscribing, following
 * tracks a publisher adds or drops, and bringing subscriptions back after the media was lost.
 */
export class Subscriber {
  /** Subscriptions ended by the media loss, to bring back when their streams return. */
  private readonly lost = new Map<string, WantedSubscription>();
  private restoreUntil = 0;

  constructor(private readonly core: RoomCore) {}

  async addSubscription(participantId: string, key: StreamKey, options: SubscriptionOptions = { audio: true, video: true }): Promise<void> {
    const { store, grants } = this.core;
    this.core.requireConnected();
    if (!store.participant(participantId)) throw noParticipant(participantId);
    if (!store.stream(participantId, key)) throw noStream(participantId, key);
    if (!grants.canSubscribe) throw new VideoRoomsError('FORBIDDEN', 'this client token does not allow subscribing (canSubscribe is false)');
    await this.core.locks.run(`sub:${streamId(participantId, key)}`, async () => {
      await this.core.ready();
      if (store.subscription(participantId, key)) return this.reconfigure(participantId, key, options, true);
      await this.subscribeNow(participantId, key, options);
    });
  }

  async updateSubscription(participantId: string, key: StreamKey, options: Partial<SubscriptionOptions>): Promise<void> {
    this.core.requireConnected();
    if (!this.core.store.participant(participantId)) throw noParticipant(participantId);
    if (!this.core.store.subscription(participantId, key)) throw noSubscription(participantId, key);
    await this.core.locks.run(`sub:${streamId(participantId, key)}`, async () => {
      await this.core.ready();
      await this.reconfigure(participantId, key, options, true);
    });
  }

  async removeSubscription(participantId: string, key: StreamKey): Promise<void> {
    const core = this.core;
    core.requireConnected();
    if (!core.store.participant(participantId)) throw noParticipant(participantId);
    if (!core.store.subscription(participantId, key)) throw noSubscription(participantId, key);
    await core.locks.run(`sub:${streamId(participantId, key)}`, async () => {
      await core.ready();
      this.lost.delete(streamId(participantId, key));
      await core.send(UnsubscribeDocument, { participantId, streamKey: key }, 'unsubscribe').catch((err) => {
        if (!(err instanceof VideoRoomsError && err.code === 'NOT_FOUND')) throw err;
      });
      if (core.store.subscription(participantId, key)) this.end(participantId, key);
    });
  }

  private async subscribeNow(participantId: string, key: string, options: SubscriptionOptions): Promise<void> {
    const { media, store } = this.core;
    const { subscription: result } = await this.core.send(
      SubscribeDocument,
      { participantId, streamKey: key, audio: options.audio, video: options.video, rtpCapabilities: media.rtpCapabilities, preferredLayer: options.preferredLayer ?? null },
      'subscribe',
    );
    for (const c of result.consumers ?? []) await media.consume(c);
    await this.core.send(ResumeSubscriptionDocument, { participantId, streamKey: key }, 'resumeSubscription');
    if (!store.stream(participantId, key)) {
      // The stream went away meanwhile.
      for (const kind of KINDS) media.closeConsumer(participantId, key, kind);
      throw noStream(participantId, key);
    }
    this.lost.delete(streamId(participantId, key));
    this.record(participantId, key, result);
    this.core.emit('subscription_started', participantId, key, store.snapshot());
    // A track published while this ran (its StreamUpdated came before the subscription existed).
    if (this.missingKinds(participantId, key)) await this.reconfigure(participantId, key, {}, false);
  }

  /** updateSubscription on the server: new consumers for kinds turned on or published since. */
  private async reconfigure(participantId: string, key: string, options: Partial<SubscriptionOptions>, announce: boolean): Promise<void> {
    const { media, store } = this.core;
    if (!store.subscription(participantId, key)) return;
    const { subscription: result } = await this.core.send(
      UpdateSubscriptionDocument,
      { participantId, streamKey: key, audio: options.audio ?? null, video: options.video ?? null, preferredLayer: options.preferredLayer ?? null },
      'updateSubscription',
    );
    const consumers = result.consumers ?? [];
    for (const c of consumers) await media.consume(c);
    if (consumers.length) await this.core.send(ResumeSubscriptionDocument, { participantId, streamKey: key }, 'resumeSubscription');
    for (const kind of KINDS) if (!result[kind]) media.closeConsumer(participantId, key, kind);
    if (!store.stream(participantId, key)) return;
    this.record(participantId, key, result);
    if (announce || consumers.length) this.core.emit('subscription_reconfigured', participantId, key, store.snapshot());
  }

  /** The subscription as the server answered it, with the received tracks in the stream. */
  private record(participantId: string, key: string, result: WireSubscriptionFragment): void {
    this.core.store.putSubscription({ participantId, key, audio: !!result.audio, video: !!result.video });
    this.attachRemoteTracks(participantId, key);
  }

  /** Whether the subscription asks for a kind the stream has but we do not receive yet. */
  private missingKinds(participantId: string, key: string): boolean {
    const { media, store } = this.core;
    const sub = store.subscription(participantId, key);
    const stream = store.stream(participantId, key);
    if (!sub || !stream) return false;
    return KINDS.some((kind) => sub[kind] && (kind === 'audio' ? stream.hasAudio : stream.hasVideo) && !media.consumer(participantId, key, kind));
  }

  private attachRemoteTracks(participantId: string, key: string): void {
    const { media, store } = this.core;
    const sub = store.subscription(participantId, key);
    const audio = sub?.audio ? media.consumer(participantId, key, 'audio')?.track : undefined;
    const video = sub?.video ? media.consumer(participantId, key, 'video')?.track : undefined;
    store.patchStream(participantId, key, { audioTrack: audio, videoTrack: video, isConfigured: !!sub });
  }

  /** Ends a subscription on this side and tells the app. */
  private end(participantId: string, key: string): void {
    const { media, store } = this.core;
    for (const kind of KINDS) media.closeConsumer(participantId, key, kind);
    store.removeSubscription(participantId, key);
    store.patchStream(participantId, key, { audioTrack: undefined, videoTrack: undefined, isConfigured: false });
    this.core.emit('subscription_ended', participantId, key, store.snapshot());
  }

  /** Ends a subscription whose media is gone, remembering it to bring back. */
  private lose(participantId: string, key: string): void {
    const sub = this.core.store.subscription(participantId, key);
    if (!sub) return;
    this.lost.set(sub.id, { participantId, key, audio: sub.audio, video: sub.video, at: Date.now() });
    this.end(participantId, key);
  }

  // ---- what the room events ask for ---------------------------------------------------------

  /** A subscribed stream went away: its subscription ends, to come back if the stream does. */
  onStreamGone(participantId: string, key: string): void {
    this.lose(participantId, key);
  }

  onStreamAppeared(participantId: string, key: string): void {
    const lost = this.lost.get(streamId(participantId, key));
    if (lost && Date.now() < this.restoreUntil) void this.restore(lost);
  }

  /** A subscribed stream gained or lost a track: receive it if the subscription asks for that kind. */
  onStreamChanged(participantId: string, key: string): void {
    const { media, store } = this.core;
    const sub = store.subscription(participantId, key);
    const stream = store.stream(participantId, key);
    if (!sub || !stream) return;
    const missing = this.missingKinds(participantId, key);
    const gone = KINDS.filter((kind) => !(kind === 'audio' ? stream.hasAudio : stream.hasVideo));
    const stale = gone.some((kind) => media.consumer(participantId, key, kind));
    if (stale) for (const kind of gone) media.closeConsumer(participantId, key, kind);
    if (!missing) {
      if (stale) this.attachRemoteTracks(participantId, key);
      return;
    }
    void this.core.locks
      .run(`sub:${streamId(participantId, key)}`, async () => {
        await this.core.ready();
        if (this.missingKinds(participantId, key)) await this.reconfigure(participantId, key, {}, false);
      })
      .catch((err) => this.core.log.warn(`could not receive the new track of ${participantId} ${key}`, err));
  }

  // ---- after the media was lost -------------------------------------------------------------

  /** The media server restarted: subscriptions that come back soon are restored by themselves. */
  openRestoreWindow(): void {
    this.restoreUntil = Date.now() + RESTORE_WINDOW_MS;
  }

  /** Forgets subscriptions lost too long ago to bring back now. */
  forgetOldLosses(): void {
    for (const [id, sub] of this.lost) if (Date.now() - sub.at > LOST_MEMORY_MS) this.lost.delete(id);
  }

  /** New transports replace the old: every subscription ends, to be restored. */
  loseAll(): void {
    for (const sub of this.core.store.allSubscriptions()) this.lose(sub.participantId, sub.key);
  }

  /** Restores the lost subscriptions whose streams are there. */
  restoreAvailable(): void {
    for (const sub of [...this.lost.values()]) {
      if (this.core.store.stream(sub.participantId, sub.key)) void this.restore(sub);
    }
  }

  clear(): void {
    this.lost.clear();
  }

  private restore(sub: WantedSubscription): Promise<void> {
    const { store, log } = this.core;
    return this.core.locks
      .run(`sub:${streamId(sub.participantId, sub.key)}`, async () => {
        await this.core.ready();
        if (!this.lost.has(streamId(sub.participantId, sub.key)) || store.subscription(sub.participantId, sub.key)) return;
        if (!store.stream(sub.participantId, sub.key)) return;
        await this.subscribeNow(sub.participantId, sub.key, { audio: sub.audio, video: sub.video });
        log.info(`subscription to ${sub.participantId} ${sub.key} restored`);
      })
      .catch((err) => log.warn(`could not restore the subscription to ${sub.participantId} ${sub.key}`, err));
  }
}
