import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createPrivateKey } from 'node:crypto';

export interface Config {
  port: number;
  host: string;
  /** Postgres connection string; unset means the embedded PGlite database under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** The embedded database runs in a worker thread, off the event loop; false keeps it in the server's thread. */
  pgliteThread: boolean;
  /** An API key accepted as given (for automation and tests), besides the stored ones. */
  apiKey?: string;
  /** Secret for signing client tokens; unset means a key file kept in dataDir. */
  jwtSecret?: string;
  jwtSecretFile?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How long shutdown waits for requests in flight before closing connections anyway. */
  shutdownGraceMs: number;
  /** Who may read /metrics: the holder of this token when set, else an API key. */
  metricsToken?: string;
  http: HttpSecurity;
  media: {
    numWorkers: number;
    listenIp: string;
    announcedIp?: string;
    rtcMinPort: number;
    rtcMaxPort: number;
    maxConsumersPerRouter: number;
  };
  /** Base of the URLs the API hands out (download links, the node's address in a cluster); the listening address when unset. */
  publicUrl?: string;
  /** Set with REDIS_URL: this process is one node of several sharing Postgres and Redis. */
  cluster?: ClusterConfig;
  downloadUrlTtlSecs: number;
  webhooks: {
    signingKeyPem?: string;
    defaultTimeoutSecs: number;
    retryBaseMs: number;
    retryMaxMs: number;
    maxAttempts: number;
    pollMs: number;
    /** Webhooks may go to loopback, private and link-local addresses (tests, local development). */
    allowPrivateTargets: boolean;
  };
  live: {
    /** A participant whose WebSocket dropped keeps its place this long. */
    reconnectGraceMs: number;
    /** An empty room keeps its session open this long. */
    emptyRoomGraceMs: number;
  };
  /** Compositions rendered at once by this process (each one ffmpeg using every core). */
  compositionsMaxConcurrent: number;
  /** Ingresses running at once: each URL one is an ffmpeg, which may transcode. */
  ingress: { maxPerRoom: number; maxPerNode: number; idleTimeoutMs: number };
  limits: Limits;
  rateLimits: RateLimits;
}

export interface ClusterConfig {
  redisUrl: string;
  /** Names this node in the registry and the logs; unset, one is made up at start (host, pid, random). */
  nodeId?: string;
  /** How often the node tells the others it is alive, with its load. */
  heartbeatMs: number;
  /** A node not heard from for this long is dead: its rooms are placed again. */
  nodeTimeoutMs: number;
  /** On SIGTERM, how long a node waits for its rooms to empty before handing them over. */
  drainTimeoutMs: number;
}

/** What one GraphQL operation may ask for, checked before it runs. */
export interface OperationBudget {
  maxDepth: number;
  /** Each field costs 1, a connection 10 plus its selection counted `first` (or 20) times. */
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
}

export interface Limits {
  /** Lexer tokens in one document: bounds parsing itself, for everyone. */
  maxTokens: number;
  /** For callers with a valid API key or client token. */
  authenticated: OperationBudget;
  /** For callers without a (valid) credential: the strictest budget. */
  anonymous: OperationBudget;
  maxBodyBytes: number;
  maxWsMessageBytes: number;
  maxSubscriptionsPerConnection: number;
  /** Events one subscriber may have waiting to be sent before it counts as stalled. */
  maxQueuedEventsPerSubscriber: number;
}

/** Requests per second with a burst allowance: `points` per `durationSecs`. */
export interface Rate {
  points: number;
  durationSecs: number;
}

export interface RateLimits {
  /** Every GraphQL operation of one API key. */
  apiKey: Rate;
  /** Every operation of one client token (by jti) or participant. */
  clientToken: Rate;
  /** sendMessage of one participant. */
  messages: Rate;
  /** join of one client token. */
  joins: Rate;
  /** Operations without a valid credential, and refused credentials, per IP address. */
  anonymous: Rate;
}

export interface HttpSecurity {
  /** Origins that may call the API from a browser; `*` is any origin, without credentials; empty is same origin only. */
  corsOrigins: string[] | '*';
  /** Strict-Transport-Security max-age; unset sends none (the default is plain http on loopback). */
  hstsMaxAgeSecs?: number;
}

