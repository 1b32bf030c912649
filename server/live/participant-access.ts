import { noLongerValid } from '../access/auth.js';
import type { ClientTokenClaims } from '../access/client-token-signer.js';
import type { ClientTokenService } from '../access/client-token-service.js';
import { NotJoinedError } from '../shared/errors.js';
import { Checker } from '../shared/validation.js';
import type { ClientConnection } from './connection.js';
import type { Orchestrator } from './orchestrator.js';
import type { JoinOptions, JoinResult } from './participant-session.js';

/** Longest `context` a participant may show others. */
export const MAX_CONTEXT_CHARS = 4096;

/**
 * How a client becomes a participant and stays one, as the API takes it: `join` over its
 * WebSocket, and `updateClientToken` to keep its place past the token it joined with.
 */
export class ParticipantAccess {
  constructor(
    private readonly orchestrator: Orchestrator,
    private readonly clientTokens: ClientTokenService,
  ) {}

  async join(connection: ClientConnection | undefined, claims: ClientTokenClaims, opts: JoinOptions): Promise<JoinResult> {
    if (!connection) throw new NotJoinedError('join works over the WebSocket (graphql-transport-ws), not over HTTP');
    const c = new Checker();
    c.text('context', opts.context, 0, MAX_CONTEXT_CHARS);
    c.uuid('reconnect.participantId', opts.reconnect?.participantId ?? null);
    c.done();
    // A socket's credential is checked once, and a kick reaches it a moment after the revocation
    // is stored (once the participant is gone, so that it hears why first): in between, a join
    // would let the kicked client back in. Joins are few; this one asks the database.
    if (await this.clientTokens.isRevoked(claims.familyId)) throw noLongerValid.tokenRevoked().failure;
    return this.orchestrator.join(connection, claims, opts);
  }

  /**
   * The connection acts with a fresh access token for the same room from now on (graphql-ws fixes
   * its credential when the socket opens), and its participant stays as long as that token.
   */
  async updateToken(connection: ClientConnection | undefined, token: string): Promise<void> {
    const p = this.orchestrator.requirePresence(connection);
    const claims = await this.clientTokens.verifyAccess(token, p.roomId, 'token');
    connection!.authorization = `Bearer ${token}`;
    this.orchestrator.setToken(p, claims);
  }
}
