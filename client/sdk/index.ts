import { VideoRoomsError } from './errors.js';
import { isLogLevel } from './logger.js';
import { warmUpMediaCapabilities } from './media-capabilities.js';
import { plainRoom } from './plain-room.js';
import { VideoRoom } from './room.js';
import type { InitializeOptions, Room } from './types.js';

export { ConnectionQualityLevel, DisconnectionReason } from './constants.js';
export { VideoRoomsError, isVideoRoomsError } from './errors.js';
export type { LogLevel } from './logger.js';
export type * from './types.js';

export const version = '0.1.0';

// A page that loads the SDK is about to take part in a room: what connect() will need of the
// browser is learnt while the page is idle, not while the person waits to join.
warmUpMediaCapabilities();

/** Makes a Room (status `initialized`); register handlers with `on`, then `connect()`. */
export async function initialize(options: InitializeOptions): Promise<Room> {
  if (!options || typeof options !== 'object') throw new VideoRoomsError('INVALID_ARGUMENT', 'initialize needs { roomId, clientToken }');
  if (typeof options.roomId !== 'string' || !options.roomId) throw new VideoRoomsError('INVALID_ARGUMENT', 'roomId must be a non-empty string');
  if (typeof options.clientToken !== 'string' || !options.clientToken) throw new VideoRoomsError('INVALID_ARGUMENT', 'clientToken must be a non-empty string');
  if (options.context !== undefined && typeof options.context !== 'string') throw new VideoRoomsError('INVALID_ARGUMENT', 'context must be a string');
  if (options.logLevel !== undefined && !isLogLevel(options.logLevel)) throw new VideoRoomsError('INVALID_ARGUMENT', 'The value for logLevel is not valid!');
  if (options.refreshToken !== undefined && (typeof options.refreshToken !== 'string' || !options.refreshToken))
    throw new VideoRoomsError('INVALID_ARGUMENT', 'refreshToken must be a non-empty string');
  if (options.getToken !== undefined && typeof options.getToken !== 'function') throw new VideoRoomsError('INVALID_ARGUMENT', 'getToken must be a function returning a promise of a token');
  // Where a bundler dropped the call above as a side effect of loading, the Room starts it.
  warmUpMediaCapabilities();
  return plainRoom(new VideoRoom(options));
}

/** The media devices, grouped by kind (labels need a granted permission). */
export async function getDevices(): Promise<Record<MediaDeviceKind, MediaDeviceInfo[]> | undefined> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.enumerateDevices) return undefined;
  const out: Record<MediaDeviceKind, MediaDeviceInfo[]> = { audioinput: [], videoinput: [], audiooutput: [] };
  for (const d of await navigator.mediaDevices.enumerateDevices()) out[d.kind]?.push(d);
  return out;
}
