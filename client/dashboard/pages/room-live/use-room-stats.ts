// Each participant's connection over the last minute, from the roomStats subscription (one
// reading every 2 s, computed once per room on the server whoever watches). The page keeps the
// readings; the sparklines draw them.
import { useSubscription } from '@urql/preact';
import { graphql } from '../../generated/gql.js';
import type { RoomLivePageStatsSubscription } from '../../generated/graphql.js';

const RoomLiveStats = graphql(`
  subscription RoomLivePageStats($roomId: ID!) {
    roomStats(roomId: $roomId, intervalSecs: 2) {
      at
      participants {
        participantId
        networkQuality
        rttMs
        published {
          kind
          bitrate
          lossPercent
        }
        received {
          bitrate
          lossPercent
        }
      }
    }
  }
`);

/** A minute of readings at 2 s. */
export const READINGS = 30;

export interface QualityReading {
  at: string;
  /** Bits per second it sends (its published tracks). */
  sent: number;
  /** Bits per second it receives. */
  received: number;
  /** The worst loss % of its tracks, either way. */
  loss: number;
  rtt: number | null;
  quality: number | null;
}

export type QualityHistory = Record<string, QualityReading[]>;

type Stats = RoomLivePageStatsSubscription['roomStats'];
const sum = (xs: { bitrate: number }[]) => xs.reduce((a, x) => a + x.bitrate, 0);

/** Adds one reading; participants absent from it (they left) are dropped. */
function addReading(history: QualityHistory, stats: Stats): QualityHistory {
  const next: QualityHistory = {};
  for (const p of stats.participants) {
    const loss = Math.max(0, ...p.published.map((t) => t.lossPercent), ...p.received.map((t) => t.lossPercent));
    const reading: QualityReading = { at: stats.at, sent: sum(p.published), received: sum(p.received), loss, rtt: p.rttMs ?? null, quality: p.networkQuality ?? null };
    const before = history[p.participantId] ?? [];
    // A reading shared by every watcher may arrive again on (re)subscribing: keep one per time.
    next[p.participantId] = before.at(-1)?.at === stats.at ? before : [...before, reading].slice(-READINGS);
  }
  return next;
}

export function useRoomStats(roomId: string): { history: QualityHistory; error: string | null } {
  const [result] = useSubscription({ query: RoomLiveStats, variables: { roomId } }, (history: QualityHistory = {}, data) => addReading(history, data.roomStats));
  return { history: result.data ?? {}, error: result.error ? (result.error.graphQLErrors[0]?.message ?? 'statistics unavailable') : null };
}
