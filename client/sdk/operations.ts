/** The GraphQL documents the SDK sends, and the shapes they return. */

const BASE_ERROR = '__typename ... on UserError { code message field }';
const ERROR = `${BASE_ERROR} ... on MediaRequestError { reason }`;

const STREAM = 'participantId key audio { enabled censored simulcast } video { enabled censored simulcast }';
const PARTICIPANT = `id context joinedAt canPublish canSubscribe streams { ${STREAM} }`;
const ROOM_STATE = `roomId sessionId status seq activeSpeaker { participantId streamKey } participants { ${PARTICIPANT} }`;
const TRANSPORT = 'id iceParameters iceCandidates dtlsParameters sctpParameters';
const CONSUMER = 'id producerId kind rtpParameters type producerPaused participantId streamKey';
const SUBSCRIPTION = `participantId streamKey audio video consumers { ${CONSUMER} }`;

export const JOIN = `mutation Join($context: String, $reconnect: ReconnectInput) {
  join(context: $context, reconnect: $reconnect) { ${ERROR}
    ... on JoinPayload { joined { participantId sessionId reconnectKey resumed routerRtpCapabilities
      sendTransport { ${TRANSPORT} } recvTransport { ${TRANSPORT} } grants { canPublish canSubscribe } roomState { ${ROOM_STATE} } } } } }`;

export const LEAVE = `mutation Leave { leave { ${BASE_ERROR} ... on LeavePayload { result { ok } } } }`;

export const UPDATE_CLIENT_TOKEN = `mutation UpdateClientToken($token: String!) {
  updateClientToken(token: $token) { ${BASE_ERROR} ... on InvalidTokenError { tokenProblem: reason } ... on UpdateClientTokenPayload { result { ok } } } }`;

export const CONNECT_TRANSPORT = `mutation ConnectTransport($transportId: ID!, $dtlsParameters: JSON!) {
  connectTransport(transportId: $transportId, dtlsParameters: $dtlsParameters) { ${ERROR} ... on ConnectTransportPayload { result { ok } } } }`;

export const RESTART_ICE = `mutation RestartIce($transportId: ID!) {
  restartIce(transportId: $transportId) { ${ERROR} ... on RestartIcePayload { iceParameters } } }`;

export const PUBLISH_STREAM = `mutation PublishStream($streamKey: String!, $kind: MediaKind!, $rtpParameters: JSON!, $appData: JSON) {
  publishStream(streamKey: $streamKey, kind: $kind, rtpParameters: $rtpParameters, appData: $appData) { ${ERROR}
    ... on PublishStreamPayload { published { producerId } } } }`;

export const UPDATE_STREAM = `mutation UpdateStream($streamKey: String!, $audioEnabled: Boolean, $videoEnabled: Boolean) {
  updateStream(streamKey: $streamKey, audioEnabled: $audioEnabled, videoEnabled: $videoEnabled) { ${ERROR}
    ... on UpdateStreamPayload { stream { ${STREAM} } } } }`;

export const UNPUBLISH_STREAM = `mutation UnpublishStream($streamKey: String!) {
  unpublishStream(streamKey: $streamKey) { ${ERROR} ... on UnpublishStreamPayload { result { ok } } } }`;

export const SUBSCRIBE = `mutation Subscribe($participantId: ID!, $streamKey: String!, $audio: Boolean, $video: Boolean, $rtpCapabilities: JSON, $preferredLayer: Int) {
  subscribe(participantId: $participantId, streamKey: $streamKey, audio: $audio, video: $video, rtpCapabilities: $rtpCapabilities, preferredLayer: $preferredLayer) { ${ERROR}
    ... on SubscribePayload { subscription { ${SUBSCRIPTION} } } } }`;

export const UPDATE_SUBSCRIPTION = `mutation UpdateSubscription($participantId: ID!, $streamKey: String!, $audio: Boolean, $video: Boolean, $preferredLayer: Int) {
  updateSubscription(participantId: $participantId, streamKey: $streamKey, audio: $audio, video: $video, preferredLayer: $preferredLayer) { ${ERROR}
    ... on UpdateSubscriptionPayload { subscription { ${SUBSCRIPTION} } } } }`;

export const RESUME_SUBSCRIPTION = `mutation ResumeSubscription($participantId: ID!, $streamKey: String!) {
  resumeSubscription(participantId: $participantId, streamKey: $streamKey) { ${ERROR} ... on ResumeSubscriptionPayload { result { ok } } } }`;

