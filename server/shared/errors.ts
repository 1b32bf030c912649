/**
 * Stable codes of the failures a caller can expect and act on. They appear as `code` on the
 * typed errors of mutation payloads, and as `extensions.code` on top-level errors.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ROOM_DELETED'
  | 'FORBIDDEN'
  | 'INVALID_TOKEN'
  | 'ROOM_FULL'
  | 'NOT_JOINED'
  | 'SESSION_ENDED'
  | 'ROOM_NOT_LIVE'
  | 'MEDIA_ERROR'
  | 'UNAUTHENTICATED'
  | 'ROOM_ON_ANOTHER_NODE';

/** An expected failure: becomes a typed error in the mutation's result, never a bug report. */
export abstract class UserError extends Error {
  abstract readonly code: ErrorCode;
  /** The argument or input field at fault, dotted from the argument (`input.maxParticipants`). */
  abstract readonly field: string | null;
}

export interface FieldProblem {
  /** Path of the input field, dotted from the argument: `input.maxParticipants`. */
  field: string;
  message: string;
}

export class ValidationError extends UserError {
  readonly code = 'VALIDATION_FAILED' as const;
  readonly field: string;
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'ValidationError';
    this.field = problems[0]!.field;
  }
}

export class NotFoundError extends UserError {
  readonly code = 'NOT_FOUND' as const;
  constructor(
    readonly resource: string,
    readonly id: string,
    readonly field: string,
  ) {
    super(`${resource} ${id} was not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends UserError {
  readonly code = 'CONFLICT' as const;
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class RoomDeletedError extends UserError {
  readonly code = 'ROOM_DELETED' as const;
  constructor(
    readonly roomId: string,
    readonly field: string | null = 'id',
  ) {
    super(`room ${roomId} has been deleted`);
    this.name = 'RoomDeletedError';
  }
}

export class RoomFullError extends UserError {
  readonly code = 'ROOM_FULL' as const;
  readonly field = null;
  constructor(
    readonly roomId: string,
    readonly maxParticipants: number,
  ) {
    super(`room ${roomId} is full: it holds at most ${maxParticipants} participants`);
    this.name = 'RoomFullError';
  }
}

/** A participant operation on a connection that has not joined (or has left, or was kicked). */
export class NotJoinedError extends UserError {
  readonly code = 'NOT_JOINED' as const;
  readonly field = null;
  constructor(message = 'this connection is not in the room: call join first (participant operations go over the WebSocket)') {
    super(message);
    this.name = 'NotJoinedError';
  }
}

/**
 * In a cluster: the room runs on another node, and a client joins it there. The SDK follows `url`
 * by itself (a new WebSocket, the same join); other clients do the same.
 */
export class RoomOnAnotherNodeError extends UserError {
  readonly code = 'ROOM_ON_ANOTHER_NODE' as const;
  readonly field = null;
  constructor(
    readonly roomId: string,
    readonly nodeId: string,
    /** The node's base URL (its PUBLIC_URL): the GraphQL endpoint is `${url}/graphql`. */
    readonly url: string,
  ) {
    super(`room ${roomId} runs on node ${nodeId}: join it at ${url}/graphql`);
    this.name = 'RoomOnAnotherNodeError';
  }
}

export class SessionEndedError extends UserError {
  readonly code = 'SESSION_ENDED' as const;
  constructor(
    readonly sessionId: string,
    readonly field: string | null = 'sessionId',
  ) {
    super(`session ${sessionId} has ended`);
    this.name = 'SessionEndedError';
  }
}

/** Nobody is in the room (no session in progress): there is no one to reach. */
export class RoomNotLiveError extends UserError {
  readonly code = 'ROOM_NOT_LIVE' as const;
  constructor(
    readonly roomId: string,
    readonly field: string | null = 'roomId',
  ) {
    super(`room ${roomId} has no session in progress: nobody is in it`);
    this.name = 'RoomNotLiveError';
  }
}

/** The credential is valid but lacks the grant or right for this (publishing without canPublish, unmuting when censored). */
export class ForbiddenError extends UserError {
  readonly code = 'FORBIDDEN' as const;
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The media server refused a request (unknown transport, codec it cannot forward, ...). */
export class MediaRequestError extends UserError {
  readonly code = 'MEDIA_ERROR' as const;
  constructor(
    readonly reason: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
    this.name = 'MediaRequestError';
  }
}

/** Why a client or refresh token was refused: one value per cause a client can fix differently. */
export type TokenProblem = 'malformed' | 'bad_signature' | 'expired' | 'wrong_type' | 'wrong_room' | 'room_deleted' | 'revoked';

export class InvalidTokenError extends UserError {
  readonly code = 'INVALID_TOKEN' as const;
  constructor(
    readonly reason: TokenProblem,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/**
 * The request as a whole is refused, not an outcome of the operation: the caller lacks a
 * credential or the right one, or a query's argument is unusable. It never appears in a result
 * union; the transport reports it as a top-level error with this code and these details, which
 * are safe to show the caller.
 */
export class RequestRefusedError extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND',
    message: string,
    readonly details: { reason?: string; field?: string } = {},
  ) {
    super(message);
    this.name = 'RequestRefusedError';
  }
}

/** Authentication and authorization failures: the caller, not the input, is wrong. */
export function authError(code: 'UNAUTHENTICATED' | 'FORBIDDEN', reason: string, message: string): RequestRefusedError {
  return new RequestRefusedError(code, message, { reason });
}

/** A bad argument of a query (not a mutation), naming the argument. */
export function badInput(field: string, message: string): RequestRefusedError {
  return new RequestRefusedError('BAD_USER_INPUT', `${field}: ${message}`, { field });
}

/**
 * The errors that cross between nodes as themselves: a handler of the node RPC (server/ports) that
 * throws one of these makes the caller, on another node, throw an instance of the same class with
 * the same fields, so the transport maps it as it would have on the handler's node. Any other error
 * arrives as a generic one carrying its name, message and code.
 */
export const ERROR_CLASSES_BY_NAME: Readonly<Record<string, abstract new (...args: never[]) => Error>> = {
  ValidationError,
  NotFoundError,
  ConflictError,
  RoomDeletedError,
  RoomFullError,
  NotJoinedError,
  SessionEndedError,
  RoomNotLiveError,
  ForbiddenError,
  MediaRequestError,
  InvalidTokenError,
  RequestRefusedError,
};
