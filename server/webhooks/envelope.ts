import type { EventRow } from '../../db/types.js';

/** Telnyx's webhook body: `{data: {record_type, event_type, id, occurred_at, payload}, meta}`. */
export function webhookBody(event: Pick<EventRow, 'id' | 'event_type' | 'occurred_at' | 'payload'>, meta: { attempt: number; deliveredTo: string }): string {
  return JSON.stringify({
    data: {
      record_type: 'event',
      event_type: event.event_type,
      id: event.id,
      occurred_at: event.occurred_at.toISOString(),
      payload: event.payload,
    },
    meta: { attempt: meta.attempt, delivered_to: meta.deliveredTo },
  });
}
