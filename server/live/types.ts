// The live room's shapes are the event catalog's: re-exported for the modules of server/live.
export type { ActiveSpeaker, MediaKind, ParticipantState, RoomStateView, StreamKey, StreamState, TrackState } from '../events/room-state.js';
export type { RoomDelta, RoomEventRecord } from '../events/catalog.js';
export type { LeaveReason, SessionEndReason } from '../events/reasons.js';

export type RoomEventListener = (event: import('../events/catalog.js').RoomEventRecord) => void;
