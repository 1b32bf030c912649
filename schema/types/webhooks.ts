import type { WebhookDeliveryRow } from '../../db/types.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../server/webhooks/signing.js';
import { builder } from '../builder.js';
import { queryFilter } from '../filters.js';
import { pageArgs, pageRequest, toConnection } from '../pagination.js';
import { RoomRef } from './refs.js';

const DeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  values: {
    PENDING: { value: 'pending', description: 'Not delivered yet; retried at `nextAttemptAt`.' },
    DELIVERED: { value: 'delivered', description: 'A receiver answered 2xx.' },
    FAILED: { value: 'failed', description: 'Given up after the last retry; `lastError` says why.' },
  } as const,
});

const DeliveryRef = builder.objectRef<WebhookDeliveryRow>('WebhookDelivery').implement({
  description: 'One event on its way to a webhook URL.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'UUID of the delivery.' }),
    eventId: t.exposeID('event_id', { description: 'The event delivered (as in the events feed).' }),
    eventType: t.string({
      description: 'Its type, such as `video.room.participant.joined`.',
      resolve: async (d, _a, ctx) => (await ctx.services.webhooks.event(d.event_id))!.event_type,
    }),
    roomId: t.exposeID('room_id', { nullable: true, description: 'The room the event concerns.' }),
    room: t.field({
      type: RoomRef,
      nullable: true,
      description: 'The room the event concerns, deleted or not; null for an event of no room.',
      resolve: async (d, _a, ctx) => (d.room_id ? ((await ctx.services.webhooks.room(d.room_id)) ?? null) : null),
    }),
    url: t.exposeString('url', { description: 'The primary URL.' }),
    failoverUrl: t.exposeString('failover_url', { nullable: true, description: 'Tried as soon as the primary fails.' }),
    status: t.field({ type: DeliveryStatusEnum, description: 'Where it stands.', resolve: (d) => d.status }),
    attempts: t.exposeInt('attempts', { description: 'Attempts made (each tries the primary, then the failover).' }),
    lastError: t.exposeString('last_error', { nullable: true, description: 'Why the last attempt failed.' }),
    lastStatusCode: t.exposeInt('last_status_code', { nullable: true, description: 'HTTP status of the last answer, if any.' }),
    deliveredTo: t.exposeString('delivered_to', { nullable: true, description: '`primary` or `failover`.' }),
    nextAttemptAt: t.field({ type: 'DateTime', nullable: true, description: 'When it is tried again (pending only).', resolve: (d) => (d.status === 'pending' ? d.next_attempt_at : null) }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was queued (with its event).' }),
    deliveredAt: t.expose('delivered_at', { type: 'DateTime', nullable: true, description: 'When a receiver took it.' }),
  }),
});

const DeliveryConnection = builder.connectionObject({ type: DeliveryRef, name: 'WebhookDeliveryConnection' });

const DeliveryFilterInput = builder.inputType('WebhookDeliveryFilter', {
  fields: (t) => ({
    roomId: t.id({ description: 'Only deliveries of this room’s events.' }),
    eventId: t.id({ description: 'Only deliveries of this event.' }),
    status: t.field({ type: DeliveryStatusEnum, description: 'Only deliveries in this status.' }),
  }),
});

const SigningKeyRef = builder.objectRef<{ publicKey: string; publicKeyPem: string }>('WebhookSigningKey').implement({
  description: `Webhooks carry the headers \`${SIGNATURE_HEADER}\` (base64 Ed25519 signature) and \`${TIMESTAMP_HEADER}\` (Unix seconds); the signature covers \`<timestamp>|<raw body>\`.`,
  fields: (t) => ({
    algorithm: t.string({ description: 'Always `ed25519`.', resolve: () => 'ed25519' }),
    publicKey: t.exposeString('publicKey', { description: 'The raw 32-byte public key, base64.' }),
    publicKeyPem: t.exposeString('publicKeyPem', { description: 'The same key as SPKI PEM.' }),
  }),
});

builder.queryFields((t) => ({
  webhookDeliveries: t.field({
    type: DeliveryConnection,
    authScopes: { apiKey: true },
    description: 'Webhook deliveries, newest first: status, attempts, last error and response code.',
    args: { ...pageArgs, filter: t.arg({ type: DeliveryFilterInput, description: 'Which deliveries; all when left out.' }) },
    resolve: async (_root, args, ctx, info) => toConnection(await ctx.services.webhooks.list(queryFilter(args.filter, info), pageRequest(args, info))),
  }),
  webhookSigningKey: t.field({
    type: SigningKeyRef,
    authScopes: { apiKey: true },
    description: 'The public key that verifies webhook signatures.',
    resolve: (_root, _args, ctx) => ({ publicKey: ctx.services.webhooks.signer.publicKeyBase64, publicKeyPem: ctx.services.webhooks.signer.publicKeyPem }),
  }),
}));

builder.subscriptionFields((t) => ({
  webhookDeliveries: t.field({
    type: DeliveryRef,
    authScopes: { apiKey: true },
    description:
      'Each delivery as an attempt is recorded from now on: delivered, to be retried at `nextAttemptAt`, or failed. ' +
      'A delivery is queued with its event (the `events` feed), before its first attempt.',
    args: { filter: t.arg({ type: DeliveryFilterInput, description: 'Which deliveries; all when left out.' }) },
    subscribe: (_root, args, ctx, info) => ctx.services.webhooks.watch(queryFilter(args.filter, info)),
    resolve: (d) => d,
  }),
}));
