import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { ApiKeyService } from '../access/api-key-service.js';
import { TokenRevocations } from '../access/token-revocations.js';
import { Authenticator } from '../access/auth.js';
import { ClientTokens } from '../access/client-token-signer.js';
import { ClientTokenService } from '../access/client-token-service.js';
import { AccountEvents } from '../events/account-events.js';
import type { DomainBus } from '../events/topics.js';
import type { Logger } from './logger.js';
import { Moderation } from '../live/moderation.js';
import { OperatorMessages } from '../live/room-messages.js';
import { Orchestrator, type OrchestratorConfig } from '../live/orchestrator.js';
import { RoomStats } from '../stats/room-stats.js';
import { ServerStats } from '../stats/server-stats.js';
import { Usage } from '../stats/usage.js';
import { ParticipantAccess } from '../live/participant-access.js';
import { ParticipantMediaSession } from '../live/participant-media-session.js';
import { RoomEventStreams } from '../live/room-event-stream.js';
import { RoomManager } from '../live/room-manager.js';
import type { LiveDirectory } from '../ports/live-directory.js';
import type { NodeRegistry } from '../ports/node-registry.js';
import type { RoomPlacement } from '../ports/room-placement.js';
import { OwnerRelay } from '../live/owner-relay.js';
import type { NodePorts } from './node-ports.js';
import type { MediaRooms } from '../../media/index.js';
import type { WebhookSigner } from '../webhooks/signing.js';
import type { TargetPolicy } from '../webhooks/target-policy.js';
import { WebhookDeliveries } from '../webhooks/deliveries.js';
import type { MediaStorage } from '../storage/local-storage.js';
import type { DownloadLinks } from '../storage/download-links.js';
import { RecordingService } from '../recordings/recording-service.js';
import { RecordingStore } from '../recordings/recording-store.js';
import { Records } from '../rooms/records-service.js';
import { RoomService } from '../rooms/room-service.js';
import { createCompositions, type Compositions } from '../compositions/index.js';
import { IngressService, type IngressLimits } from '../ingress/ingress-service.js';

/** Everything the schema's resolvers may call; built once per server. */
export interface Services {
  db: Kysely<Database>;
  /** Carries every event between producers and listeners (the account feed, room deltas, signals). */
  bus: DomainBus;
  /** Records account events with the change they describe, and streams the feed. */
  events: AccountEvents;
  /** Which node holds which live room, and who is in it. */
  directory: LiveDirectory;
  /** Which node runs a room that is not live yet. */
  placement: RoomPlacement;
  /** The platform's nodes: this one alone, or each of a cluster with its load. */
  nodes: NodeRegistry;
  liveRooms: RoomManager;
  rooms: RoomService;
  clientTokens: ClientTokenService;
  records: Records;
  auth: Authenticator;
  apiKeys: ApiKeyService;
  orchestrator: Orchestrator;
  participantMedia: ParticipantMediaSession;
  participants: ParticipantAccess;
  stats: ServerStats;
  /** Each live room's media figures, read once per period for all its watchers. */
  roomStats: RoomStats;
  /** Participant-minutes, sessions and recording minutes per day. */
  usage: Usage;
  moderation: Moderation;
  /** sendRoomMessage: an operator's messages to a live room. */
  operatorMessages: OperatorMessages;
  roomEvents: RoomEventStreams;
  webhooks: WebhookDeliveries;
  storage: MediaStorage;
  downloads: DownloadLinks;
  recordings: RecordingService;
  recordingStore: RecordingStore;
  compositions: Compositions;
  /** Media from outside (a file, a URL, an RTP sender) published by a participant the server runs. */
  ingresses: IngressService;
  revocations: TokenRevocations;
  /** When a credential stops being good: subscriptions opened with it end then. */
}

export interface ServiceOptions {
  /** In-process or Redis implementations of the ports (see node-ports.ts). */
  ports: Pick<NodePorts, 'bus' | 'directory' | 'placement' | 'nodes' | 'rpc'>;
  signingSecret: Uint8Array;
  configuredApiKey: string | undefined;
  media: MediaRooms;
  live: OrchestratorConfig;
  log: Logger;
  webhookSigner: WebhookSigner;
  webhookTargets: TargetPolicy;
  storage: MediaStorage;
  downloads: DownloadLinks;
  compositionsMaxConcurrent: number;
  ingress: IngressLimits;
  /** The server's base URL as clients reach it (PUBLIC_URL, or where it listens), for links such as a WHIP endpoint. */
  publicUrl?: () => string;
}

export function createServices(db: Kysely<Database>, opts: ServiceOptions): Services {
  const { signingSecret, configuredApiKey } = opts;
  const { bus, directory, placement, nodes } = opts.ports;
  const liveRooms = new RoomManager(bus, directory, placement, nodes);
  // Operations on a live room run on the node that runs it; the relay takes them there.
  const relay = new OwnerRelay(liveRooms, opts.ports.rpc);
  const events = new AccountEvents(db, bus);
  const tokens = new ClientTokens(signingSecret);
  const rooms = new RoomService(db, events, opts.webhookTargets);
  const records = new Records(db);
  const orchestrator = new Orchestrator(db, events, rooms, liveRooms, opts.media, opts.live, opts.log);
  const endSessionOnOwner = relay.define('endSession', ({ roomId }: { roomId: string }) => orchestrator.endSession(roomId, 'room_deleted', 'room_deleted'));
  rooms.attachLive({ endSession: (roomId) => endSessionOnOwner({ roomId }) });
  const participantMedia = new ParticipantMediaSession(orchestrator);
  const revocations = new TokenRevocations(db, bus);
  const clientTokens = new ClientTokenService(tokens, rooms, revocations);
  return {
    orchestrator,
    participantMedia,
    moderation: new Moderation(orchestrator, participantMedia, records, revocations, relay),
    operatorMessages: new OperatorMessages(orchestrator, rooms, relay),
    roomEvents: new RoomEventStreams(liveRooms, bus, relay),
    webhooks: new WebhookDeliveries(db, opts.webhookSigner, bus),
    storage: opts.storage,
    downloads: opts.downloads,
    recordings: new RecordingService(db, events, orchestrator, opts.storage, opts.downloads, opts.log),
    recordingStore: new RecordingStore(db, opts.storage),
    ingresses: new IngressService(db, events, rooms, orchestrator, opts.ingress, opts.log, relay, opts.publicUrl),
    compositions: createCompositions({
      db,
      events,
      bus,
      storage: opts.storage,
      downloads: opts.downloads,
      log: opts.log,
      maxConcurrent: opts.compositionsMaxConcurrent,
      webhookTargets: opts.webhookTargets,
    }),
    db,
    bus,
    events,
    directory,
    placement,
    nodes,
    liveRooms,
    rooms,
    clientTokens,
    participants: new ParticipantAccess(orchestrator, clientTokens),
    stats: new ServerStats({ db, live: orchestrator, workers: opts.media.pool, media: opts.media }, opts.log),
    roomStats: new RoomStats({ live: liveRooms, media: opts.media, rooms }, opts.log, relay),
    usage: new Usage(db),
    records,
    auth: new Authenticator(db, tokens, configuredApiKey),
    apiKeys: new ApiKeyService(db, bus),
    revocations,
  };
}
