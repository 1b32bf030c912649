import type { IngressRow, ParticipantRow, RoomRow, RoomSessionRow } from '../../db/types.js';
import type { AccountEventPayloads, IngressRef, RoomPayload } from './catalog.js';
import type { LeaveReason, SessionEndReason } from './reasons.js';

// The payloads that several writers send are built here, once, from the rows they describe.

const secondsBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 1000);

export function roomPayload(room: RoomRow): RoomPayload {
  return {
    room_id: room.id,
    unique_name: room.unique_name,
    max_participants: room.max_participants,
    enable_recording: room.enable_recording,
  };
}

export function sessionEndedPayload(session: RoomSessionRow, reason: SessionEndReason): AccountEventPayloads['video.room.session.ended'] {
  return {
    room_id: session.room_id,
    session_id: session.id,
    duration_secs: secondsBetween(session.created_at, session.ended_at ?? new Date()),
    ended_reason: reason,
  };
}

export function participantJoinedPayload(p: Pick<ParticipantRow, 'id' | 'session_id' | 'room_id' | 'context'>): AccountEventPayloads['video.room.participant.joined'] {
  return { room_id: p.room_id, session_id: p.session_id, participant_id: p.id, context: p.context };
}

export function participantLeftPayload(p: ParticipantRow, at: Date, reason: LeaveReason): AccountEventPayloads['video.room.participant.left'] {
  return { ...participantJoinedPayload(p), duration_secs: secondsBetween(p.joined_at, at), left_reason: reason };
}

export function ingressPayload(row: IngressRow): IngressRef {
  return { room_id: row.room_id, ingress_id: row.id, kind: row.kind, session_id: row.session_id, participant_id: row.participant_id, context: row.context };
}
