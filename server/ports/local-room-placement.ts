import type { RoomPlacement } from './room-placement.js';

/** One node: every room runs here. */
export class LocalRoomPlacement implements RoomPlacement {
  constructor(readonly nodeId: string) {}

  async place(): Promise<string> {
    return this.nodeId;
  }
}
