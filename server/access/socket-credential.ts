import type { DomainBus } from '../events/topics.js';
import type { Unsubscribe } from '../ports/event-bus.js';
import { noLongerValid, type Authentication, type Authenticator } from './auth.js';

/** One credential of a socket and what became of it. */
interface Checked {
  authorization: unknown;
  /** The check, then what it found, then (once an event or the expiry says so) the refusal. */
  authentication: Promise<Authentication>;
  settled?: Authentication;
  /** When the check that found it valid began. */
  checkedAt: number;
  /** What ends it early: bus listeners and the expiry timer. */
  watches: Unsubscribe[];
}

/**
 * How long a credential found valid is taken on events alone: then the next operation checks it
 * again. Events can miss: a revocation made with the CLI changes the database and tells no server,
 * and in a cluster the bus drops what is published while Redis is unreachable (pub/sub keeps
 * nothing). This bounds how long such a miss lasts, for one query per socket in use per period.
 */
export const RECHECK_AFTER_MS = 30_000;

/**
 * Hands out the credential of each WebSocket (one {@link SocketCredential} per socket): checked
 * once, at `connection_init`, and watched from then on instead of checked again per operation.
 */
export class SocketCredentials {
  constructor(
    private readonly auth: Authenticator,
    private readonly bus: DomainBus,
    private readonly recheckAfterMs = RECHECK_AFTER_MS,
  ) {}

  /** `authorization` reads the socket's credential as it is now (updateClientToken swaps it). */
  open(authorization: () => unknown): SocketCredential {
    return new SocketCredential(this.auth, this.bus, authorization, this.recheckAfterMs);
  }
}

/**
 * The authentication every operation on one WebSocket runs with. The credential is checked once
 * (signature, expiry, the database's word on the key or the token's room and family), and again
 * only when the socket swaps it (updateClientToken). From then on it is events and a timer that
 * end it, never a query per operation:
 * - an API key: `apiKeyRevoked` for its id;
 * - a client token: `tokenFamilyRevoked` for its family (its participant kicked), the account
 *   event `video.room.deleted` of its room, and its expiry (a timer, and a look at the clock on
 *   every operation, since a timer may fire late).
 * A credential ended so is refused with what the check would now say (`revoked_api_key`,
 * `token_revoked`, `token_room_deleted`, `token_expired`). In a cluster the same topics arrive
 * from the other nodes, so a revocation or a deletion made elsewhere ends it here too. A valid
 * credential is checked again by the first operation past `recheckAfterMs` (RECHECK_AFTER_MS), in
 * case an event was missed.
 *
 * No event is missed between the check and the watch: every one of these events is published
 * after its change is in the database, and while a check is running any revocation or room
 * deletion on the bus (whose key it cannot tell yet: an API key's id comes from the check) has
 * it run again once its watches are in place.
 */
export class SocketCredential {
  private current?: Checked;
  private closed = false;

  constructor(
    private readonly auth: Authenticator,
    private readonly bus: DomainBus,
    private readonly authorization: () => unknown,
    private readonly recheckAfterMs: number,
  ) {}

  /** What the socket's operations run as; checks the credential only the first time, or when it was swapped. */
  authentication(): Promise<Authentication> {
    const authorization = this.authorization();
    const c = this.current;
    if (!c || c.authorization !== authorization) return this.check(authorization);
    const viewer = c.settled?.viewer;
    if (viewer?.kind === 'clientToken' && Date.now() >= viewer.claims.expiresAt.getTime()) this.end(c, noLongerValid.tokenExpired());
    else if (viewer && viewer.kind !== 'anonymous' && Date.now() - c.checkedAt >= this.recheckAfterMs) return this.check(authorization);
    return c.authentication;
  }

  /** The socket closed: nothing is watched for it any more. */
  close(): void {
    this.closed = true;
    if (this.current) this.release(this.current);
    this.current = undefined;
  }

  private check(authorization: unknown): Promise<Authentication> {
    if (this.current) this.release(this.current);
    const c: Checked = { authorization, authentication: undefined as never, checkedAt: Date.now(), watches: [] };
    this.current = c;
    c.authentication = this.run(c).catch((err: unknown) => {
      // A failed check (the database unreachable) is not remembered: the next operation checks again.
      if (this.current === c) this.current = undefined;
      throw err;
    });
    return c.authentication;
  }

  private async run(c: Checked): Promise<Authentication> {
    let stale: boolean;
    const markStale = () => (stale = true);
    const listening = [
      this.bus.subscribe('apiKeyRevoked', null, markStale),
      this.bus.subscribe('tokenFamilyRevoked', null, markStale),
      this.bus.subscribe('account', null, (e) => {
        if (e.eventType === 'video.room.deleted') markStale();
      }),
    ];
    let authentication: Authentication;
    try {
      do {
        stale = false;
        c.checkedAt = Date.now();
        authentication = await this.auth.authenticate(c.authorization);
      } while (stale && !authentication.failure && this.current === c);
    } finally {
      listening.forEach((off) => off());
    }
    // Superseded (the credential swapped, the socket closed): its caller gets its answer, nobody watches it.
    if (this.current !== c || this.closed) return authentication;
    c.settled = authentication;
    this.watch(c, authentication);
    return authentication;
  }

  private watch(c: Checked, authentication: Authentication): void {
    const viewer = authentication.viewer;
    if (viewer.kind === 'apiKey' && viewer.keyId) {
      c.watches.push(this.bus.subscribe('apiKeyRevoked', viewer.keyId, () => this.end(c, noLongerValid.revokedApiKey())));
    }
    if (viewer.kind === 'clientToken') {
      const { familyId, roomId, expiresAt } = viewer.claims;
      c.watches.push(
        this.bus.subscribe('tokenFamilyRevoked', familyId, () => this.end(c, noLongerValid.tokenRevoked())),
        this.bus.subscribe('account', roomId, (e) => {
          if (e.eventType === 'video.room.deleted') this.end(c, noLongerValid.tokenRoomDeleted());
        }),
      );
      const timer = setTimeout(() => this.end(c, noLongerValid.tokenExpired()), Math.max(0, expiresAt.getTime() - Date.now()));
      timer.unref();
      c.watches.push(() => clearTimeout(timer));
    }
  }

  /** The credential is no longer valid: every operation from now on is refused with `refusal`. */
  private end(c: Checked, refusal: Authentication): void {
    if (c.settled?.failure) return;
    this.release(c);
    c.settled = refusal;
    c.authentication = Promise.resolve(refusal);
  }

  private release(c: Checked): void {
    c.watches.splice(0).forEach((off) => off());
  }
}
