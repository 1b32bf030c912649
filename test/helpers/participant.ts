import type { Client } from 'graphql-ws';
import { collect, wsClient, type Collected } from './ws.js';

export const JOIN = `mutation($context: String, $reconnect: ReconnectInput) {
  join(context: $context, reconnect: $reconnect) {
    __typename
    ... on UserError { code message field }
    ... on JoinPayload { joined { participantId sessionId reconnectKey resumed routerRtpCapabilities
      sendTransport { id } recvTransport { id } grants { canPublish canSubscribe }
      roomState { status seq participants { id context } } } }
  }
}`;

export const ROOM_EVENTS = `subscription($roomId: ID!) { roomEvents(roomId: $roomId) {
  __typename seq roomId
  ... on RoomStateSnapshot { state { status sessionId seq participants { id context streams { key } } } }
  ... on ParticipantJoined { participant { id context } }
  ... on ParticipantLeaving { participantId reason }
  ... on ParticipantLeft { participantId reason }
  ... on MessageReceived { from payload recipients }
  ... on SessionStarted { sessionId }
  ... on SessionEnded { sessionId reason }
} }`;

/** A participant as a client SDK would be: one WebSocket with a client token. */
export interface TestParticipant {
  client: Client;
  /** Runs one operation on this participant's socket. */
  run<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[] }>;
  join(context?: string, reconnect?: { participantId: string; reconnectKey: string }): Promise<any>;
  events(roomId: string): Collected<any>;
  close(): Promise<void>;
}

export function participant(url: string, token: string): TestParticipant {
  // A participant is its connection: keep the socket open between operations, as the SDK does.
  const client = wsClient(url, token, false);
  const run = <T>(query: string, variables?: Record<string, unknown>) =>
    new Promise<{ data?: T; errors?: any[] }>((resolve, reject) => {
      let result: { data?: T; errors?: any[] } = {};
      client.subscribe<T>(
        { query, variables },
        {
          next: (r) => (result = r as typeof result),
          error: (e) => (Array.isArray(e) ? resolve({ errors: e }) : reject(e)),
          complete: () => resolve(result),
        },
      );
    });
  return {
    client,
    run,
    async join(context, reconnect) {
      const res = await run<{ join: any }>(JOIN, { context, reconnect });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.join;
    },
    events: (roomId) => collect(client, ROOM_EVENTS, { roomId }),
    close: () => client.dispose() as Promise<void>,
  };
}

/** Polls until `probe` returns a value (not undefined), or fails after timeoutMs. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
