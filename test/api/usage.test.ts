// usage(from, to): participant-minutes, sessions and recording minutes per UTC day, from the
// database, every day present, spans that cross midnight split between the days.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertParticipant, markParticipantLeft } from '../../db/participants.js';
import { insertRecording } from '../../db/recordings.js';
import { endSession, insertSession } from '../../db/sessions.js';
import { participant, type TestParticipant } from '../helpers/participant.js';
import { createRoom, DIALECTS, generateToken, startTestServer, type TestServer } from '../helpers/server.js';

const USAGE = `query($from: Date!, $to: Date!) { usage(from: $from, to: $to) { day participantMinutes sessions recordingMinutes } }`;
const at = (iso: string) => new Date(iso);

describe.each(DIALECTS)('usage on %s', (dialect) => {
  let server: TestServer;
  const open: TestParticipant[] = [];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const db = server.running.services.db;
    const roomId = (await createRoom(server)).id as string;
    const session = async (start: string, end: string) => {
      const id = randomUUID();
      await insertSession(db, { id, room_id: roomId, at: at(start) });
      await endSession(db, id, at(end), 'all_left');
      return id;
    };
    const person = async (sessionId: string, joined: string, left: string | null) => {
      const id = randomUUID();
      await insertParticipant(db, { id, session_id: sessionId, room_id: roomId, context: null, at: at(joined) });
      if (left) await markParticipantLeft(db, id, at(left), 'left');
      return id;
    };
    const recording = async (sessionId: string, participantId: string, type: 'audio' | 'video', from: string, to: string, status: 'completed' | 'failed') => {
      await insertRecording(db, {
        id: randomUUID(),
        room_id: roomId,
        session_id: sessionId,
        participant_id: participantId,
        type,
        stream_key: 'self',
        status,
        codec: null,
        duration_secs: null,
        storage_key: null,
        failure_reason: null,
        started_at: at(from),
        ended_at: at(to),
        created_at: at(from),
        updated_at: at(to),
      });
    };
    // A session across midnight (2024-03-10 → 11).
    const s1 = await session('2024-03-10T23:00:00Z', '2024-03-11T01:00:00Z');
    const p1 = await person(s1, '2024-03-10T23:30:00Z', '2024-03-11T00:30:00Z'); // 30 min + 30 min
    await person(s1, '2024-03-10T23:00:00Z', '2024-03-10T23:45:00Z'); // 45 min on the 10th
    await person(s1, '2024-03-11T00:50:00Z', null); // never marked left: ends with its session, 10 min
    await recording(s1, p1, 'video', '2024-03-10T23:50:00Z', '2024-03-11T00:10:00Z', 'completed'); // 10 + 10 min
    // A short session on the 12th, with a failed recording that does not count.
    const s2 = await session('2024-03-12T10:00:00Z', '2024-03-12T10:10:00Z');
    const p3 = await person(s2, '2024-03-12T10:00:00Z', '2024-03-12T10:10:00Z');
    await recording(s2, p3, 'video', '2024-03-12T10:00:00Z', '2024-03-12T10:06:00Z', 'completed');
    await recording(s2, p3, 'audio', '2024-03-12T10:00:00Z', '2024-03-12T10:06:00Z', 'failed');
  });

  afterAll(async () => {
    await Promise.allSettled(open.map((p) => p.close()));
    await server?.stop();
  });

  it('gives every day of the range, zeros included, with spans split at midnight', async () => {
    const res = await server.gql(USAGE, { from: '2024-03-09', to: '2024-03-13' });
    expect(res.errors).toBeUndefined();
    expect(res.data.usage).toEqual([
      { day: '2024-03-09', participantMinutes: 0, sessions: 0, recordingMinutes: 0 },
      { day: '2024-03-10', participantMinutes: 75, sessions: 1, recordingMinutes: 10 },
      { day: '2024-03-11', participantMinutes: 40, sessions: 0, recordingMinutes: 10 },
      { day: '2024-03-12', participantMinutes: 10, sessions: 1, recordingMinutes: 6 },
      { day: '2024-03-13', participantMinutes: 0, sessions: 0, recordingMinutes: 0 },
    ]);
  });

  it('counts only the part of a span inside the range', async () => {
    const res = await server.gql(USAGE, { from: '2024-03-11', to: '2024-03-11' });
    expect(res.data.usage).toEqual([{ day: '2024-03-11', participantMinutes: 40, sessions: 0, recordingMinutes: 10 }]);
  });

  it('counts a participant still in a room up to now', async () => {
    const room = await createRoom(server);
    const p = participant(server.url, (await generateToken(server, room.id)).clientToken.token);
    open.push(p);
    await p.join('still here');
    const today = new Date().toISOString().slice(0, 10);
    await new Promise((r) => setTimeout(r, 1500));
    const [day] = (await server.gql(USAGE, { from: today, to: today })).data.usage;
    // Just after midnight UTC the join may fall on the day before: the figure is then today's part.
    expect(day.sessions).toBeLessThanOrEqual(1);
    expect(day.participantMinutes).toBeGreaterThan(0);
    expect(day.participantMinutes).toBeLessThan(1);
  });

  it('takes a whole leap year, and refuses a longer range, a reversed one or a day that does not exist, naming the argument', async () => {
    const year = await server.gql(USAGE, { from: '2024-01-01', to: '2024-12-31' });
    expect(year.data.usage).toHaveLength(366);
    expect(year.data.usage[365].day).toBe('2024-12-31');
    const refused = async (from: string, to: string, field: string) => {
      const res = await server.gql(USAGE, { from, to });
      expect(res.data?.usage ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.errors?.[0]?.message).toContain(field);
    };
    await refused('2024-01-01', '2025-01-01', 'to');
    await refused('2024-03-12', '2024-03-11', 'to');
    await refused('2024-02-30', '2024-03-11', 'from');
    await refused('2024-03-01', '2023-13-01', 'to');
  });

  it('is for API keys only', async () => {
    const room = await createRoom(server);
    const token = (await generateToken(server, room.id)).clientToken.token;
    const asClient = await server.gql(USAGE, { from: '2024-03-10', to: '2024-03-10' }, token);
    expect(asClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await server.gql(USAGE, { from: '2024-03-10', to: '2024-03-10' }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
