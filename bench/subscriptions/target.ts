import type { SendProtocol, SenderSpec } from './senders.js';

export type TargetName = 'product' | 'bare';

/** One server under test, started pinned to its core, as the measurement sees it. */
export interface Target {
  name: TargetName;
  pid: number;
  wsUrl: string;
  /** The credential of a watcher (an API key on the product). */
  watcherAuthorization?: string;
  protocol: SendProtocol;
  /** Makes `count` more rooms ready for a sender each (the product: createRoom + a client token). */
  newRooms(count: number): Promise<SenderSpec[]>;
  /** Starts a new event-loop delay period (what was recorded so far is dropped). */
  resetEventLoop(): Promise<void>;
  /** Event-loop delay p99 (ms) since the last reset; undefined when the server does not expose it. */
  eventLoopP99(): Promise<number | undefined>;
  /** How the event-loop delay was read, for the report. */
  eventLoopSource: string;
  /** Its stdout and stderr. */
  logFile: string;
  stop(): Promise<void>;
}
