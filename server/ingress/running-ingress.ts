import type { IngestInput, IngestSource, IngestVideoCodec, MediaKind, RoomMedia, UrlIngestExit } from '../../media/index.js';
import { openIngest, openWhipIngest, UrlIngest } from '../../media/index.js';
import type { Orchestrator } from '../live/orchestrator.js';
import { WHIP_CONNECT_TIMEOUT_MS } from './whip.js';

/** How a running ingress stops: ended (with why) or failed (with what went wrong). */
export type IngressOutcome = { status: 'ended'; reason: string } | { status: 'failed'; reason: string };

export interface IngressHooks {
  /** The first media of the ingress arrived: its stream is published. */
  publishing(): void;
  /** The ingress stopped by itself: its input ended, or ffmpeg failed. */
  stopped(outcome: IngressOutcome): void;
}

/** A track an ingress publishes, whatever feeds it (a plain transport's input, a WHIP offer's track). */
type IngressTrack = { kind: MediaKind; producerId: string; simulcast?: boolean };

/**
 * The media side of one ingress whose participant has joined: its inputs (a plain transport and
 * a producer per kind), and for a URL the ffmpeg that feeds them. A track enters the room's state
 * when its first packet arrives, so that nobody subscribes to a stream that is not flowing yet.
 */
export class RunningIngress {
  private ffmpeg?: UrlIngest;
  private published = 0;
  private closed = false;
  private connectTimer?: NodeJS.Timeout;
  /** The WHIP publisher's transport, while it has one. */
  private whipTransportId?: string;
  private idleTimer?: NodeJS.Timeout;

  private constructor(
    readonly roomId: string,
    readonly participantId: string,
    readonly inputs: IngestInput[],
    private readonly media: RoomMedia,
    private readonly orchestrator: Orchestrator,
    private readonly hooks: IngressHooks,
  ) {}

  static async open(
    orchestrator: Orchestrator,
    at: { roomId: string; participantId: string },
    opts: { kinds: MediaKind[]; videoCodec: IngestVideoCodec; idleMs: number },
    hooks: IngressHooks,
  ): Promise<RunningIngress> {
    const media = await orchestrator.roomMedia(at.roomId);
    const pausedAudio = orchestrator.findPresence(at.participantId)?.audioCensored ?? false;
    const inputs = await openIngest(media, at.participantId, { streamKey: 'self', kinds: opts.kinds, video: opts.videoCodec, pausedAudio });
    const running = new RunningIngress(at.roomId, at.participantId, inputs, media, orchestrator, hooks);
    running.watchIdle(opts.idleMs);
    for (const input of inputs) running.publishWhenFlowing(input);
    return running;
  }

  /** Starts ffmpeg sending `url` into the inputs. */
  async feed(url: string, opts: { loop: boolean; source: IngestSource }): Promise<void> {
    const ffmpeg = await UrlIngest.start(url, { ...opts, inputs: this.inputs });
    this.ffmpeg = ffmpeg;
    // Closed while ffmpeg was starting: it stops at once.
    if (this.closed) void ffmpeg.stop();
    void ffmpeg.exited.then((exit) => this.onExit(exit));
  }

  /** The ffmpeg feeding the ingress, while there is one. */
  get ffmpegPid(): number | undefined {
    return this.ffmpeg?.pid;
  }

  /**
   * Takes a WHIP publisher's SDP offer: a WebRTC transport and a producer per track it sends, each
   * published in the room when its first packet arrives. Answers the SDP answer. The ingress ends
   * when the publisher's DTLS closes (`input_ended`), and fails when DTLS fails or no media
   * arrives within WHIP_CONNECT_TIMEOUT_MS.
   */
  async acceptOffer(offer: string): Promise<string> {
    const pausedAudio = this.orchestrator.findPresence(this.participantId)?.audioCensored ?? false;
    const whip = await openWhipIngest(this.media, this.participantId, { streamKey: 'self', offer, pausedAudio });
    this.whipTransportId = whip.transportId;
    for (const track of whip.tracks) this.publishWhenFlowing(track);
    void this.media.webRtcTransportEnded(this.participantId, whip.transportId).then(
      (state) => {
        if (this.closed || this.whipTransportId !== whip.transportId) return;
        if (state === 'failed') this.hooks.stopped({ status: 'failed', reason: "the WHIP publisher's DTLS connection failed" });
        else this.hooks.stopped({ status: 'ended', reason: 'input_ended' });
      },
      () => {},
    );
    this.connectTimer = setTimeout(() => {
      if (this.published === 0 && !this.closed) {
        const secs = WHIP_CONNECT_TIMEOUT_MS / 1000;
        this.hooks.stopped({ status: 'failed', reason: `no media arrived within ${secs} s of the WHIP answer: the publisher could not reach the server's ICE candidates (UDP)` });
      }
    }, WHIP_CONNECT_TIMEOUT_MS);
    this.connectTimer.unref();
    return whip.answer;
  }

