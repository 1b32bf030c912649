import type { NetworkMetrics } from './types.js';

export type CollectMetrics = (participantIds: string[], includeStreams: boolean) => Promise<NetworkMetrics | null>;

/**
 * network_metrics_report as Telnyx's SDK runs it: nothing until the app enables it for some
 * participants, then one report at once and one every interval; enabling again replaces the list;
 * disabling some takes them out, disabling all (or the room ending) stops it.
 */
export class MetricsReporter {
  private participantIds: string[] = [];
  private includeStreams = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private busy = false;

  constructor(
    private readonly collect: CollectMetrics,
    private readonly report: (metrics: NetworkMetrics) => void,
    private readonly intervalMs: number,
  ) {}

  get enabledFor(): readonly string[] {
    return this.participantIds;
  }

  enable(participantIds: string[], includeStreams: boolean): void {
    this.participantIds = [...new Set(participantIds)];
    this.includeStreams = includeStreams;
    if (!this.participantIds.length) return this.stop();
    if (!this.timer) this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.tick();
  }

  disable(participantIds?: string[]): void {
    if (participantIds?.length) this.participantIds = this.participantIds.filter((id) => !participantIds.includes(id));
    else this.participantIds = [];
    if (!this.participantIds.length) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.participantIds = [];
  }

  private tick(): void {
    if (this.busy) return;
    this.busy = true;
    this.collect(this.participantIds, this.includeStreams)
      .then((m) => {
        if (m && this.timer && Object.keys(m).length) this.report(m);
      })
      .catch(() => {})
      .finally(() => (this.busy = false));
  }
}
