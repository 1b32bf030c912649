import { ConflictError, NotFoundError, ValidationError } from '../../server/shared/errors.js';
import { COMPOSITION_LIMITS as L } from '../../server/compositions/index.js';
import { PUBLIC_TARGET_RULE } from '../../server/webhooks/target-policy.js';
import { builder } from '../builder.js';
import { CompositionFormatEnum } from '../filters.js';
import { CompositionRef } from '../types/refs.js';

const VideoRegionInput = builder.inputType('VideoRegionInput', {
  description:
    'A rectangle of the frame filled with a grid of video sources. The grid has as many columns and rows as its sources need ' +
    '(as square as possible), within maxColumns and maxRows; sources that do not fit are left out. A source is black while it has no video.',
  fields: (t) => ({
    name: t.string({ required: true, description: `Name of the region, unique in the layout, ${L.regionName.min} to ${L.regionName.max} characters.` }),
    xPos: t.int({ description: 'Left edge in pixels from the left of the frame, 0 or more. Default 0.' }),
    yPos: t.int({ description: 'Top edge in pixels from the top of the frame, 0 or more. Default 0.' }),
    zPos: t.int({ description: `Stacking order, ${L.zPos.min} to ${L.zPos.max}; higher is drawn on top. Default 0.` }),
    width: t.int({ description: `Width in pixels, at least ${L.regionSide.min}; the region must fit in the frame. Default: the rest of the frame.` }),
    height: t.int({ description: `Height in pixels, at least ${L.regionSide.min}; the region must fit in the frame. Default: the rest of the frame.` }),
    maxColumns: t.int({ description: `At most this many columns, ${L.grid.min} to ${L.grid.max}.` }),
    maxRows: t.int({ description: `At most this many rows, ${L.grid.min} to ${L.grid.max}.` }),
    videoSources: t.stringList({
      description: 'Ids of video recordings of the session, in grid order, or `["*"]` for all of them (oldest first). Default `["*"]`.',
    }),
  }),
});

const CreateCompositionInput = builder.inputType('CreateCompositionInput', {
  fields: (t) => ({
    sessionId: t.id({ required: true, description: 'The ended session whose recordings are composed.' }),
    format: t.field({ type: CompositionFormatEnum, description: 'File format. Default MP4.' }),
    resolution: t.string({
      description: `Frame size as WIDTHxHEIGHT: each side ${L.side.min} to ${L.side.max} pixels and even, ` + `at most 1920x1080 pixels in all. Default ${L.defaultResolution}.`,
    }),
    videoLayout: t.field({
      type: [VideoRegionInput],
      description: 'Regions of the frame (any number, up to 100). Left out: one grid of every video of the session over the whole frame. Audio is always every audio recording of the session, mixed.',
    }),
    webhookEventUrl: t.string({ description: `An http(s) URL for this composition's events (completed, failed); the room's URL when left out. ${PUBLIC_TARGET_RULE}` }),
    webhookEventFailoverUrl: t.string({ description: `An http(s) URL used when delivery to the primary URL fails. ${PUBLIC_TARGET_RULE}` }),
    webhookTimeoutSecs: t.int({ description: `How long a webhook delivery may take, ${L.webhookTimeoutSecs.min} to ${L.webhookTimeoutSecs.max} seconds.` }),
  }),
});

builder.mutationFields((t) => ({
  createComposition: t.field({
    type: CompositionRef,
    authScopes: { apiKey: true },
    description:
      "Renders an ended session's recordings into one file, in the background: the composition starts ENQUEUED, then PROCESSING (with `progress`), " +
      'then COMPLETED with a downloadUrl (or FAILED); follow it with the `composition` subscription or the `video.room.composition.completed` event. ' +
      "It lasts from the session's first recorded moment to its last, each participant at the time they were there.",
    nullable: true,
    errors: {
      types: [ValidationError, NotFoundError, ConflictError],
      dataField: { name: 'composition', description: 'The new composition, ENQUEUED.' },
    },
    args: { input: t.arg({ type: CreateCompositionInput, required: true, description: 'What to render.' }) },
    resolve: (_root, args, ctx) => ctx.services.compositions.service.create({ ...args.input, sessionId: String(args.input.sessionId) }),
  }),
  deleteComposition: t.field({
    type: CompositionRef,
    authScopes: { apiKey: true },
    description: 'Deletes a composition in any state: a render in progress is stopped and leaves no file; a finished file is removed. The composition is gone afterwards.',
    nullable: true,
    errors: {
      types: [ValidationError, NotFoundError],
      dataField: { name: 'composition', description: 'The composition as it was when deleted (without a downloadUrl).' },
    },
    args: { id: t.arg.id({ required: true, description: 'UUID of the composition.' }) },
    resolve: (_root, args, ctx) => ctx.services.compositions.service.delete(String(args.id)),
  }),
}));
