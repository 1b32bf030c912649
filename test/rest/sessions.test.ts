import Telnyx from 'telnyx';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, participant, type TestParticipant } from '../helpers/participant.js';
import { createRoom, DIALECTS, generateToken, startTestServer, type TestServer } from '../helpers/server.js';
import { meta, rest, telnyx } from './rest-helpers.js';

const at = (iso: string) => new Date(iso);

describe.each(DIALECTS)('REST sessions, participants, recordings and compositions on %s', (dialect) => {
  let server: TestServer;
  let client: Telnyx;
  const open: TestParticipant[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect);
    client = telnyx(server);
  });
  afterAll(async () => {
    await Promise.all(open.map((p) => p.close().catch(() => {})));
    await server?.stop();
  });

  /** A participant that really joined, over GraphQL on its WebSocket, as the SDK does. */
  const join = async (roomId: string, context?: string) => {
    const token = (await generateToken(server, roomId)).clientToken.token as string;
    const p = participant(server.url, token);
    open.push(p);
    const joined = (await p.join(context)).joined;
    return { p, id: joined.participantId as string, sessionId: joined.sessionId as string };
  };

  it('kicks, mutes and unmutes participants who joined over GraphQL, by "all", ids and exclude', async () => {
    const room = await createRoom(server);
    const a = await join(room.id, '{"name":"Ann"}');
    const b = await join(room.id, '{"name":"Bob"}');
    const c = await join(room.id);
    const sessionId = a.sessionId;
    const presence = (id: string) => server.running.services.orchestrator.findPresence(id);

    // The ids REST shows are the ones join returned.
    const listed = await client.rooms.sessions.retrieveParticipants(sessionId);
    expect(listed.data.map((p) => p.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(listed.data.find((p) => p.id === a.id)).toMatchObject({ record_type: 'room_participant', session_id: sessionId, context: '{"name":"Ann"}', left_at: null });
    expect((await client.roomParticipants.retrieve(a.id)).data).toMatchObject({ id: a.id, session_id: sessionId });
    expect((await client.rooms.retrieve(room.id)).data!.active_session_id).toBe(sessionId);

    expect(await client.rooms.sessions.actions.mute(sessionId, { participants: 'all', exclude: [c.id] })).toEqual({ data: { result: 'ok' } });
    expect(presence(a.id)!.audioCensored).toBe(true);
    expect(presence(b.id)!.audioCensored).toBe(true);
    expect(presence(c.id)!.audioCensored).toBe(false);
    await client.rooms.sessions.actions.unmute(sessionId, { participants: [b.id] });
    expect(presence(b.id)!.audioCensored).toBe(false);

    await client.rooms.sessions.actions.kick(sessionId, { participants: [b.id] });
    await eventually('b to be gone', () => (presence(b.id) ? undefined : true));
    expect((await client.roomParticipants.retrieve(b.id)).data!.left_at).not.toBeNull();
    const left = await server.gql('query($id: ID!) { participant(id: $id) { leftReason } }', { id: b.id });
    expect(left.data.participant.leftReason).toBe('kicked');

    // An id not present is a 422 naming it in the body; a bad selector too.
    const absent = await client.rooms.sessions.actions.kick(sessionId, { participants: [uuidv7()] }).catch((e) => e);
    expect(absent).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect(absent.error.errors[0].source).toEqual({ pointer: '/participants' });
    const bad = await rest(server, 'POST', `/room_sessions/${sessionId}/actions/mute`, { participants: ['nope'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].source).toEqual({ pointer: '/participants/0' });

    const withPeople = await client.rooms.sessions.retrieve(sessionId, { include_participants: true });
    expect(withPeople.data!.participants!.length).toBe(3);

    // end arrives with no body and no content type.
    expect(await client.rooms.sessions.actions.end(sessionId)).toEqual({ data: { result: 'ok' } });
    const ended = (await client.rooms.sessions.retrieve(sessionId)).data!;
    expect(ended).toMatchObject({ id: sessionId, record_type: 'room_session', room_id: room.id, active: false });
    const gql = await server.gql('query($id: ID!) { roomSession(id: $id) { active endedAt endedReason } }', { id: sessionId });
    expect(gql.data.roomSession).toMatchObject({ active: false, endedAt: ended.ended_at, endedReason: 'ended_by_api' });
    const again = await client.rooms.sessions.actions.end(sessionId).catch((e) => e);
    expect(again).toBeInstanceOf(Telnyx.UnprocessableEntityError);

    const sessions = await client.rooms.sessions.list0({ filter: { room_id: room.id, active: false } });
    expect(sessions.data.map((s) => s.id)).toEqual([sessionId]);
    expect((await client.rooms.sessions.list1(room.id, { filter: { active: true } })).data).toEqual([]);
    const withSessions = await client.rooms.retrieve(room.id, { include_sessions: true });
    expect(withSessions.data!.sessions!.map((s) => s.id)).toEqual([sessionId]);
    await expect(client.rooms.sessions.retrieve(uuidv7())).rejects.toBeInstanceOf(Telnyx.NotFoundError);
  });

  it('lists, filters, deletes (one and in bulk) recordings, and creates, lists, deletes compositions', async () => {
    const room = await createRoom(server);
    const db = server.running.services.db;
    const sessionId = uuidv7();
    await db
      .insertInto('room_sessions')
      .values({
        id: sessionId,
        room_id: room.id,
        active: false,
        created_at: at('2026-01-05T10:00:00Z'),
        updated_at: at('2026-01-05T11:00:00Z'),
        ended_at: at('2026-01-05T11:00:00Z'),
        ended_reason: 'empty',
      })
      .execute();
    const participants = [uuidv7(), uuidv7(), uuidv7()];
    await db
      .insertInto('participants')
      .values(
        participants.map((id) => ({
          id,
          session_id: sessionId,
          room_id: room.id,
          context: 'x',
          joined_at: at('2026-01-05T10:01:00Z'),
          left_at: at('2026-01-05T11:00:00Z'),
          left_reason: 'left',
          updated_at: at('2026-01-05T11:00:00Z'),
        })),
      )
      .execute();
    const recordings = participants.flatMap((participantId, i) =>
      (['audio', 'video'] as const).map((type) => ({
        id: uuidv7(),
        room_id: room.id,
        session_id: sessionId,
        participant_id: participantId,
        type,
        status: 'completed' as const,
        codec: type === 'audio' ? 'opus' : 'vp8',
        duration_secs: 10 * (i + 1),
        size_bytes: 2_500_000,
        storage_key: `recordings/missing-${i}-${type}`,
        started_at: at('2026-01-05T10:05:00Z'),
        ended_at: at('2026-01-05T10:55:00Z'),
        completed_at: at('2026-01-05T10:56:00Z'),
        created_at: at('2026-01-05T10:05:00Z'),
        updated_at: at('2026-01-05T10:56:00Z'),
      })),
    );
    await db.insertInto('recordings').values(recordings).execute();

    const all = await client.roomRecordings.list({ filter: { session_id: sessionId }, 'page[size]': 4 });
    expect(meta(all)).toEqual({ page_number: 1, page_size: 4, total_pages: 2, total_results: 6 });
    const every: string[] = [];
    for await (const r of client.roomRecordings.list({ filter: { session_id: sessionId }, 'page[size]': 4 })) every.push(r.id!);
    expect(every.sort()).toEqual(recordings.map((r) => r.id).sort());
    const one = (await client.roomRecordings.retrieve(recordings[0]!.id)).data!;
    expect(one).toMatchObject({ record_type: 'room_recording', type: 'audio', status: 'completed', codec: 'opus', size_mb: 2.5, duration_secs: 10, participant_id: participants[0] });
    expect(one.download_url).toMatch(/\/downloads\//);
    expect(meta(await client.roomRecordings.list({ filter: { session_id: sessionId, type: 'video', duration_secs: 20 } })).total_results).toBe(2);
    expect(meta(await client.roomRecordings.list({ filter: { date_started_at: { eq: '2026-01-05' }, room_id: room.id } })).total_results).toBe(6);
    expect(meta(await client.roomParticipants.list({ filter: { session_id: sessionId, date_joined_at: { gte: '2026-01-05', lte: '2026-01-05' } } })).total_results).toBe(3);

    const composition = await client.roomCompositions.create({ session_id: sessionId, resolution: '640x360', video_layout: { grid: { width: 640, height: 360, video_sources: ['*'] } } });
    expect(composition.data).toMatchObject({ record_type: 'room_composition', session_id: sessionId, room_id: room.id, resolution: '640x360', format: 'mp4' });
    expect(composition.data!.video_layout!.grid).toMatchObject({ x_pos: 0, y_pos: 0, width: 640, height: 360, video_sources: ['*'] });
    const compositionId = composition.data!.id!;
    expect((await client.roomCompositions.retrieve(compositionId)).data!.id).toBe(compositionId);
    expect((await client.roomCompositions.list({ filter: { session_id: sessionId } })).data.map((c) => c.id)).toEqual([compositionId]);
    const gql = await server.gql('query($id: ID!) { composition(id: $id) { resolution videoLayout { name width } } }', { id: compositionId });
    expect(gql.data.composition).toEqual({ resolution: '640x360', videoLayout: [{ name: 'grid', width: 640 }] });
    await client.roomCompositions.delete(compositionId);
    await expect(client.roomCompositions.retrieve(compositionId)).rejects.toBeInstanceOf(Telnyx.NotFoundError);
    // A session without completed recordings cannot be composed: 422, which the client does not retry.
    const empty = await client.roomCompositions.create({ session_id: uuidv7() }).catch((e) => e);
    expect(empty).toBeInstanceOf(Telnyx.NotFoundError);
    const badLayout = await client.roomCompositions.create({ session_id: sessionId, video_layout: { grid: { width: 'wide' as never } } }).catch((e) => e);
    expect(badLayout).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect(badLayout.error.errors[0].source).toEqual({ pointer: '/video_layout/grid/width' });

    await client.roomRecordings.delete(recordings[0]!.id);
    await expect(client.roomRecordings.retrieve(recordings[0]!.id)).rejects.toBeInstanceOf(Telnyx.NotFoundError);
    const bulk = await client.roomRecordings.deleteBulk({ filter: { session_id: sessionId, type: 'video' } });
    expect(bulk).toEqual({ data: { room_recordings: 3 } });
    const gqlLeft = await server.gql('query($s: ID!) { recordings(filter: {sessionId: $s}) { totalCount } }', { s: sessionId });
    expect(gqlLeft.data.recordings.totalCount).toBe(2);
    // Unlike Telnyx, an empty filter deletes nothing: one forgotten filter should not wipe an account.
    const unfiltered = await rest(server, 'DELETE', '/room_recordings');
    expect(unfiltered.status).toBe(422);
    expect(unfiltered.body.errors[0].source).toEqual({ parameter: 'filter' });
    expect(gqlLeft.data.recordings.totalCount).toBe((await server.gql('query($s: ID!) { recordings(filter: {sessionId: $s}) { totalCount } }', { s: sessionId })).data.recordings.totalCount);
  });
});
