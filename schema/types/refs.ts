import type { CompositionRow, ParticipantRow, RecordingRow, RoomRow, RoomSessionRow } from '../../db/types.js';
import { builder } from '../builder.js';

// Object refs are declared apart from their fields so that types can point at each other
// (a room has sessions, a session has a room) without import cycles.
export const RoomRef = builder.objectRef<RoomRow>('Room');
export const RoomSessionRef = builder.objectRef<RoomSessionRow>('RoomSession');
export const ParticipantRef = builder.objectRef<ParticipantRow>('Participant');
export const RecordingRef = builder.objectRef<RecordingRow>('Recording');
export const CompositionRef = builder.objectRef<CompositionRow>('Composition');

export const RoomConnection = builder.connectionObject({ type: RoomRef, name: 'RoomConnection' });
export const RoomSessionConnection = builder.connectionObject({ type: RoomSessionRef, name: 'RoomSessionConnection' });
export const ParticipantConnection = builder.connectionObject({ type: ParticipantRef, name: 'ParticipantConnection' });
export const RecordingConnection = builder.connectionObject({ type: RecordingRef, name: 'RecordingConnection' });
export const CompositionConnection = builder.connectionObject({ type: CompositionRef, name: 'CompositionConnection' });
