import { builder } from './builder.js';
import { DateFilterInput, queryId } from './pagination.js';

// Input filters keep Telnyx's list filters, named in camelCase.

export const RoomFilterInput = builder.inputType('RoomFilter', {
  fields: (t) => ({
    dateCreatedAt: t.field({ type: DateFilterInput, description: 'Day the room was created.' }),
    dateUpdatedAt: t.field({ type: DateFilterInput, description: 'Day the room was last changed.' }),
    uniqueName: t.string({ description: 'Exactly this name.' }),
    includeDeleted: t.boolean({ description: 'Also list deleted rooms (left out by default).' }),
  }),
});

export const RoomSessionFilterInput = builder.inputType('RoomSessionFilter', {
  fields: (t) => ({
    dateCreatedAt: t.field({ type: DateFilterInput, description: 'Day the session started.' }),
    dateUpdatedAt: t.field({ type: DateFilterInput, description: 'Day the session was last changed.' }),
    dateEndedAt: t.field({ type: DateFilterInput, description: 'Day the session ended.' }),
    active: t.boolean({ description: 'Only sessions in progress (true) or ended (false).' }),
    roomId: t.id({ description: 'Only sessions of this room.' }),
  }),
});

export const ParticipantFilterInput = builder.inputType('ParticipantFilter', {
  fields: (t) => ({
    dateJoinedAt: t.field({ type: DateFilterInput, description: 'Day the participant joined.' }),
    dateUpdatedAt: t.field({ type: DateFilterInput, description: 'Day the participant was last changed.' }),
    dateLeftAt: t.field({ type: DateFilterInput, description: 'Day the participant left.' }),
    context: t.string({ description: 'Exactly this context string, as the client sent it.' }),
    sessionId: t.id({ description: 'Only participants of this session.' }),
    roomId: t.id({ description: 'Only participants of this room (any session).' }),
  }),
});

export const RecordingTypeEnum = builder.enumType('RecordingType', {
  description: 'The kind of track a recording holds.',
  values: { AUDIO: { value: 'audio' }, VIDEO: { value: 'video' } } as const,
});

export const RecordingStatusEnum = builder.enumType('RecordingStatus', {
  values: {
    PROCESSING: { value: 'processing', description: 'Being recorded or finalized.' },
    COMPLETED: { value: 'completed', description: 'The file is ready.' },
    FAILED: { value: 'failed', description: 'No usable file; `failureReason` says why.' },
  } as const,
});

export const CompositionStatusEnum = builder.enumType('CompositionStatus', {
  values: {
    ENQUEUED: { value: 'enqueued', description: 'Waiting for a free compositor.' },
    PROCESSING: { value: 'processing', description: 'Rendering; see `progress`.' },
    COMPLETED: { value: 'completed', description: 'The file is ready.' },
    FAILED: { value: 'failed', description: 'Rendering failed; `failureReason` says why.' },
  } as const,
});

export const RecordingFilterInput = builder.inputType('RecordingFilter', {
  fields: (t) => ({
    dateStartedAt: t.field({ type: DateFilterInput, description: 'Day the recording started.' }),
    dateEndedAt: t.field({ type: DateFilterInput, description: 'Day the recording ended.' }),
    roomId: t.id({ description: 'Only recordings of this room.' }),
    sessionId: t.id({ description: 'Only recordings of this session.' }),
    participantId: t.id({ description: 'Only recordings of this participant.' }),
    status: t.field({ type: RecordingStatusEnum, description: 'Only recordings in this status.' }),
    type: t.field({ type: RecordingTypeEnum, description: 'Only audio or only video recordings.' }),
    durationSecs: t.int({ description: 'Only recordings at least this many seconds long.' }),
  }),
});

export const CompositionFilterInput = builder.inputType('CompositionFilter', {
  fields: (t) => ({
    dateCreatedAt: t.field({ type: DateFilterInput, description: 'Day the composition was requested.' }),
    sessionId: t.id({ description: 'Only compositions of this session.' }),
    roomId: t.id({ description: 'Only compositions of this room.' }),
    status: t.field({ type: CompositionStatusEnum, description: 'Only compositions in this status.' }),
  }),
});

/** Checks the UUID fields of a filter, naming them from the argument (`filter.roomId`). */
export function checkFilterIds<F extends Record<string, unknown>>(filter: F | null | undefined, ...fields: (keyof F & string)[]): F {
  if (!filter) return {} as F;
  for (const field of fields) {
    const value = filter[field];
    if (typeof value === 'string') queryId(`filter.${field}`, value);
  }
  return filter;
}
