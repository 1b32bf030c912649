import type { IngestInput, IngestSource, IngestVideoCodec, MediaKind, RoomMedia, UrlIngestExit } from '../../media/index.js';
import { openIngest, UrlIngest } from '../../media/index.js';
import type { Orchestrator } from '../live/orchestrator.js';

/** How a running ingress stops: ended (with why) or failed (with what went wrong). */
export type IngressOutcome = { status: 'ended'; reason: string } | { status: 'failed'; reason: string };

export interface IngressHooks {
  /** The first media of the ingress arrived: its stream is published. */
  publishing(): void;
  /** The ingress stopped by itself: its input ended, or ffmpeg failed. */
  stopped(outcome: IngressOutcome): void;
}

/**
 * The media side of one ingress whose participant has joined: its inputs (a plain transport and
 * a producer per kind), and for a URL the ffmpeg that feeds them. A track enters the room's state
 * when its first packet arrives, so that nobody subscribes to a stream that is not flowing yet.
 */
export class RunningIngress {
  private ffmpeg?: UrlIngest;
  private published = 0;
  private closed = false;

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
    opts: { kinds: MediaKind[]; videoCodec: IngestVideoCodec },
    hooks: IngressHooks,
  ): Promise<RunningIngress> {
    const media = await orchestrator.roomMedia(at.roomId);
    const pausedAudio = orchestrator.findPresence(at.participantId)?.audioCensored ?? false;
    const inputs = await openIngest(media, at.participantId, { streamKey: 'self', kinds: opts.kinds, video: opts.videoCodec, pausedAudio });
    const running = new RunningIngress(at.roomId, at.participantId, inputs, media, orchestrator, hooks);
    for (const input of inputs) {
      // Rejected when the transport closes unheard (the ingress stopped first): nothing to publish then.
      void media.plainTransportReceiving(at.participantId, input.transportId).then(
        () => running.publish(input),
        () => {},
      );
    }
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

  /** Stops ffmpeg; the transports and producers close with the participant's media when it leaves. */
  async close(): Promise<void> {
    this.closed = true;
    await this.ffmpeg?.stop();
  }

  private publish(input: IngestInput): void {
    const live = this.orchestrator.liveRoom(this.roomId);
    if (this.closed || !live.has(this.participantId)) return;
    // Muted by a moderator before its audio arrived: it is published muted.
    const censored = input.kind === 'audio' && (this.orchestrator.findPresence(this.participantId)?.audioCensored ?? false);
    if (censored) void this.media.pauseProducer({ participantId: this.participantId, streamKey: 'self', kind: 'audio' }).catch(() => {});
    live.setTrack(this.participantId, 'self', { kind: input.kind, producerId: input.producerId, enabled: true, censored, simulcast: false });
    if (++this.published === 1) this.hooks.publishing();
  }

  private onExit(exit: UrlIngestExit): void {
    if (exit.stopped || this.closed) return;
    if (exit.ended) return this.hooks.stopped({ status: 'ended', reason: 'input_ended' });
    const why = exit.log.split('\n').at(-1) || `ffmpeg exited with code ${exit.code}`;
    this.hooks.stopped({ status: 'failed', reason: `the input could not be sent: ${why}` });
  }
}
