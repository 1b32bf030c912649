// What the meet app tells a person when a meeting ends or a step fails, in words rather than codes.
import { isVideoRoomsError } from '../sdk/index.js';

/** A failure to show: the words, and the code tests and support read off the page. */
export interface Problem {
  text: string;
  code?: string;
}

export interface Ending {
  title: string;
  detail: string;
  /** `calm` for leaving on purpose or a meeting that simply ended; `error` for what went wrong for the person. */
  tone: 'calm' | 'error';
  /** Whether joining again with the same link can work (a removal or a spent token cannot). */
  canRejoin: boolean;
}

// Keyed by string, not the SDK's union: reasons the SDK adds later (room_expired) fall to `unknown`.
const ENDINGS: Record<string, Ending> = {
  user_initiated: { title: 'You left the meeting', detail: 'Your camera and microphone are off.', tone: 'calm', canRejoin: true },
  network_error: { title: 'Connection lost', detail: 'The connection to the meeting was lost and could not be restored.', tone: 'error', canRejoin: true },
  timed_out: { title: 'Connection lost', detail: 'The meeting did not answer in time.', tone: 'error', canRejoin: true },
  unauthorized: { title: 'Your access has expired', detail: 'Your access token has expired or is not valid. Ask for a new meeting link.', tone: 'error', canRejoin: false },
  forbidden: { title: 'Not allowed', detail: 'You are not allowed to join this meeting.', tone: 'error', canRejoin: false },
  kicked: { title: 'Removed from the meeting', detail: 'You were removed from the meeting by a moderator.', tone: 'error', canRejoin: false },
  // Ended for everyone by whoever runs it: news, not a fault.
  session_terminated: { title: 'The meeting has ended', detail: 'The meeting was ended for everyone.', tone: 'calm', canRejoin: false },
  room_deleted: { title: 'This room no longer exists', detail: 'This room has been deleted.', tone: 'error', canRejoin: false },
  room_expired: { title: 'The meeting has ended', detail: 'This room has expired.', tone: 'calm', canRejoin: false },
  unknown: { title: 'Disconnected', detail: 'You were disconnected.', tone: 'error', canRejoin: true },
};

export const endingFor = (reason: string): Ending => ENDINGS[reason] ?? ENDINGS.unknown!;

const ERROR_TEXT: Record<string, string> = {
  ROOM_FULL: 'The room is full.',
  ROOM_DELETED: 'This room has been deleted.',
  UNAUTHENTICATED: 'Your access token has expired or is not valid.',
  FORBIDDEN: 'You are not allowed to do this.',
  NETWORK_ERROR: 'Could not reach the meeting server.',
  TIMED_OUT: 'The meeting did not answer in time.',
};

/** Browser media errors, by DOMException name. */
const MEDIA_TEXT: Record<string, Problem> = {
  NotAllowedError: { text: 'Camera or microphone permission was denied.', code: 'PERMISSION_DENIED' },
  NotFoundError: { text: 'No camera or microphone was found.', code: 'DEVICE_NOT_FOUND' },
  NotReadableError: { text: 'The camera or microphone is in use by another application.', code: 'DEVICE_IN_USE' },
  OverconstrainedError: { text: 'The chosen device is no longer available.', code: 'DEVICE_NOT_FOUND' },
};

export function describeError(err: unknown): Problem {
  if (isVideoRoomsError(err)) {
    const base = ERROR_TEXT[err.code] ?? err.message;
    // The server's message says which limit or which token problem: worth showing for these two.
    const detail = err.code === 'ROOM_FULL' || err.code === 'UNAUTHENTICATED' ? ` (${err.message})` : '';
    return { text: base + detail, code: err.code };
  }
  if (err instanceof DOMException && MEDIA_TEXT[err.name]) return MEDIA_TEXT[err.name]!;
  return { text: err instanceof Error ? err.message : String(err) };
}
