import { hostname } from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import type { RoomPlacement } from './room-placement.js';

/** One node: every room runs here. */
export class LocalRoomPlacement implements RoomPlacement {
  readonly nodeId = `${hostname()}:${process.pid}:${uuidv7()}`;

  async place(): Promise<string> {
    return this.nodeId;
  }
}
