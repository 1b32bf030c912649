import type { NodeInfo } from '../../server/ports/node-registry.js';
import { builder } from '../builder.js';
import { RoomRef } from './refs.js';

const ClusterNodeRef = builder.objectRef<NodeInfo & { self: boolean }>('ClusterNode').implement({
  description: 'One server process of the platform, as its last heartbeat told. A single server is a cluster of one.',
  fields: (t) => ({
    nodeId: t.exposeString('nodeId', { description: 'Its NODE_ID (or the one it made up at start).' }),
    url: t.exposeString('url', { description: 'Its base URL (PUBLIC_URL): clients of the rooms it runs connect there.' }),
    self: t.exposeBoolean('self', { description: 'True for the node that answered this query.' }),
    draining: t.exposeBoolean('draining', { description: 'Stopping: it takes no new rooms.' }),
    rooms: t.int({ description: 'Rooms with a session it runs.', resolve: (n) => n.load.rooms }),
    participants: t.int({ description: 'Participants in those rooms.', resolve: (n) => n.load.participants }),
    consumers: t.int({ description: 'Consumers (tracks going out) on its media workers.', resolve: (n) => n.load.consumers }),
    workerCpuPercent: t.float({ description: "Its media workers' mean CPU, in % of one core.", resolve: (n) => n.load.workerCpuPercent }),
    startedAt: t.field({ type: 'DateTime', description: 'When it started.', resolve: (n) => new Date(n.startedAt) }),
    lastBeatAt: t.field({ type: 'DateTime', description: 'Its last heartbeat.', resolve: (n) => new Date(n.beatAt) }),
  }),
});

builder.queryFields((t) => ({
  clusterNodes: t.field({
    type: [ClusterNodeRef],
    authScopes: { apiKey: true },
    description: 'The live nodes of the platform (those heard from within NODE_TIMEOUT_MS), in order of their ids.',
    resolve: async (_root, _args, ctx) => {
      const nodes = await ctx.services.nodes.liveNodes();
      return nodes.map((n) => ({ ...n, self: n.nodeId === ctx.services.nodes.nodeId })).sort((a, b) => a.nodeId.localeCompare(b.nodeId));
    },
  }),
}));

builder.objectFields(RoomRef, (t) => ({
  liveNodeId: t.string({
    nullable: true,
    description: 'The node that runs the room now (its session, media and live state); null when it runs nowhere.',
    resolve: async (room, _args, ctx) => (await ctx.services.directory.roomHolder(room.id)) ?? null,
  }),
}));
