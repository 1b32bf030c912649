import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, mutate } from '../helpers/server.js';
import { useTestServer } from '../helpers/server-suite.js';
import { createdIngress, createIngress, deleteIngress, getIngress } from './helpers.js';

// The ingress API without media flowing: creating, reading, listing and deleting; every input
// refused up front changes nothing; an input that cannot be read comes back FAILED.

const dir = mkdtempSync(path.join(tmpdir(), 'vr-ingress-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(DIALECTS)('the ingress API on %s', (dialect) => {
  const server = useTestServer(dialect, { INGRESS_MAX_PER_ROOM: '3', INGRESS_MAX_PER_NODE: '6' });

  const countIngresses = async () => (await server.gql(`{ ingresses { totalCount } }`)).data.ingresses.totalCount as number;
  const liveParticipants = async (roomId: string) => (await server.gql(`query($r: ID!) { roomState(roomId: $r) { participants { id context } } }`, { r: roomId })).data.roomState.participants as any[];
  const eventTypes = async (roomId: string) =>
    (await server.running.services.db.selectFrom('events').select('event_type').where('room_id', '=', roomId).orderBy('seq').execute()).map((e) => e.event_type);

  describe('createIngress refuses bad input and changes nothing', () => {
    it('names the field at fault', async () => {
      const room = await createRoom(server);
      const before = await countIngresses();
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ roomId: 'nope', kind: 'RTP' }, 'VALIDATION_FAILED', 'input.roomId'],
        [{ roomId: room.id, kind: 'URL' }, 'VALIDATION_FAILED', 'input.url'],
        [{ roomId: room.id, kind: 'URL', url: '   ' }, 'VALIDATION_FAILED', 'input.url'],
        [{ roomId: room.id, kind: 'URL', url: '-i /etc/passwd' }, 'VALIDATION_FAILED', 'input.url'],
        // ffmpeg's other protocols and relative paths are not inputs.
        [{ roomId: room.id, kind: 'URL', url: 'concat:/tmp/a.mp4|/tmp/b.mp4' }, 'VALIDATION_FAILED', 'input.url'],
        [{ roomId: room.id, kind: 'URL', url: 'subfile,,start,0,end,0,,:/etc/passwd' }, 'VALIDATION_FAILED', 'input.url'],
        [{ roomId: room.id, kind: 'URL', url: 'tcp://127.0.0.1:5432' }, 'VALIDATION_FAILED', 'input.url'],
        [{ roomId: room.id, kind: 'URL', url: 'data/media/x.webm' }, 'VALIDATION_FAILED', 'input.url'],
        [{ roomId: room.id, kind: 'RTP', url: '/tmp/x.mp4' }, 'VALIDATION_FAILED', 'input.url'],
        [{ roomId: room.id, kind: 'RTP', loop: true }, 'VALIDATION_FAILED', 'input.loop'],
        [{ roomId: room.id, kind: 'WHIP', url: 'https://example.com/a.mp4' }, 'VALIDATION_FAILED', 'input.url'],
        [{ roomId: room.id, kind: 'WHIP', loop: true }, 'VALIDATION_FAILED', 'input.loop'],
        [{ roomId: room.id, kind: 'WHIP', videoCodec: 'H264' }, 'VALIDATION_FAILED', 'input.videoCodec'],
        [{ roomId: room.id, kind: 'RTP', context: 'x'.repeat(4097) }, 'VALIDATION_FAILED', 'input.context'],
        [{ roomId: '0190a5c8-0000-7000-8000-000000000000', kind: 'RTP' }, 'NOT_FOUND', 'input.roomId'],
      ];
      for (const [input, code, field] of cases) {
        const result = await createIngress(server, input);
        const fields = [result.field, ...(result.fieldErrors ?? []).map((e: any) => e.field)];
        expect({ input, code: result.code, has: fields.includes(field) }).toEqual({ input, code, has: true });
      }
      expect(await countIngresses()).toBe(before);
      expect(await liveParticipants(room.id)).toEqual([]);
    });

    it('refuses a bad kind at the GraphQL layer', async () => {
      const room = await createRoom(server);
      const res = await server.gql(`mutation { createIngress(input: {roomId: "${room.id}", kind: FILE}) { __typename } }`);
      expect(res.errors?.[0]?.message).toMatch(/FILE/);
    });

    it('refuses a deleted room', async () => {
      const room = await createRoom(server);
      await mutate(server, `mutation($id: ID!) { deleteRoom(id: $id) { __typename } }`, { id: room.id });
      expect((await createIngress(server, { roomId: room.id, kind: 'RTP' })).code).toBe('ROOM_DELETED');
    });

    it('counts ingresses toward maxParticipants, and keeps to the per-room and per-node limits', async () => {
      const small = await createRoom(server, { maxParticipants: 2 });
      const a = await createdIngress(server, { roomId: small.id, kind: 'RTP' });
      const b = await createdIngress(server, { roomId: small.id, kind: 'RTP' });
      expect((await createIngress(server, { roomId: small.id, kind: 'RTP' })).code).toBe('ROOM_FULL');
      expect(await liveParticipants(small.id)).toHaveLength(2);

      const big = await createRoom(server);
      const inBig = [];
      for (let i = 0; i < 3; i++) inBig.push(await createdIngress(server, { roomId: big.id, kind: 'RTP' }));
      const perRoom = await createIngress(server, { roomId: big.id, kind: 'RTP' });
      expect([perRoom.code, perRoom.field, perRoom.message]).toEqual(['CONFLICT', 'input.roomId', expect.stringMatching(/INGRESS_MAX_PER_ROOM/)]);

      const other = await createRoom(server);
      const sixth = await createdIngress(server, { roomId: other.id, kind: 'RTP' });
      const perNode = await createIngress(server, { roomId: other.id, kind: 'RTP' });
      expect([perNode.code, perNode.message]).toEqual(['CONFLICT', expect.stringMatching(/INGRESS_MAX_PER_NODE/)]);
      expect(await liveParticipants(other.id)).toHaveLength(1);

      for (const i of [a, b, ...inBig, sixth]) expect((await deleteIngress(server, i.id)).__typename).toBe('DeleteIngressPayload');
      expect(await liveParticipants(small.id)).toEqual([]);
      // Room for one more on the node again.
      const again = await createdIngress(server, { roomId: other.id, kind: 'RTP' });
      await deleteIngress(server, again.id);
    });
  });

  describe('ingress, ingresses, deleteIngress', () => {
    it('reads, lists with pagination and a filter, and deletes', async () => {
      const room = await createRoom(server);
      const created = await createdIngress(server, { roomId: room.id, kind: 'RTP', context: '{"name":"camera 1"}' });
      expect(created).toMatchObject({ kind: 'RTP', status: 'CONNECTING', context: '{"name":"camera 1"}', room: { id: room.id }, participant: { context: '{"name":"camera 1"}', leftAt: null } });
      expect(created.rtpInputs.map((i: any) => [i.kind, i.mimeType, i.payloadType])).toEqual([
        ['audio', 'audio/opus', 111],
        ['video', 'video/VP8', 96],
      ]);
      for (const input of created.rtpInputs) expect(input).toMatchObject({ ip: '127.0.0.1', port: expect.any(Number), rtcpPort: expect.any(Number), ssrc: expect.any(Number) });
      const h264 = await createdIngress(server, { roomId: room.id, kind: 'RTP', videoCodec: 'H264' });
      expect(h264.rtpInputs.find((i: any) => i.kind === 'video')).toMatchObject({ mimeType: 'video/H264', parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f' } });

      expect(await getIngress(server, created.id)).toMatchObject({ id: created.id, status: 'CONNECTING' });
      const page1 = await server.gql(`query($r: ID!) { ingresses(first: 1, filter: {roomId: $r}) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { r: room.id });
      expect(page1.data.ingresses.totalCount).toBe(2);
      expect(page1.data.ingresses.edges.map((e: any) => e.node.id)).toEqual([h264.id]);
      const page2 = await server.gql(`query($r: ID!, $after: String) { ingresses(first: 1, after: $after, filter: {roomId: $r}) { edges { node { id } } pageInfo { hasNextPage } } }`, {
        r: room.id,
        after: page1.data.ingresses.pageInfo.endCursor,
      });
      expect(page2.data.ingresses.edges.map((e: any) => e.node.id)).toEqual([created.id]);
      expect(page2.data.ingresses.pageInfo.hasNextPage).toBe(false);
      const connecting = await server.gql(`query($r: ID!) { ingresses(filter: {roomId: $r, status: CONNECTING, kind: RTP}) { totalCount } }`, { r: room.id });
      expect(connecting.data.ingresses.totalCount).toBe(2);

      const deleted = await deleteIngress(server, created.id);
      expect(deleted).toMatchObject({ __typename: 'DeleteIngressPayload', ingress: { id: created.id, status: 'ENDED', endedReason: 'deleted' } });
      expect(await getIngress(server, created.id)).toBeNull();
      expect((await liveParticipants(room.id)).map((p) => p.id)).toEqual([h264.participant.id]);
      const left = await server.gql(`query($id: ID!) { participant(id: $id) { leftAt leftReason } }`, { id: created.participant.id });
      expect(left.data.participant).toMatchObject({ leftAt: expect.any(String), leftReason: 'left' });
      expect(await eventTypes(room.id)).toEqual(expect.arrayContaining(['video.room.ingress.created', 'video.room.ingress.ended', 'video.room.participant.joined', 'video.room.participant.left']));

      expect((await deleteIngress(server, created.id)).code).toBe('NOT_FOUND');
      expect((await deleteIngress(server, 'bad')).code).toBe('VALIDATION_FAILED');
      expect((await server.gql(`{ ingress(id: "bad") { id } }`)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      await deleteIngress(server, h264.id);
    });

    it('needs an API key', async () => {
      const res = await server.gql(`{ ingresses { totalCount } }`, undefined, null);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('a URL ingress whose input cannot be read', () => {
    it('is FAILED with the reason and an event, and the room is left as it was', async () => {
      const room = await createRoom(server);
      const missing = await createdIngress(server, { roomId: room.id, kind: 'URL', url: path.join(dir, 'missing.mp4') });
      expect(missing).toMatchObject({ status: 'FAILED', failureReason: expect.stringMatching(/No such file or directory/), participant: null, session: null, endedAt: expect.any(String) });

      const text = path.join(dir, 'not-media.mp4');
      writeFileSync(text, 'this is not a media file\n'.repeat(50));
      const unreadable = await createdIngress(server, { roomId: room.id, kind: 'URL', url: text });
      expect(unreadable).toMatchObject({ status: 'FAILED', failureReason: expect.stringMatching(/cannot read the input/) });

      // A real media file, with nothing to publish in it: subtitles only.
      const subtitles = path.join(dir, 'subtitles.mkv');
      writeFileSync(path.join(dir, 'subtitles.srt'), '1\n00:00:00,000 --> 00:00:01,000\nhello\n');
      execFileSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-i', path.join(dir, 'subtitles.srt'), '-y', subtitles]);
      const noStream = await createdIngress(server, { roomId: room.id, kind: 'URL', url: subtitles });
      expect(noStream).toMatchObject({ status: 'FAILED', failureReason: 'the input has no audio or video stream' });

      expect(await liveParticipants(room.id)).toEqual([]);
      const failedTwice = ['video.room.ingress.created', 'video.room.ingress.failed'];
      expect(await eventTypes(room.id)).toEqual(['video.room.created', ...failedTwice, ...failedTwice, ...failedTwice]);
      const failed = await server.gql(`query($r: ID!) { ingresses(filter: {roomId: $r, status: FAILED}) { totalCount } }`, { r: room.id });
      expect(failed.data.ingresses.totalCount).toBe(3);
    });
  });
});
