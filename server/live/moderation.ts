import type { Records } from '../rooms/records-service.js';
import type { TokenRevocations } from '../access/token-revocations.js';
import { NotFoundError, SessionEndedError, ValidationError } from '../shared/errors.js';
import { Checker } from '../shared/validation.js';
import type { Orchestrator, Presence } from './orchestrator.js';
import type { ParticipantMediaSession } from './participant-media-session.js';

/** Telnyx's ActionsParticipantsRequest: everyone, or a list, minus some. */
export interface ParticipantSelector {
  all?: boolean | null;
  ids?: readonly string[] | null;
  exclude?: readonly string[] | null;
}

/** The server API's hand on a session in progress: end it; kick, mute, unmute participants. */
export class Moderation {
  constructor(
    private readonly orchestrator: Orchestrator,
    private readonly participantMedia: ParticipantMediaSession,
    private readonly records: Records,
    private readonly revocations: TokenRevocations,
  ) {}

  async endSession(sessionId: string) {
    const session = await this.activeSession(sessionId);
    return (await this.orchestrator.endSession(session.room_id, 'ended_by_api')) ?? (await this.records.session(sessionId))!;
  }

  kick(sessionId: string, selector: ParticipantSelector) {
    // Revoked first, so the kicked client cannot slip back in between leaving and the revocation.
    return this.apply(sessionId, selector, async (p) => {
      await this.revocations.revoke(p.familyIds, p.roomId, 'kicked');
      const left = await this.orchestrator.leave(p.participantId, 'kicked');
      this.revocations.announce(p.familyIds);
      return left;
    });
  }

  mute(sessionId: string, selector: ParticipantSelector) {
    return this.apply(sessionId, selector, (p) => this.participantMedia.censorAudio(p, true));
  }

  unmute(sessionId: string, selector: ParticipantSelector) {
    return this.apply(sessionId, selector, (p) => this.participantMedia.censorAudio(p, false));
  }

  private async apply(sessionId: string, selector: ParticipantSelector, action: (p: Presence) => Promise<unknown>) {
    const c = new Checker();
    c.uuid('sessionId', sessionId);
    if (!selector.all && !selector.ids?.length) c.fail('participants', 'give all: true or a non-empty ids list');
    if (selector.all && selector.ids?.length) c.fail('participants', 'give all: true or ids, not both');
    (selector.ids ?? []).forEach((id, i) => c.uuid(`participants.ids[${i}]`, id));
    (selector.exclude ?? []).forEach((id, i) => c.uuid(`participants.exclude[${i}]`, id));
    c.done();
    const session = await this.activeSession(sessionId);
    const present = this.orchestrator
      .liveRoom(session.room_id)
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
    for (const p of chosen) await action(p);
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
