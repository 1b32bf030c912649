import { v7 as uuidv7 } from 'uuid';
import { participant, type TestParticipant } from '../helpers/participant.js';
import { createRoom, generateToken, mutate, type TestServer } from '../helpers/server.js';
import type { Fixtures } from './generate.js';

/**
 * A room with a live participant, an ended session with a participant, recordings and
 * compositions, a stored API key and tokens: the valid arguments around a fuzzed one point at
 * these, so that each bad value is judged deep inside its operation, not refused for a
 * missing room. Nothing here works in the background (no render queued, no webhook), so the
 * database only changes when an operation changes it.
 */
export async function seedFixtures(server: TestServer): Promise<{ fx: Fixtures; joined: TestParticipant }> {
  const room = await createRoom(server, { uniqueName: 'fuzz-room' });
  const gone = await createRoom(server, { uniqueName: 'fuzz-deleted' });
  await mutate(server, `mutation($id: ID!) { deleteRoom(id: $id) { __typename } }`, { id: gone.id });
  const key = await mutate(server, `mutation { createApiKey(name: "fuzz") { ... on CreateApiKeyPayload { created { apiKey { id } } } } }`);
  const tokens = (await generateToken(server, room.id)).clientToken;

  const db = server.running.services.db;
  const at = new Date('2026-01-05T10:00:00Z');
  const ended = new Date('2026-01-05T11:00:00Z');
  const sessionId = uuidv7();
  const participantId = uuidv7();
  await db.insertInto('room_sessions').values({ id: sessionId, room_id: room.id, active: false, created_at: at, updated_at: ended, ended_at: ended, ended_reason: 'empty' }).execute();
  await db
    .insertInto('participants')
    .values({ id: participantId, session_id: sessionId, room_id: room.id, context: 'seed', joined_at: at, left_at: ended, left_reason: 'left', updated_at: ended })
    .execute();
  const recordings = (['audio', 'video'] as const).map((type) => ({
    id: uuidv7(),
    room_id: room.id,
    session_id: sessionId,
    participant_id: participantId,
    type,
    stream_key: 'self',
    // Completed without a stored file: nothing for a composition to render.
    status: 'completed' as const,
    codec: type === 'audio' ? 'opus' : 'vp8',
    duration_secs: 60,
    size_bytes: 1000,
    storage_key: null,
    started_at: at,
    ended_at: ended,
    completed_at: ended,
    created_at: at,
    updated_at: ended,
  }));
  await db.insertInto('recordings').values(recordings).execute();
  const compositionId = uuidv7();
  await db
    .insertInto('compositions')
    .values([
      { id: compositionId, room_id: room.id, session_id: sessionId, status: 'completed', progress: 1, format: 'mp4', resolution: '1280x720', video_layout: '[]', created_at: ended, updated_at: ended },
      {
        id: uuidv7(),
        room_id: room.id,
        session_id: sessionId,
        status: 'failed',
        progress: 0,
        format: 'webm',
        resolution: '640x360',
        video_layout: '[]',
        failure_reason: 'seed',
        created_at: ended,
        updated_at: ended,
      },
    ])
    .execute();

  // A live participant, so that participant operations reach the media server, and moderation a session in progress.
  const joined = participant(server.url, tokens.token);
  const join = await joined.join('fuzz');
  if (join.__typename !== 'JoinPayload') throw new Error(`join failed: ${JSON.stringify(join)}`);

  return {
    joined,
    fx: {
      roomId: room.id,
      sessionId: join.joined.sessionId,
      participantId,
      recordingId: recordings[0]!.id,
      compositionId,
      apiKeyId: key.created.apiKey.id,
      transportId: join.joined.sendTransport.id,
      accessToken: tokens.token,
      refreshToken: tokens.refreshToken,
    },
  };
}
