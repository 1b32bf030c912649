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
    "\n  query RecordingsPageBulkCount($filter: RecordingFilter!, $inProgress: RecordingFilter!, $countInProgress: Boolean!) {\n    matching: recordings(filter: $filter, first: 1) {\n      totalCount\n    }\n    inProgress: recordings(filter: $inProgress, first: 1) @include(if: $countInProgress) {\n      totalCount\n    }\n  }\n": typeof types.RecordingsPageBulkCountDocument,
    "\n  mutation RecordingsPageBulkDelete($filter: RecordingFilter!, $all: Boolean) {\n    deleteRecordings(filter: $filter, all: $all) {\n      __typename\n      ... on UserError {\n        code\n        message\n        field\n      }\n      ... on DeleteRecordingsPayload {\n        count\n      }\n    }\n  }\n": typeof types.RecordingsPageBulkDeleteDocument,
    "\n  mutation RecordingsPageDelete($id: ID!) {\n    deleteRecording(id: $id) {\n      __typename\n      ... on UserError {\n        code\n        message\n        field\n      }\n      ... on DeleteRecordingPayload {\n        recording {\n          id\n        }\n      }\n    }\n  }\n": typeof types.RecordingsPageDeleteDocument,
    "\n  query RecordingsPagePlayer($id: ID!) {\n    recording(id: $id) {\n      id\n      type\n      status\n      codec\n      streamKey\n      durationSecs\n      sizeMb\n      startedAt\n      downloadUrl\n      participant {\n        id\n        context\n      }\n    }\n  }\n": typeof types.RecordingsPagePlayerDocument,
    "\n  query RecordingsPageList($filter: RecordingFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    recordings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          id\n          type\n          status\n          codec\n          streamKey\n          startedAt\n          endedAt\n          durationSecs\n          sizeMb\n          failureReason\n          downloadUrl\n          downloadUrlExpiresAt\n          participant {\n            id\n            context\n          }\n          session {\n            id\n            createdAt\n          }\n          room {\n            ...RecordsRoomName\n          }\n        }\n      }\n    }\n  }\n": typeof types.RecordingsPageListDocument,
    "\n  query RecordingsPageFreshLink($id: ID!) {\n    recording(id: $id) {\n      id\n      downloadUrl\n      downloadUrlExpiresAt\n    }\n  }\n": typeof types.RecordingsPageFreshLinkDocument,
    "\n  query RecordingsPageScope($room: ID!, $session: ID!, $participant: ID!, $withRoom: Boolean!, $withSession: Boolean!, $withParticipant: Boolean!) {\n    room(id: $room) @include(if: $withRoom) {\n      ...RecordsRoomName\n    }\n    roomSession(id: $session) @include(if: $withSession) {\n      id\n      createdAt\n      room {\n        ...RecordsRoomName\n      }\n    }\n    participant(id: $participant) @include(if: $withParticipant) {\n      id\n      context\n    }\n  }\n": typeof types.RecordingsPageScopeDocument,
    "\n  fragment RecordsPageInfo on PageInfo {\n    hasNextPage\n    hasPreviousPage\n    startCursor\n    endCursor\n  }\n": typeof types.RecordsPageInfoFragmentDoc,
    "\n  fragment RecordsRoomName on Room {\n    id\n    uniqueName\n    deletedAt\n  }\n": typeof types.RecordsRoomNameFragmentDoc,
    "\n  fragment RecordsSessionFacts on RoomSession {\n    id\n    active\n    createdAt\n    endedAt\n    endedReason\n    room {\n      ...RecordsRoomName\n    }\n  }\n": typeof types.RecordsSessionFactsFragmentDoc,
    "\n  fragment RecordsParticipantStay on Participant {\n    id\n    context\n    joinedAt\n    leftAt\n    leftReason\n  }\n": typeof types.RecordsParticipantStayFragmentDoc,
    "\n  query RecordsRoomChoices {\n    rooms(first: 100, filter: { includeDeleted: true }) {\n      edges {\n        node {\n          ...RecordsRoomName\n        }\n      }\n    }\n  }\n": typeof types.RecordsRoomChoicesDocument,
    "\n  query RecordsChosenRoom($id: ID!) {\n    room(id: $id) {\n      ...RecordsRoomName\n    }\n  }\n": typeof types.RecordsChosenRoomDocument,
    "\n  query SessionPageDetail($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    roomSession(id: $id) {\n      ...RecordsSessionFacts\n      room {\n        id\n        enableRecording\n      }\n      participants(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          ...RecordsPageInfo\n        }\n        edges {\n          node {\n            ...RecordsParticipantStay\n          }\n        }\n      }\n      recordings(first: 250) {\n        totalCount\n        edges {\n          node {\n            id\n            type\n            status\n            streamKey\n            startedAt\n            endedAt\n            durationSecs\n            participant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.SessionPageDetailDocument,
    "\n  query SessionsPageParticipants($filter: ParticipantFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    participants(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          ...RecordsParticipantStay\n          session {\n            id\n            createdAt\n            room {\n              ...RecordsRoomName\n            }\n          }\n          recordings(first: 1) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.SessionsPageParticipantsDocument,
    "\n  query SessionsPageList($filter: RoomSessionFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    roomSessions(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          ...RecordsSessionFacts\n          participants(first: 1) {\n            totalCount\n          }\n          recordings(first: 1) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.SessionsPageListDocument,
    "\n  subscription DashboardEventsFeed($filter: EventFilter) {\n    events(filter: $filter) {\n      id\n      eventType\n      roomId\n      occurredAt\n    }\n  }\n": typeof types.DashboardEventsFeedDocument,
};
const documents: Documents = {
    "\n  subscription DashboardLiveCounts {\n    serverStats(intervalSecs: 5) {\n      liveRooms\n      liveParticipants\n    }\n  }\n": types.DashboardLiveCountsDocument,
    "\n  query RecordingsPageBulkCount($filter: RecordingFilter!, $inProgress: RecordingFilter!, $countInProgress: Boolean!) {\n    matching: recordings(filter: $filter, first: 1) {\n      totalCount\n    }\n    inProgress: recordings(filter: $inProgress, first: 1) @include(if: $countInProgress) {\n      totalCount\n    }\n  }\n": types.RecordingsPageBulkCountDocument,
    "\n  mutation RecordingsPageBulkDelete($filter: RecordingFilter!, $all: Boolean) {\n    deleteRecordings(filter: $filter, all: $all) {\n      __typename\n      ... on UserError {\n        code\n        message\n        field\n      }\n      ... on DeleteRecordingsPayload {\n        count\n      }\n    }\n  }\n": types.RecordingsPageBulkDeleteDocument,
    "\n  mutation RecordingsPageDelete($id: ID!) {\n    deleteRecording(id: $id) {\n      __typename\n      ... on UserError {\n        code\n        message\n        field\n      }\n      ... on DeleteRecordingPayload {\n        recording {\n          id\n        }\n      }\n    }\n  }\n": types.RecordingsPageDeleteDocument,
    "\n  query RecordingsPagePlayer($id: ID!) {\n    recording(id: $id) {\n      id\n      type\n      status\n      codec\n      streamKey\n      durationSecs\n      sizeMb\n      startedAt\n      downloadUrl\n      participant {\n        id\n        context\n      }\n    }\n  }\n": types.RecordingsPagePlayerDocument,
    "\n  query RecordingsPageList($filter: RecordingFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    recordings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          id\n          type\n          status\n          codec\n          streamKey\n          startedAt\n          endedAt\n          durationSecs\n          sizeMb\n          failureReason\n          downloadUrl\n          downloadUrlExpiresAt\n          participant {\n            id\n            context\n          }\n          session {\n            id\n            createdAt\n          }\n          room {\n            ...RecordsRoomName\n          }\n        }\n      }\n    }\n  }\n": types.RecordingsPageListDocument,
    "\n  query RecordingsPageFreshLink($id: ID!) {\n    recording(id: $id) {\n      id\n      downloadUrl\n      downloadUrlExpiresAt\n    }\n  }\n": types.RecordingsPageFreshLinkDocument,
    "\n  query RecordingsPageScope($room: ID!, $session: ID!, $participant: ID!, $withRoom: Boolean!, $withSession: Boolean!, $withParticipant: Boolean!) {\n    room(id: $room) @include(if: $withRoom) {\n      ...RecordsRoomName\n    }\n    roomSession(id: $session) @include(if: $withSession) {\n      id\n      createdAt\n      room {\n        ...RecordsRoomName\n      }\n    }\n    participant(id: $participant) @include(if: $withParticipant) {\n      id\n      context\n    }\n  }\n": types.RecordingsPageScopeDocument,
    "\n  fragment RecordsPageInfo on PageInfo {\n    hasNextPage\n    hasPreviousPage\n    startCursor\n    endCursor\n  }\n": types.RecordsPageInfoFragmentDoc,
    "\n  fragment RecordsRoomName on Room {\n    id\n    uniqueName\n    deletedAt\n  }\n": types.RecordsRoomNameFragmentDoc,
    "\n  fragment RecordsSessionFacts on RoomSession {\n    id\n    active\n    createdAt\n    endedAt\n    endedReason\n    room {\n      ...RecordsRoomName\n    }\n  }\n": types.RecordsSessionFactsFragmentDoc,
    "\n  fragment RecordsParticipantStay on Participant {\n    id\n    context\n    joinedAt\n    leftAt\n    leftReason\n  }\n": types.RecordsParticipantStayFragmentDoc,
    "\n  query RecordsRoomChoices {\n    rooms(first: 100, filter: { includeDeleted: true }) {\n      edges {\n        node {\n          ...RecordsRoomName\n        }\n      }\n    }\n  }\n": types.RecordsRoomChoicesDocument,
    "\n  query RecordsChosenRoom($id: ID!) {\n    room(id: $id) {\n      ...RecordsRoomName\n    }\n  }\n": types.RecordsChosenRoomDocument,
    "\n  query SessionPageDetail($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    roomSession(id: $id) {\n      ...RecordsSessionFacts\n      room {\n        id\n        enableRecording\n      }\n      participants(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          ...RecordsPageInfo\n        }\n        edges {\n          node {\n            ...RecordsParticipantStay\n          }\n        }\n      }\n      recordings(first: 250) {\n        totalCount\n        edges {\n          node {\n            id\n            type\n            status\n            streamKey\n            startedAt\n            endedAt\n            durationSecs\n            participant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": types.SessionPageDetailDocument,
    "\n  query SessionsPageParticipants($filter: ParticipantFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    participants(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          ...RecordsParticipantStay\n          session {\n            id\n            createdAt\n            room {\n              ...RecordsRoomName\n            }\n          }\n          recordings(first: 1) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": types.SessionsPageParticipantsDocument,
    "\n  query SessionsPageList($filter: RoomSessionFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    roomSessions(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          ...RecordsSessionFacts\n          participants(first: 1) {\n            totalCount\n          }\n          recordings(first: 1) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": types.SessionsPageListDocument,
    "\n  subscription DashboardEventsFeed($filter: EventFilter) {\n    events(filter: $filter) {\n      id\n      eventType\n      roomId\n      occurredAt\n    }\n  }\n": types.DashboardEventsFeedDocument,
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
export function graphql(source: "\n  query RecordingsPageBulkCount($filter: RecordingFilter!, $inProgress: RecordingFilter!, $countInProgress: Boolean!) {\n    matching: recordings(filter: $filter, first: 1) {\n      totalCount\n    }\n    inProgress: recordings(filter: $inProgress, first: 1) @include(if: $countInProgress) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query RecordingsPageBulkCount($filter: RecordingFilter!, $inProgress: RecordingFilter!, $countInProgress: Boolean!) {\n    matching: recordings(filter: $filter, first: 1) {\n      totalCount\n    }\n    inProgress: recordings(filter: $inProgress, first: 1) @include(if: $countInProgress) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordingsPageBulkDelete($filter: RecordingFilter!, $all: Boolean) {\n    deleteRecordings(filter: $filter, all: $all) {\n      __typename\n      ... on UserError {\n        code\n        message\n        field\n      }\n      ... on DeleteRecordingsPayload {\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordingsPageBulkDelete($filter: RecordingFilter!, $all: Boolean) {\n    deleteRecordings(filter: $filter, all: $all) {\n      __typename\n      ... on UserError {\n        code\n        message\n        field\n      }\n      ... on DeleteRecordingsPayload {\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordingsPageDelete($id: ID!) {\n    deleteRecording(id: $id) {\n      __typename\n      ... on UserError {\n        code\n        message\n        field\n      }\n      ... on DeleteRecordingPayload {\n        recording {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordingsPageDelete($id: ID!) {\n    deleteRecording(id: $id) {\n      __typename\n      ... on UserError {\n        code\n        message\n        field\n      }\n      ... on DeleteRecordingPayload {\n        recording {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecordingsPagePlayer($id: ID!) {\n    recording(id: $id) {\n      id\n      type\n      status\n      codec\n      streamKey\n      durationSecs\n      sizeMb\n      startedAt\n      downloadUrl\n      participant {\n        id\n        context\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecordingsPagePlayer($id: ID!) {\n    recording(id: $id) {\n      id\n      type\n      status\n      codec\n      streamKey\n      durationSecs\n      sizeMb\n      startedAt\n      downloadUrl\n      participant {\n        id\n        context\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecordingsPageList($filter: RecordingFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    recordings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          id\n          type\n          status\n          codec\n          streamKey\n          startedAt\n          endedAt\n          durationSecs\n          sizeMb\n          failureReason\n          downloadUrl\n          downloadUrlExpiresAt\n          participant {\n            id\n            context\n          }\n          session {\n            id\n            createdAt\n          }\n          room {\n            ...RecordsRoomName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecordingsPageList($filter: RecordingFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    recordings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          id\n          type\n          status\n          codec\n          streamKey\n          startedAt\n          endedAt\n          durationSecs\n          sizeMb\n          failureReason\n          downloadUrl\n          downloadUrlExpiresAt\n          participant {\n            id\n            context\n          }\n          session {\n            id\n            createdAt\n          }\n          room {\n            ...RecordsRoomName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecordingsPageFreshLink($id: ID!) {\n    recording(id: $id) {\n      id\n      downloadUrl\n      downloadUrlExpiresAt\n    }\n  }\n"): (typeof documents)["\n  query RecordingsPageFreshLink($id: ID!) {\n    recording(id: $id) {\n      id\n      downloadUrl\n      downloadUrlExpiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecordingsPageScope($room: ID!, $session: ID!, $participant: ID!, $withRoom: Boolean!, $withSession: Boolean!, $withParticipant: Boolean!) {\n    room(id: $room) @include(if: $withRoom) {\n      ...RecordsRoomName\n    }\n    roomSession(id: $session) @include(if: $withSession) {\n      id\n      createdAt\n      room {\n        ...RecordsRoomName\n      }\n    }\n    participant(id: $participant) @include(if: $withParticipant) {\n      id\n      context\n    }\n  }\n"): (typeof documents)["\n  query RecordingsPageScope($room: ID!, $session: ID!, $participant: ID!, $withRoom: Boolean!, $withSession: Boolean!, $withParticipant: Boolean!) {\n    room(id: $room) @include(if: $withRoom) {\n      ...RecordsRoomName\n    }\n    roomSession(id: $session) @include(if: $withSession) {\n      id\n      createdAt\n      room {\n        ...RecordsRoomName\n      }\n    }\n    participant(id: $participant) @include(if: $withParticipant) {\n      id\n      context\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecordsPageInfo on PageInfo {\n    hasNextPage\n    hasPreviousPage\n    startCursor\n    endCursor\n  }\n"): (typeof documents)["\n  fragment RecordsPageInfo on PageInfo {\n    hasNextPage\n    hasPreviousPage\n    startCursor\n    endCursor\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecordsRoomName on Room {\n    id\n    uniqueName\n    deletedAt\n  }\n"): (typeof documents)["\n  fragment RecordsRoomName on Room {\n    id\n    uniqueName\n    deletedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecordsSessionFacts on RoomSession {\n    id\n    active\n    createdAt\n    endedAt\n    endedReason\n    room {\n      ...RecordsRoomName\n    }\n  }\n"): (typeof documents)["\n  fragment RecordsSessionFacts on RoomSession {\n    id\n    active\n    createdAt\n    endedAt\n    endedReason\n    room {\n      ...RecordsRoomName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecordsParticipantStay on Participant {\n    id\n    context\n    joinedAt\n    leftAt\n    leftReason\n  }\n"): (typeof documents)["\n  fragment RecordsParticipantStay on Participant {\n    id\n    context\n    joinedAt\n    leftAt\n    leftReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecordsRoomChoices {\n    rooms(first: 100, filter: { includeDeleted: true }) {\n      edges {\n        node {\n          ...RecordsRoomName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecordsRoomChoices {\n    rooms(first: 100, filter: { includeDeleted: true }) {\n      edges {\n        node {\n          ...RecordsRoomName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecordsChosenRoom($id: ID!) {\n    room(id: $id) {\n      ...RecordsRoomName\n    }\n  }\n"): (typeof documents)["\n  query RecordsChosenRoom($id: ID!) {\n    room(id: $id) {\n      ...RecordsRoomName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionPageDetail($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    roomSession(id: $id) {\n      ...RecordsSessionFacts\n      room {\n        id\n        enableRecording\n      }\n      participants(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          ...RecordsPageInfo\n        }\n        edges {\n          node {\n            ...RecordsParticipantStay\n          }\n        }\n      }\n      recordings(first: 250) {\n        totalCount\n        edges {\n          node {\n            id\n            type\n            status\n            streamKey\n            startedAt\n            endedAt\n            durationSecs\n            participant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionPageDetail($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    roomSession(id: $id) {\n      ...RecordsSessionFacts\n      room {\n        id\n        enableRecording\n      }\n      participants(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo {\n          ...RecordsPageInfo\n        }\n        edges {\n          node {\n            ...RecordsParticipantStay\n          }\n        }\n      }\n      recordings(first: 250) {\n        totalCount\n        edges {\n          node {\n            id\n            type\n            status\n            streamKey\n            startedAt\n            endedAt\n            durationSecs\n            participant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsPageParticipants($filter: ParticipantFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    participants(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          ...RecordsParticipantStay\n          session {\n            id\n            createdAt\n            room {\n              ...RecordsRoomName\n            }\n          }\n          recordings(first: 1) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionsPageParticipants($filter: ParticipantFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    participants(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          ...RecordsParticipantStay\n          session {\n            id\n            createdAt\n            room {\n              ...RecordsRoomName\n            }\n          }\n          recordings(first: 1) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsPageList($filter: RoomSessionFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    roomSessions(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          ...RecordsSessionFacts\n          participants(first: 1) {\n            totalCount\n          }\n          recordings(first: 1) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionsPageList($filter: RoomSessionFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    roomSessions(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        ...RecordsPageInfo\n      }\n      edges {\n        node {\n          ...RecordsSessionFacts\n          participants(first: 1) {\n            totalCount\n          }\n          recordings(first: 1) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardEventsFeed($filter: EventFilter) {\n    events(filter: $filter) {\n      id\n      eventType\n      roomId\n      occurredAt\n    }\n  }\n"): (typeof documents)["\n  subscription DashboardEventsFeed($filter: EventFilter) {\n    events(filter: $filter) {\n      id\n      eventType\n      roomId\n      occurredAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;