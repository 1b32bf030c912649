import type { RoomService } from '../rooms/room-service.js';
import { RoomNotLiveError, ValidationError } from '../shared/errors.js';
import type { LiveRoom } from './live-room.js';
import type { Orchestrator } from './orchestrator.js';
import type { OwnerRelay } from './owner-relay.js';

export const MAX_MESSAGE_BYTES = 16 * 1024;

/** Who sends: a participant of the room, or an operator with an API key (its id). */
export interface MessageSender {
  id: string;
  operator: boolean;
}

/**
 * The one way a message enters a room, whoever sends it: the size limit, recipients who are
 * present, then the live room's delivery (a broadcast is a room event; chosen recipients get it
 * alone). Returns how many participants it was sent to (a participant does not count itself).
 */
export function deliverMessage(live: LiveRoom, sender: MessageSender, payload: string, recipients: readonly string[] | null | undefined): number {
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > MAX_MESSAGE_BYTES) throw new ValidationError([{ field: 'payload', message: `must be at most ${MAX_MESSAGE_BYTES} bytes, got ${bytes}` }]);
  if (recipients) {
    const unknown = recipients.filter((id) => !live.has(id));
    if (unknown.length) throw new ValidationError([{ field: 'recipients', message: `not in the room: ${unknown.slice(0, 5).join(', ')}` }]);
  }
  const chosen = recipients?.length ? [...new Set(recipients)] : null;
  live.message(sender.id, payload, chosen, sender.operator);
  if (chosen) return chosen.length;
  return sender.operator ? live.participantCount : live.participantCount - 1;
}

interface OperatorMessage {
  roomId: string;
  keyId: string;
  payload: string;
  recipients: string[] | null;
}

/** The server API's messages to a room: an operator speaks to whoever is in it now, on whichever node runs it. */
export class OperatorMessages {
  private readonly onOwner: (message: OperatorMessage) => Promise<number>;

  constructor(
    private readonly orchestrator: Orchestrator,
    private readonly rooms: RoomService,
    relay: OwnerRelay,
  ) {
    this.onOwner = relay.define('operatorMessage', (m: OperatorMessage) => this.here(m));
  }

  /** `keyId` names the API key in `from` (`API_KEY` for the one set in the server's configuration). */
  async send(roomId: string, keyId: string, payload: string, recipients: readonly string[] | null | undefined): Promise<number> {
    await this.rooms.requireLive(roomId, 'roomId');
    return this.onOwner({ roomId, keyId, payload, recipients: recipients ? [...recipients] : null });
  }

  private async here({ roomId, keyId, payload, recipients }: OperatorMessage): Promise<number> {
    const live = this.orchestrator.liveRoom(roomId);
    if (!live.currentSessionId) {
      this.orchestrator.forgetIfIdle(roomId);
      throw new RoomNotLiveError(roomId);
    }
    return deliverMessage(live, { id: keyId, operator: true }, payload, recipients);
  }
}
