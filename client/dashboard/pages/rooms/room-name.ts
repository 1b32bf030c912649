import { shortId } from '../../ui/format.js';

/** How a room is called on every page: its unique name, or "Room <short id>" for one without. */
export function roomName(room: { id: string; uniqueName?: string | null }): string {
  return room.uniqueName || `Room ${shortId(room.id)}`;
}
