import { describe, expect, it } from 'vitest';
import type { Services } from '../../server/app/services.js';
import { compositionBody } from '../../server/transport/rest/compositions.js';
import { participantBody } from '../../server/transport/rest/participants.js';
import { RECORDS } from '../../server/transport/rest/records.js';
import { recordingBody } from '../../server/transport/rest/recordings.js';
import { sessionBody } from '../../server/transport/rest/room-sessions.js';
import { roomBody } from '../../server/transport/rest/rooms.js';

// A row whose every column is null: the shaping functions still name every field they return.
const row: any = new Proxy({}, { get: (_t, key) => (key === 'then' ? undefined : null) });
const services = {
  records: { sessions: async () => ({ rows: [row] }), participants: async () => ({ rows: [row] }), activeSessionsOf: async (ids: string[]) => ids.map(() => row) },
  downloads: { signedUrl: () => 'https://example.test/file' },
} as unknown as Services;

const keys = (body: unknown) => Object.keys(body as object).sort();
const declared = (name: keyof typeof RECORDS, withOptional: boolean) =>
  Object.entries(RECORDS[name])
    .filter(([, f]) => withOptional || !f.optional)
    .map(([k]) => k)
    .sort();

describe('the wire records the OpenAPI document declares', () => {
  it('are exactly the fields the shaping functions return, the include_* ones only when asked for', async () => {
    expect(keys(await roomBody(services, row))).toEqual(declared('room', false));
    expect(keys(await roomBody(services, row, true))).toEqual(declared('room', true));
    expect(keys(await sessionBody(services, row))).toEqual(declared('room_session', false));
    expect(keys(await sessionBody(services, row, true))).toEqual(declared('room_session', true));
    expect(keys(participantBody(row))).toEqual(declared('room_participant', true));
    expect(keys(recordingBody(services, row))).toEqual(declared('room_recording', true));
    expect(keys(compositionBody(services, row))).toEqual(declared('room_composition', true));
  });
});
