// "Open in meet": the operator joins a room as a participant in the meet app, with a client token
// minted by the dashboard's API key (the same generateClientToken any backend calls).
import type { Client } from '@urql/core';
import { graphql } from '../../generated/gql.js';

const MintToken = graphql(`
  mutation RoomsPageMintToken($roomId: ID!) {
    generateClientToken(roomId: $roomId) {
      __typename
      ... on GenerateClientTokenPayload {
        clientToken {
          token
          refreshToken
        }
      }
      ... on UserError {
        message
      }
    }
  }
`);

/** The meet app's address for a room and its tokens. */
export function meetUrl(roomId: string, token: string, refreshToken: string | null | undefined, name = 'Operator'): string {
  const q = new URLSearchParams({ roomId, token, name });
  // The meet app will trade the refresh token for fresh access tokens (a later issue); passed now.
  if (refreshToken) q.set('refreshToken', refreshToken);
  return `/meet/?${q}`;
}

/**
 * Opens the meet app in a new tab. The tab is opened before the token is minted, while the click
 * still counts as the operator's gesture (a tab opened after an await may be blocked as a pop-up);
 * it is closed again if no token comes. Returns the reason it failed, or null.
 */
export async function openInMeet(client: Client, roomId: string): Promise<string | null> {
  const tab = window.open('about:blank', '_blank');
  // The meet tab needs no hand on the dashboard.
  if (tab) tab.opener = null;
  const res = await client.mutation(MintToken, { roomId }).toPromise();
  const result = res.data?.generateClientToken;
  if (result?.__typename === 'GenerateClientTokenPayload') {
    const url = meetUrl(roomId, result.clientToken.token, result.clientToken.refreshToken);
    if (tab) tab.location.href = url;
    else window.open(url, '_blank');
    return null;
  }
  tab?.close();
  if (res.error) return res.error.graphQLErrors[0]?.message ?? 'the server could not be reached';
  return result && 'message' in result ? result.message : 'no token was issued';
}
