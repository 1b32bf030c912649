import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { countApiKeys } from '../../db/api-keys.js';
import { createApiKey } from '../access/api-key-secrets.js';
import type { Config } from './config.js';
import { openConfiguredDatabase } from './database.js';
import { createGraphqlHandler } from '../transport/graphql-http.js';
import { attachGraphqlWs } from '../transport/graphql-ws.js';
import { SocketCredentials } from '../access/socket-credential.js';
import { createLogger, type Logger } from './logger.js';
import { createServices, type Services } from './services.js';
import { loadSigningSecret } from '../access/signing-secret.js';
import { staticFolder } from '../transport/static-files.js';
import { WebhookDispatcher } from '../webhooks/dispatcher.js';
import { loadWebhookSigner } from '../webhooks/signing.js';
import { targetPolicy } from '../webhooks/target-policy.js';
import { LocalStorage } from '../storage/local-storage.js';
import { DownloadLinks } from '../storage/download-links.js';
import { downloadsHandler } from '../storage/downloads.js';
import { useErrorCodes } from '../transport/error-codes.js';
import path from 'node:path';
import { MediaRooms } from '../../media/index.js';
import { Admission, useAdmission } from '../protection/admission.js';
import { useOperationLimits } from '../protection/operation-limits.js';
import { BodyTooLargeError, readBoundedBody } from '../protection/request-body.js';
import { useSubscriptionGuard } from '../protection/subscription-guard.js';
import { useSharedSubscriptionResults } from '../transport/shared-subscription-results.js';
import { openNodePorts } from './node-ports.js';
import { NodeFailover } from '../live/node-failover.js';
import { NodeLoadSampler } from '../live/node-load.js';
import { nodesWithActiveSessions } from '../../db/sessions.js';
import { healthChecks } from '../observability/health.js';
import { Metrics } from '../observability/metrics.js';
import { metricsObserver } from '../observability/metrics-plugin.js';
import { metricsRoute } from '../observability/metrics-route.js';
import { operationLogObserver } from '../observability/operation-log.js';
import { useOperationObserver } from '../observability/operations.js';
import { requestIdFrom } from '../observability/request-id.js';
import { corsPolicy } from '../transport/cors.js';
import { graphiqlAssets } from '../transport/graphiql.js';
import { createRestHandler, REST_PREFIX } from '../transport/rest/router.js';
import { securityHeaders } from '../transport/security-headers.js';
import { whipHandler } from '../transport/whip.js';

const CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));

export interface RunningServer {
  /** Base URL, such as http://127.0.0.1:8080 */
  url: string;
  port: number;
  dialect: 'pglite' | 'postgres';
  /** Set when this start created the first API key of an empty embedded database. */
  firstApiKey?: string;
  services: Services;
  /** This server's Prometheus metrics (its own registry). */
  metrics: Metrics;
  /** Stops accepting, lets requests in flight finish (up to the grace period), closes the database. */
  stop(): Promise<void>;
}

