/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Stable codes of expected failures, for programs to branch on. */
export type ErrorCode =
  /** The change clashes with an existing object (such as a room name in use). */
  | 'CONFLICT'
  /** The credential is valid but may not do this. */
  | 'FORBIDDEN'
  /** A token given as an argument was refused; `reason` says why. */
  | 'INVALID_TOKEN'
  /** The media server refused the request; `reason` says why. */
  | 'MEDIA_ERROR'
  /** The object named by an argument does not exist. */
  | 'NOT_FOUND'
  /** A participant operation on a connection that is not in the room (join first, over the WebSocket). */
  | 'NOT_JOINED'
  /** The room has been deleted: it cannot be changed, joined or given tokens. */
  | 'ROOM_DELETED'
  /** The room already holds `maxParticipants` participants. */
  | 'ROOM_FULL'
  /** The session has ended. */
  | 'SESSION_ENDED'
  /** No valid credential (top-level errors only). */
  | 'UNAUTHENTICATED'
  /** An argument or input field has a value that is not allowed; nothing was changed. */
  | 'VALIDATION_FAILED';

export type EventFilter = {
  /** Only these event types. */
  eventTypes?: Array<string> | null | undefined;
  /** Only events of this room. */
  roomId?: string | number | null | undefined;
};

export type WebhookDeliveryFilter = {
  /** Only deliveries of this event. */
  eventId?: string | number | null | undefined;
  /** Only deliveries of this room’s events. */
  roomId?: string | number | null | undefined;
  /** Only deliveries in this status. */
  status?: WebhookDeliveryStatus | null | undefined;
};

export type WebhookDeliveryStatus =
  /** A receiver answered 2xx. */
  | 'DELIVERED'
  /** Given up after the last retry; `lastError` says why. */
  | 'FAILED'
  /** Not delivered yet; retried at `nextAttemptAt`. */
  | 'PENDING';

export type DashboardLiveCountsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashboardLiveCountsSubscription = { serverStats: { liveRooms: number, liveParticipants: number } };

export type ApiKeysPageListQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiKeysPageListQuery = { apiKeys: Array<{ id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }>, viewer: { apiKeyId: string | null } };

export type ApiKeysPageRevokeMutationVariables = Exact<{
  id: string | number;
}>;


export type ApiKeysPageRevokeMutation = { revokeApiKey:
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RevokeApiKeyPayload' }
    | { __typename: 'ValidationError', message: string }
   | null };

export type ApiKeysPageCreateMutationVariables = Exact<{
  name: string;
}>;


export type ApiKeysPageCreateMutation = { createApiKey:
    | { __typename: 'CreateApiKeyPayload', created: { key: string, apiKey: { id: string, name: string } } }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null, fieldErrors: Array<{ field: string, message: string }> }
   | null };

export type WebhooksPageDeliveriesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: WebhookDeliveryFilter | null | undefined;
}>;


export type WebhooksPageDeliveriesQuery = { webhookDeliveries: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ node: { id: string, eventType: string, status: WebhookDeliveryStatus, attempts: number, lastError: string | null, lastStatusCode: number | null, nextAttemptAt: string | null, createdAt: string, deliveredAt: string | null, deliveredTo: string | null, url: string, failoverUrl: string | null, room: { id: string, uniqueName: string | null } | null } }> } };

export type WebhooksPageAttemptsSubscriptionVariables = Exact<{
  filter?: WebhookDeliveryFilter | null | undefined;
}>;


export type WebhooksPageAttemptsSubscription = { webhookDeliveries: { id: string, status: WebhookDeliveryStatus, attempts: number } };

export type WebhooksPageSigningKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhooksPageSigningKeyQuery = { webhookSigningKey: { algorithm: string, publicKey: string, publicKeyPem: string } };

type DashboardUserError_ConflictError_Fragment = { code: ErrorCode, message: string, field: string | null };

type DashboardUserError_ForbiddenError_Fragment = { code: ErrorCode, message: string, field: string | null };

