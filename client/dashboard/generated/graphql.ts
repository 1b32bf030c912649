/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type EventFilter = {
  /** Only these event types. */
  eventTypes?: Array<string> | null | undefined;
  /** Only events of this room. */
  roomId?: string | number | null | undefined;
};

export type DashboardLiveCountsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashboardLiveCountsSubscription = { serverStats: { liveRooms: number, liveParticipants: number } };

export type DashboardEventsFeedSubscriptionVariables = Exact<{
  filter?: EventFilter | null | undefined;
}>;


export type DashboardEventsFeedSubscription = { events: { id: string, eventType: string, roomId: string | null, occurredAt: string } };


export const DashboardLiveCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DashboardLiveCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serverStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"intervalSecs"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveRooms"}},{"kind":"Field","name":{"kind":"Name","value":"liveParticipants"}}]}}]}}]} as unknown as DocumentNode<DashboardLiveCountsSubscription, DashboardLiveCountsSubscriptionVariables>;
export const DashboardEventsFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DashboardEventsFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"roomId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]}}]} as unknown as DocumentNode<DashboardEventsFeedSubscription, DashboardEventsFeedSubscriptionVariables>;