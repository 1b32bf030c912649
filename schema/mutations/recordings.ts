import { ConflictError, NotFoundError, ValidationError } from '../../server/shared/errors.js';
import { builder } from '../builder.js';
import { Checker } from '../../server/shared/validation.js';
import { checkFilter, RecordingFilterInput } from '../filters.js';
import { RecordingRef } from '../types/refs.js';

builder.mutationFields((t) => ({
  deleteRecording: t.field({
    type: RecordingRef,
    authScopes: { apiKey: true },
    description: 'Deletes a finished recording and its file, permanently.',
    nullable: true,
    errors: { types: [ValidationError, NotFoundError, ConflictError], dataField: { name: 'recording', description: 'The recording as it was.' } },
    args: { id: t.arg.id({ required: true, description: 'UUID of the recording.' }) },
    resolve: (_root, args, ctx) => ctx.services.recordingStore.delete(String(args.id)),
  }),
  deleteRecordings: t.field({
    type: 'Int',
    authScopes: { apiKey: true },
    description: 'Deletes every finished recording that matches the filter, with its file. An empty filter deletes nothing unless `all` is true.',
    nullable: true,
    errors: { types: [ValidationError], dataField: { name: 'count', description: 'How many recordings were deleted.' } },
    args: {
      filter: t.arg({ type: RecordingFilterInput, required: true, description: 'Which recordings (as the recordings query).' }),
      all: t.arg.boolean({ description: 'Confirms that an empty filter means every recording.' }),
    },
    resolve: (_root, args, ctx, info) => {
      const c = new Checker();
      const filter = checkFilter(c, args.filter, info);
      c.done();
      return ctx.services.recordingStore.deleteMatching(filter, args.all ?? false);
    },
  }),
}));