export async function startServer(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const database = await openConfiguredDatabase(config, {
    onIdleError: (err) => log.warn({ err }, 'an idle database connection was closed by the database'),
    // Nothing brings it back short of a restart: /healthz turns 503 so that a supervisor sees it.
    onEmbeddedDeath: (err) => log.error({ err }, 'the embedded database stopped: every query fails until the server restarts'),
  });
  if (database.migrations.length) log.info({ migrations: database.migrations }, 'database migrated');
  let media: MediaRooms;
  let ports;
  try {
    ports = await openNodePorts(config, log);
    media = await MediaRooms.start({ ...config.media, logLevel: 'warn' });
  } catch (err) {
    await ports?.close();
    await database.close();
    throw err;
  }
  const nodePorts = ports;
  for (const w of media.pool.workers()) log.info({ pid: w.pid, srtpLibrary: w.srtpLibrary }, 'media worker started');
  media.pool.on('workerDied', (e: unknown) => log.error({ event: e }, 'media worker died'));
  media.pool.on('workerReplaced', (e: unknown) => log.warn({ event: e }, 'media worker replaced'));
  const webhookSigner = loadWebhookSigner({ pem: config.webhooks.signingKeyPem, dataDir: config.dataDir });
  const webhookTargets = targetPolicy(config.webhooks.allowPrivateTargets);
  const signingSecret = loadSigningSecret(config);
  let baseUrl = config.publicUrl ?? '';
  const downloads = new DownloadLinks(signingSecret, () => baseUrl, config.downloadUrlTtlSecs);
  const storage = new LocalStorage(path.join(config.dataDir, 'media'));
  const services = createServices(database.db, {
    ports: nodePorts,
    webhookSigner,
    webhookTargets,
    storage,
    downloads,
    signingSecret,
    configuredApiKey: config.apiKey,
    media,
    live: config.live,
    log,
    compositionsMaxConcurrent: config.compositionsMaxConcurrent,
    ingress: config.ingress,
    publicUrl: () => baseUrl,
  });
  // Deliveries left in the outbox by an earlier run go out now, before anything new.
  const dispatcher = new WebhookDispatcher(database.db, webhookSigner, config.webhooks, log, webhookTargets, services.bus);
  services.events.onWebhooksQueued(() => dispatcher.wake());
  dispatcher.start();
  // One node: whatever session is open was left by the previous run. In a cluster, the other
  // nodes' sessions are live: the failover closes those of nodes that died.
  const failover = nodePorts.distributed
    ? new NodeFailover(
        {
          nodes: nodePorts.nodes,
          directory: nodePorts.directory,
          sessions: services.orchestrator.sessions,
          finalizeRecordingsOf: (nodeId) => services.recordings.recoverInterrupted(nodeId),
          endIngressesOf: (nodeId) => services.ingresses.recoverInterrupted(nodeId, 'node_lost'),
          nodesWithOpenSessions: () => nodesWithActiveSessions(database.db),
          log,
        },
        config.cluster!.heartbeatMs,
      )
    : undefined;
  if (!failover) {
    const interrupted = await services.recordings.recoverInterrupted();
    if (interrupted) log.warn({ recordings: interrupted }, 'finalized recordings interrupted by the previous run');
    const ended = await services.ingresses.recoverInterrupted();
    if (ended) log.warn({ ingresses: ended }, 'ended ingresses left running by the previous run');
    const stale = await services.orchestrator.closeStaleSessions();
    if (stale) log.warn({ sessions: stale }, 'ended sessions left open by the previous run');
  }

  // Someone starting the embedded server for the first time needs a key to do anything.
  let firstApiKey: string | undefined;
  if (database.dialect === 'pglite' && !config.apiKey && (await countApiKeys(database.db)) === 0) {
    firstApiKey = (await createApiKey(database.db, 'first key')).key;
  }

  const metrics = new Metrics(log);
  metrics.attach({ db: database.db, orchestrator: services.orchestrator, mediaWorkers: media.pool, recordings: services.recordings });
  const admission = new Admission(services.auth, nodePorts.rateLimits, (bucket) => metrics.rateLimitRefused(bucket));
  // The observer comes first, so that it sees the operations later plugins refuse; only the error
  // codes come before it (they refuse nothing), so that it counts the codes clients receive.
  const yoga = createGraphqlHandler(services, log, [
    useErrorCodes(),
    useOperationObserver([metricsObserver(metrics), operationLogObserver(log)]),
    useAdmission(admission),
    useOperationLimits(config.limits),
    // Before the guard, which wraps what it sets: the guard's bounds and access checks stay per subscriber.
    useSharedSubscriptionResults(),
    useSubscriptionGuard({ bus: services.bus, auth: services.auth, maxQueued: config.limits.maxQueuedEventsPerSubscriber, log }),
  ]);
  // Kicked participants' token families are kept until their tokens have all run out.
  const purgeTimer = setInterval(() => void services.revocations.purgeExpired().catch((err) => log.warn({ err }, 'purging revoked tokens failed')), 3_600_000);
  purgeTimer.unref();
  let draining = false;

  const health = healthChecks({ db: database.db, dialect: database.dialect, draining: () => draining, liveMediaWorkers: () => media.pool.workers().length });
  const metricsEndpoint = metricsRoute({ metrics, token: config.metricsToken, auth: services.auth, log });
  const cors = corsPolicy(config.http.corsOrigins);
  const secure = securityHeaders(config.http);

  // The web apps and the SDK bundle, built by `npm run build:client` into client/dist/.
  const apps = [staticFolder('/meet/', `${CLIENT_DIST}/meet`), staticFolder('/sdk/', `${CLIENT_DIST}/sdk`), staticFolder('/dashboard/', `${CLIENT_DIST}/dashboard`, { singlePage: true })];
  const rest = createRestHandler({ services, admission, maxBodyBytes: config.limits.maxBodyBytes, log });
  const download = downloadsHandler({ db: database.db, storage, links: downloads, auth: services.auth });
  const whip = whipHandler({ ingresses: services.ingresses, admission, log });

  const graphql = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST') {
      try {
        const body = await readBoundedBody(req, config.limits.maxBodyBytes);
        if (body.length) (req as IncomingMessage & { body?: Buffer }).body = body;
      } catch (err) {
        if (!(err instanceof BodyTooLargeError)) throw err;
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ errors: [{ message: err.message, extensions: { code: 'PAYLOAD_TOO_LARGE', max: err.maxBytes } }] }));
        res.on('finish', () => req.destroy());
        return;
      }
    }
    await yoga(req, res);
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    // The id follows the request into yoga (the operation log reads it there) and back to the client.
    const requestId = requestIdFrom(req.headers['x-request-id']);
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    secure(res);
    const pathname = (req.url ?? '/').split('?')[0]!;
    // WHIP answers any origin itself (its bearer token is the credential), preflights included.
    if (await whip(req, res, pathname)) return;
    if (cors(req, res)) return;
    if (pathname === '/healthz') return void (await health.legacy(res));
    if (pathname === '/healthz/ready') return void (await health.ready(res));
    if (pathname === '/healthz/live') return health.live(res);
    if (pathname === '/metrics') return void (await metricsEndpoint(req, res));
    if (await graphiqlAssets(req, res, pathname)) return;
    if (pathname === '/graphql' || pathname === '/graphql/') return void (await graphql(req, res));
    if (pathname === REST_PREFIX || pathname.startsWith(`${REST_PREFIX}/`)) return void (await rest(req, res, pathname));
    if (pathname.startsWith('/downloads/') && (await download(req, res, new URL(req.url ?? '/', 'http://local')))) return;
    for (const app of apps) if (await app(req, res, pathname)) return;
    // The operator's front door: the root and the usual admin path lead to the dashboard.
    if ((pathname === '/' || pathname === '/admin' || pathname === '/admin/') && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(302, { location: '/dashboard/' });
      return void res.end();
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ error: 'not_found', message: `nothing at ${pathname}: the API is at /graphql (and Telnyx's REST API under /v2), the dashboard at /dashboard/, the meeting app at /meet/` }),
    );
  };
  // The last resort: whatever a request does, it gets an answer and the process goes on.
  const httpServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((err) => {
      log.error({ err, method: req.method, url: req.url }, 'request failed unexpectedly');
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'internal_error', message: 'the server failed to answer this request; it has been logged' }));
      } else res.destroy();
    });
  });
  const ws = attachGraphqlWs(httpServer, yoga, {
    admission,
    credentials: new SocketCredentials(services.auth, services.bus),
    limits: config.limits,
    log,
    onClientGone: (connection) => services.orchestrator.connectionClosed(connection),
  });
  metrics.attachWebSockets(() => ws.wss.clients.size);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  }).catch(async (err) => {
    await dispatcher.stop();
    await media.close();
    await nodePorts.close();
    await database.close();
    throw err;
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  baseUrl ||= url;
  // From here other nodes may place rooms here and send clients to baseUrl.
  const load = new NodeLoadSampler(services.liveRooms, media.pool);
  await nodePorts.nodes.start(baseUrl, () => load.read());
  failover?.start();
  log.info({ url, database: database.dialect, dataDir: config.dataDir, nodeId: nodePorts.nodeId, cluster: nodePorts.distributed }, 'video rooms listening');
  // Compositions left by an earlier run resume now (after listening: their download links need the URL).
  services.compositions.runner.start();

  let stopping: Promise<void> | undefined;
  /**
   * A node of a cluster stopping: it takes no new rooms, waits for its rooms to empty (up to the
   * drain timeout), then hands over those left: they leave the directory and their clients are
   * told to reconnect (1012), which their SDK does on another node, where the room starts again.
   */
  const drain = async () => {
    const timeoutMs = config.cluster!.drainTimeoutMs;
    await nodePorts.nodes.setDraining();
    log.info({ timeoutMs, rooms: services.liveRooms.liveCounts().rooms }, 'draining: no new rooms here; waiting for the rooms this node runs to end');
    const deadline = Date.now() + timeoutMs;
    while (services.liveRooms.liveCounts().rooms > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const left = services.liveRooms.roomIds().filter((id) => services.liveRooms.findRoom(id)?.currentSessionId);
    if (!left.length) return;
    // No new connections first: a client told to reconnect must land on another node.
    httpServer.close();
    for (const roomId of left) await nodePorts.directory.releaseRoom(roomId, nodePorts.nodeId);
    for (const client of ws.wss.clients) client.close(1012, 'this node is stopping: reconnect');
    log.warn({ rooms: left.length }, 'drain timeout: handed the remaining rooms over (their clients reconnect on another node)');
  };

  const stop = () =>
    (stopping ??= (async () => {
      draining = true;
      if (failover) {
        failover.stop();
        await drain().catch((err) => log.error({ err }, 'draining failed: stopping anyway'));
      }
      clearInterval(purgeTimer);
      log.info('shutting down: no new connections, finishing requests in flight');
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      // Sessions end (everyone is told) before the sockets close, so clients hear why.
      services.stats.close();
      services.roomStats.close();
      // Ingresses first: their ffmpeg stops and they end as stopped by the shutdown, not by the session's end.
      await services.ingresses.shutdown();
      await services.orchestrator.shutdown();
      await services.recordings.shutdown();
      await services.compositions.runner.stop();
      await media.close();
      await ws.close();
      const timer = setTimeout(() => {
        log.warn({ graceMs: config.shutdownGraceMs }, 'grace period over: closing the remaining connections');
        httpServer.closeAllConnections();
      }, config.shutdownGraceMs);
      await closed;
      clearTimeout(timer);
      await yoga.dispose();
      await dispatcher.stop();
      await nodePorts.close();
      await database.close();
      log.info('stopped');
    })());

  return { url, port, dialect: database.dialect, firstApiKey, services, metrics, stop };
}