export const UNSUBSCRIBE = `mutation Unsubscribe($participantId: ID!, $streamKey: String!) {
  unsubscribe(participantId: $participantId, streamKey: $streamKey) { ${ERROR} ... on UnsubscribePayload { result { ok } } } }`;

export const SEND_MESSAGE = `mutation SendMessage($payload: String!, $recipients: [ID!]) {
  sendMessage(payload: $payload, recipients: $recipients) { ${ERROR} ... on SendMessagePayload { recipientCount } } }`;

const TRACK_EVENT = 'participantId streamKey kind';
export const ROOM_EVENTS = `subscription RoomEvents($roomId: ID!) {
  roomEvents(roomId: $roomId) { __typename seq
    ... on RoomStateSnapshot { state { ${ROOM_STATE} } }
    ... on ParticipantJoined { participant { ${PARTICIPANT} } }
    ... on ParticipantLeaving { participantId reason }
    ... on ParticipantLeft { participantId reason }
    ... on StreamPublished { stream { ${STREAM} } }
    ... on StreamUpdated { stream { ${STREAM} } }
    ... on StreamUnpublished { participantId streamKey }
    ... on TrackEnabled { ${TRACK_EVENT} }
    ... on TrackDisabled { ${TRACK_EVENT} }
    ... on TrackCensored { ${TRACK_EVENT} }
    ... on TrackUncensored { ${TRACK_EVENT} }
    ... on AudioActivity { participantId streamKey }
    ... on MessageReceived { from payload recipients }
    ... on MediaReconnectRequired { reason }
    ... on SessionStarted { sessionId }
    ... on SessionEnded { sessionId reason } } }`;

// ---- What comes back ----------------------------------------------------------------------

export type WireKind = 'AUDIO' | 'VIDEO';

export interface WireTrack {
  enabled: boolean;
  censored: boolean;
  simulcast: boolean;
}

export interface WireStream {
  participantId: string;
  key: string;
  audio: WireTrack | null;
  video: WireTrack | null;
}

export interface WireParticipant {
  id: string;
  context: string | null;
  joinedAt: string;
  canPublish: boolean;
  canSubscribe: boolean;
  streams: WireStream[];
}

export interface WireRoomState {
  roomId: string;
  sessionId: string | null;
  status: 'IDLE' | 'ACTIVE';
  seq: number;
  activeSpeaker: { participantId: string; streamKey: string } | null;
  participants: WireParticipant[];
}

export interface WireTransport {
  id: string;
  iceParameters: any;
  iceCandidates: any[];
  dtlsParameters: any;
  sctpParameters?: any;
}

export interface WireJoin {
  participantId: string;
  sessionId: string;
  reconnectKey: string;
  resumed: boolean;
  routerRtpCapabilities: any;
  sendTransport: WireTransport | null;
  recvTransport: WireTransport | null;
  grants: { canPublish: boolean; canSubscribe: boolean };
  roomState: WireRoomState;
}

export interface WireConsumer {
  id: string;
  producerId: string;
  kind: WireKind;
  rtpParameters: any;
  type: string;
  producerPaused: boolean;
  participantId: string;
  streamKey: string;
}

export interface WireSubscription {
  participantId: string;
  streamKey: string;
  audio: boolean;
  video: boolean;
  consumers: WireConsumer[];
}

type TrackEventName = 'TrackEnabled' | 'TrackDisabled' | 'TrackCensored' | 'TrackUncensored';

export type WireRoomEvent = { seq: number } & (
  | { __typename: 'RoomStateSnapshot'; state: WireRoomState }
  | { __typename: 'ParticipantJoined'; participant: WireParticipant }
  | { __typename: 'ParticipantLeaving' | 'ParticipantLeft'; participantId: string; reason: string }
  | { __typename: 'StreamPublished' | 'StreamUpdated'; stream: WireStream }
  | { __typename: 'StreamUnpublished'; participantId: string; streamKey: string }
  | { __typename: TrackEventName; participantId: string; streamKey: string; kind: WireKind }
  | { __typename: 'AudioActivity'; participantId: string; streamKey: string }
  | { __typename: 'MessageReceived'; from: string; payload: string; recipients: string[] | null }
  | { __typename: 'MediaReconnectRequired'; reason: string }
  | { __typename: 'SessionStarted'; sessionId: string }
  | { __typename: 'SessionEnded'; sessionId: string; reason: string }
);
