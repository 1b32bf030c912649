import { NotFoundError, RoomDeletedError, RoomNotLiveError, ValidationError } from '../../server/shared/errors.js';
import { builder } from '../builder.js';

/** The configured API_KEY is stored nowhere, so it has no id: its messages come from this one. */
export const CONFIGURED_API_KEY_SENDER = 'API_KEY';

builder.mutationFields((t) => ({
  sendRoomMessage: t.field({
    type: 'Int',
    authScopes: { apiKey: true },
    description:
      'Sends a message to everyone in a room, or to the recipients given, as an operator: participants receive MessageReceived with `fromOperator` true and `from` the id of the API key. The same limits as sendMessage: at most 16 KiB, and the messages rate (per API key).',
    nullable: true,
    errors: {
      types: [ValidationError, NotFoundError, RoomDeletedError, RoomNotLiveError],
      dataField: { name: 'recipientCount', description: 'How many participants it was sent to.' },
    },
    args: {
      roomId: t.arg.id({ required: true, description: 'UUID of the room; someone must be in it (ROOM_NOT_LIVE otherwise).' }),
      payload: t.arg.string({ required: true, description: 'The message (often JSON), at most 16384 bytes of UTF-8.' }),
      recipients: t.arg.idList({ description: 'Participant ids, each in the room now; everyone when left out.' }),
    },
    resolve: (_root, args, ctx) => {
      const viewer = ctx.viewer as Extract<typeof ctx.viewer, { kind: 'apiKey' }>;
      return ctx.services.operatorMessages.send(String(args.roomId), viewer.keyId ?? CONFIGURED_API_KEY_SENDER, args.payload, args.recipients?.map(String));
    },
  }),
}));
