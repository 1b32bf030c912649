/**
 * Every failure the SDK reports: `code` is the server's error code (ROOM_FULL, NOT_JOINED,
 * FORBIDDEN, UNAUTHENTICATED, MEDIA_ERROR, ...) or one of the SDK's own (NETWORK_ERROR,
 * TIMED_OUT, NOT_CONNECTED, INVALID_ARGUMENT).
 */
export class VideoRoomsError extends Error {
  override readonly name = 'VideoRoomsError';
  readonly code: string;
  /** The argument at fault, when the server named one. */
  readonly field: string | null;
  /** A finer reason: `token_expired` for UNAUTHENTICATED, the media code for MEDIA_ERROR, ... */
  readonly reason: string | null;
  /** ROOM_ON_ANOTHER_NODE: the base URL of the node that runs the room (the SDK goes there by itself). */
  readonly url: string | null;

  constructor(code: string, message: string, opts: { field?: string | null; reason?: string | null; url?: string | null; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.field = opts.field ?? null;
    this.reason = opts.reason ?? null;
    this.url = opts.url ?? null;
  }
}

export const isVideoRoomsError = (err: unknown, code?: string): err is VideoRoomsError => err instanceof VideoRoomsError && (code === undefined || err.code === code);

// Telnyx's SDK's messages for the same mistakes, word for word.
export const noParticipant = (participantId: string) => new VideoRoomsError('NOT_FOUND', `No participant exists with the id: ${participantId}`);
export const noStream = (participantId: string, key: string) => new VideoRoomsError('NOT_FOUND', `No stream exists with the key: ${key} for the participant: ${participantId}`);