/** A configuration variable with a value the server cannot use; the message names it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be from ${min} to ${max}, got ${value}`);
  return value;
}

/** `N/Ss`: N operations per S seconds (`100/1s`, `10/60s`); `off` turns the limit off. */
function rate(env: NodeJS.ProcessEnv, name: string, fallback: Rate): Rate {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (raw === 'off') return { points: 0, durationSecs: 0 };
  const m = /^(\d+)\s*\/\s*(\d+)s$/.exec(raw);
  const points = m ? Number(m[1]) : 0;
  const durationSecs = m ? Number(m[2]) : 0;
  if (!m || points < 1 || points > 1_000_000 || durationSecs < 1 || durationSecs > 86_400) {
    throw new ConfigError(name, `must be "N/Ss" (N operations per S seconds, such as 100/1s) or "off", got "${raw}"`);
  }
  return { points, durationSecs };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
  return raw === 'true';
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function ip(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = optional(env, name);
  if (value !== undefined && isIP(value) === 0) throw new ConfigError(name, `must be an IPv4 or IPv6 address, got "${value}"`);
  return value;
}

function publicUrl(env: NodeJS.ProcessEnv): string | undefined {
  const value = optional(env, 'PUBLIC_URL');
  if (value === undefined) return undefined;
  if (!/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(value)) throw new ConfigError('PUBLIC_URL', `must be an http(s) URL such as https://video.example.com, got "${value}"`);
  return value.replace(/\/+$/, '');
}

function cluster(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): ClusterConfig | undefined {
  const redisUrl = optional(env, 'REDIS_URL');
  const nodeId = optional(env, 'NODE_ID');
  if (nodeId !== undefined && !/^[A-Za-z0-9._:-]{1,64}$/.test(nodeId)) {
    throw new ConfigError('NODE_ID', `must be 1 to 64 letters, digits, '.', '_', ':' or '-', got "${nodeId}"`);
  }
  if (redisUrl === undefined) return undefined;
  if (!/^rediss?:\/\/[^\s]+$/.test(redisUrl)) throw new ConfigError('REDIS_URL', `must be a redis:// or rediss:// URL, got "${redisUrl}"`);
  // Nodes share their state through Postgres: an embedded database is one process's alone.
  if (!databaseUrl) throw new ConfigError('REDIS_URL', 'needs DATABASE_URL too: the nodes of a cluster share one Postgres database');
  const heartbeatMs = integer(env, 'NODE_HEARTBEAT_MS', 1_000, 100, 60_000);
  // At least 2 s: a node reconnecting to Redis after an outage may take that long to beat again.
  const nodeTimeoutMs = integer(env, 'NODE_TIMEOUT_MS', 3_000, 2_000, 600_000);
  if (nodeTimeoutMs < heartbeatMs * 2) throw new ConfigError('NODE_TIMEOUT_MS', `must be at least twice NODE_HEARTBEAT_MS (${heartbeatMs}), so one late beat does not kill a node`);
  return { redisUrl, nodeId, heartbeatMs, nodeTimeoutMs, drainTimeoutMs: integer(env, 'DRAIN_TIMEOUT_MS', 30_000, 0, 3_600_000) };
}

/** A node listening on every interface must say where clients reach it: other nodes send them there. */
function clusterWithAddress(env: NodeJS.ProcessEnv, databaseUrl: string | undefined, host: string): ClusterConfig | undefined {
  const config = cluster(env, databaseUrl);
  if (config && (host === '0.0.0.0' || host === '::') && !publicUrl(env)) {
    throw new ConfigError('PUBLIC_URL', `is required with REDIS_URL when HOST is ${host}: it is the address other nodes send this node's clients to`);
  }
  return config;
}

function corsOrigins(env: NodeJS.ProcessEnv): HttpSecurity['corsOrigins'] {
  const value = optional(env, 'CORS_ORIGINS');
  if (value === undefined) return [];
  if (value === '*') return '*';
  return value.split(',').map((raw) => {
    const origin = raw.trim().replace(/\/$/, '');
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    // An origin is scheme, host and port only: a path or a wildcard inside a list would never match.
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin || origin.includes('*')) {
      throw new ConfigError('CORS_ORIGINS', `must be "*" or a comma-separated list of origins such as https://app.example.com, got "${raw.trim()}"`);
    }
    return origin;
  });
}

