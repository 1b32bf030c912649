import type { Records } from '../rooms/records-service.js';
import type { TokenRevocations } from '../access/token-revocations.js';
import { NotFoundError, SessionEndedError, ValidationError } from '../shared/errors.js';
import { Checker } from '../shared/validation.js';
import type { RoomSessionRow } from '../../db/types.js';
import type { Orchestrator, Presence } from './orchestrator.js';
import type { OwnerRelay } from './owner-relay.js';
import type { ParticipantMediaSession } from './participant-media-session.js';

/** Telnyx's ActionsParticipantsRequest: everyone, or a list, minus some. */
export interface ParticipantSelector {
  all?: boolean | null;
  ids?: readonly string[] | null;
  exclude?: readonly string[] | null;
}

type Action = 'kick' | 'mute' | 'unmute';

/** A moderation call as it travels to the node that runs the room. */
type Call = { roomId: string; sessionId: string } & ({ action: 'end' } | { action: Action; selector: ParticipantSelector });

interface Outcome {
  session: RoomSessionRow;
  participantIds: string[];
}

/**
 * The server API's hand on a session in progress: end it; kick, mute, unmute participants. The
 * checks run on the node the call reached; the action runs on the node that runs the room.
 */
export class Moderation {
  private readonly onOwner: (call: Call) => Promise<Outcome>;

  constructor(
    private readonly orchestrator: Orchestrator,
    private readonly participantMedia: ParticipantMediaSession,
    private readonly records: Records,
    private readonly revocations: TokenRevocations,
    relay: OwnerRelay,
  ) {
    this.onOwner = relay.define('moderation', (call: Call) => this.here(call));
  }

  async endSession(sessionId: string): Promise<RoomSessionRow> {
    const session = await this.activeSession(sessionId);
    return (await this.onOwner({ action: 'end', roomId: session.room_id, sessionId })).session;
  }

  kick(sessionId: string, selector: ParticipantSelector) {
    return this.apply('kick', sessionId, selector);
  }

  mute(sessionId: string, selector: ParticipantSelector) {
    return this.apply('mute', sessionId, selector);
  }

  unmute(sessionId: string, selector: ParticipantSelector) {
    return this.apply('unmute', sessionId, selector);
  }

  private act(action: Action, p: Presence): Promise<unknown> {
    if (action === 'mute') return this.participantMedia.censorAudio(p, true);
    if (action === 'unmute') return this.participantMedia.censorAudio(p, false);
    // Revoked first, so the kicked client cannot slip back in between leaving and the revocation.
    return (async () => {
      await this.revocations.revoke(p.familyIds, p.roomId, 'kicked');
      const left = await this.orchestrator.leave(p.participantId, 'kicked');
      this.revocations.announce(p.familyIds);
      return left;
    })();
  }

  private async apply(action: Action, sessionId: string, selector: ParticipantSelector): Promise<Outcome> {
    const c = new Checker();
    c.uuid('sessionId', sessionId);
    if (!selector.all && !selector.ids?.length) c.fail('participants', 'give all: true or a non-empty ids list');
    if (selector.all && selector.ids?.length) c.fail('participants', 'give all: true or ids, not both');
    (selector.ids ?? []).forEach((id, i) => c.uuid(`participants.ids[${i}]`, id));
    (selector.exclude ?? []).forEach((id, i) => c.uuid(`participants.exclude[${i}]`, id));
    c.done();
    const session = await this.activeSession(sessionId);
    return this.onOwner({ action, roomId: session.room_id, sessionId, selector: { all: selector.all, ids: selector.ids && [...selector.ids], exclude: selector.exclude && [...selector.exclude] } });
  }

  /** On the node that runs the room. */
  private async here(call: Call): Promise<Outcome> {
    const { sessionId } = call;
    if (call.action === 'end') {
      const ended = await this.orchestrator.endSession(call.roomId, 'ended_by_api');
      return { session: ended ?? (await this.records.session(sessionId))!, participantIds: [] };
    }
    const { selector } = call;
    const present = this.orchestrator
      .liveRoom(call.roomId)
      .participantIds()
      .map((id) => this.orchestrator.findPresence(id))
      .filter((p): p is Presence => !!p && p.sessionId === sessionId);
    if (selector.ids?.length) {
      const here = new Set(present.map((p) => p.participantId));
      const absent = selector.ids.filter((id) => !here.has(id));
      if (absent.length) throw new ValidationError([{ field: 'participants.ids', message: `not present in the session: ${absent.join(', ')}` }]);
    }
    const wanted = selector.all ? present : present.filter((p) => selector.ids!.includes(p.participantId));
    const excluded = new Set(selector.exclude ?? []);
    const chosen = wanted.filter((p) => !excluded.has(p.participantId));
    for (const p of chosen) await this.act(call.action, p);
    return { session: (await this.records.session(sessionId))!, participantIds: chosen.map((p) => p.participantId) };
  }

  private async activeSession(sessionId: string) {
    const c = new Checker();
    c.uuid('sessionId', sessionId);
    c.done();
    const session = await this.records.session(sessionId);
    if (!session) throw new NotFoundError('session', sessionId, 'sessionId');
    if (!session.active) throw new SessionEndedError(sessionId);
    return session;
  }
}
