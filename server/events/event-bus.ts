import type { Kysely, Transaction } from 'kysely';
import { createPubSub, filter, pipe } from 'graphql-yoga';
import { v7 as uuidv7 } from 'uuid';
import { insertEvent } from '../../db/events.js';
import type { Database } from '../../db/types.js';
import { enqueueWebhook, type WebhookDestination } from '../webhooks/outbox.js';

/**
 * One event of the account-wide feed, named as Telnyx's webhooks name them
 * (`video.room.session.started`, ...), with a snake_case payload as Telnyx sends it.
 */
export interface VideoEventRecord {
  id: string;
  seq: number;
  eventType: string;
  roomId: string | null;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

export interface EventFilter {
  eventTypes?: readonly string[] | null;
  roomId?: string | null;
}

/** Records an event; it goes to the room's webhook URLs unless `destination` names others. */
export type Emit = (eventType: string, roomId: string | null, payload: Record<string, unknown>, destination?: WebhookDestination) => Promise<void>;

/**
 * The feed's single entry: events are written in the same transaction as the change they
 * describe, and reach live subscribers only after that transaction commits, so nobody hears
 * of a change that was rolled back and nothing committed goes unrecorded.
 */
export class EventBus {
  private readonly pubsub = createPubSub<{ event: [VideoEventRecord] }>();
  private readonly webhookListeners = new Set<() => void>();

  constructor(private readonly db: Kysely<Database>) {}

  async transaction<T>(work: (trx: Transaction<Database>, emit: Emit) => Promise<T>): Promise<T> {
    const emitted: VideoEventRecord[] = [];
    let webhooksQueued = false;
    const result = await this.db.transaction().execute(async (trx) => {
      const emit: Emit = async (eventType, roomId, payload, destination) => {
        const row = await insertEvent(trx, { id: uuidv7(), event_type: eventType, room_id: roomId, occurred_at: new Date(), payload });
        if (await enqueueWebhook(trx, { id: row.id, roomId, at: row.occurred_at }, destination)) webhooksQueued = true;
        emitted.push({
          id: row.id,
          seq: Number(row.seq),
          eventType: row.event_type,
          roomId: row.room_id,
          occurredAt: row.occurred_at,
          payload: payload,
        });
      };
      return work(trx, emit);
    });
    for (const event of emitted) this.pubsub.publish('event', event);
    if (webhooksQueued) for (const wake of this.webhookListeners) wake();
    return result;
  }

  /** Called after a commit that queued webhook deliveries (the dispatcher wakes up). */
  onWebhooksQueued(fn: () => void): () => void {
    this.webhookListeners.add(fn);
    return () => this.webhookListeners.delete(fn);
  }

  subscribe(f: EventFilter): AsyncIterable<VideoEventRecord> {
    const types = f.eventTypes?.length ? new Set(f.eventTypes) : undefined;
    return pipe(
      this.pubsub.subscribe('event'),
      filter((e: VideoEventRecord) => (!types || types.has(e.eventType)) && (!f.roomId || e.roomId === f.roomId)),
    );
  }
}
