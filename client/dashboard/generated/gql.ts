/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  subscription DashboardLiveCounts {\n    serverStats(intervalSecs: 5) {\n      liveRooms\n      liveParticipants\n    }\n  }\n": typeof types.DashboardLiveCountsDocument,
    "\n  query ApiKeysPageList {\n    apiKeys {\n      id\n      name\n      prefix\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n    viewer {\n      apiKeyId\n    }\n  }\n": typeof types.ApiKeysPageListDocument,
    "\n  mutation ApiKeysPageRevoke($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": typeof types.ApiKeysPageRevokeDocument,
    "\n  mutation ApiKeysPageCreate($name: String!) {\n    createApiKey(name: $name) {\n      __typename\n      ... on CreateApiKeyPayload {\n        created {\n          key\n          apiKey {\n            id\n            name\n          }\n        }\n      }\n      ... on UserError {\n        ...DashboardUserError\n      }\n    }\n  }\n": typeof types.ApiKeysPageCreateDocument,
    "\n  query CompositionsPageList($first: Int, $after: String, $last: Int, $before: String, $filter: CompositionFilter) {\n    compositions(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          status\n          progress\n          format\n          resolution\n          durationSecs\n          sizeMb\n          downloadUrl\n          failureReason\n          createdAt\n          completedAt\n          videoLayout {\n            name\n          }\n          room {\n            id\n            uniqueName\n          }\n          session {\n            id\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.CompositionsPageListDocument,
    "\n  mutation CompositionsPageDelete($id: ID!) {\n    deleteComposition(id: $id) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": typeof types.CompositionsPageDeleteDocument,
    "\n  subscription CompositionsPageProgress($id: ID!) {\n    composition(id: $id) {\n      id\n      status\n      progress\n      failureReason\n    }\n  }\n": typeof types.CompositionsPageProgressDocument,
    "\n  query CompositionEditorSession($id: ID!) {\n    roomSession(id: $id) {\n      id\n      active\n      createdAt\n      endedAt\n      room {\n        id\n        uniqueName\n      }\n      recordings(filter: { type: VIDEO, status: COMPLETED }, first: 250) {\n        edges {\n          node {\n            id\n            startedAt\n            streamKey\n            participant {\n              id\n              context\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CompositionEditorSessionDocument,
    "\n  mutation CompositionEditorCreate($input: CreateCompositionInput!) {\n    createComposition(input: $input) {\n      __typename\n      ... on CreateCompositionPayload {\n        composition {\n          id\n        }\n      }\n      ... on UserError {\n        ...DashboardUserError\n      }\n    }\n  }\n": typeof types.CompositionEditorCreateDocument,
    "\n  query CompositionEditorSessions($first: Int, $after: String, $last: Int, $before: String, $filter: RoomSessionFilter) {\n    roomSessions(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          createdAt\n          endedAt\n          room {\n            id\n            uniqueName\n          }\n          participants {\n            totalCount\n          }\n          videos: recordings(filter: { type: VIDEO, status: COMPLETED }) {\n            totalCount\n          }\n          pending: recordings(filter: { status: PROCESSING }) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.CompositionEditorSessionsDocument,
    "\n  query CompositionEditorRooms {\n    rooms(first: 100, filter: { includeDeleted: true }) {\n      totalCount\n      edges {\n        node {\n          id\n          uniqueName\n          deletedAt\n        }\n      }\n    }\n  }\n": typeof types.CompositionEditorRoomsDocument,
    "\n  query WebhooksPageDeliveries($first: Int, $after: String, $last: Int, $before: String, $filter: WebhookDeliveryFilter) {\n    webhookDeliveries(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          eventType\n          status\n          attempts\n          lastError\n          lastStatusCode\n          nextAttemptAt\n          createdAt\n          deliveredAt\n          deliveredTo\n          url\n          failoverUrl\n          room {\n            id\n            uniqueName\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebhooksPageDeliveriesDocument,
    "\n  subscription WebhooksPageAttempts($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter) {\n      id\n      status\n      attempts\n    }\n  }\n": typeof types.WebhooksPageAttemptsDocument,
    "\n  query WebhooksPageSigningKey {\n    webhookSigningKey {\n      algorithm\n      publicKey\n      publicKeyPem\n    }\n  }\n": typeof types.WebhooksPageSigningKeyDocument,
    "\n  fragment DashboardUserError on UserError {\n    code\n    message\n    field\n    ... on ValidationError {\n      fieldErrors {\n        field\n        message\n      }\n    }\n  }\n": typeof types.DashboardUserErrorFragmentDoc,
    "\n  subscription DashboardEventsFeed($filter: EventFilter) {\n    events(filter: $filter) {\n      id\n      eventType\n      roomId\n      occurredAt\n    }\n  }\n": typeof types.DashboardEventsFeedDocument,
    "\n  fragment DashboardPageInfo on PageInfo {\n    hasNextPage\n    hasPreviousPage\n    startCursor\n    endCursor\n  }\n": typeof types.DashboardPageInfoFragmentDoc,
};
const documents: Documents = {
    "\n  subscription DashboardLiveCounts {\n    serverStats(intervalSecs: 5) {\n      liveRooms\n      liveParticipants\n    }\n  }\n": types.DashboardLiveCountsDocument,
    "\n  query ApiKeysPageList {\n    apiKeys {\n      id\n      name\n      prefix\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n    viewer {\n      apiKeyId\n    }\n  }\n": types.ApiKeysPageListDocument,
    "\n  mutation ApiKeysPageRevoke($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": types.ApiKeysPageRevokeDocument,
    "\n  mutation ApiKeysPageCreate($name: String!) {\n    createApiKey(name: $name) {\n      __typename\n      ... on CreateApiKeyPayload {\n        created {\n          key\n          apiKey {\n            id\n            name\n          }\n        }\n      }\n      ... on UserError {\n        ...DashboardUserError\n      }\n    }\n  }\n": types.ApiKeysPageCreateDocument,
    "\n  query CompositionsPageList($first: Int, $after: String, $last: Int, $before: String, $filter: CompositionFilter) {\n    compositions(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          status\n          progress\n          format\n          resolution\n          durationSecs\n          sizeMb\n          downloadUrl\n          failureReason\n          createdAt\n          completedAt\n          videoLayout {\n            name\n          }\n          room {\n            id\n            uniqueName\n          }\n          session {\n            id\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": types.CompositionsPageListDocument,
    "\n  mutation CompositionsPageDelete($id: ID!) {\n    deleteComposition(id: $id) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": types.CompositionsPageDeleteDocument,
    "\n  subscription CompositionsPageProgress($id: ID!) {\n    composition(id: $id) {\n      id\n      status\n      progress\n      failureReason\n    }\n  }\n": types.CompositionsPageProgressDocument,
    "\n  query CompositionEditorSession($id: ID!) {\n    roomSession(id: $id) {\n      id\n      active\n      createdAt\n      endedAt\n      room {\n        id\n        uniqueName\n      }\n      recordings(filter: { type: VIDEO, status: COMPLETED }, first: 250) {\n        edges {\n          node {\n            id\n            startedAt\n            streamKey\n            participant {\n              id\n              context\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CompositionEditorSessionDocument,
    "\n  mutation CompositionEditorCreate($input: CreateCompositionInput!) {\n    createComposition(input: $input) {\n      __typename\n      ... on CreateCompositionPayload {\n        composition {\n          id\n        }\n      }\n      ... on UserError {\n        ...DashboardUserError\n      }\n    }\n  }\n": types.CompositionEditorCreateDocument,
    "\n  query CompositionEditorSessions($first: Int, $after: String, $last: Int, $before: String, $filter: RoomSessionFilter) {\n    roomSessions(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          createdAt\n          endedAt\n          room {\n            id\n            uniqueName\n          }\n          participants {\n            totalCount\n          }\n          videos: recordings(filter: { type: VIDEO, status: COMPLETED }) {\n            totalCount\n          }\n          pending: recordings(filter: { status: PROCESSING }) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": types.CompositionEditorSessionsDocument,
    "\n  query CompositionEditorRooms {\n    rooms(first: 100, filter: { includeDeleted: true }) {\n      totalCount\n      edges {\n        node {\n          id\n          uniqueName\n          deletedAt\n        }\n      }\n    }\n  }\n": types.CompositionEditorRoomsDocument,
    "\n  query WebhooksPageDeliveries($first: Int, $after: String, $last: Int, $before: String, $filter: WebhookDeliveryFilter) {\n    webhookDeliveries(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          eventType\n          status\n          attempts\n          lastError\n          lastStatusCode\n          nextAttemptAt\n          createdAt\n          deliveredAt\n          deliveredTo\n          url\n          failoverUrl\n          room {\n            id\n            uniqueName\n          }\n        }\n      }\n    }\n  }\n": types.WebhooksPageDeliveriesDocument,
    "\n  subscription WebhooksPageAttempts($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter) {\n      id\n      status\n      attempts\n    }\n  }\n": types.WebhooksPageAttemptsDocument,
    "\n  query WebhooksPageSigningKey {\n    webhookSigningKey {\n      algorithm\n      publicKey\n      publicKeyPem\n    }\n  }\n": types.WebhooksPageSigningKeyDocument,
    "\n  fragment DashboardUserError on UserError {\n    code\n    message\n    field\n    ... on ValidationError {\n      fieldErrors {\n        field\n        message\n      }\n    }\n  }\n": types.DashboardUserErrorFragmentDoc,
    "\n  subscription DashboardEventsFeed($filter: EventFilter) {\n    events(filter: $filter) {\n      id\n      eventType\n      roomId\n      occurredAt\n    }\n  }\n": types.DashboardEventsFeedDocument,
    "\n  fragment DashboardPageInfo on PageInfo {\n    hasNextPage\n    hasPreviousPage\n    startCursor\n    endCursor\n  }\n": types.DashboardPageInfoFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardLiveCounts {\n    serverStats(intervalSecs: 5) {\n      liveRooms\n      liveParticipants\n    }\n  }\n"): (typeof documents)["\n  subscription DashboardLiveCounts {\n    serverStats(intervalSecs: 5) {\n      liveRooms\n      liveParticipants\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeysPageList {\n    apiKeys {\n      id\n      name\n      prefix\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n    viewer {\n      apiKeyId\n    }\n  }\n"): (typeof documents)["\n  query ApiKeysPageList {\n    apiKeys {\n      id\n      name\n      prefix\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n    viewer {\n      apiKeyId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiKeysPageRevoke($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApiKeysPageRevoke($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiKeysPageCreate($name: String!) {\n    createApiKey(name: $name) {\n      __typename\n      ... on CreateApiKeyPayload {\n        created {\n          key\n          apiKey {\n            id\n            name\n          }\n        }\n      }\n      ... on UserError {\n        ...DashboardUserError\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApiKeysPageCreate($name: String!) {\n    createApiKey(name: $name) {\n      __typename\n      ... on CreateApiKeyPayload {\n        created {\n          key\n          apiKey {\n            id\n            name\n          }\n        }\n      }\n      ... on UserError {\n        ...DashboardUserError\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompositionsPageList($first: Int, $after: String, $last: Int, $before: String, $filter: CompositionFilter) {\n    compositions(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          status\n          progress\n          format\n          resolution\n          durationSecs\n          sizeMb\n          downloadUrl\n          failureReason\n          createdAt\n          completedAt\n          videoLayout {\n            name\n          }\n          room {\n            id\n            uniqueName\n          }\n          session {\n            id\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompositionsPageList($first: Int, $after: String, $last: Int, $before: String, $filter: CompositionFilter) {\n    compositions(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          status\n          progress\n          format\n          resolution\n          durationSecs\n          sizeMb\n          downloadUrl\n          failureReason\n          createdAt\n          completedAt\n          videoLayout {\n            name\n          }\n          room {\n            id\n            uniqueName\n          }\n          session {\n            id\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompositionsPageDelete($id: ID!) {\n    deleteComposition(id: $id) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CompositionsPageDelete($id: ID!) {\n    deleteComposition(id: $id) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CompositionsPageProgress($id: ID!) {\n    composition(id: $id) {\n      id\n      status\n      progress\n      failureReason\n    }\n  }\n"): (typeof documents)["\n  subscription CompositionsPageProgress($id: ID!) {\n    composition(id: $id) {\n      id\n      status\n      progress\n      failureReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompositionEditorSession($id: ID!) {\n    roomSession(id: $id) {\n      id\n      active\n      createdAt\n      endedAt\n      room {\n        id\n        uniqueName\n      }\n      recordings(filter: { type: VIDEO, status: COMPLETED }, first: 250) {\n        edges {\n          node {\n            id\n            startedAt\n            streamKey\n            participant {\n              id\n              context\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompositionEditorSession($id: ID!) {\n    roomSession(id: $id) {\n      id\n      active\n      createdAt\n      endedAt\n      room {\n        id\n        uniqueName\n      }\n      recordings(filter: { type: VIDEO, status: COMPLETED }, first: 250) {\n        edges {\n          node {\n            id\n            startedAt\n            streamKey\n            participant {\n              id\n              context\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompositionEditorCreate($input: CreateCompositionInput!) {\n    createComposition(input: $input) {\n      __typename\n      ... on CreateCompositionPayload {\n        composition {\n          id\n        }\n      }\n      ... on UserError {\n        ...DashboardUserError\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CompositionEditorCreate($input: CreateCompositionInput!) {\n    createComposition(input: $input) {\n      __typename\n      ... on CreateCompositionPayload {\n        composition {\n          id\n        }\n      }\n      ... on UserError {\n        ...DashboardUserError\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompositionEditorSessions($first: Int, $after: String, $last: Int, $before: String, $filter: RoomSessionFilter) {\n    roomSessions(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          createdAt\n          endedAt\n          room {\n            id\n            uniqueName\n          }\n          participants {\n            totalCount\n          }\n          videos: recordings(filter: { type: VIDEO, status: COMPLETED }) {\n            totalCount\n          }\n          pending: recordings(filter: { status: PROCESSING }) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompositionEditorSessions($first: Int, $after: String, $last: Int, $before: String, $filter: RoomSessionFilter) {\n    roomSessions(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          createdAt\n          endedAt\n          room {\n            id\n            uniqueName\n          }\n          participants {\n            totalCount\n          }\n          videos: recordings(filter: { type: VIDEO, status: COMPLETED }) {\n            totalCount\n          }\n          pending: recordings(filter: { status: PROCESSING }) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompositionEditorRooms {\n    rooms(first: 100, filter: { includeDeleted: true }) {\n      totalCount\n      edges {\n        node {\n          id\n          uniqueName\n          deletedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompositionEditorRooms {\n    rooms(first: 100, filter: { includeDeleted: true }) {\n      totalCount\n      edges {\n        node {\n          id\n          uniqueName\n          deletedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhooksPageDeliveries($first: Int, $after: String, $last: Int, $before: String, $filter: WebhookDeliveryFilter) {\n    webhookDeliveries(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          eventType\n          status\n          attempts\n          lastError\n          lastStatusCode\n          nextAttemptAt\n          createdAt\n          deliveredAt\n          deliveredTo\n          url\n          failoverUrl\n          room {\n            id\n            uniqueName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhooksPageDeliveries($first: Int, $after: String, $last: Int, $before: String, $filter: WebhookDeliveryFilter) {\n    webhookDeliveries(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...DashboardPageInfo\n      }\n      edges {\n        node {\n          id\n          eventType\n          status\n          attempts\n          lastError\n          lastStatusCode\n          nextAttemptAt\n          createdAt\n          deliveredAt\n          deliveredTo\n          url\n          failoverUrl\n          room {\n            id\n            uniqueName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WebhooksPageAttempts($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter) {\n      id\n      status\n      attempts\n    }\n  }\n"): (typeof documents)["\n  subscription WebhooksPageAttempts($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter) {\n      id\n      status\n      attempts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhooksPageSigningKey {\n    webhookSigningKey {\n      algorithm\n      publicKey\n      publicKeyPem\n    }\n  }\n"): (typeof documents)["\n  query WebhooksPageSigningKey {\n    webhookSigningKey {\n      algorithm\n      publicKey\n      publicKeyPem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardUserError on UserError {\n    code\n    message\n    field\n    ... on ValidationError {\n      fieldErrors {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment DashboardUserError on UserError {\n    code\n    message\n    field\n    ... on ValidationError {\n      fieldErrors {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardEventsFeed($filter: EventFilter) {\n    events(filter: $filter) {\n      id\n      eventType\n      roomId\n      occurredAt\n    }\n  }\n"): (typeof documents)["\n  subscription DashboardEventsFeed($filter: EventFilter) {\n    events(filter: $filter) {\n      id\n      eventType\n      roomId\n      occurredAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardPageInfo on PageInfo {\n    hasNextPage\n    hasPreviousPage\n    startCursor\n    endCursor\n  }\n"): (typeof documents)["\n  fragment DashboardPageInfo on PageInfo {\n    hasNextPage\n    hasPreviousPage\n    startCursor\n    endCursor\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;