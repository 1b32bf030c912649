import type { SrtpLibrary } from '../../media/worker-runtime.js';
import type { StreamSpec } from './streams.js';

/** How the consumers' transports protect what they send. */
export interface ConsumerSecurity {
  /** Label used in tables. */
  id: 'openssl' | 'system' | 'plain';
  label: string;
  /** The libsrtp the worker must run on. */
  srtpLibrary: SrtpLibrary;
  srtp: boolean;
}

export const SECURITY: Record<ConsumerSecurity['id'], ConsumerSecurity> = {
  openssl: { id: 'openssl', label: 'SRTP, OpenSSL libsrtp (project build)', srtpLibrary: 'openssl', srtp: true },
  system: { id: 'system', label: "SRTP, Debian's libsrtp (NSS)", srtpLibrary: 'system', srtp: true },
  plain: { id: 'plain', label: 'plain RTP (no SRTP)', srtpLibrary: 'system', srtp: false },
};

export interface RigRequest {
  stream: StreamSpec;
  consumers: number;
  /** Consumer i sends to receiverPorts[i % receiverPorts.length] on 127.0.0.1. */
  receiverPorts: readonly number[];
  security: ConsumerSecurity;
}

/** One worker, one router, one producer fed on `ingressPort`, and the consumers, all running. */
export interface FanoutRig {
  /** The worker the producer is on. */
  workerPid: number;
  /** Other workers carrying consumers (spread mode), measured alongside. */
  extraWorkerPids?: number[];
  /** Product modes: the consumers on each of the room's routers, main first. */
  consumersPerWorker?: number[];
  /** Where the replay sends plain RTP (the producer's transport). */
  ingressPort: number;
  /** One per consumer: the SSRC the receiver will see. */
  consumerSsrcs: number[];
  /** What the worker really loaded, for the report. */
  srtpLibrary: SrtpLibrary;
  srtpLibraryPath: string;
  /** The replay adds an ssrc-audio-level header extension with this id and level to every packet. */
  audioLevel?: { extensionId: number; dBov: number };
  close(): Promise<void>;
}

/**
 * The part of the benchmark that builds consumers. The measurement around it (replay, receiver,
 * /proc counters) stays the same whatever builds them, so `bench` (straight on mediasoup, the
 * baseline's method) and `product` (through the server's media layer) give comparable figures.
 */
export type ModeName = 'bench' | 'product' | 'spread';

/** How the tables name each mode (also for saved runs, which carry only the name). */
export const MODE_LABEL: Record<ModeName, string> = {
  bench: 'raw mediasoup (bench)',
  product: 'product (server media layer)',
  spread: 'product over two workers (pipeToRouter)',
};

export interface FanoutMode {
  name: ModeName;
  description: string;
  /** Why the mode cannot run yet, if it cannot. */
  unavailable?: string;
  build(request: RigRequest): Promise<FanoutRig>;
}
