import { ConflictError, NotFoundError, RoomDeletedError, ValidationError } from '../../server/shared/errors.js';
import { ROOM_LIMITS } from '../../server/rooms/room-service.js';
import { PUBLIC_TARGET_RULE } from '../../server/webhooks/target-policy.js';
import { builder } from '../builder.js';
import { RoomRef } from '../types/refs.js';

const L = ROOM_LIMITS;

const roomFields = {
  uniqueName: `A name unique among rooms that are not deleted, ${L.uniqueName.min} to ${L.uniqueName.max} characters.`,
  maxParticipants: `How many participants may be in the room at once, ${L.maxParticipants.min} to ${L.maxParticipants.max}.`,
  enableRecording: "Record every participant's audio and video tracks.",
  webhookEventUrl: `An http(s) URL to which the room's events are POSTed. ${PUBLIC_TARGET_RULE}`,
  webhookEventFailoverUrl: `An http(s) URL used when delivery to the primary URL fails. ${PUBLIC_TARGET_RULE}`,
  webhookTimeoutSecs: `How long a webhook delivery may take, ${L.webhookTimeoutSecs.min} to ${L.webhookTimeoutSecs.max} seconds.`,
};

const CreateRoomInput = builder.inputType('CreateRoomInput', {
  fields: (t) => ({
    uniqueName: t.string({ description: roomFields.uniqueName }),
    maxParticipants: t.int({ description: `${roomFields.maxParticipants} Default ${L.maxParticipants.default}.` }),
    enableRecording: t.boolean({ description: `${roomFields.enableRecording} Default false.` }),
    webhookEventUrl: t.string({ description: roomFields.webhookEventUrl }),
    webhookEventFailoverUrl: t.string({ description: roomFields.webhookEventFailoverUrl }),
    webhookTimeoutSecs: t.int({ description: roomFields.webhookTimeoutSecs }),
  }),
});

const UpdateRoomInput = builder.inputType('UpdateRoomInput', {
  description: 'Only the fields given change; null clears a field that may be empty.',
  fields: (t) => ({
    uniqueName: t.string({ description: `${roomFields.uniqueName} Null removes the name.` }),
    maxParticipants: t.int({ description: roomFields.maxParticipants }),
    enableRecording: t.boolean({ description: roomFields.enableRecording }),
    webhookEventUrl: t.string({ description: `${roomFields.webhookEventUrl} Null removes it.` }),
    webhookEventFailoverUrl: t.string({ description: `${roomFields.webhookEventFailoverUrl} Null removes it.` }),
    webhookTimeoutSecs: t.int({ description: `${roomFields.webhookTimeoutSecs} Null removes it.` }),
  }),
});

builder.mutationFields((t) => ({
  createRoom: t.field({
    type: RoomRef,
    authScopes: { apiKey: true },
    description: 'Creates a room.',
    nullable: true,
    errors: { types: [ValidationError, ConflictError], dataField: { name: 'room', description: 'The new room.' } },
    args: { input: t.arg({ type: CreateRoomInput, required: true, description: 'The room to create.' }) },
    resolve: (_root, args, ctx) => ctx.services.rooms.create(args.input),
  }),
  updateRoom: t.field({
    type: RoomRef,
    authScopes: { apiKey: true },
    description: 'Changes a room. Changes reach sessions that start afterwards; a session in progress keeps its limits.',
    nullable: true,
    errors: {
      types: [ValidationError, ConflictError, NotFoundError, RoomDeletedError],
      dataField: { name: 'room', description: 'The room as it is now.' },
    },
    args: {
      id: t.arg.id({ required: true, description: 'UUID of the room.' }),
      input: t.arg({ type: UpdateRoomInput, required: true, description: 'The fields to change.' }),
    },
    resolve: (_root, args, ctx) => ctx.services.rooms.update(String(args.id), args.input),
  }),
  deleteRoom: t.field({
    type: RoomRef,
    authScopes: { apiKey: true },
    description: 'Deletes a room for good: everyone in it is removed, its session ends, and it can no longer be joined or given tokens.',
    nullable: true,
    errors: {
      types: [ValidationError, NotFoundError, RoomDeletedError],
      dataField: { name: 'room', description: 'The deleted room, with `deletedAt` set.' },
    },
    args: { id: t.arg.id({ required: true, description: 'UUID of the room.' }) },
    resolve: (_root, args, ctx) => ctx.services.rooms.delete(String(args.id)),
  }),
}));
