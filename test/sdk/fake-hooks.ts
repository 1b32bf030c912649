import { vi } from 'vitest';
import type { RoomEventHooks } from '../../client/sdk/room-events.js';

/** The room's side of the applier, as spies: `localId` says who is local (it may change, as at a join). */
export function fakeHooks(localId: () => string): RoomEventHooks {
  return {
    localParticipantId: localId,
    localCanReceiveMessages: true,
    localTracks: () => ({}),
    localOnly: () => false,
    removedByServer: vi.fn(),
    streamGone: vi.fn(),
    streamAppeared: vi.fn(),
    streamChanged: vi.fn(),
    mediaReconnectRequired: vi.fn(),
    sessionEnded: vi.fn(),
  };
}
