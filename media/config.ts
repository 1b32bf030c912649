import { availableParallelism } from 'node:os';
import { isIP } from 'node:net';
import type { types as ms } from 'mediasoup';
import { MediaError } from './errors.js';

/** Everything the media layer needs from its host; the server fills it from environment variables. */
export interface MediaConfig {
  /** Worker processes, each one a single-threaded SFU. */
  numWorkers: number;
  logLevel: ms.WorkerLogLevel;
  /** Local address the RTC sockets bind to. */
  listenIp: string;
  /** Address put in ICE candidates instead of `listenIp` (behind NAT, or when `listenIp` is 0.0.0.0). */
  announcedIp?: string;
  /** Port range shared by every worker for RTC sockets (each WebRTC transport takes one per protocol). */
  rtcMinPort: number;
  rtcMaxPort: number;
  enableUdp: boolean;
  enableTcp: boolean;
  preferUdp: boolean;
  /** Bits per second a new WebRTC transport may send before bandwidth estimation has data. */
  initialAvailableOutgoingBitrate: number;
  /** Adds SCTP (data channels) to WebRTC transports; signalling travels over GraphQL, so off by default. */
  enableSctp: boolean;
  /** How often the dominant speaker is re-evaluated, ms. */
  activeSpeakerIntervalMs: number;
  /** Audio level reporting: dBov threshold (-127..0) and interval, ms. */
  audioLevelThreshold: number;
  audioLevelIntervalMs: number;
  /**
   * Consumers a room's main router takes before new subscribers are placed on routers of the
   * room on other workers, which receive the room's producers through pipeToRouter. One worker is
   * one core: about 600 SRTP video consumers at 80 % here (fanout-baseline.md), less with audio,
   * RTCP and the producers' own ingress on the main worker, hence 500.
   */
  maxConsumersPerRouter: number;
}

export const defaultMediaConfig: Readonly<MediaConfig> = Object.freeze({
  numWorkers: availableParallelism(),
  logLevel: 'warn',
  // Loopback is what works with no setup on a developer machine; production sets listenIp and
  // announcedIp explicitly.
  listenIp: '127.0.0.1',
  rtcMinPort: 40000,
  rtcMaxPort: 49999,
  enableUdp: true,
  enableTcp: true,
  preferUdp: true,
  initialAvailableOutgoingBitrate: 1_000_000,
  enableSctp: false,
  activeSpeakerIntervalMs: 300,
  // Chrome's audio levels of quiet speech average around -72..-78 dBov: any threshold above about
  // -72 reports nothing (media-notes pitfall 6).
  audioLevelThreshold: -80,
  audioLevelIntervalMs: 800,
  maxConsumersPerRouter: 500,
});

const logLevels: readonly ms.WorkerLogLevel[] = ['debug', 'warn', 'error', 'none'];

function invalid(field: keyof MediaConfig, message: string): never {
  throw new MediaError('INVALID_CONFIG', `media config ${field}: ${message}`, field);
}

function checkInteger(config: MediaConfig, field: keyof MediaConfig, min: number, max: number): void {
  const value = config[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(field, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

/** Fills in the defaults and rejects a configuration that could not work, naming the field. */
export function resolveMediaConfig(overrides: Partial<MediaConfig> = {}): MediaConfig {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const config: MediaConfig = { ...defaultMediaConfig, ...defined };

  checkInteger(config, 'numWorkers', 1, 1024);
  checkInteger(config, 'rtcMinPort', 1024, 65535);
  checkInteger(config, 'rtcMaxPort', 1024, 65535);
  if (config.rtcMinPort > config.rtcMaxPort) {
    invalid('rtcMaxPort', `must not be below rtcMinPort (${config.rtcMinPort}), got ${config.rtcMaxPort}`);
  }
  if (!logLevels.includes(config.logLevel)) {
    invalid('logLevel', `must be one of ${logLevels.join(', ')}, got ${String(config.logLevel)}`);
  }
  if (isIP(config.listenIp) === 0) invalid('listenIp', `must be an IPv4 or IPv6 address, got "${config.listenIp}"`);
  if (config.announcedIp !== undefined && config.announcedIp.trim() === '') {
    invalid('announcedIp', 'must not be empty');
  }
  // Clients cannot reach "0.0.0.0": a wildcard bind only works with an address to announce.
  if ((config.listenIp === '0.0.0.0' || config.listenIp === '::') && config.announcedIp === undefined) {
    invalid('announcedIp', `is required when listenIp is the wildcard address ${config.listenIp}`);
  }
  if (!config.enableUdp && !config.enableTcp) invalid('enableUdp', 'UDP and TCP cannot both be disabled');
  checkInteger(config, 'initialAvailableOutgoingBitrate', 10_000, 100_000_000);
  checkInteger(config, 'activeSpeakerIntervalMs', 100, 60_000);
  checkInteger(config, 'audioLevelThreshold', -127, 0);
  checkInteger(config, 'audioLevelIntervalMs', 250, 60_000);
  checkInteger(config, 'maxConsumersPerRouter', 1, 100_000);
  return config;
}
