// How a room is named on a page: its unique name, or for a room without one the end of its id.
import { shortId } from './format.js';

export function roomLabel(room: { uniqueName?: string | null; id: string }): string {
  return room.uniqueName ?? `Room ${shortId(room.id)}`;
}
