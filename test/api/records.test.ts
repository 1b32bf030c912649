import { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/types.js';
import { createRoom, DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';

// Sessions, participants, recordings and compositions are written by the media plane; here
// they are seeded straight into the real database so that every filter of the read API can be
// checked against known rows.

const at = (iso: string) => new Date(iso);

async function seed(db: Kysely<Database>, roomA: string, roomB: string) {
  const s1 = uuidv7(),
    s2 = uuidv7(),
    s3 = uuidv7();
  await db
    .insertInto('room_sessions')
    .values([
      { id: s1, room_id: roomA, active: false, created_at: at('2026-01-05T10:00:00Z'), updated_at: at('2026-01-05T11:00:00Z'), ended_at: at('2026-01-05T11:00:00Z'), ended_reason: 'empty' },
      { id: s2, room_id: roomA, active: false, created_at: at('2026-01-10T10:00:00Z'), updated_at: at('2026-01-11T01:00:00Z'), ended_at: at('2026-01-11T01:00:00Z'), ended_reason: 'ended_by_api' },
      { id: s3, room_id: roomB, active: true, created_at: at('2026-02-01T23:59:59Z'), updated_at: at('2026-02-01T23:59:59Z'), ended_at: null, ended_reason: null },
    ])
    .execute();
  const participants = Array.from({ length: 7 }, (_, i) => ({
    id: uuidv7(),
    session_id: i < 5 ? s1 : s3,
    room_id: i < 5 ? roomA : roomB,
    context: i % 2 === 0 ? '{"role":"host"}' : `{"user":${i}}`,
    joined_at: at(`2026-01-05T10:0${i}:00Z`),
    left_at: i < 5 ? at('2026-01-05T11:00:00Z') : null,
    left_reason: i < 5 ? 'left' : null,
    updated_at: at('2026-01-05T11:00:00Z'),
  }));
  await db.insertInto('participants').values(participants).execute();
  const recordings = participants.slice(0, 4).flatMap((p, i) =>
    (['audio', 'video'] as const).map((type) => ({
      id: uuidv7(),
      room_id: p.room_id,
      session_id: p.session_id,
      participant_id: p.id,
      type,
      status: i === 3 ? ('processing' as const) : ('completed' as const),
      codec: type === 'audio' ? 'opus' : 'vp8',
      duration_secs: i === 3 ? null : 10 * (i + 1),
      size_bytes: i === 3 ? null : 1_500_000,
      started_at: at('2026-01-05T10:05:00Z'),
      ended_at: i === 3 ? null : at('2026-01-05T10:55:00Z'),
      completed_at: null,
      created_at: at('2026-01-05T10:05:00Z'),
      updated_at: at('2026-01-05T10:55:00Z'),
    })),
  );
  await db.insertInto('recordings').values(recordings).execute();
  await db
    .insertInto('compositions')
    .values([
      {
        id: uuidv7(),
        room_id: roomA,
        session_id: s1,
        status: 'completed',
        progress: 1,
        format: 'mp4',
        resolution: '1280x720',
        video_layout: JSON.stringify([{ name: 'main', xPos: 0, yPos: 0, zPos: 0, width: 1280, height: 720, maxColumns: null, maxRows: null, videoSources: ['*'] }]),
        created_at: at('2026-01-06T00:00:00Z'),
        updated_at: at('2026-01-06T00:10:00Z'),
      },
      {
        id: uuidv7(),
        room_id: roomA,
        session_id: s2,
        status: 'enqueued',
        progress: 0,
        format: 'webm',
        resolution: '640x360',
        video_layout: '[]',
        created_at: at('2026-01-12T00:00:00Z'),
        updated_at: at('2026-01-12T00:00:00Z'),
      },
    ])
    .execute();
  return { s1, s2, s3, participants, recordings };
}

describe.each(DIALECTS)('reading sessions, participants, recordings and compositions on %s', (dialect) => {
  let server: TestServer;
  let ids: Awaited<ReturnType<typeof seed>>;
  let roomA: string, roomB: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    roomA = (await createRoom(server, { uniqueName: 'a' })).id;
    roomB = (await createRoom(server, { uniqueName: 'b' })).id;
    ids = await seed(server.running.services.db, roomA, roomB);
  });
  afterAll(() => server?.stop());

  const count = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await server.gql(query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return Object.values(res.data)[0] as { totalCount: number; edges: { node: any }[] };
  };

  it('filters sessions by day (eq, gte, lte inclusive), active and room', async () => {
    const q = `query($f: RoomSessionFilter) { roomSessions(filter: $f) { totalCount edges { node { id active endedReason room { id } } } } }`;
    expect((await count(q, {})).totalCount).toBe(3);
    expect((await count(q, { f: { dateCreatedAt: { eq: '2026-01-05' } } })).edges.map((e) => e.node.id)).toEqual([ids.s1]);
    expect((await count(q, { f: { dateCreatedAt: { gte: '2026-01-06', lte: '2026-02-01' } } })).totalCount).toBe(2);
    expect((await count(q, { f: { dateCreatedAt: { lte: '2026-01-31' } } })).totalCount).toBe(2);
    expect((await count(q, { f: { dateEndedAt: { eq: '2026-01-11' } } })).edges[0].node).toMatchObject({ id: ids.s2, endedReason: 'ended_by_api' });
    expect((await count(q, { f: { active: true } })).edges.map((e) => e.node)).toEqual([{ id: ids.s3, active: true, endedReason: null, room: { id: roomB } }]);
    expect((await count(q, { f: { roomId: roomA, active: false } })).totalCount).toBe(2);
  });

  it("shows a room's active session and its sessions", async () => {
    const res = await server.gql(
      `query($a: ID!, $b: ID!) {
      a: room(id: $a) { activeSession { id } sessions(filter: {dateCreatedAt: {gte: "2026-01-06"}}) { totalCount edges { node { id } } } }
      b: room(id: $b) { activeSession { id participants { totalCount } } }
    }`,
      { a: roomA, b: roomB },
    );
    expect(res.data.a).toEqual({ activeSession: null, sessions: { totalCount: 1, edges: [{ node: { id: ids.s2 } }] } });
    expect(res.data.b.activeSession).toEqual({ id: ids.s3, participants: { totalCount: 2 } });
  });

  it('pages through participants with a filter, newest first, without gaps or repeats', async () => {
    const q = `query($after: String, $f: ParticipantFilter) { participants(first: 2, after: $after, filter: $f) {
      totalCount edges { cursor node { id context session { id } } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: { data?: any } = await server.gql(q, { after, f: { sessionId: ids.s1 } });
      const conn: any = res.data.participants;
      expect(conn.totalCount).toBe(5);
      seen.push(...conn.edges.map((e: any) => e.node.id));
      pages++;
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(
      ids.participants
        .slice(0, 5)
        .map((p) => p.id)
        .reverse(),
    );

    expect((await count(`{ participants(filter: {context: "{\\"role\\":\\"host\\"}"}) { totalCount edges { node { id } } } }`)).totalCount).toBe(4);
    expect((await count(`query($r: ID) { participants(filter: {roomId: $r}) { totalCount edges { node { id } } } }`, { r: roomB })).totalCount).toBe(2);
    expect((await count(`{ participants(filter: {dateLeftAt: {eq: "2026-01-05"}}) { totalCount edges { node { id } } } }`)).totalCount).toBe(5);
  });

  it('counts the whole filter on every page, however totalCount is asked for', async () => {
    // The total rides on the page's own statement when the operation asks for it: it must not
    // shrink with a cursor, with `last`, on an empty page, or when asked through fragments.
    const q = `query($after: String, $last: Int, $f: ParticipantFilter) { participants(first: 2, after: $after, filter: $f) { ...Total edges { cursor } } back: participants(last: $last, filter: $f) { ... on ParticipantConnection { totalCount } edges { node { id } } } }
      fragment Total on ParticipantConnection { totalCount }`;
    const one = (await server.gql(q, { last: 2, f: { sessionId: ids.s1 } })).data;
    expect([one.participants.totalCount, one.back.totalCount, one.back.edges.length]).toEqual([5, 5, 2]);
    const end = one.participants.edges.at(-1).cursor;
    const past = (await server.gql(q, { after: end, last: 2, f: { sessionId: ids.s1 } })).data;
    expect(past.participants.totalCount).toBe(5);
    const none = (await server.gql(q, { last: 2, f: { sessionId: uuidv7() } })).data;
    expect([none.participants, none.back]).toEqual([
      { totalCount: 0, edges: [] },
      { totalCount: 0, edges: [] },
    ]);
    const last = (await server.gql(q, { after: await lastCursor(), last: 2, f: { sessionId: ids.s1 } })).data;
    expect(last.participants).toEqual({ totalCount: 5, edges: [] });
  });

  /** The cursor of the oldest participant of session 1: a page after it is empty. */
  async function lastCursor(): Promise<string> {
    const res = await server.gql(`query($f: ParticipantFilter) { participants(last: 1, filter: $f) { edges { cursor } } }`, { f: { sessionId: ids.s1 } });
    return res.data.participants.edges[0].cursor;
  }

  it('pages backwards with last and before, still newest first within a page', async () => {
    const q = `query($last: Int, $before: String, $f: ParticipantFilter) { participants(last: $last, before: $before, filter: $f) {
      edges { cursor node { id } } pageInfo { hasPreviousPage startCursor } } }`;
    const newestFirst = ids.participants
      .slice(0, 5)
      .map((p) => p.id)
      .reverse();
    const seen: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const res: { data?: any; errors?: unknown } = await server.gql(q, { last: 2, before, f: { sessionId: ids.s1 } });
      const conn: any = res.data.participants;
      seen.unshift(conn.edges.map((e: any) => e.node.id));
      if (!conn.pageInfo.hasPreviousPage) break;
      before = conn.pageInfo.startCursor;
    }
    expect(seen).toEqual([newestFirst.slice(0, 1), newestFirst.slice(1, 3), newestFirst.slice(3, 5)]);

    const both = await server.gql('{ participants(first: 2, last: 2) { totalCount } }');
    expect(both.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'last' } });
    const badCursor = await server.gql('{ participants(last: 2, before: "nope") { totalCount } }');
    expect(badCursor.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'before' } });
  });

  it('filters recordings by type, status, duration (at least), participant and session', async () => {
    const q = `query($f: RecordingFilter) { recordings(first: 250, filter: $f) { totalCount edges { node { id type status codec durationSecs sizeMb participant { id } session { id } room { id } } } } }`;
    expect((await count(q, {})).totalCount).toBe(8);
    expect((await count(q, { f: { type: 'AUDIO' } })).edges.every((e) => e.node.type === 'AUDIO' && e.node.codec === 'opus')).toBe(true);
    expect((await count(q, { f: { status: 'PROCESSING' } })).totalCount).toBe(2);
    expect((await count(q, { f: { durationSecs: 20 } })).totalCount).toBe(4);
    expect((await count(q, { f: { durationSecs: 30, type: 'VIDEO' } })).edges.map((e) => e.node.durationSecs)).toEqual([30]);
    const p0 = ids.participants[0]!.id;
    const mine = await count(q, { f: { participantId: p0 } });
    expect(mine.totalCount).toBe(2);
    expect(mine.edges[0].node).toMatchObject({ sizeMb: 1.5, participant: { id: p0 }, session: { id: ids.s1 }, room: { id: roomA } });
    expect((await count(q, { f: { sessionId: ids.s3 } })).totalCount).toBe(0);
    expect((await count(q, { f: { dateEndedAt: { eq: '2026-01-05' } } })).totalCount).toBe(6);
    const nested = await server.gql(`query($p: ID!) { participant(id: $p) { recordings(filter: {type: VIDEO}) { totalCount } } }`, { p: p0 });
    expect(nested.data.participant.recordings.totalCount).toBe(1);
  });

  it('filters compositions by status, session and day, with their layout', async () => {
    const q = `query($f: CompositionFilter) { compositions(filter: $f) { totalCount edges { node { status format resolution progress videoLayout { name width height videoSources } session { id } } } } }`;
    expect((await count(q, {})).totalCount).toBe(2);
    const done = await count(q, { f: { status: 'COMPLETED' } });
    expect(done.edges[0].node).toMatchObject({
      format: 'MP4',
      resolution: '1280x720',
      progress: 1,
      videoLayout: [{ name: 'main', width: 1280, height: 720, videoSources: ['*'] }],
      session: { id: ids.s1 },
    });
    expect((await count(q, { f: { sessionId: ids.s2 } })).edges[0].node.status).toBe('ENQUEUED');
    expect((await count(q, { f: { dateCreatedAt: { gte: '2026-01-07' } } })).totalCount).toBe(1);
  });

  it('fetches any record by its id alone with node and nodes, as the type it is', async () => {
    const res = await server.gql(
      `query($room: ID!, $session: ID!, $p: ID!, $rec: ID!) {
      room: node(id: $room) { __typename id ... on Room { uniqueName } }
      session: node(id: $session) { __typename ... on RoomSession { room { id } } }
      many: nodes(ids: [$p, $rec, "01900000-0000-7000-8000-000000000000"]) { __typename id }
    }`,
      { room: roomA, session: ids.s1, p: ids.participants[0]!.id, rec: ids.recordings[0]!.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      room: { __typename: 'Room', id: roomA, uniqueName: 'a' },
      session: { __typename: 'RoomSession', room: { id: roomA } },
      many: [{ __typename: 'Participant', id: ids.participants[0]!.id }, { __typename: 'Recording', id: ids.recordings[0]!.id }, null],
    });
    const composition = (await count('{ compositions(first: 1) { totalCount edges { node { id } } } }')).edges[0].node.id;
    expect((await server.gql(`{ node(id: "${composition}") { __typename } }`)).data.node).toEqual({ __typename: 'Composition' });
    const bad = await server.gql('{ nodes(ids: ["x"]) { id } }');
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'ids[0]' } });
  });

  it('refuses bad page sizes, cursors, dates and ids, naming the argument', async () => {
    const bad = async (query: string, field: string) => {
      const res = await server.gql(query);
      expect(res.errors?.[0], query).toBeDefined();
      expect(JSON.stringify(res.errors?.[0])).toContain(field);
    };
    await bad('{ rooms(first: 0) { totalCount } }', 'first');
    await bad('{ rooms(first: 251) { totalCount } }', 'first');
    await bad('{ rooms(after: "bogus") { totalCount } }', 'after');
    await bad('{ roomSessions(filter: {roomId: "x"}) { totalCount } }', 'filter.roomId');
    await bad('{ recordings(filter: {participantId: "x"}) { totalCount } }', 'filter.participantId');
    await bad('{ roomSessions(filter: {dateCreatedAt: {eq: "2026-02-30"}}) { totalCount } }', 'YYYY-MM-DD');
    await bad('{ participant(id: "1") { id } }', 'id');
    const ok = await server.gql('{ rooms(first: 250) { totalCount } recording(id: "01900000-0000-7000-8000-000000000000") { id } }');
    expect(ok.data).toEqual({ rooms: { totalCount: 2 }, recording: null });
  });
});
