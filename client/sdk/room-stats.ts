import { entry, LinkMeter } from './metrics.js';
import type { RoomCore } from './room-core.js';
import type { NetworkMetrics, StreamKey, TrackKind, WebRTCStats } from './types.js';

const KINDS: TrackKind[] = ['audio', 'video'];

function toObject(report: RTCStatsReport): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  report.forEach((s: { id: string }) => (o[s.id] = s));
  return o;
}

/** WebRTC statistics of the room's media: per stream for the app, per participant for network_metrics_report. */
export class RoomStats {
  private readonly meter = new LinkMeter();

  constructor(private readonly core: RoomCore) {}

  async forStream(participantId: string, key: StreamKey): Promise<WebRTCStats> {
    const { media } = this.core;
    const out: WebRTCStats = { senders: {}, receivers: {} };
    for (const kind of KINDS) {
      if (participantId === this.core.participantId) {
        const p = media.producer(key, kind);
        if (p) out.senders[kind] = toObject(await p.getStats());
      } else {
        const c = media.consumer(participantId, key, kind);
        if (c) out.receivers[kind] = toObject(await c.getStats());
      }
    }
    return out;
  }

  /** One network_metrics_report, or null while there is nothing to measure. */
  async networkMetrics(): Promise<NetworkMetrics | null> {
    const { media, store } = this.core;
    if (!this.core.connected || this.core.recovery) return null;
    const { send, recv } = await media.transportStats();
    const rtt = LinkMeter.rttMs(send) ?? LinkMeter.rttMs(recv);
    const metrics: NetworkMetrics = {};
    const own = send ? LinkMeter.outbound(send, rtt) : this.meter.inbound('recv', [recv], rtt);
    metrics[this.core.participantId] = entry(own);
    for (const pid of new Set(store.allSubscriptions().map((s) => s.participantId))) {
      const reports: RTCStatsReport[] = [];
      for (const [key] of store.streamsOf(pid)) {
        for (const kind of KINDS) {
          const c = media.consumer(pid, key, kind);
          if (c) reports.push(await c.getStats());
        }
      }
      const sample = this.meter.inbound(pid, reports, rtt);
      const e = entry(sample);
      // Subscribed but nothing at all arrived in the interval: the path is broken.
      if (sample.seen && sample.packetsExpected === 0) e.connectionQuality = 0;
      metrics[pid] = e;
    }
    return metrics;
  }
}
