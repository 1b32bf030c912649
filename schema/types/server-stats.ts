import type { ServerStatsSnapshot, WorkerDump, WorkerStats } from '../../server/stats/server-stats.js';
import { STATS_INTERVAL_SECS } from '../../server/stats/server-stats.js';
import { badInput } from '../../server/shared/errors.js';
import { builder } from '../builder.js';

// Byte counts are Floats: a process can pass the 2 GiB that GraphQL's Int holds.

const WorkerStatsRef = builder.objectRef<WorkerStats>('MediaWorkerStats').implement({
  description: 'One mediasoup worker process: its load and the media objects it hosts.',
  fields: (t) => ({
    pid: t.exposeInt('pid', { description: 'Its process id; a replaced worker has a new one.' }),
    cpu: t.exposeFloat('cpu', {
      nullable: true,
      description: 'Share of one core it used since the previous reading (1 = a whole core); null on the first reading after it started.',
    }),
    cpuSeconds: t.exposeFloat('cpuSeconds', { description: 'CPU time (user + system) since it started.' }),
    memoryBytes: t.exposeFloat('memoryBytes', { nullable: true, description: 'Resident memory now; null where the system does not say.' }),
    routers: t.exposeInt('routers', { description: 'Routers: one per room with media open.' }),
    transports: t.exposeInt('transports', { description: 'Transports (WebRTC and plain RTP).' }),
    producers: t.exposeInt('producers', { description: 'Producers: tracks coming in.' }),
    consumers: t.exposeInt('consumers', { description: 'Consumers: tracks going out, recorders included.' }),
  }),
});

const WorkerDumpRef = builder.objectRef<WorkerDump>('MediaWorkerDump').implement({
  description: "The media objects one mediasoup worker process holds by its own account (the worker's and its routers' dumps), not the server's bookkeeping: where a leak would show.",
  fields: (t) => ({
    pid: t.exposeInt('pid', { description: 'The worker process.' }),
    routers: t.exposeInt('routers', { description: 'Routers the worker holds.' }),
    transports: t.exposeInt('transports', { description: 'Transports in those routers.' }),
    producers: t.exposeInt('producers', { description: 'Producers in those routers.' }),
    consumers: t.exposeInt('consumers', { description: 'Consumers in those routers.' }),
  }),
});

const ServerStatsRef = builder.objectRef<ServerStatsSnapshot>('ServerStats').implement({
  description: "The server's own figures: live rooms, media workers, its memory, the work queued on its database.",
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When these figures were read.' }),
    uptimeSecs: t.exposeInt('uptimeSecs', { description: 'Seconds since this server process started.' }),
    rssBytes: t.exposeFloat('rssBytes', { description: "This server process's resident memory (the media workers are counted apart)." }),
    heapUsedBytes: t.exposeFloat('heapUsedBytes', { description: 'The JavaScript heap in use by this server process.' }),
    liveRooms: t.exposeInt('liveRooms', { description: 'Rooms with a session in progress on this server.' }),
    liveParticipants: t.exposeInt('liveParticipants', { description: 'Participants in them.' }),
    workers: t.field({ type: [WorkerStatsRef], description: 'The live media workers.', resolve: (s) => s.workers }),
    workerDumps: t.field({
      type: [WorkerDumpRef],
      description:
        'Each live worker asked what it holds (a request to every worker and each of its routers, made only when this field is selected, at the time it is resolved): after every room has emptied, anything but zeros is a leak.',
      resolve: (_s, _args, ctx) => ctx.services.stats.dumpedObjects(),
    }),
    ingressBitrate: t.exposeFloat('ingressBitrate', { description: 'Media received from participants now, in bits/s, over every transport (mediasoup’s rates over the last second).' }),
    egressBitrate: t.exposeFloat('egressBitrate', { description: 'Media sent to participants now, in bits/s, over every transport (mediasoup’s rates over the last second).' }),
    webhookDeliveriesPending: t.exposeInt('webhookDeliveriesPending', { description: 'Webhook deliveries not delivered yet (retries included), on the whole database.' }),
    compositionsEnqueued: t.exposeInt('compositionsEnqueued', { description: 'Compositions waiting to render, on the whole database.' }),
    compositionsRendering: t.exposeInt('compositionsRendering', { description: 'Compositions rendering now, on the whole database.' }),
  }),
});

builder.queryFields((t) => ({
  serverStats: t.field({
    type: ServerStatsRef,
    authScopes: { apiKey: true },
    description: "The server's figures now.",
    resolve: (_root, _args, ctx) => ctx.services.stats.snapshot(),
  }),
}));

builder.subscriptionFields((t) => ({
  serverStats: t.field({
    type: ServerStatsRef,
    authScopes: { apiKey: true },
    description: `The server's figures now, then every \`intervalSecs\` (${STATS_INTERVAL_SECS.min} to ${STATS_INTERVAL_SECS.max}, default ${STATS_INTERVAL_SECS.default}); read once per period for every subscriber.`,
    args: { intervalSecs: t.arg.int({ description: `Seconds between readings, ${STATS_INTERVAL_SECS.min} to ${STATS_INTERVAL_SECS.max}.` }) },
    subscribe: (_root, args, ctx) => {
      const secs = args.intervalSecs ?? STATS_INTERVAL_SECS.default;
      if (secs < STATS_INTERVAL_SECS.min || secs > STATS_INTERVAL_SECS.max) {
        throw badInput('intervalSecs', `must be from ${STATS_INTERVAL_SECS.min} to ${STATS_INTERVAL_SECS.max} seconds, got ${secs}`);
      }
      return ctx.services.stats.watch(secs);
    },
    resolve: (s) => s,
  }),
}));