type DashboardUserError_InvalidTokenError_Fragment = { code: ErrorCode, message: string, field: string | null };

type DashboardUserError_MediaRequestError_Fragment = { code: ErrorCode, message: string, field: string | null };

type DashboardUserError_NotFoundError_Fragment = { code: ErrorCode, message: string, field: string | null };

type DashboardUserError_NotJoinedError_Fragment = { code: ErrorCode, message: string, field: string | null };

type DashboardUserError_RoomDeletedError_Fragment = { code: ErrorCode, message: string, field: string | null };

type DashboardUserError_RoomFullError_Fragment = { code: ErrorCode, message: string, field: string | null };

type DashboardUserError_SessionEndedError_Fragment = { code: ErrorCode, message: string, field: string | null };

type DashboardUserError_ValidationError_Fragment = { code: ErrorCode, message: string, field: string | null, fieldErrors: Array<{ field: string, message: string }> };

export type DashboardUserErrorFragment =
  | DashboardUserError_ConflictError_Fragment
  | DashboardUserError_ForbiddenError_Fragment
  | DashboardUserError_InvalidTokenError_Fragment
  | DashboardUserError_MediaRequestError_Fragment
  | DashboardUserError_NotFoundError_Fragment
  | DashboardUserError_NotJoinedError_Fragment
  | DashboardUserError_RoomDeletedError_Fragment
  | DashboardUserError_RoomFullError_Fragment
  | DashboardUserError_SessionEndedError_Fragment
  | DashboardUserError_ValidationError_Fragment
;

export type DashboardEventsFeedSubscriptionVariables = Exact<{
  filter?: EventFilter | null | undefined;
}>;


export type DashboardEventsFeedSubscription = { events: { id: string, eventType: string, roomId: string | null, occurredAt: string } };

export type DashboardPageInfoFragment = { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null };

export const DashboardUserErrorFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashboardUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardUserErrorFragment, unknown>;
export const DashboardPageInfoFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashboardPageInfo"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<DashboardPageInfoFragment, unknown>;
export const DashboardLiveCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DashboardLiveCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serverStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"intervalSecs"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveRooms"}},{"kind":"Field","name":{"kind":"Name","value":"liveParticipants"}}]}}]}}]} as unknown as DocumentNode<DashboardLiveCountsSubscription, DashboardLiveCountsSubscriptionVariables>;
export const ApiKeysPageListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiKeysPageList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeyId"}}]}}]}}]} as unknown as DocumentNode<ApiKeysPageListQuery, ApiKeysPageListQueryVariables>;
export const ApiKeysPageRevokeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApiKeysPageRevoke"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ApiKeysPageRevokeMutation, ApiKeysPageRevokeMutationVariables>;
export const ApiKeysPageCreateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApiKeysPageCreate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashboardUserError"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashboardUserError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ApiKeysPageCreateMutation, ApiKeysPageCreateMutationVariables>;
export const WebhooksPageDeliveriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhooksPageDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDeliveryFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DashboardPageInfo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredTo"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"failoverUrl"}},{"kind":"Field","name":{"kind":"Name","value":"room"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uniqueName"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DashboardPageInfo"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<WebhooksPageDeliveriesQuery, WebhooksPageDeliveriesQueryVariables>;
export const WebhooksPageAttemptsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebhooksPageAttempts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDeliveryFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}}]}}]}}]} as unknown as DocumentNode<WebhooksPageAttemptsSubscription, WebhooksPageAttemptsSubscriptionVariables>;
export const WebhooksPageSigningKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhooksPageSigningKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookSigningKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"algorithm"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}},{"kind":"Field","name":{"kind":"Name","value":"publicKeyPem"}}]}}]}}]} as unknown as DocumentNode<WebhooksPageSigningKeyQuery, WebhooksPageSigningKeyQueryVariables>;
export const DashboardEventsFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DashboardEventsFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"roomId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]}}]} as unknown as DocumentNode<DashboardEventsFeedSubscription, DashboardEventsFeedSubscriptionVariables>;