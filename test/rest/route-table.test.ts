import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { getSchema } from '../../schema/index.js';
import { ROUTES } from '../../server/transport/rest/routes.js';

/** Telnyx's video operations, as issue 12 lists them (spec operationIds): every one must be routed. */
const TELNYX_OPERATIONS = [
  'GET /rooms',
  'POST /rooms',
  'GET /rooms/{room_id}',
  'PATCH /rooms/{room_id}',
  'DELETE /rooms/{room_id}',
  'GET /rooms/{room_id}/sessions',
  'POST /rooms/{room_id}/actions/generate_join_client_token',
  'POST /rooms/{room_id}/actions/refresh_client_token',
  'GET /room_sessions',
  'GET /room_sessions/{room_session_id}',
  'POST /room_sessions/{room_session_id}/actions/end',
  'POST /room_sessions/{room_session_id}/actions/kick',
  'POST /room_sessions/{room_session_id}/actions/mute',
  'POST /room_sessions/{room_session_id}/actions/unmute',
  'GET /room_sessions/{room_session_id}/participants',
  'GET /room_participants',
  'GET /room_participants/{room_participant_id}',
  'GET /room_recordings',
  'DELETE /room_recordings',
  'GET /room_recordings/{room_recording_id}',
  'DELETE /room_recordings/{room_recording_id}',
  'GET /room_compositions',
  'POST /room_compositions',
  'GET /room_compositions/{room_composition_id}',
  'DELETE /room_compositions/{room_composition_id}',
];

describe('the REST route table', () => {
  it('routes every Telnyx operation of the issue, once', () => {
    const routed = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect([...routed].sort()).toEqual([...TELNYX_OPERATIONS].sort());
    expect(new Set(ROUTES.map((r) => r.operation)).size).toBe(ROUTES.length);
  });

  it('names for each route a GraphQL field that exists in the schema', () => {
    const schema = getSchema();
    for (const route of ROUTES) {
      const [typeName, fieldName] = route.graphql.split('.') as [string, string];
      const type = schema.getType(typeName);
      expect(isObjectType(type), `${route.graphql} (${route.method} ${route.path})`).toBe(true);
      if (isObjectType(type)) expect(type.getFields()[fieldName], `${route.graphql} (${route.method} ${route.path})`).toBeDefined();
    }
  });

  it('asks for an API key everywhere but refresh_client_token, whose body is the credential', () => {
    expect(ROUTES.filter((r) => r.auth === 'none').map((r) => r.operation)).toEqual(['RefreshRoomClientToken']);
  });
});
