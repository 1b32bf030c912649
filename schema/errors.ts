import {
  ConflictError,
  ForbiddenError,
  MediaRequestError,
  NotJoinedError,
  RoomOnAnotherNodeError,
  RoomFullError,
  SessionEndedError,
  InvalidTokenError,
  NotFoundError,
  RoomDeletedError,
  RoomNotLiveError,
  UserError,
  ValidationError,
} from '../server/shared/errors.js';
import { builder } from './builder.js';

export const ErrorCodeEnum = builder.enumType('ErrorCode', {
  description: 'Stable codes of expected failures, for programs to branch on.',
  values: {
    VALIDATION_FAILED: { description: 'An argument or input field has a value that is not allowed; nothing was changed.' },
    NOT_FOUND: { description: 'The object named by an argument does not exist.' },
    CONFLICT: { description: 'The change clashes with an existing object (such as a room name in use).' },
    ROOM_DELETED: { description: 'The room has been deleted: it cannot be changed, joined or given tokens.' },
    FORBIDDEN: { description: 'The credential is valid but may not do this.' },
    INVALID_TOKEN: { description: 'A token given as an argument was refused; `reason` says why.' },
    ROOM_FULL: { description: 'The room already holds `maxParticipants` participants.' },
    NOT_JOINED: { description: 'A participant operation on a connection that is not in the room (join first, over the WebSocket).' },
    SESSION_ENDED: { description: 'The session has ended.' },
    ROOM_NOT_LIVE: { description: 'The room has no session in progress: nobody is in it to reach.' },
    MEDIA_ERROR: { description: 'The media server refused the request; `reason` says why.' },
    UNAUTHENTICATED: { description: 'No valid credential (top-level errors only).' },
    ROOM_ON_ANOTHER_NODE: { description: 'In a cluster: the room runs on another node; join it at the `url` given (the SDK does).' },
  } as const,
});

export const UserErrorInterface = builder.interfaceRef<UserError>('UserError').implement({
  description: 'An expected failure. Nothing was changed.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, for people.' }),
    code: t.field({ type: ErrorCodeEnum, description: 'What went wrong, for programs.', resolve: (e) => e.code }),
    field: t.exposeString('field', {
      nullable: true,
      description: 'The argument or input field at fault, as a path from the argument (`input.maxParticipants`); null when no one field is.',
    }),
  }),
});

const FieldErrorRef = builder.objectRef<{ field: string; message: string }>('FieldError').implement({
  description: 'One problem with one input field.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Path of the field from the argument, such as `input.maxParticipants`.' }),
    message: t.exposeString('message', { description: 'What is wrong with its value.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'One or more arguments have values that are not allowed.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    fieldErrors: t.field({
      type: [FieldErrorRef],
      description: 'Every field with a problem.',
      resolve: (e) => e.problems,
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object named by an argument does not exist.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    resource: t.exposeString('resource', { description: 'What kind of object was looked for.' }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The change clashes with an existing object.',
  interfaces: [UserErrorInterface],
});

builder.objectType(RoomDeletedError, {
  name: 'RoomDeletedError',
  description: 'The room has been deleted.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({ roomId: t.exposeID('roomId', { description: 'The deleted room.' }) }),
});

const TokenProblemEnum = builder.enumType('TokenProblem', {
  description: 'Why a token was refused.',
  values: {
    MALFORMED: { value: 'malformed', description: 'Not a client token of this server.' },
    BAD_SIGNATURE: { value: 'bad_signature', description: 'Signed by someone else, or altered.' },
    EXPIRED: { value: 'expired', description: 'Past its expiry time.' },
    WRONG_TYPE: { value: 'wrong_type', description: 'An access token where a refresh token is needed, or the other way round.' },
    WRONG_ROOM: { value: 'wrong_room', description: 'Issued for another room.' },
    ROOM_DELETED: { value: 'room_deleted', description: 'Its room has been deleted.' },
    REVOKED: { value: 'revoked', description: 'It was revoked: its participant was kicked, and the tokens it came with stay refused until they run out.' },
  } as const,
});

builder.objectType(InvalidTokenError, {
  name: 'InvalidTokenError',
  description: 'A token given as an argument was refused.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    reason: t.field({ type: TokenProblemEnum, description: 'Why it was refused.', resolve: (e) => e.reason }),
  }),
});

builder.objectType(RoomFullError, {
  name: 'RoomFullError',
  description: 'The room already holds `maxParticipants` participants.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({ maxParticipants: t.exposeInt('maxParticipants', { description: 'Its limit.' }) }),
});

builder.objectType(NotJoinedError, {
  name: 'NotJoinedError',
  description: 'This connection is not in the room: join first, over the WebSocket.',
  interfaces: [UserErrorInterface],
});

builder.objectType(RoomOnAnotherNodeError, {
  name: 'RoomOnAnotherNodeError',
  description: 'In a cluster of nodes: the room runs on another node. Join it there: open a WebSocket to `url` + `/graphql` and send the same join. The SDK does this by itself.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    nodeId: t.exposeString('nodeId', { description: 'The node that runs the room.' }),
    url: t.exposeString('url', { description: 'Its base URL (its PUBLIC_URL), such as https://node-2.video.example.com.' }),
  }),
});

builder.objectType(SessionEndedError, {
  name: 'SessionEndedError',
  description: 'The session has ended.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({ sessionId: t.exposeID('sessionId', { description: 'The session.' }) }),
});

builder.objectType(RoomNotLiveError, {
  name: 'RoomNotLiveError',
  description: 'The room has no session in progress: nobody is in it.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({ roomId: t.exposeID('roomId', { description: 'The room.' }) }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'The token lacks the grant for this, or a moderator forbids it.',
  interfaces: [UserErrorInterface],
});

builder.objectType(MediaRequestError, {
  name: 'MediaRequestError',
  description: 'The media server refused the request.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'The media code: `TRANSPORT_NOT_FOUND`, `CANNOT_CONSUME`, `ALREADY_PUBLISHED`, `MEDIA_LOST`, ...' }),
  }),
});
