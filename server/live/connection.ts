import { randomUUID } from 'node:crypto';

/**
 * One client's WebSocket. Participant operations act for the participant this connection joined
 * as; the credential can be swapped mid-connection (updateClientToken) because graphql-ws fixes
 * connectionParams when the socket opens.
 */
export class ClientConnection {
  readonly id = randomUUID();
  participantId?: string;

  constructor(
    public authorization: unknown,
    /** Closes the socket, for the server's own reasons (a subscriber that cannot keep up). */
    readonly close?: (code: number, reason: string) => void,
  ) {}
}
