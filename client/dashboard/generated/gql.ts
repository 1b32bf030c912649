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
    "\n  query RoomLivePageRoom($id: ID!) {\n    room(id: $id) {\n      id\n      uniqueName\n      maxParticipants\n      enableRecording\n      createdAt\n      deletedAt\n    }\n  }\n": typeof types.RoomLivePageRoomDocument,
    "\n  query RoomLivePageSession($id: ID!) {\n    roomSession(id: $id) {\n      id\n      createdAt\n    }\n  }\n": typeof types.RoomLivePageSessionDocument,
    "\n  mutation RoomLivePageSendMessage($roomId: ID!, $payload: String!, $recipients: [ID!]) {\n    sendRoomMessage(roomId: $roomId, payload: $payload, recipients: $recipients) {\n      __typename\n      ... on SendRoomMessagePayload {\n        recipientCount\n      }\n      ...RoomsPageMutationError\n    }\n  }\n": typeof types.RoomLivePageSendMessageDocument,
    "\n  mutation RoomLivePageMute($sessionId: ID!, $participants: ParticipantSelector!) {\n    muteParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": typeof types.RoomLivePageMuteDocument,
    "\n  mutation RoomLivePageUnmute($sessionId: ID!, $participants: ParticipantSelector!) {\n    unmuteParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": typeof types.RoomLivePageUnmuteDocument,
    "\n  mutation RoomLivePageKick($sessionId: ID!, $participants: ParticipantSelector!) {\n    kickParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": typeof types.RoomLivePageKickDocument,
    "\n  mutation RoomLivePageEndSession($sessionId: ID!) {\n    endSession(sessionId: $sessionId) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": typeof types.RoomLivePageEndSessionDocument,
    "\n  fragment RoomLivePageStream on Stream {\n    participantId\n    key\n    isAudioEnabled\n    isVideoEnabled\n    isAudioCensored\n    isVideoCensored\n    audio {\n      kind\n    }\n    video {\n      kind\n      simulcast\n    }\n  }\n": typeof types.RoomLivePageStreamFragmentDoc,
    "\n  fragment RoomLivePageParticipant on LiveParticipant {\n    id\n    context\n    joinedAt\n    canPublish\n    canSubscribe\n    streams {\n      ...RoomLivePageStream\n    }\n  }\n": typeof types.RoomLivePageParticipantFragmentDoc,
    "\n  subscription RoomLivePageEvents($roomId: ID!) {\n    roomEvents(roomId: $roomId) {\n      __typename\n      seq\n      occurredAt\n      ... on RoomStateSnapshot {\n        state {\n          sessionId\n          status\n          activeSpeaker {\n            participantId\n            streamKey\n          }\n          participants {\n            ...RoomLivePageParticipant\n          }\n        }\n      }\n      ... on ParticipantJoined {\n        participant {\n          ...RoomLivePageParticipant\n        }\n      }\n      ... on ParticipantLeaving {\n        participantId\n        reason\n      }\n      ... on ParticipantLeft {\n        participantId\n        reason\n      }\n      ... on StreamPublished {\n        stream {\n          ...RoomLivePageStream\n        }\n      }\n      ... on StreamUpdated {\n        stream {\n          ...RoomLivePageStream\n        }\n      }\n      ... on StreamUnpublished {\n        participantId\n        streamKey\n      }\n      ... on TrackEnabled {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackDisabled {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackCensored {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackUncensored {\n        participantId\n        streamKey\n        kind\n      }\n      ... on AudioActivity {\n        participantId\n        streamKey\n      }\n      ... on MessageReceived {\n        from\n        fromOperator\n        payload\n        recipients\n      }\n      ... on MediaReconnectRequired {\n        reason\n      }\n      ... on SessionStarted {\n        sessionId\n      }\n      ... on SessionEnded {\n        sessionId\n        reason\n      }\n    }\n  }\n": typeof types.RoomLivePageEventsDocument,
    "\n  query RoomsPageList($filter: RoomFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    rooms(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          ...RoomsPageRoom\n        }\n      }\n    }\n  }\n": typeof types.RoomsPageListDocument,
    "\n  mutation RoomsPageDeleteRoom($id: ID!) {\n    deleteRoom(id: $id) {\n      __typename\n      ... on DeleteRoomPayload {\n        room {\n          id\n          deletedAt\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n": typeof types.RoomsPageDeleteRoomDocument,
    "\n  mutation RoomsPageMintToken($roomId: ID!) {\n    generateClientToken(roomId: $roomId) {\n      __typename\n      ... on GenerateClientTokenPayload {\n        clientToken {\n          token\n          refreshToken\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n": typeof types.RoomsPageMintTokenDocument,
    "\n  fragment RoomsPageMutationError on UserError {\n    code\n    message\n    field\n    ... on ValidationError {\n      fieldErrors {\n        field\n        message\n      }\n    }\n  }\n": typeof types.RoomsPageMutationErrorFragmentDoc,
    "\n  fragment RoomsPageRoom on Room {\n    id\n    uniqueName\n    maxParticipants\n    enableRecording\n    webhookEventUrl\n    webhookEventFailoverUrl\n    webhookTimeoutSecs\n    createdAt\n    updatedAt\n    deletedAt\n    liveParticipantCount\n  }\n": typeof types.RoomsPageRoomFragmentDoc,
    "\n  mutation RoomsPageCreateRoom($input: CreateRoomInput!) {\n    createRoom(input: $input) {\n      __typename\n      ... on CreateRoomPayload {\n        room {\n          ...RoomsPageRoom\n        }\n      }\n      ...RoomsPageMutationError\n    }\n  }\n": typeof types.RoomsPageCreateRoomDocument,
    "\n  mutation RoomsPageUpdateRoom($id: ID!, $input: UpdateRoomInput!) {\n    updateRoom(id: $id, input: $input) {\n      __typename\n      ... on UpdateRoomPayload {\n        room {\n          ...RoomsPageRoom\n        }\n      }\n      ...RoomsPageMutationError\n    }\n  }\n": typeof types.RoomsPageUpdateRoomDocument,
    "\n  subscription DashboardEventsFeed($filter: EventFilter) {\n    events(filter: $filter) {\n      id\n      eventType\n      roomId\n      occurredAt\n    }\n  }\n": typeof types.DashboardEventsFeedDocument,
};
const documents: Documents = {
    "\n  subscription DashboardLiveCounts {\n    serverStats(intervalSecs: 5) {\n      liveRooms\n      liveParticipants\n    }\n  }\n": types.DashboardLiveCountsDocument,
    "\n  query RoomLivePageRoom($id: ID!) {\n    room(id: $id) {\n      id\n      uniqueName\n      maxParticipants\n      enableRecording\n      createdAt\n      deletedAt\n    }\n  }\n": types.RoomLivePageRoomDocument,
    "\n  query RoomLivePageSession($id: ID!) {\n    roomSession(id: $id) {\n      id\n      createdAt\n    }\n  }\n": types.RoomLivePageSessionDocument,
    "\n  mutation RoomLivePageSendMessage($roomId: ID!, $payload: String!, $recipients: [ID!]) {\n    sendRoomMessage(roomId: $roomId, payload: $payload, recipients: $recipients) {\n      __typename\n      ... on SendRoomMessagePayload {\n        recipientCount\n      }\n      ...RoomsPageMutationError\n    }\n  }\n": types.RoomLivePageSendMessageDocument,
    "\n  mutation RoomLivePageMute($sessionId: ID!, $participants: ParticipantSelector!) {\n    muteParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": types.RoomLivePageMuteDocument,
    "\n  mutation RoomLivePageUnmute($sessionId: ID!, $participants: ParticipantSelector!) {\n    unmuteParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": types.RoomLivePageUnmuteDocument,
    "\n  mutation RoomLivePageKick($sessionId: ID!, $participants: ParticipantSelector!) {\n    kickParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": types.RoomLivePageKickDocument,
    "\n  mutation RoomLivePageEndSession($sessionId: ID!) {\n    endSession(sessionId: $sessionId) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n": types.RoomLivePageEndSessionDocument,
    "\n  fragment RoomLivePageStream on Stream {\n    participantId\n    key\n    isAudioEnabled\n    isVideoEnabled\n    isAudioCensored\n    isVideoCensored\n    audio {\n      kind\n    }\n    video {\n      kind\n      simulcast\n    }\n  }\n": types.RoomLivePageStreamFragmentDoc,
    "\n  fragment RoomLivePageParticipant on LiveParticipant {\n    id\n    context\n    joinedAt\n    canPublish\n    canSubscribe\n    streams {\n      ...RoomLivePageStream\n    }\n  }\n": types.RoomLivePageParticipantFragmentDoc,
    "\n  subscription RoomLivePageEvents($roomId: ID!) {\n    roomEvents(roomId: $roomId) {\n      __typename\n      seq\n      occurredAt\n      ... on RoomStateSnapshot {\n        state {\n          sessionId\n          status\n          activeSpeaker {\n            participantId\n            streamKey\n          }\n          participants {\n            ...RoomLivePageParticipant\n          }\n        }\n      }\n      ... on ParticipantJoined {\n        participant {\n          ...RoomLivePageParticipant\n        }\n      }\n      ... on ParticipantLeaving {\n        participantId\n        reason\n      }\n      ... on ParticipantLeft {\n        participantId\n        reason\n      }\n      ... on StreamPublished {\n        stream {\n          ...RoomLivePageStream\n        }\n      }\n      ... on StreamUpdated {\n        stream {\n          ...RoomLivePageStream\n        }\n      }\n      ... on StreamUnpublished {\n        participantId\n        streamKey\n      }\n      ... on TrackEnabled {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackDisabled {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackCensored {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackUncensored {\n        participantId\n        streamKey\n        kind\n      }\n      ... on AudioActivity {\n        participantId\n        streamKey\n      }\n      ... on MessageReceived {\n        from\n        fromOperator\n        payload\n        recipients\n      }\n      ... on MediaReconnectRequired {\n        reason\n      }\n      ... on SessionStarted {\n        sessionId\n      }\n      ... on SessionEnded {\n        sessionId\n        reason\n      }\n    }\n  }\n": types.RoomLivePageEventsDocument,
    "\n  query RoomsPageList($filter: RoomFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    rooms(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          ...RoomsPageRoom\n        }\n      }\n    }\n  }\n": types.RoomsPageListDocument,
    "\n  mutation RoomsPageDeleteRoom($id: ID!) {\n    deleteRoom(id: $id) {\n      __typename\n      ... on DeleteRoomPayload {\n        room {\n          id\n          deletedAt\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n": types.RoomsPageDeleteRoomDocument,
    "\n  mutation RoomsPageMintToken($roomId: ID!) {\n    generateClientToken(roomId: $roomId) {\n      __typename\n      ... on GenerateClientTokenPayload {\n        clientToken {\n          token\n          refreshToken\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n": types.RoomsPageMintTokenDocument,
    "\n  fragment RoomsPageMutationError on UserError {\n    code\n    message\n    field\n    ... on ValidationError {\n      fieldErrors {\n        field\n        message\n      }\n    }\n  }\n": types.RoomsPageMutationErrorFragmentDoc,
    "\n  fragment RoomsPageRoom on Room {\n    id\n    uniqueName\n    maxParticipants\n    enableRecording\n    webhookEventUrl\n    webhookEventFailoverUrl\n    webhookTimeoutSecs\n    createdAt\n    updatedAt\n    deletedAt\n    liveParticipantCount\n  }\n": types.RoomsPageRoomFragmentDoc,
    "\n  mutation RoomsPageCreateRoom($input: CreateRoomInput!) {\n    createRoom(input: $input) {\n      __typename\n      ... on CreateRoomPayload {\n        room {\n          ...RoomsPageRoom\n        }\n      }\n      ...RoomsPageMutationError\n    }\n  }\n": types.RoomsPageCreateRoomDocument,
    "\n  mutation RoomsPageUpdateRoom($id: ID!, $input: UpdateRoomInput!) {\n    updateRoom(id: $id, input: $input) {\n      __typename\n      ... on UpdateRoomPayload {\n        room {\n          ...RoomsPageRoom\n        }\n      }\n      ...RoomsPageMutationError\n    }\n  }\n": types.RoomsPageUpdateRoomDocument,
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
export function graphql(source: "\n  query RoomLivePageRoom($id: ID!) {\n    room(id: $id) {\n      id\n      uniqueName\n      maxParticipants\n      enableRecording\n      createdAt\n      deletedAt\n    }\n  }\n"): (typeof documents)["\n  query RoomLivePageRoom($id: ID!) {\n    room(id: $id) {\n      id\n      uniqueName\n      maxParticipants\n      enableRecording\n      createdAt\n      deletedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomLivePageSession($id: ID!) {\n    roomSession(id: $id) {\n      id\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query RoomLivePageSession($id: ID!) {\n    roomSession(id: $id) {\n      id\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RoomLivePageSendMessage($roomId: ID!, $payload: String!, $recipients: [ID!]) {\n    sendRoomMessage(roomId: $roomId, payload: $payload, recipients: $recipients) {\n      __typename\n      ... on SendRoomMessagePayload {\n        recipientCount\n      }\n      ...RoomsPageMutationError\n    }\n  }\n"): (typeof documents)["\n  mutation RoomLivePageSendMessage($roomId: ID!, $payload: String!, $recipients: [ID!]) {\n    sendRoomMessage(roomId: $roomId, payload: $payload, recipients: $recipients) {\n      __typename\n      ... on SendRoomMessagePayload {\n        recipientCount\n      }\n      ...RoomsPageMutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RoomLivePageMute($sessionId: ID!, $participants: ParticipantSelector!) {\n    muteParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RoomLivePageMute($sessionId: ID!, $participants: ParticipantSelector!) {\n    muteParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RoomLivePageUnmute($sessionId: ID!, $participants: ParticipantSelector!) {\n    unmuteParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RoomLivePageUnmute($sessionId: ID!, $participants: ParticipantSelector!) {\n    unmuteParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RoomLivePageKick($sessionId: ID!, $participants: ParticipantSelector!) {\n    kickParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RoomLivePageKick($sessionId: ID!, $participants: ParticipantSelector!) {\n    kickParticipants(sessionId: $sessionId, participants: $participants) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RoomLivePageEndSession($sessionId: ID!) {\n    endSession(sessionId: $sessionId) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RoomLivePageEndSession($sessionId: ID!) {\n    endSession(sessionId: $sessionId) {\n      __typename\n      ... on UserError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoomLivePageStream on Stream {\n    participantId\n    key\n    isAudioEnabled\n    isVideoEnabled\n    isAudioCensored\n    isVideoCensored\n    audio {\n      kind\n    }\n    video {\n      kind\n      simulcast\n    }\n  }\n"): (typeof documents)["\n  fragment RoomLivePageStream on Stream {\n    participantId\n    key\n    isAudioEnabled\n    isVideoEnabled\n    isAudioCensored\n    isVideoCensored\n    audio {\n      kind\n    }\n    video {\n      kind\n      simulcast\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoomLivePageParticipant on LiveParticipant {\n    id\n    context\n    joinedAt\n    canPublish\n    canSubscribe\n    streams {\n      ...RoomLivePageStream\n    }\n  }\n"): (typeof documents)["\n  fragment RoomLivePageParticipant on LiveParticipant {\n    id\n    context\n    joinedAt\n    canPublish\n    canSubscribe\n    streams {\n      ...RoomLivePageStream\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RoomLivePageEvents($roomId: ID!) {\n    roomEvents(roomId: $roomId) {\n      __typename\n      seq\n      occurredAt\n      ... on RoomStateSnapshot {\n        state {\n          sessionId\n          status\n          activeSpeaker {\n            participantId\n            streamKey\n          }\n          participants {\n            ...RoomLivePageParticipant\n          }\n        }\n      }\n      ... on ParticipantJoined {\n        participant {\n          ...RoomLivePageParticipant\n        }\n      }\n      ... on ParticipantLeaving {\n        participantId\n        reason\n      }\n      ... on ParticipantLeft {\n        participantId\n        reason\n      }\n      ... on StreamPublished {\n        stream {\n          ...RoomLivePageStream\n        }\n      }\n      ... on StreamUpdated {\n        stream {\n          ...RoomLivePageStream\n        }\n      }\n      ... on StreamUnpublished {\n        participantId\n        streamKey\n      }\n      ... on TrackEnabled {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackDisabled {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackCensored {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackUncensored {\n        participantId\n        streamKey\n        kind\n      }\n      ... on AudioActivity {\n        participantId\n        streamKey\n      }\n      ... on MessageReceived {\n        from\n        fromOperator\n        payload\n        recipients\n      }\n      ... on MediaReconnectRequired {\n        reason\n      }\n      ... on SessionStarted {\n        sessionId\n      }\n      ... on SessionEnded {\n        sessionId\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription RoomLivePageEvents($roomId: ID!) {\n    roomEvents(roomId: $roomId) {\n      __typename\n      seq\n      occurredAt\n      ... on RoomStateSnapshot {\n        state {\n          sessionId\n          status\n          activeSpeaker {\n            participantId\n            streamKey\n          }\n          participants {\n            ...RoomLivePageParticipant\n          }\n        }\n      }\n      ... on ParticipantJoined {\n        participant {\n          ...RoomLivePageParticipant\n        }\n      }\n      ... on ParticipantLeaving {\n        participantId\n        reason\n      }\n      ... on ParticipantLeft {\n        participantId\n        reason\n      }\n      ... on StreamPublished {\n        stream {\n          ...RoomLivePageStream\n        }\n      }\n      ... on StreamUpdated {\n        stream {\n          ...RoomLivePageStream\n        }\n      }\n      ... on StreamUnpublished {\n        participantId\n        streamKey\n      }\n      ... on TrackEnabled {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackDisabled {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackCensored {\n        participantId\n        streamKey\n        kind\n      }\n      ... on TrackUncensored {\n        participantId\n        streamKey\n        kind\n      }\n      ... on AudioActivity {\n        participantId\n        streamKey\n      }\n      ... on MessageReceived {\n        from\n        fromOperator\n        payload\n        recipients\n      }\n      ... on MediaReconnectRequired {\n        reason\n      }\n      ... on SessionStarted {\n        sessionId\n      }\n      ... on SessionEnded {\n        sessionId\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomsPageList($filter: RoomFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    rooms(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          ...RoomsPageRoom\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RoomsPageList($filter: RoomFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    rooms(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          ...RoomsPageRoom\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RoomsPageDeleteRoom($id: ID!) {\n    deleteRoom(id: $id) {\n      __typename\n      ... on DeleteRoomPayload {\n        room {\n          id\n          deletedAt\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RoomsPageDeleteRoom($id: ID!) {\n    deleteRoom(id: $id) {\n      __typename\n      ... on DeleteRoomPayload {\n        room {\n          id\n          deletedAt\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RoomsPageMintToken($roomId: ID!) {\n    generateClientToken(roomId: $roomId) {\n      __typename\n      ... on GenerateClientTokenPayload {\n        clientToken {\n          token\n          refreshToken\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RoomsPageMintToken($roomId: ID!) {\n    generateClientToken(roomId: $roomId) {\n      __typename\n      ... on GenerateClientTokenPayload {\n        clientToken {\n          token\n          refreshToken\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoomsPageMutationError on UserError {\n    code\n    message\n    field\n    ... on ValidationError {\n      fieldErrors {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RoomsPageMutationError on UserError {\n    code\n    message\n    field\n    ... on ValidationError {\n      fieldErrors {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoomsPageRoom on Room {\n    id\n    uniqueName\n    maxParticipants\n    enableRecording\n    webhookEventUrl\n    webhookEventFailoverUrl\n    webhookTimeoutSecs\n    createdAt\n    updatedAt\n    deletedAt\n    liveParticipantCount\n  }\n"): (typeof documents)["\n  fragment RoomsPageRoom on Room {\n    id\n    uniqueName\n    maxParticipants\n    enableRecording\n    webhookEventUrl\n    webhookEventFailoverUrl\n    webhookTimeoutSecs\n    createdAt\n    updatedAt\n    deletedAt\n    liveParticipantCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RoomsPageCreateRoom($input: CreateRoomInput!) {\n    createRoom(input: $input) {\n      __typename\n      ... on CreateRoomPayload {\n        room {\n          ...RoomsPageRoom\n        }\n      }\n      ...RoomsPageMutationError\n    }\n  }\n"): (typeof documents)["\n  mutation RoomsPageCreateRoom($input: CreateRoomInput!) {\n    createRoom(input: $input) {\n      __typename\n      ... on CreateRoomPayload {\n        room {\n          ...RoomsPageRoom\n        }\n      }\n      ...RoomsPageMutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RoomsPageUpdateRoom($id: ID!, $input: UpdateRoomInput!) {\n    updateRoom(id: $id, input: $input) {\n      __typename\n      ... on UpdateRoomPayload {\n        room {\n          ...RoomsPageRoom\n        }\n      }\n      ...RoomsPageMutationError\n    }\n  }\n"): (typeof documents)["\n  mutation RoomsPageUpdateRoom($id: ID!, $input: UpdateRoomInput!) {\n    updateRoom(id: $id, input: $input) {\n      __typename\n      ... on UpdateRoomPayload {\n        room {\n          ...RoomsPageRoom\n        }\n      }\n      ...RoomsPageMutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardEventsFeed($filter: EventFilter) {\n    events(filter: $filter) {\n      id\n      eventType\n      roomId\n      occurredAt\n    }\n  }\n"): (typeof documents)["\n  subscription DashboardEventsFeed($filter: EventFilter) {\n    events(filter: $filter) {\n      id\n      eventType\n      roomId\n      occurredAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;