import { getNullableType, isInputObjectType, isListType, isScalarType, type GraphQLInputType, type GraphQLResolveInfo } from 'graphql';
import { Checker } from '../server/shared/validation.js';
import { builder } from './builder.js';
import { DateFilterInput } from './pagination.js';

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

export const CompositionFormatEnum = builder.enumType('CompositionFormat', {
  description: 'File format of a composition.',
  values: {
    MP4: { value: 'mp4', description: 'H.264 video and AAC audio in MP4 (the default).' },
    WEBM: { value: 'webm', description: 'VP9 video and Opus audio in WebM.' },
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

const MAX_INT = 2 ** 31 - 1;

/** Checks one value of a filter by its GraphQL type, naming it by its path from the argument. */
function checkFilterValue(c: Checker, field: string, value: unknown, type: GraphQLInputType): void {
  if (value == null) return;
  const t = getNullableType(type);
  if (isListType(t)) return void (value as unknown[]).forEach((v, i) => checkFilterValue(c, `${field}[${i}]`, v, t.ofType));
  if (isInputObjectType(t)) {
    for (const [key, f] of Object.entries(t.getFields())) checkFilterValue(c, `${field}.${key}`, (value as Record<string, unknown>)[key], f.type);
    return;
  }
  if (!isScalarType(t)) return;
  if (t.name === 'ID') c.uuid(field, String(value));
  else if (t.name === 'String') c.noNul(field, value as string);
  else if (t.name === 'Int')
    c.intRange(field, value as number, 0, MAX_INT); // counts and durations
  else if (t.name === 'Date') c.day(field, value as string);
}

/**
 * Checks a list filter before it reaches SQL, by the types of its fields: ids must be UUIDs,
 * days real calendar days, text free of NUL, numbers not negative. Problems go to `c`, named
 * from the argument (`filter.dateCreatedAt.eq`).
 */
export function checkFilter<F>(c: Checker, filter: F | null | undefined, info: GraphQLResolveInfo, argument = 'filter'): F {
  const arg = info.parentType.getFields()[info.fieldName]!.args.find((a) => a.name === argument)!;
  checkFilterValue(c, argument, filter, arg.type);
  return filter ?? ({} as F);
}

/** A query's filter: a bad field is a top-level BAD_USER_INPUT naming it. */
export function queryFilter<F>(filter: F | null | undefined, info: GraphQLResolveInfo, argument = 'filter'): F {
  const c = new Checker();
  const checked = checkFilter(c, filter, info, argument);
  c.doneForQuery();
  return checked;
}
