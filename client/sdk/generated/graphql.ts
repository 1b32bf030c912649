/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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
  /** The room has no session in progress: nobody is in it to reach. */
  | 'ROOM_NOT_LIVE'
  /** In a cluster: the room runs on another node; join it at the `url` given (the SDK does). */
  | 'ROOM_ON_ANOTHER_NODE'
  /** The session has ended. */
  | 'SESSION_ENDED'
  /** No valid credential (top-level errors only). */
  | 'UNAUTHENTICATED'
  /** An argument or input field has a value that is not allowed; nothing was changed. */
  | 'VALIDATION_FAILED';

export type MediaKind =
  /** Microphone or screen audio. */
  | 'AUDIO'
  /** Camera or screen. */
  | 'VIDEO';

/** Identifies a participant whose connection dropped, to take it back. */
export type ReconnectInput = {
  /** The id join returned. */
  participantId: string | number;
  /** The reconnectKey join returned. */
  reconnectKey: string;
};

export type RoomStatus =
  /** A session is in progress. */
  | 'ACTIVE'
  /** No session: nobody is in the room. */
  | 'IDLE';

/** Why a token was refused. */
export type TokenProblem =
  /** Signed by someone else, or altered. */
  | 'BAD_SIGNATURE'
  /** Past its expiry time. */
  | 'EXPIRED'
  /** Not a client token of this server. */
  | 'MALFORMED'
  /** It was revoked: its participant was kicked, and the tokens it came with stay refused until they run out. */
  | 'REVOKED'
  /** Its room has been deleted. */
  | 'ROOM_DELETED'
  /** Issued for another room. */
  | 'WRONG_ROOM'
  /** An access token where a refresh token is needed, or the other way round. */
  | 'WRONG_TYPE';

type UserErrorFields_ConflictError_Fragment = { __typename: 'ConflictError', code: ErrorCode, message: string, field: string | null };

type UserErrorFields_ForbiddenError_Fragment = { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null };

type UserErrorFields_InvalidTokenError_Fragment = { __typename: 'InvalidTokenError', code: ErrorCode, message: string, field: string | null };

type UserErrorFields_MediaRequestError_Fragment = { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null };

type UserErrorFields_NotFoundError_Fragment = { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null };

type UserErrorFields_NotJoinedError_Fragment = { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null };

type UserErrorFields_RoomDeletedError_Fragment = { __typename: 'RoomDeletedError', code: ErrorCode, message: string, field: string | null };

type UserErrorFields_RoomFullError_Fragment = { __typename: 'RoomFullError', code: ErrorCode, message: string, field: string | null };

type UserErrorFields_RoomNotLiveError_Fragment = { __typename: 'RoomNotLiveError', code: ErrorCode, message: string, field: string | null };

type UserErrorFields_RoomOnAnotherNodeError_Fragment = { __typename: 'RoomOnAnotherNodeError', code: ErrorCode, message: string, field: string | null };

type UserErrorFields_SessionEndedError_Fragment = { __typename: 'SessionEndedError', code: ErrorCode, message: string, field: string | null };

type UserErrorFields_ValidationError_Fragment = { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null };

export type UserErrorFieldsFragment =
  | UserErrorFields_ConflictError_Fragment
  | UserErrorFields_ForbiddenError_Fragment
  | UserErrorFields_InvalidTokenError_Fragment
  | UserErrorFields_MediaRequestError_Fragment
  | UserErrorFields_NotFoundError_Fragment
  | UserErrorFields_NotJoinedError_Fragment
  | UserErrorFields_RoomDeletedError_Fragment
  | UserErrorFields_RoomFullError_Fragment
  | UserErrorFields_RoomNotLiveError_Fragment
  | UserErrorFields_RoomOnAnotherNodeError_Fragment
  | UserErrorFields_SessionEndedError_Fragment
  | UserErrorFields_ValidationError_Fragment
;

export type MediaErrorFieldsFragment = { reason: string };

export type WireTrackFragment = { enabled: boolean, censored: boolean, simulcast: boolean };

