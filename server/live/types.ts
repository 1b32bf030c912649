// The live room's shapes are the event catalog's (server/events/room-state.ts). Re-exported for
// participant-media-session.ts; new code imports from server/events.
export type { StreamState } from '../events/room-state.js';