  /** Drops the WHIP publisher's transport (and its producers) without ending the ingress: its offer could not be completed. */
  async releaseWhip(): Promise<void> {
    const transportId = this.whipTransportId;
    this.whipTransportId = undefined;
    clearTimeout(this.connectTimer);
    if (transportId) await this.media.closeTransport(this.participantId, transportId).catch(() => {});
  }

  /** Stops ffmpeg; the transports and producers close with the participant's media when it leaves. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.connectTimer);
    clearInterval(this.idleTimer);
    await this.ffmpeg?.stop();
  }

  /**
   * A track enters the room's state when its first packet arrives, whatever brings it (ffmpeg, an
   * RTP sender, a WHIP publisher). Rejected when the producer closes unheard (the ingress stopped
   * first): nothing to publish then.
   */
  private publishWhenFlowing(track: IngressTrack): void {
    void this.media.producerReceiving({ participantId: this.participantId, streamKey: 'self', kind: track.kind }).then(
      () => this.publish(track),
      () => {},
    );
  }

  private publish(input: IngressTrack): void {
    const live = this.orchestrator.liveRoom(this.roomId);
    if (this.closed || !live.has(this.participantId)) return;
    // Muted by a moderator before its audio arrived: it is published muted.
    const censored = input.kind === 'audio' && (this.orchestrator.findPresence(this.participantId)?.audioCensored ?? false);
    if (censored) void this.media.pauseProducer({ participantId: this.participantId, streamKey: 'self', kind: 'audio' }).catch(() => {});
    live.setTrack(this.participantId, 'self', { kind: input.kind, producerId: input.producerId, enabled: true, censored, simulcast: input.simulcast ?? false });
    if (++this.published === 1) this.hooks.publishing();
  }

  /**
   * Once it publishes, an ingress whose input stops sending for `idleMs` ends (`input_timeout`):
   * a camera switched off or a WHIP publisher gone from the network without a DELETE would
   * otherwise hold its participant, shown as publishing, for ever. Nothing is sent to tell: the
   * producers' byte counts stop growing.
   */
  private watchIdle(idleMs: number): void {
    let bytes = -1;
    let changedAt = Date.now();
    let reading = false;
    this.idleTimer = setInterval(
      () => {
        if (this.closed || this.published === 0 || reading) return;
        reading = true;
        void this.receivedBytes()
          .then((now) => {
            if (now !== bytes) {
              bytes = now;
              changedAt = Date.now();
            } else if (Date.now() - changedAt >= idleMs && !this.closed) {
              clearInterval(this.idleTimer);
              this.hooks.stopped({ status: 'ended', reason: 'input_timeout' });
            }
          })
          .finally(() => (reading = false));
      },
      Math.min(5000, Math.max(250, idleMs / 4)),
    );
    this.idleTimer.unref();
  }

  /** Bytes received so far on the ingress's producers. */
  private async receivedBytes(): Promise<number> {
    let total = 0;
    for (const kind of ['audio', 'video'] as const) {
      const stats = await this.media.getProducerStats({ participantId: this.participantId, streamKey: 'self', kind }).catch(() => []);
      for (const s of stats) total += s.byteCount;
    }
    return total;
  }

  private onExit(exit: UrlIngestExit): void {
    if (exit.stopped || this.closed) return;
    if (exit.ended) return this.hooks.stopped({ status: 'ended', reason: 'input_ended' });
    const why = exit.log.split('\n').at(-1) || `ffmpeg exited with code ${exit.code}`;
    this.hooks.stopped({ status: 'failed', reason: `the input could not be sent: ${why}` });
  }
}
