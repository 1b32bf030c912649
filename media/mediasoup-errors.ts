import { MediaError } from './errors.js';

/** Where the room stood when a mediasoup call failed: that decides what the caller is told. */
export type RouterState = 'live' | 'lost' | 'closed';

export function roomClosedError(roomId: string): MediaError {
  return new MediaError('ROOM_CLOSED', `the media of room ${roomId} is closed`);
}

export function routerLostError(roomId: string, detail?: string, cause?: unknown): MediaError {
  if (detail === undefined) {
    return new MediaError('MEDIA_LOST', `the media worker of room ${roomId} died during the operation: rejoin`);
  }
  return new MediaError('MEDIA_LOST', `the media worker of room ${roomId} died: rejoin (${detail})`, undefined, { cause });
}

/**
 * Turns a mediasoup failure into a MediaError naming `field`. A failure caused by the room closing
 * or its worker dying says so (the client must rejoin), whatever mediasoup's own message was.
 */
export function translateMediasoupError(error: unknown, roomId: string, state: RouterState, field: string): MediaError {
  if (error instanceof MediaError) return error;
  if (state === 'closed') return roomClosedError(roomId);
  const message = error instanceof Error ? error.message : String(error);
  if (state === 'lost') return routerLostError(roomId, message, error);
  // mediasoup rejects bad parameters with TypeError (validation) or UnsupportedError (codecs).
  if (error instanceof TypeError || (error instanceof Error && error.name === 'UnsupportedError')) {
    return new MediaError('INVALID_ARGUMENT', `${field}: ${message}`, field, { cause: error });
  }
  return new MediaError('MEDIA_FAILURE', message, undefined, { cause: error });
}
