/** What the benchmark's server process tells it. */
export interface StatsCostServer {
  type: 'ready';
  url: string;
  apiKey: string;
  roomId: string;
  workerPid: number;
}

export type StatsCostServerMessage = StatsCostServer | { type: 'readings'; readings: number; packets: number };
