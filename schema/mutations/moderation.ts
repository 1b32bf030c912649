import type { RoomSessionRow } from '../../db/types.js';
import { NotFoundError, SessionEndedError, ValidationError } from '../../server/shared/errors.js';
import { builder } from '../builder.js';
import { RoomSessionRef } from '../types/refs.js';

const ParticipantSelectorInput = builder.inputType('ParticipantSelector', {
  description: 'Which participants of the session: `{all: true}` or `{ids: [...]}`, optionally minus `exclude`.',
  fields: (t) => ({
    all: t.boolean({ description: 'Every participant present.' }),
    ids: t.idList({ description: 'These participants (each must be present).' }),
    exclude: t.idList({ description: 'Leave these out.' }),
  }),
});

const ModerationResultRef = builder.objectRef<{ session: RoomSessionRow; participantIds: string[] }>('ModerationResult').implement({
  description: 'What a moderation action did.',
  fields: (t) => ({
    session: t.field({ type: RoomSessionRef, description: 'The session.', resolve: (r) => r.session }),
    participantIds: t.exposeIDList('participantIds', { description: 'The participants it was applied to.' }),
  }),
});

const errors = [ValidationError, NotFoundError, SessionEndedError];

const selectorActions = {
  kickParticipants: {
    action: 'kick',
    done: 'Who was kicked.',
    description: 'Removes participants from a session (`kicked`). They may join again with a valid token.',
  },
  muteParticipants: {
    action: 'mute',
    done: 'Who was muted.',
    description: 'Mutes the audio of participants at the media server; they cannot unmute themselves, and everyone sees TrackCensored.',
  },
  unmuteParticipants: {
    action: 'unmute',
    done: 'Who was unmuted.',
    description: 'Lifts a moderator mute; the audio flows again unless its publisher turned it off.',
  },
} as const;

builder.mutationFields((t) => ({
  endSession: t.field({
    type: RoomSessionRef,
    authScopes: { apiKey: true },
    description: 'Ends a session now: everyone present is removed (`session_ended`). The room stays and can be joined again.',
    nullable: true,
    errors: { types: errors, dataField: { name: 'session', description: 'The ended session.' } },
    args: { sessionId: t.arg.id({ required: true, description: 'The session in progress.' }) },
    resolve: (_root, args, ctx) => ctx.services.moderation.endSession(String(args.sessionId)),
  }),
}));

for (const [name, { action, done, description }] of Object.entries(selectorActions)) {
  builder.mutationField(name, (t) =>
    t.field({
      type: ModerationResultRef,
      authScopes: { apiKey: true },
      description,
      nullable: true,
      errors: { types: errors, dataField: { name: 'result', description: done } },
      args: {
        sessionId: t.arg.id({ required: true, description: 'The session in progress.' }),
        participants: t.arg({ type: ParticipantSelectorInput, required: true, description: 'Whom to apply it to.' }),
      },
      resolve: (_root, args, ctx) => ctx.services.moderation[action](String(args.sessionId), args.participants),
    }),
  );
}
