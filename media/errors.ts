/**
 * Every failure the media layer reports on purpose. The codes are stable: the GraphQL layer maps
 * them to typed payload errors, so rename none of them.
 */
export type MediaErrorCode =
  | 'INVALID_CONFIG'
  | 'INVALID_ARGUMENT'
  | 'NO_WORKER'
  | 'ROOM_NOT_FOUND'
  | 'ROOM_CLOSED'
  | 'MEDIA_LOST'
  | 'TRANSPORT_NOT_FOUND'
  | 'ALREADY_CONNECTED'
  | 'PRODUCER_NOT_FOUND'
  | 'ALREADY_PUBLISHED'
  | 'CONSUMER_NOT_FOUND'
  | 'ALREADY_SUBSCRIBED'
  | 'CANNOT_CONSUME'
  | 'MEDIA_FAILURE';

export class MediaError extends Error {
  override readonly name = 'MediaError';

  constructor(
    readonly code: MediaErrorCode,
    message: string,
    /** The input field at fault, so that a validation error can name it. */
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isMediaError(error: unknown, code?: MediaErrorCode): error is MediaError {
  return error instanceof MediaError && (code === undefined || error.code === code);
}