/** Reads and checks the whole configuration at start, so a bad value stops the server at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = optional(env, 'DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// or postgresql:// URL (leave it unset for the embedded database)');
  }
  const apiKey = optional(env, 'API_KEY');
  if (apiKey && apiKey.length < 16) throw new ConfigError('API_KEY', 'must be at least 16 characters long');
  const jwtSecret = optional(env, 'JWT_SECRET');
  if (jwtSecret && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  const logLevel = (optional(env, 'LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const host = optional(env, 'HOST') ?? '127.0.0.1';
  if (/\s/.test(host)) throw new ConfigError('HOST', `must be a host name or IP address, got "${host}"`);
  const jwtSecretFile = optional(env, 'JWT_SECRET_FILE');
  // A PEM in an environment variable often arrives on one line, with its newlines written as \n.
  const signingKeyPem = optional(env, 'WEBHOOK_SIGNING_KEY')?.replace(/\\n/g, '\n');
  if (signingKeyPem) {
    let type: string | undefined;
    try {
      type = createPrivateKey(signingKeyPem).asymmetricKeyType;
    } catch {
      type = undefined;
    }
    if (type !== 'ed25519') throw new ConfigError('WEBHOOK_SIGNING_KEY', 'must be an Ed25519 private key in PKCS#8 PEM');
  }
  const metricsToken = optional(env, 'METRICS_TOKEN');
  if (metricsToken && (metricsToken.length < 16 || /\s/.test(metricsToken))) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters long, without spaces');
  }
  const hsts = integer(env, 'HSTS_MAX_AGE', 0, 0, 63_072_000);
  const rtcMinPort = integer(env, 'RTC_MIN_PORT', 40000, 1024, 65535);
  const rtcMaxPort = integer(env, 'RTC_MAX_PORT', 49999, 1024, 65535);
  if (rtcMaxPort < rtcMinPort) throw new ConfigError('RTC_MAX_PORT', `must not be below RTC_MIN_PORT (${rtcMinPort})`);
  const listenIp = ip(env, 'RTC_LISTEN_IP');
  const announcedIp = optional(env, 'RTC_ANNOUNCED_IP');
  if ((listenIp === '0.0.0.0' || listenIp === '::') && !announcedIp) {
    throw new ConfigError('RTC_ANNOUNCED_IP', `is required when RTC_LISTEN_IP is ${listenIp}: the address browsers should send media to`);
  }
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host,
    databaseUrl,
    dataDir: path.resolve(optional(env, 'DATA_DIR') ?? './data'),
    pgliteThread: flag(env, 'PGLITE_THREAD', true),
    apiKey,
    jwtSecret,
    jwtSecretFile: jwtSecretFile ? path.resolve(jwtSecretFile) : undefined,
    logLevel,
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    metricsToken,
    http: { corsOrigins: corsOrigins(env), hstsMaxAgeSecs: hsts || undefined },
    media: {
      numWorkers: integer(env, 'MEDIA_WORKERS', availableParallelism(), 1, 256),
      listenIp: listenIp ?? '127.0.0.1',
      announcedIp,
      rtcMinPort,
      rtcMaxPort,
      maxConsumersPerRouter: integer(env, 'MEDIA_MAX_CONSUMERS_PER_ROUTER', 500, 1, 100_000),
    },
    publicUrl: publicUrl(env),
    cluster: clusterWithAddress(env, databaseUrl, host),
    downloadUrlTtlSecs: integer(env, 'DOWNLOAD_URL_TTL_SECS', 3600, 10, 7 * 86400),
    webhooks: {
      signingKeyPem,
      defaultTimeoutSecs: integer(env, 'WEBHOOK_TIMEOUT_SECS', 10, 1, 30),
      retryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', 2_000, 10, 3_600_000),
      retryMaxMs: integer(env, 'WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, 86_400_000),
      maxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', 12, 1, 100),
      pollMs: integer(env, 'WEBHOOK_POLL_MS', 1_000, 10, 60_000),
      allowPrivateTargets: flag(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
    },
    live: {
      reconnectGraceMs: integer(env, 'RECONNECT_GRACE_MS', 15_000, 0, 600_000),
      emptyRoomGraceMs: integer(env, 'EMPTY_ROOM_GRACE_MS', 10_000, 0, 3_600_000),
    },
    compositionsMaxConcurrent: integer(env, 'COMPOSITIONS_MAX_CONCURRENT', 1, 1, 64),
    ingress: {
      maxPerRoom: integer(env, 'INGRESS_MAX_PER_ROOM', 5, 1, 50),
      maxPerNode: integer(env, 'INGRESS_MAX_PER_NODE', 20, 1, 10_000),
      idleTimeoutMs: integer(env, 'INGRESS_IDLE_TIMEOUT_SECS', 30, 2, 86_400) * 1000,
    },
    limits: {
      maxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', 5_000, 100, 1_000_000),
      authenticated: {
        maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 15, 2, 1000),
        maxCost: integer(env, 'GRAPHQL_MAX_COST', 10_000, 10, 100_000_000),
        maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 30, 0, 100_000),
        maxDirectives: integer(env, 'GRAPHQL_MAX_DIRECTIVES', 50, 0, 100_000),
      },
      anonymous: {
        maxDepth: integer(env, 'GRAPHQL_ANONYMOUS_MAX_DEPTH', 15, 2, 1000),
        maxCost: integer(env, 'GRAPHQL_ANONYMOUS_MAX_COST', 1_000, 10, 100_000_000),
        maxAliases: integer(env, 'GRAPHQL_ANONYMOUS_MAX_ALIASES', 5, 0, 100_000),
        maxDirectives: integer(env, 'GRAPHQL_ANONYMOUS_MAX_DIRECTIVES', 10, 0, 100_000),
      },
      maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1_048_576, 1024, 1_073_741_824),
      maxWsMessageBytes: integer(env, 'MAX_WS_MESSAGE_BYTES', 262_144, 1024, 1_073_741_824),
      maxSubscriptionsPerConnection: integer(env, 'MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 10_000),
      maxQueuedEventsPerSubscriber: integer(env, 'MAX_QUEUED_EVENTS_PER_SUBSCRIBER', 256, 1, 1_000_000),
    },
    rateLimits: {
      apiKey: rate(env, 'RATE_LIMIT_API_KEY', { points: 100, durationSecs: 1 }),
      clientToken: rate(env, 'RATE_LIMIT_CLIENT_TOKEN', { points: 50, durationSecs: 1 }),
      messages: rate(env, 'RATE_LIMIT_MESSAGES', { points: 20, durationSecs: 1 }),
      joins: rate(env, 'RATE_LIMIT_JOINS', { points: 10, durationSecs: 60 }),
      anonymous: rate(env, 'RATE_LIMIT_ANONYMOUS', { points: 20, durationSecs: 1 }),
    },
  };
}
