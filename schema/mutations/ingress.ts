import { ConflictError, NotFoundError, NotJoinedError, RoomDeletedError, RoomFullError, RoomOnAnotherNodeError, ValidationError } from '../../server/shared/errors.js';
import { MAX_URL_CHARS } from '../../server/ingress/ingress-input.js';
import { MAX_CONTEXT_CHARS } from '../../server/live/participant-access.js';
import { builder } from '../builder.js';
import { IngressKindEnum, IngressRef, IngressVideoCodecEnum } from '../types/ingress.js';

const CreateIngressInput = builder.inputType('CreateIngressInput', {
  fields: (t) => ({
    roomId: t.id({ required: true, description: 'The room to publish in.' }),
    kind: t.field({ type: IngressKindEnum, required: true, description: 'Where the media comes from.' }),
    url: t.string({ description: `For URL (required there): a media file path or a URL ffmpeg can read, up to ${MAX_URL_CHARS} characters.` }),
    loop: t.boolean({ description: 'For URL: start the input again each time it ends. Default false: the ingress ends with its input.' }),
    context: t.string({ description: `The context of the ingress's participant, as others see it, up to ${MAX_CONTEXT_CHARS} characters.` }),
    videoCodec: t.field({ type: IngressVideoCodecEnum, description: 'For RTP: the video codec the sender sends. Default VP8.' }),
  }),
});

builder.mutationFields((t) => ({
  createIngress: t.field({
    type: IngressRef,
    authScopes: { apiKey: true },
    description:
      'Brings media into a room: a participant of its own joins (counted in maxParticipants, kicked and muted like others) and publishes it as its `self` stream. ' +
      'A URL whose input cannot be read comes back FAILED with the reason, and the room is left as it was. ' +
      'A WHIP ingress answers `whip { url bearerToken }`: the token is shown only here.',
    nullable: true,
    errors: {
      types: [ValidationError, NotFoundError, RoomDeletedError, RoomFullError, ConflictError, NotJoinedError, RoomOnAnotherNodeError],
      dataField: { name: 'ingress', description: 'The new ingress.' },
    },
    args: { input: t.arg({ type: CreateIngressInput, required: true, description: 'The ingress to create.' }) },
    resolve: (_root, args, ctx) => ctx.services.ingresses.create({ ...args.input, roomId: String(args.input.roomId) }),
  }),
  deleteIngress: t.field({
    type: IngressRef,
    authScopes: { apiKey: true },
    description: 'Stops an ingress if it runs (its ffmpeg stops, its participant leaves) and deletes it.',
    nullable: true,
    errors: { types: [ValidationError, NotFoundError], dataField: { name: 'ingress', description: 'The ingress as it was last.' } },
    args: { id: t.arg.id({ required: true, description: 'UUID of the ingress.' }) },
    resolve: (_root, args, ctx) => ctx.services.ingresses.delete(String(args.id)),
  }),
}));
