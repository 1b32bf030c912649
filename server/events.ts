import type { Kysely, Transaction } from 'kysely';
import { createPubSub, filter, pipe } from 'graphql-yoga';
import { v7 as uuidv7 } from 'uuid';
import { insertEvent } from '../db/events.js';
import type { Database } from '../db/types.js';

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

export type Emit = (eventType: string, roomId: string | null, payload: Record<string, unknown>) => Promise<void>;

/**
 * The feed's single entry: events are written in the same transaction as the change they
 * describe, and reach live subscribers only after that transaction commits, so nobody hears
 * of a change that was rolled back and nothing committed goes unrecorded.
 */
export class EventBus {
  private readonly pubsub = createPubSub<{ event: [VideoEventRecord] }>();

  constructor(private readonly db: Kysely<Database>) {}

  async transaction<T>(work: (trx: Transaction<Database>, emit: Emit) => Promise<T>): Promise<T> {
    const emitted: VideoEventRecord[] = [];
    const result = await this.db.transaction().execute(async (trx) => {
      const emit: Emit = async (eventType, roomId, payload) => {
        const row = await insertEvent(trx, { id: uuidv7(), event_type: eventType, room_id: roomId, occurred_at: new Date(), payload });
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
    return result;
  }

  subscribe(f: EventFilter): AsyncIterable<VideoEventRecord> {
    const types = f.eventTypes?.length ? new Set(f.eventTypes) : undefined;
    return pipe(
      this.pubsub.subscribe('event'),
      filter((e: VideoEventRecord) => (!types || types.has(e.eventType)) && (!f.roomId || e.roomId === f.roomId)),
    );
  }
}
