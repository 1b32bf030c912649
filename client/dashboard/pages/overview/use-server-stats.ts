// The server's figures every 2 s (serverStats), and the last five minutes of them for the live
// chart. The readings are kept outside the page, so that coming back to the overview continues
// the chart instead of starting it again.
import { useSubscription } from '@urql/preact';
import { graphql } from '../../generated/gql.js';
import type { OverviewPageServerStatsSubscription } from '../../generated/graphql.js';

const ServerStatsFeed = graphql(`
  subscription OverviewPageServerStats {
    serverStats(intervalSecs: 2) {
      at
      liveRooms
      liveParticipants
      rssBytes
      heapUsedBytes
      uptimeSecs
      ingressBitrate
      egressBitrate
      webhookDeliveriesPending
      compositionsEnqueued
      compositionsRendering
      workers {
        pid
        cpu
        cpuSeconds
        memoryBytes
        routers
        transports
        producers
        consumers
      }
    }
  }
`);

export type ServerReading = OverviewPageServerStatsSubscription['serverStats'];

/** Five minutes at one reading every 2 s. */
const KEEP_SECS = 5 * 60;

export interface Point {
  /** Unix seconds. */
  t: number;
  participants: number;
  rooms: number;
  /** The media workers' CPU summed (1 = one whole core). */
  cpu: number | null;
  /** Media in from participants and out to them, bits/s. */
  ingress: number;
  egress: number;
}

const history: Point[] = [];

function remember(r: ServerReading): Point[] {
  const t = Math.round(new Date(r.at).getTime() / 1000);
  if (history.at(-1)?.t !== t) {
    const cpus = r.workers.map((w) => w.cpu).filter((c): c is number => c != null);
    history.push({ t, participants: r.liveParticipants, rooms: r.liveRooms, cpu: cpus.length ? cpus.reduce((a, b) => a + b, 0) : null, ingress: r.ingressBitrate, egress: r.egressBitrate });
  }
  while (history.length && history[0]!.t < t - KEEP_SECS) history.shift();
  return [...history];
}

export function useServerStats(): { now: ServerReading | undefined; points: Point[]; error: string | null } {
  const [result] = useSubscription({ query: ServerStatsFeed }, (_prev: { now: ServerReading; points: Point[] } | undefined, data) => ({
    now: data.serverStats,
    points: remember(data.serverStats),
  }));
  return { now: result.data?.now, points: result.data?.points ?? [...history], error: result.error ? (result.error.graphQLErrors[0]?.message ?? 'the server could not be reached') : null };
}
