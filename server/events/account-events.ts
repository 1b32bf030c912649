import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { insertEvent } from '../../db/events.js';
import type { Database } from '../../db/types.js';
import { enqueueWebhook, type WebhookDestination } from '../webhooks/outbox.js';
import type { AccountEvent, AccountEventPayloads, AccountEventType } from './catalog.js';
import { feedItem, matchesFilter, type EventFilter, type VideoEventRecord } from './feed.js';
import type { DomainBus } from './topics.js';
import { PushStream } from '../shared/push-stream.js';

export type { EventFilter, VideoEventRecord };

/**
 * Records an account event in the transaction at hand; it goes to the room's webhook URLs unless
 * `destination` names others. Typed by event name: a payload that does not fit its name does not compile.
 */
export type Emit = <K extends AccountEventType>(eventType: K, roomId: string | null, payload: AccountEventPayloads[K], destination?: WebhookDestination) => Promise<void>;

/**
 * The account feed's single entry: events are written in the same transaction as the change they
 * describe, and reach the bus only after that transaction commits, so nobody hears of a change
 * that was rolled back and nothing committed goes unrecorded.
 */
export class AccountEvents {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: DomainBus,
  ) {}

  async transaction<T>(work: (trx: Transaction<Database>, emit: Emit) => Promise<T>): Promise<T> {
    const emitted: VideoEventRecord[] = [];
    let webhooksQueued = false;
    const result = await this.db.transaction().execute(async (trx) => {
      const emit: Emit = async (type, roomId, payload, destination) => {
        const event = { type, roomId, payload } as AccountEvent;
        const row = await insertEvent(trx, { id: uuidv7(), event_type: type, room_id: roomId, occurred_at: new Date(), payload });
        if (await enqueueWebhook(trx, { id: row.id, roomId, at: row.occurred_at }, destination)) webhooksQueued = true;
        emitted.push(feedItem(event, row));
      };
      return work(trx, emit);
    });
    for (const event of emitted) this.bus.publish('account', event.roomId ?? '', event);
    if (webhooksQueued) this.bus.publish('webhooksQueued', '', null);
    return result;
  }

  /** Called after a commit that queued webhook deliveries (the dispatcher wakes up). */
  onWebhooksQueued(fn: () => void): () => void {
    return this.bus.subscribe('webhooksQueued', null, fn);
  }

  /** The feed from now on, as the `events` subscription streams it. */
  subscribe(f: EventFilter): AsyncIterable<VideoEventRecord> {
    const wanted = matchesFilter(f);
    let unsubscribe = () => {};
    const stream = new PushStream<VideoEventRecord>(() => unsubscribe());
    unsubscribe = this.bus.subscribe('account', f.roomId || null, (e) => {
      if (wanted(e)) stream.push(e);
    });
    return stream;
  }
}
