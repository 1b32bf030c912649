// The fields these pages read of the same objects, spread by name (`...RecordsPageInfo`) in their
// documents; codegen puts each fragment into every document that uses it.
import { graphql } from '../../generated/gql.js';

/** What the Pager needs. */
export const RecordsPageInfo = graphql(`
  fragment RecordsPageInfo on PageInfo {
    hasNextPage
    hasPreviousPage
    startCursor
    endCursor
  }
`);

/** What roomLabel needs. */
export const RecordsRoomName = graphql(`
  fragment RecordsRoomName on Room {
    id
    uniqueName
    deletedAt
  }
`);

/** A session's state and span. */
export const RecordsSessionFacts = graphql(`
  fragment RecordsSessionFacts on RoomSession {
    id
    active
    createdAt
    endedAt
    endedReason
    room {
      ...RecordsRoomName
    }
  }
`);

/** A participant's stay. */
export const RecordsParticipantStay = graphql(`
  fragment RecordsParticipantStay on Participant {
    id
    context
    joinedAt
    leftAt
    leftReason
  }
`);
