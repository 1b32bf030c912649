// The live room's feed: the roomEvents subscription (a snapshot, then every change in seq order),
// as the dashboard reads it.
import { graphql } from '../../generated/gql.js';
import type { RoomLivePageEventsSubscription } from '../../generated/graphql.js';

export const RoomLivePageStream = graphql(`
  fragment RoomLivePageStream on Stream {
    participantId
    key
    isAudioEnabled
    isVideoEnabled
    isAudioCensored
    isVideoCensored
    audio {
      kind
    }
    video {
      kind
      simulcast
    }
  }
`);

export const RoomLivePageParticipant = graphql(`
  fragment RoomLivePageParticipant on LiveParticipant {
    id
    context
    joinedAt
    canPublish
    canSubscribe
    streams {
      ...RoomLivePageStream
    }
  }
`);

export const RoomLiveEvents = graphql(`
  subscription RoomLivePageEvents($roomId: ID!) {
    roomEvents(roomId: $roomId) {
      __typename
      seq
      occurredAt
      ... on RoomStateSnapshot {
        state {
          sessionId
          status
          activeSpeaker {
            participantId
            streamKey
          }
          participants {
            ...RoomLivePageParticipant
          }
        }
      }
      ... on ParticipantJoined {
        participant {
          ...RoomLivePageParticipant
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
          ...RoomLivePageStream
        }
      }
      ... on StreamUpdated {
        stream {
          ...RoomLivePageStream
        }
      }
      ... on StreamUnpublished {
        participantId
        streamKey
      }
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
`);

export type RoomEvent = RoomLivePageEventsSubscription['roomEvents'];
export type EventOf<T extends RoomEvent['__typename']> = Extract<RoomEvent, { __typename: T }>;
export type LiveParticipant = EventOf<'ParticipantJoined'>['participant'];
export type LiveStream = LiveParticipant['streams'][number];
