import type { CompositionJobRow } from '../../db/compositions.js';
import type { WebhookDeliveryRow } from '../../db/types.js';
import type { EventBus } from '../ports/event-bus.js';
import type { RoomEventRecord } from './catalog.js';
import type { VideoEventRecord } from './feed.js';

/** What the server's one bus carries, topic by topic, and what each topic's key is. */
export interface DomainTopics {
  /** Account events once recorded; key: the room id, or '' for none. */
  account: VideoEventRecord;
  /** Room deltas in the room's order; key: the room id. */
  room: RoomEventRecord;
  /** A commit queued webhook deliveries (the dispatcher wakes up); key: ''. */
  webhooksQueued: null;
  /** A webhook delivery attempt was recorded (the delivery as it now stands); key: the room id, or '' for none. */
  webhookAttempt: WebhookDeliveryRow;
  /** A composition's status or progress changed, or it was deleted; key: the composition id. */
  composition: CompositionChange;
  /** An API key was revoked: what was opened with it ends; key: the key's id. */
  apiKeyRevoked: null;
  /** A client-token family was revoked (its participant kicked): what was opened with it ends; key: the family id. */
  tokenFamilyRevoked: null;
}

export type CompositionChange = { kind: 'updated'; row: CompositionJobRow } | { kind: 'deleted'; id: string };

export type DomainBus = EventBus<DomainTopics>;