export type WireStreamFragment = { participantId: string, key: string, audio: { enabled: boolean, censored: boolean, simulcast: boolean } | null, video: { enabled: boolean, censored: boolean, simulcast: boolean } | null };

export type WireParticipantFragment = { id: string, context: string | null, joinedAt: string, canPublish: boolean, canSubscribe: boolean, streams: Array<{ participantId: string, key: string, audio: { enabled: boolean, censored: boolean, simulcast: boolean } | null, video: { enabled: boolean, censored: boolean, simulcast: boolean } | null }> };

export type WireRoomStateFragment = { roomId: string, sessionId: string | null, status: RoomStatus, seq: number, recording: boolean, activeSpeaker: { participantId: string, streamKey: string } | null, participants: Array<{ id: string, context: string | null, joinedAt: string, canPublish: boolean, canSubscribe: boolean, streams: Array<{ participantId: string, key: string, audio: { enabled: boolean, censored: boolean, simulcast: boolean } | null, video: { enabled: boolean, censored: boolean, simulcast: boolean } | null }> }> };

export type WireTransportFragment = { id: string, iceParameters: unknown, iceCandidates: unknown, dtlsParameters: unknown, sctpParameters: unknown };

export type WireConsumerFragment = { id: string, producerId: string, kind: MediaKind, rtpParameters: unknown, type: string, producerPaused: boolean, participantId: string, streamKey: string };

export type WireSubscriptionFragment = { participantId: string, streamKey: string, audio: boolean, video: boolean, consumers: Array<{ id: string, producerId: string, kind: MediaKind, rtpParameters: unknown, type: string, producerPaused: boolean, participantId: string, streamKey: string }> };

export type JoinMutationVariables = Exact<{
  context?: string | null | undefined;
  reconnect?: ReconnectInput | null | undefined;
}>;


export type JoinMutation = { join:
    | { __typename: 'JoinPayload', joined: { participantId: string, sessionId: string, reconnectKey: string, resumed: boolean, routerRtpCapabilities: unknown, nodeUrls: Array<string>, sendTransport: { id: string, iceParameters: unknown, iceCandidates: unknown, dtlsParameters: unknown, sctpParameters: unknown } | null, recvTransport: { id: string, iceParameters: unknown, iceCandidates: unknown, dtlsParameters: unknown, sctpParameters: unknown } | null, grants: { canPublish: boolean, canSubscribe: boolean }, roomState: { roomId: string, sessionId: string | null, status: RoomStatus, seq: number, recording: boolean, activeSpeaker: { participantId: string, streamKey: string } | null, participants: Array<{ id: string, context: string | null, joinedAt: string, canPublish: boolean, canSubscribe: boolean, streams: Array<{ participantId: string, key: string, audio: { enabled: boolean, censored: boolean, simulcast: boolean } | null, video: { enabled: boolean, censored: boolean, simulcast: boolean } | null }> }> } } }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'RoomDeletedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'RoomFullError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'RoomOnAnotherNodeError', url: string, code: ErrorCode, message: string, field: string | null }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type LeaveMutationVariables = Exact<{ [key: string]: never; }>;


export type LeaveMutation = { leave:
    | { __typename: 'LeavePayload', result: { ok: boolean } }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
   | null };

export type UpdateClientTokenMutationVariables = Exact<{
  token: string;
}>;


export type UpdateClientTokenMutation = { updateClientToken:
    | { __typename: 'InvalidTokenError', code: ErrorCode, message: string, field: string | null, tokenProblem: TokenProblem }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'UpdateClientTokenPayload', result: { ok: boolean } }
   | null };

export type RefreshClientTokenMutationVariables = Exact<{
  roomId: string | number;
  refreshToken: string;
  tokenTtlSecs?: number | null | undefined;
}>;


