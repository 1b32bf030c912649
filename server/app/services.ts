import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { ApiKeyService } from '../access/api-key-service.js';
import { AccessSignals } from '../access/access-signals.js';
import { TokenRevocations } from '../access/token-revocations.js';
import { Authenticator } from '../access/auth.js';
import { ClientTokens } from '../access/client-token-signer.js';
import { ClientTokenService } from '../access/client-token-service.js';
import { EventBus } from '../events/event-bus.js';
import type { Logger } from './logger.js';
import { Moderation } from '../live/moderation.js';
import { Orchestrator, type OrchestratorConfig } from '../live/orchestrator.js';
import { ParticipantMedia } from '../live/participant-media.js';
import { RoomEventStreams } from '../live/room-event-stream.js';
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

/** Everything the schema's resolvers may call; built once per server. */
export interface Services {
  db: Kysely<Database>;
  events: EventBus;
  rooms: RoomService;
  clientTokens: ClientTokenService;
  records: Records;
  auth: Authenticator;
  apiKeys: ApiKeyService;
  orchestrator: Orchestrator;
  participantMedia: ParticipantMedia;
  moderation: Moderation;
  roomEvents: RoomEventStreams;
  webhooks: WebhookDeliveries;
  storage: MediaStorage;
  downloads: DownloadLinks;
  recordings: RecordingService;
  recordingStore: RecordingStore;
  compositions: Compositions;
  revocations: TokenRevocations;
  /** When a credential stops being good: subscriptions opened with it end then. */
  access: AccessSignals;
}

export interface ServiceOptions {
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
}

export function createServices(db: Kysely<Database>, opts: ServiceOptions): Services {
  const { signingSecret, configuredApiKey } = opts;
  const events = new EventBus(db);
  const tokens = new ClientTokens(signingSecret);
  const rooms = new RoomService(db, events, opts.webhookTargets);
  const records = new Records(db);
  const orchestrator = new Orchestrator(db, events, rooms, opts.media, opts.live, opts.log);
  rooms.attachLive(orchestrator);
  const participantMedia = new ParticipantMedia(orchestrator);
  const revocations = new TokenRevocations(db);
  const access = new AccessSignals(revocations);
  return {
    orchestrator,
    participantMedia,
    moderation: new Moderation(orchestrator, participantMedia, records, revocations),
    roomEvents: new RoomEventStreams(orchestrator),
    webhooks: new WebhookDeliveries(db, opts.webhookSigner),
    storage: opts.storage,
    downloads: opts.downloads,
    recordings: new RecordingService(db, events, orchestrator, opts.storage, opts.downloads, opts.log),
    recordingStore: new RecordingStore(db, opts.storage),
    compositions: createCompositions({ db, events, storage: opts.storage, downloads: opts.downloads, log: opts.log, maxConcurrent: opts.compositionsMaxConcurrent, webhookTargets: opts.webhookTargets }),
    db,
    events,
    rooms,
    clientTokens: new ClientTokenService(tokens, rooms, revocations),
    records,
    auth: new Authenticator(db, tokens, configuredApiKey),
    apiKeys: new ApiKeyService(db, access),
    revocations,
    access,
  };
}
