// Moderation from the live page: the server API's muteParticipants, unmuteParticipants,
// kickParticipants (a ParticipantSelector: some ids, or all minus an exclude list) and endSession,
// acting on the session in progress. Each answers with the server's typed error in words, or null.
import { useMutation } from '@urql/preact';
import type { CombinedError } from '@urql/core';
import { graphql } from '../../generated/gql.js';
import type { ParticipantSelector } from '../../generated/graphql.js';

const Mute = graphql(`
  mutation RoomLivePageMute($sessionId: ID!, $participants: ParticipantSelector!) {
    muteParticipants(sessionId: $sessionId, participants: $participants) {
      __typename
      ... on UserError {
        message
      }
    }
  }
`);

const Unmute = graphql(`
  mutation RoomLivePageUnmute($sessionId: ID!, $participants: ParticipantSelector!) {
    unmuteParticipants(sessionId: $sessionId, participants: $participants) {
      __typename
      ... on UserError {
        message
      }
    }
  }
`);

const Kick = graphql(`
  mutation RoomLivePageKick($sessionId: ID!, $participants: ParticipantSelector!) {
    kickParticipants(sessionId: $sessionId, participants: $participants) {
      __typename
      ... on UserError {
        message
      }
    }
  }
`);

const EndSession = graphql(`
  mutation RoomLivePageEndSession($sessionId: ID!) {
    endSession(sessionId: $sessionId) {
      __typename
      ... on UserError {
        message
      }
    }
  }
`);

type Outcome = { data?: Record<string, { __typename: string; message?: string } | null | undefined> | null; error?: CombinedError };

/** Null when the mutation did its work; otherwise what went wrong, for the operator. */
function failure(res: Outcome, payload: string): string | null {
  const result = Object.values(res.data ?? {})[0];
  if (result?.__typename === payload) return null;
  if (res.error) return res.error.graphQLErrors[0]?.message ?? 'the server could not be reached';
  return result?.message ?? 'nothing was done';
}

export type ModerationAction = 'mute' | 'unmute' | 'kick';

export interface Moderation {
  apply(action: ModerationAction, selector: ParticipantSelector): Promise<string | null>;
  endSession(): Promise<string | null>;
}

export function useModeration(sessionId: string | null): Moderation {
  const [, mute] = useMutation(Mute);
  const [, unmute] = useMutation(Unmute);
  const [, kick] = useMutation(Kick);
  const [, end] = useMutation(EndSession);
  const noSession = async () => 'nobody is in the room: there is no session to act on';
  if (!sessionId) return { apply: noSession, endSession: noSession };
  return {
    async apply(action, participants) {
      const vars = { sessionId, participants };
      if (action === 'mute') return failure(await mute(vars), 'MuteParticipantsPayload');
      if (action === 'unmute') return failure(await unmute(vars), 'UnmuteParticipantsPayload');
      return failure(await kick(vars), 'KickParticipantsPayload');
    },
    endSession: async () => failure(await end({ sessionId }), 'EndSessionPayload'),
  };
}