export type RefreshClientTokenMutation = { refreshClientToken:
    | { __typename: 'InvalidTokenError', code: ErrorCode, message: string, field: string | null, tokenProblem: TokenProblem }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'RefreshClientTokenPayload', clientToken: { token: string, refreshToken: string | null } }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type ConnectTransportMutationVariables = Exact<{
  transportId: string | number;
  dtlsParameters: unknown;
}>;


export type ConnectTransportMutation = { connectTransport:
    | { __typename: 'ConnectTransportPayload', result: { ok: boolean } }
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type RestartIceMutationVariables = Exact<{
  transportId: string | number;
}>;


export type RestartIceMutation = { restartIce:
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'RestartIcePayload', iceParameters: unknown }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type PublishStreamMutationVariables = Exact<{
  streamKey: string;
  kind: MediaKind;
  rtpParameters: unknown;
  appData?: unknown;
}>;


export type PublishStreamMutation = { publishStream:
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'PublishStreamPayload', published: { producerId: string } }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type UpdateStreamMutationVariables = Exact<{
  streamKey: string;
  audioEnabled?: boolean | null | undefined;
  videoEnabled?: boolean | null | undefined;
}>;


export type UpdateStreamMutation = { updateStream:
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'UpdateStreamPayload', stream: { participantId: string, key: string, audio: { enabled: boolean, censored: boolean, simulcast: boolean } | null, video: { enabled: boolean, censored: boolean, simulcast: boolean } | null } }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type UnpublishStreamMutationVariables = Exact<{
  streamKey: string;
}>;


export type UnpublishStreamMutation = { unpublishStream:
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'UnpublishStreamPayload', result: { ok: boolean } }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type SubscribeMutationVariables = Exact<{
  participantId: string | number;
  streamKey: string;
  audio?: boolean | null | undefined;
  video?: boolean | null | undefined;
  rtpCapabilities?: unknown;
  preferredLayer?: number | null | undefined;
}>;


export type SubscribeMutation = { subscribe:
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'SubscribePayload', subscription: { participantId: string, streamKey: string, audio: boolean, video: boolean, consumers: Array<{ id: string, producerId: string, kind: MediaKind, rtpParameters: unknown, type: string, producerPaused: boolean, participantId: string, streamKey: string }> } }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type UpdateSubscriptionMutationVariables = Exact<{
  participantId: string | number;
  streamKey: string;
  audio?: boolean | null | undefined;
  video?: boolean | null | undefined;
  preferredLayer?: number | null | undefined;
}>;


export type UpdateSubscriptionMutation = { updateSubscription:
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'UpdateSubscriptionPayload', subscription: { participantId: string, streamKey: string, audio: boolean, video: boolean, consumers: Array<{ id: string, producerId: string, kind: MediaKind, rtpParameters: unknown, type: string, producerPaused: boolean, participantId: string, streamKey: string }> } }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type ResumeSubscriptionMutationVariables = Exact<{
  participantId: string | number;
  streamKey: string;
  kind?: MediaKind | null | undefined;
}>;


export type ResumeSubscriptionMutation = { resumeSubscription:
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'ResumeSubscriptionPayload', result: { ok: boolean } }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type PauseSubscriptionMutationVariables = Exact<{
  participantId: string | number;
  streamKey: string;
  kind: MediaKind;
}>;


export type PauseSubscriptionMutation = { pauseSubscription:
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'PauseSubscriptionPayload', result: { ok: boolean } }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type SetPreferredLayersMutationVariables = Exact<{
  participantId: string | number;
  streamKey: string;
  spatialLayer: number;
  temporalLayer?: number | null | undefined;
}>;


export type SetPreferredLayersMutation = { setPreferredLayers:
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'SetPreferredLayersPayload', layers: { simulcast: boolean, spatialLayer: number | null, temporalLayer: number | null } }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type UnsubscribeMutationVariables = Exact<{
  participantId: string | number;
  streamKey: string;
}>;


export type UnsubscribeMutation = { unsubscribe:
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'UnsubscribePayload', result: { ok: boolean } }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

export type SendMessageMutationVariables = Exact<{
  payload: string;
  recipients?: Array<string | number> | string | number | null | undefined;
}>;


export type SendMessageMutation = { sendMessage:
    | { __typename: 'ForbiddenError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'MediaRequestError', code: ErrorCode, message: string, field: string | null, reason: string }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'NotJoinedError', code: ErrorCode, message: string, field: string | null }
    | { __typename: 'SendMessagePayload', recipientCount: number }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, field: string | null }
   | null };

type TrackEventFields_TrackCensored_Fragment = { participantId: string, streamKey: string, kind: MediaKind };

type TrackEventFields_TrackDisabled_Fragment = { participantId: string, streamKey: string, kind: MediaKind };

type TrackEventFields_TrackEnabled_Fragment = { participantId: string, streamKey: string, kind: MediaKind };

type TrackEventFields_TrackUncensored_Fragment = { participantId: string, streamKey: string, kind: MediaKind };

export type TrackEventFieldsFragment =
  | TrackEventFields_TrackCensored_Fragment
  | TrackEventFields_TrackDisabled_Fragment
  | TrackEventFields_TrackEnabled_Fragment
  | TrackEventFields_TrackUncensored_Fragment
;

export type RoomEventsSubscriptionVariables = Exact<{
  roomId: string | number;
}>;


export type RoomEventsSubscription = { roomEvents:
    | { __typename: 'AudioActivity', participantId: string, streamKey: string, seq: number }
    | { __typename: 'MediaReconnectRequired', reason: string, seq: number }
    | { __typename: 'MessageReceived', from: string, fromOperator: boolean, payload: string, recipients: Array<string> | null, seq: number }
    | { __typename: 'ParticipantJoined', seq: number, participant: { id: string, context: string | null, joinedAt: string, canPublish: boolean, canSubscribe: boolean, streams: Array<{ participantId: string, key: string, audio: { enabled: boolean, censored: boolean, simulcast: boolean } | null, video: { enabled: boolean, censored: boolean, simulcast: boolean } | null }> } }
    | { __typename: 'ParticipantLeaving', participantId: string, reason: string, seq: number }
    | { __typename: 'ParticipantLeft', participantId: string, reason: string, seq: number }
    | { __typename: 'RoomStateSnapshot', seq: number, state: { roomId: string, sessionId: string | null, status: RoomStatus, seq: number, recording: boolean, activeSpeaker: { participantId: string, streamKey: string } | null, participants: Array<{ id: string, context: string | null, joinedAt: string, canPublish: boolean, canSubscribe: boolean, streams: Array<{ participantId: string, key: string, audio: { enabled: boolean, censored: boolean, simulcast: boolean } | null, video: { enabled: boolean, censored: boolean, simulcast: boolean } | null }> }> } }
    | { __typename: 'SessionEnded', sessionId: string, reason: string, seq: number }
    | { __typename: 'SessionStarted', sessionId: string, seq: number }
    | { __typename: 'StreamPublished', seq: number, stream: { participantId: string, key: string, audio: { enabled: boolean, censored: boolean, simulcast: boolean } | null, video: { enabled: boolean, censored: boolean, simulcast: boolean } | null } }
    | { __typename: 'StreamUnpublished', participantId: string, streamKey: string, seq: number }
    | { __typename: 'StreamUpdated', seq: number, stream: { participantId: string, key: string, audio: { enabled: boolean, censored: boolean, simulcast: boolean } | null, video: { enabled: boolean, censored: boolean, simulcast: boolean } | null } }
    | { __typename: 'TrackCensored', seq: number, participantId: string, streamKey: string, kind: MediaKind }
    | { __typename: 'TrackDisabled', seq: number, participantId: string, streamKey: string, kind: MediaKind }
    | { __typename: 'TrackEnabled', seq: number, participantId: string, streamKey: string, kind: MediaKind }
    | { __typename: 'TrackUncensored', seq: number, participantId: string, streamKey: string, kind: MediaKind }
   };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const UserErrorFieldsFragmentDoc = new TypedDocumentString(`
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
    `, {"fragmentName":"UserErrorFields"}) as unknown as TypedDocumentString<UserErrorFieldsFragment, unknown>;
export const MediaErrorFieldsFragmentDoc = new TypedDocumentString(`
    fragment MediaErrorFields on MediaRequestError {
  reason
}
    `, {"fragmentName":"MediaErrorFields"}) as unknown as TypedDocumentString<MediaErrorFieldsFragment, unknown>;
export const WireTrackFragmentDoc = new TypedDocumentString(`
    fragment WireTrack on Track {
  enabled
  censored
  simulcast
}
    `, {"fragmentName":"WireTrack"}) as unknown as TypedDocumentString<WireTrackFragment, unknown>;
export const WireStreamFragmentDoc = new TypedDocumentString(`
    fragment WireStream on Stream {
  participantId
  key
  audio {
    ...WireTrack
  }
  video {
    ...WireTrack
  }
}
    fragment WireTrack on Track {
  enabled
  censored
  simulcast
}`, {"fragmentName":"WireStream"}) as unknown as TypedDocumentString<WireStreamFragment, unknown>;
export const WireParticipantFragmentDoc = new TypedDocumentString(`
    fragment WireParticipant on LiveParticipant {
  id
  context
  joinedAt
  canPublish
  canSubscribe
  streams {
    ...WireStream
  }
}
    fragment WireTrack on Track {
  enabled
  censored
  simulcast
}
fragment WireStream on Stream {
  participantId
  key
  audio {
    ...WireTrack
  }
  video {
    ...WireTrack
  }
}`, {"fragmentName":"WireParticipant"}) as unknown as TypedDocumentString<WireParticipantFragment, unknown>;
export const WireRoomStateFragmentDoc = new TypedDocumentString(`
    fragment WireRoomState on RoomState {
  roomId
  sessionId
  status
  seq
  recording
  activeSpeaker {
    participantId
    streamKey
  }
  participants {
    ...WireParticipant
  }
}
    fragment WireTrack on Track {
  enabled
  censored
  simulcast
}
fragment WireStream on Stream {
  participantId
  key
  audio {
    ...WireTrack
  }
  video {
    ...WireTrack
  }
}
fragment WireParticipant on LiveParticipant {
  id
  context
  joinedAt
  canPublish
  canSubscribe
  streams {
    ...WireStream
  }
}`, {"fragmentName":"WireRoomState"}) as unknown as TypedDocumentString<WireRoomStateFragment, unknown>;
export const WireTransportFragmentDoc = new TypedDocumentString(`
    fragment WireTransport on TransportOptions {
  id
  iceParameters
  iceCandidates
  dtlsParameters
  sctpParameters
}
    `, {"fragmentName":"WireTransport"}) as unknown as TypedDocumentString<WireTransportFragment, unknown>;
export const WireConsumerFragmentDoc = new TypedDocumentString(`
    fragment WireConsumer on ConsumerOptions {
  id
  producerId
  kind
  rtpParameters
  type
  producerPaused
  participantId
  streamKey
}
    `, {"fragmentName":"WireConsumer"}) as unknown as TypedDocumentString<WireConsumerFragment, unknown>;
export const WireSubscriptionFragmentDoc = new TypedDocumentString(`
    fragment WireSubscription on SubscriptionResult {
  participantId
  streamKey
  audio
  video
  consumers {
    ...WireConsumer
  }
}
    fragment WireConsumer on ConsumerOptions {
  id
  producerId
  kind
  rtpParameters
  type
  producerPaused
  participantId
  streamKey
}`, {"fragmentName":"WireSubscription"}) as unknown as TypedDocumentString<WireSubscriptionFragment, unknown>;
export const TrackEventFieldsFragmentDoc = new TypedDocumentString(`
    fragment TrackEventFields on RoomEvent {
  ... on TrackEnabled {
    participantId
    streamKey
    kind
  }
  ... on TrackDisabled {
    participantId
    streamKey
    kind
  }
  ... on TrackCensored {
    participantId
    streamKey
    kind
  }
  ... on TrackUncensored {
    participantId
    streamKey
    kind
  }
}
    `, {"fragmentName":"TrackEventFields"}) as unknown as TypedDocumentString<TrackEventFieldsFragment, unknown>;
export const JoinDocument = new TypedDocumentString(`
    mutation Join($context: String, $reconnect: ReconnectInput) {
  join(context: $context, reconnect: $reconnect) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on RoomOnAnotherNodeError {
      url
    }
    ... on JoinPayload {
      __typename
      joined {
        participantId
        sessionId
        reconnectKey
        resumed
        routerRtpCapabilities
        sendTransport {
          ...WireTransport
        }
        recvTransport {
          ...WireTransport
        }
        grants {
          canPublish
          canSubscribe
        }
        roomState {
          ...WireRoomState
        }
        nodeUrls
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}
fragment WireTrack on Track {
  enabled
  censored
  simulcast
}
fragment WireStream on Stream {
  participantId
  key
  audio {
    ...WireTrack
  }
  video {
    ...WireTrack
  }
}
fragment WireParticipant on LiveParticipant {
  id
  context
  joinedAt
  canPublish
  canSubscribe
  streams {
    ...WireStream
  }
}
fragment WireRoomState on RoomState {
  roomId
  sessionId
  status
  seq
  recording
  activeSpeaker {
    participantId
    streamKey
  }
  participants {
    ...WireParticipant
  }
}
fragment WireTransport on TransportOptions {
  id
  iceParameters
  iceCandidates
  dtlsParameters
  sctpParameters
}`) as unknown as TypedDocumentString<JoinMutation, JoinMutationVariables>;
export const LeaveDocument = new TypedDocumentString(`
    mutation Leave {
  leave {
    ...UserErrorFields
    ... on LeavePayload {
      __typename
      result {
        ok
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}`) as unknown as TypedDocumentString<LeaveMutation, LeaveMutationVariables>;
export const UpdateClientTokenDocument = new TypedDocumentString(`
    mutation UpdateClientToken($token: String!) {
  updateClientToken(token: $token) {
    ...UserErrorFields
    ... on InvalidTokenError {
      tokenProblem: reason
    }
    ... on UpdateClientTokenPayload {
      __typename
      result {
        ok
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}`) as unknown as TypedDocumentString<UpdateClientTokenMutation, UpdateClientTokenMutationVariables>;
export const RefreshClientTokenDocument = new TypedDocumentString(`
    mutation RefreshClientToken($roomId: ID!, $refreshToken: String!, $tokenTtlSecs: Int) {
  refreshClientToken(
    roomId: $roomId
    refreshToken: $refreshToken
    tokenTtlSecs: $tokenTtlSecs
  ) {
    ...UserErrorFields
    ... on InvalidTokenError {
      tokenProblem: reason
    }
    ... on RefreshClientTokenPayload {
      __typename
      clientToken {
        token
        refreshToken
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}`) as unknown as TypedDocumentString<RefreshClientTokenMutation, RefreshClientTokenMutationVariables>;
export const ConnectTransportDocument = new TypedDocumentString(`
    mutation ConnectTransport($transportId: ID!, $dtlsParameters: JSON!) {
  connectTransport(transportId: $transportId, dtlsParameters: $dtlsParameters) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on ConnectTransportPayload {
      __typename
      result {
        ok
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}`) as unknown as TypedDocumentString<ConnectTransportMutation, ConnectTransportMutationVariables>;
export const RestartIceDocument = new TypedDocumentString(`
    mutation RestartIce($transportId: ID!) {
  restartIce(transportId: $transportId) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on RestartIcePayload {
      __typename
      iceParameters
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}`) as unknown as TypedDocumentString<RestartIceMutation, RestartIceMutationVariables>;
export const PublishStreamDocument = new TypedDocumentString(`
    mutation PublishStream($streamKey: String!, $kind: MediaKind!, $rtpParameters: JSON!, $appData: JSON) {
  publishStream(
    streamKey: $streamKey
    kind: $kind
    rtpParameters: $rtpParameters
    appData: $appData
  ) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on PublishStreamPayload {
      __typename
      published {
        producerId
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}`) as unknown as TypedDocumentString<PublishStreamMutation, PublishStreamMutationVariables>;
export const UpdateStreamDocument = new TypedDocumentString(`
    mutation UpdateStream($streamKey: String!, $audioEnabled: Boolean, $videoEnabled: Boolean) {
  updateStream(
    streamKey: $streamKey
    audioEnabled: $audioEnabled
    videoEnabled: $videoEnabled
  ) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on UpdateStreamPayload {
      __typename
      stream {
        ...WireStream
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}
fragment WireTrack on Track {
  enabled
  censored
  simulcast
}
fragment WireStream on Stream {
  participantId
  key
  audio {
    ...WireTrack
  }
  video {
    ...WireTrack
  }
}`) as unknown as TypedDocumentString<UpdateStreamMutation, UpdateStreamMutationVariables>;
export const UnpublishStreamDocument = new TypedDocumentString(`
    mutation UnpublishStream($streamKey: String!) {
  unpublishStream(streamKey: $streamKey) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on UnpublishStreamPayload {
      __typename
      result {
        ok
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}`) as unknown as TypedDocumentString<UnpublishStreamMutation, UnpublishStreamMutationVariables>;
export const SubscribeDocument = new TypedDocumentString(`
    mutation Subscribe($participantId: ID!, $streamKey: String!, $audio: Boolean, $video: Boolean, $rtpCapabilities: JSON, $preferredLayer: Int) {
  subscribe(
    participantId: $participantId
    streamKey: $streamKey
    audio: $audio
    video: $video
    rtpCapabilities: $rtpCapabilities
    preferredLayer: $preferredLayer
  ) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on SubscribePayload {
      __typename
      subscription {
        ...WireSubscription
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}
fragment WireConsumer on ConsumerOptions {
  id
  producerId
  kind
  rtpParameters
  type
  producerPaused
  participantId
  streamKey
}
fragment WireSubscription on SubscriptionResult {
  participantId
  streamKey
  audio
  video
  consumers {
    ...WireConsumer
  }
}`) as unknown as TypedDocumentString<SubscribeMutation, SubscribeMutationVariables>;
export const UpdateSubscriptionDocument = new TypedDocumentString(`
    mutation UpdateSubscription($participantId: ID!, $streamKey: String!, $audio: Boolean, $video: Boolean, $preferredLayer: Int) {
  updateSubscription(
    participantId: $participantId
    streamKey: $streamKey
    audio: $audio
    video: $video
    preferredLayer: $preferredLayer
  ) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on UpdateSubscriptionPayload {
      __typename
      subscription {
        ...WireSubscription
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}
fragment WireConsumer on ConsumerOptions {
  id
  producerId
  kind
  rtpParameters
  type
  producerPaused
  participantId
  streamKey
}
fragment WireSubscription on SubscriptionResult {
  participantId
  streamKey
  audio
  video
  consumers {
    ...WireConsumer
  }
}`) as unknown as TypedDocumentString<UpdateSubscriptionMutation, UpdateSubscriptionMutationVariables>;
export const ResumeSubscriptionDocument = new TypedDocumentString(`
    mutation ResumeSubscription($participantId: ID!, $streamKey: String!, $kind: MediaKind) {
  resumeSubscription(
    participantId: $participantId
    streamKey: $streamKey
    kind: $kind
  ) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on ResumeSubscriptionPayload {
      __typename
      result {
        ok
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}`) as unknown as TypedDocumentString<ResumeSubscriptionMutation, ResumeSubscriptionMutationVariables>;
export const PauseSubscriptionDocument = new TypedDocumentString(`
    mutation PauseSubscription($participantId: ID!, $streamKey: String!, $kind: MediaKind!) {
  pauseSubscription(
    participantId: $participantId
    streamKey: $streamKey
    kind: $kind
  ) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on PauseSubscriptionPayload {
      __typename
      result {
        ok
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}`) as unknown as TypedDocumentString<PauseSubscriptionMutation, PauseSubscriptionMutationVariables>;
export const SetPreferredLayersDocument = new TypedDocumentString(`
    mutation SetPreferredLayers($participantId: ID!, $streamKey: String!, $spatialLayer: Int!, $temporalLayer: Int) {
  setPreferredLayers(
    participantId: $participantId
    streamKey: $streamKey
    spatialLayer: $spatialLayer
    temporalLayer: $temporalLayer
  ) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on SetPreferredLayersPayload {
      __typename
      layers {
        simulcast
        spatialLayer
        temporalLayer
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}`) as unknown as TypedDocumentString<SetPreferredLayersMutation, SetPreferredLayersMutationVariables>;
export const UnsubscribeDocument = new TypedDocumentString(`
    mutation Unsubscribe($participantId: ID!, $streamKey: String!) {
  unsubscribe(participantId: $participantId, streamKey: $streamKey) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on UnsubscribePayload {
      __typename
      result {
        ok
      }
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}`) as unknown as TypedDocumentString<UnsubscribeMutation, UnsubscribeMutationVariables>;
export const SendMessageDocument = new TypedDocumentString(`
    mutation SendMessage($payload: String!, $recipients: [ID!]) {
  sendMessage(payload: $payload, recipients: $recipients) {
    ...UserErrorFields
    ...MediaErrorFields
    ... on SendMessagePayload {
      __typename
      recipientCount
    }
  }
}
    fragment UserErrorFields on UserError {
  __typename
  code
  message
  field
}
fragment MediaErrorFields on MediaRequestError {
  reason
}`) as unknown as TypedDocumentString<SendMessageMutation, SendMessageMutationVariables>;
export const RoomEventsDocument = new TypedDocumentString(`
    subscription RoomEvents($roomId: ID!) {
  roomEvents(roomId: $roomId) {
    __typename
    seq
    ... on RoomStateSnapshot {
      state {
        ...WireRoomState
      }
    }
    ... on ParticipantJoined {
      participant {
        ...WireParticipant
      }
    }
    ... on ParticipantLeaving {
      participantId
      reason
    }
    ... on ParticipantLeft {
      participantId
      reason
    }
    ... on StreamPublished {
      stream {
        ...WireStream
      }
    }
    ... on StreamUpdated {
      stream {
        ...WireStream
      }
    }
    ... on StreamUnpublished {
      participantId
      streamKey
    }
    ...TrackEventFields
    ... on AudioActivity {
      participantId
      streamKey
    }
    ... on MessageReceived {
      from
      fromOperator
      payload
      recipients
    }
    ... on MediaReconnectRequired {
      reason
    }
    ... on SessionStarted {
      sessionId
    }
    ... on SessionEnded {
      sessionId
      reason
    }
  }
}
    fragment WireTrack on Track {
  enabled
  censored
  simulcast
}
fragment WireStream on Stream {
  participantId
  key
  audio {
    ...WireTrack
  }
  video {
    ...WireTrack
  }
}
fragment WireParticipant on LiveParticipant {
  id
  context
  joinedAt
  canPublish
  canSubscribe
  streams {
    ...WireStream
  }
}
fragment WireRoomState on RoomState {
  roomId
  sessionId
  status
  seq
  recording
  activeSpeaker {
    participantId
    streamKey
  }
  participants {
    ...WireParticipant
  }
}
fragment TrackEventFields on RoomEvent {
  ... on TrackEnabled {
    participantId
    streamKey
    kind
  }
  ... on TrackDisabled {
    participantId
    streamKey
    kind
  }
  ... on TrackCensored {
    participantId
    streamKey
    kind
  }
  ... on TrackUncensored {
    participantId
    streamKey
    kind
  }
}`) as unknown as TypedDocumentString<RoomEventsSubscription, RoomEventsSubscriptionVariables>;