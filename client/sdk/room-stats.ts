import { VideoRoomsError } from './errors.js';
import { connectionQuality, entry, LinkMeter, type LinkSample } from './metrics.js';
import type { RoomCore } from './room-core.js';
import type { NetworkMetrics, NetworkMetricsEntry, StreamKey, TrackKind, TrackNetworkMetrics, WebRTCStats } from './types.js';

const KINDS: TrackKind[] = ['audio', 'video'];

type StreamMetrics = NonNullable<NetworkMetricsEntry['streams']>;

function toObject(report: RTCStatsReport): Record<string, RTCStats> {
  const o: Record<string, RTCStats> = {};
  report.forEach((s: RTCStats) => (o[s.id] = s));
  return o;
}

/** A track with nothing to grade (off, or not received): Telnyx's SDK reports it excellent too. */
const INACTIVE: TrackNetworkMetrics = { direction: 'inactive', quality: 5 };

/** WebRTC statistics of the room's media: per stream for the app, per participant for network_metrics_report. */
export class RoomStats {
  private readonly meter = new LinkMeter();

  constructor(private readonly core: RoomCore) {}

  async forStream(participantId: string, key: StreamKey): Promise<WebRTCStats> {
    const { media } = this.core;
    const out: WebRTCStats = { senders: {}, receivers: {} };
    const local = participantId === this.core.participantId;
    // Telnyx's SDK throws for a local stream it does not publish (a remote one reads as empty).
    if (local && !this.core.store.stream(participantId, key)) throw new VideoRoomsError('NOT_FOUND', `No stream published with the key: ${key}`);
    for (const kind of KINDS) {
      if (local) {
        const p = media.producer(key, kind);
        if (p) out.senders[kind] = toObject(await p.getStats());
      } else {
        const c = media.consumer(participantId, key, kind);
        if (c) out.receivers[kind] = toObject(await c.getStats());
      }
    }
    return out;
  }

  /**
   * One network_metrics_report for the participants asked for, or null while there is nothing to
   * measure. The local participant is graded on its own link; a remote one on what this client
   * receives of it, so one it is not subscribed to has no entry.
   */
  async networkMetrics(participantIds: Iterable<string>, includeStreams: boolean): Promise<NetworkMetrics | null> {
    const { media, store } = this.core;
    if (!this.core.connected || this.core.recovery) return null;
    const { send, recv } = await media.transportStats();
    const rtt = LinkMeter.rttMs(send) ?? LinkMeter.rttMs(recv);
    const metrics: NetworkMetrics = {};
    for (const pid of participantIds) {
      if (!store.participant(pid)) continue;
      if (pid === this.core.participantId) {
        const own = send ? LinkMeter.outbound(send, rtt) : this.meter.inbound('recv', [recv], rtt);
        metrics[pid] = { ...entry(own), ...(includeStreams ? { streams: await this.sentStreams(rtt) } : {}) };
        continue;
      }
      const remote = await this.receivedFrom(pid, rtt);
      if (remote) metrics[pid] = { ...remote.entry, ...(includeStreams ? { streams: remote.streams } : {}) };
    }
    return metrics;
  }

  /** How each local track reaches the server (RTCP receiver reports of its sender). */
  private async sentStreams(rtt: number | undefined): Promise<StreamMetrics> {
    const { media, store } = this.core;
    const streams: StreamMetrics = new Map();
    for (const [key] of store.streamsOf(this.core.participantId)) {
      const grade = async (kind: TrackKind): Promise<TrackNetworkMetrics> => {
        const p = media.producer(key, kind);
        if (!p || p.paused) return INACTIVE;
        return { direction: 'sending', quality: connectionQuality(LinkMeter.outbound(await p.getStats(), rtt)) };
      };
      streams.set(key, { audio: await grade('audio'), video: await grade('video') });
    }
    return streams;
  }

  /** What arrives of a remote participant over the last interval, as a whole and per stream. */
  private async receivedFrom(pid: string, rtt: number | undefined): Promise<{ entry: NetworkMetricsEntry; streams: StreamMetrics } | null> {
    const { media, store } = this.core;
    const all: RTCStatsReport[] = [];
    const streams: StreamMetrics = new Map();
    for (const [key, stream] of store.streamsOf(pid)) {
      const grades = { audio: INACTIVE, video: INACTIVE };
      for (const kind of KINDS) {
        const c = media.consumer(pid, key, kind);
        // A track turned off or muted by a moderator sends nothing: that is not a broken path.
        const on = kind === 'audio' ? stream.isAudioEnabled && !stream.isAudioCensored : stream.isVideoEnabled && !stream.isVideoCensored;
        if (!c || !on) continue;
        const report = await c.getStats();
        all.push(report);
        grades[kind] = { direction: 'receiving', quality: this.grade(this.meter.inbound(`${pid}:${key}:${kind}`, [report], rtt)) };
      }
      if (grades.audio !== INACTIVE || grades.video !== INACTIVE) streams.set(key, grades);
    }
    if (!all.length) return null;
    const sample = this.meter.inbound(pid, all, rtt);
    return { entry: { ...entry(sample), connectionQuality: this.grade(sample) }, streams };
  }

  /** Subscribed but nothing at all arrived in the interval: the path is broken. */
  private grade(sample: LinkSample & { seen: boolean }) {
    return sample.seen && sample.packetsExpected === 0 ? 0 : connectionQuality(sample);
  }
}
