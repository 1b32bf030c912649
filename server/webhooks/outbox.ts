import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { webhookSettings } from '../../db/rooms.js';
import { enqueueDelivery } from '../../db/webhook-deliveries.js';
import type { Database, RoomRow } from '../../db/types.js';

/** Where an event is POSTed. Room events go to the room's URLs; a composition has its own. */
export interface WebhookDestination {
  url: string | null;
  failoverUrl: string | null;
  timeoutSecs: number | null;
}

type RoomWebhookSettings = Pick<RoomRow, 'webhook_event_url' | 'webhook_event_failover_url' | 'webhook_timeout_secs'>;

/** The room's own URLs, from a row already at hand (a room just written need not be read back). */
export function roomWebhookDestination(room: RoomWebhookSettings): WebhookDestination {
  return { url: room.webhook_event_url, failoverUrl: room.webhook_event_failover_url, timeoutSecs: room.webhook_timeout_secs };
}

async function roomDestination(trx: Transaction<Database>, roomId: string): Promise<WebhookDestination | undefined> {
  const room = await webhookSettings(trx, roomId);
  return room && roomWebhookDestination(room);
}

/** Queues the event for delivery in the transaction that records it; returns whether one was queued. */
export async function enqueueWebhook(trx: Transaction<Database>, event: { id: string; roomId: string | null; at: Date }, destination?: WebhookDestination): Promise<boolean> {
  const to = destination ?? (event.roomId ? await roomDestination(trx, event.roomId) : undefined);
  const url = to?.url ?? to?.failoverUrl;
  if (!to || !url) return false;
  await enqueueDelivery(trx, {
    id: uuidv7(),
    event_id: event.id,
    room_id: event.roomId,
    url,
    failover_url: to.url ? to.failoverUrl : null,
    timeout_secs: to.timeoutSecs,
    at: event.at,
  });
  return true;
}
