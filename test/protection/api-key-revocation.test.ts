import { describe, expect, it } from 'vitest';
import { createRoom, DIALECTS, generateToken, mutate } from '../helpers/server.js';
import { participant, type TestParticipant } from '../helpers/participant.js';
import { RawWs } from './raw-ws.js';
import { closeAfterAll, useTestServer } from '../helpers/server-suite.js';

// A revoked API key stops working at once, also for what it already has open: its dashboards'
// subscriptions end with a last error saying why, and nothing else is touched.

const EVENTS = `subscription($r: ID) { events(filter: { roomId: $r }) { eventType } }`;
const ROOM_EVENTS = `subscription($r: ID!) { roomEvents(roomId: $r) { __typename seq } }`;

describe.each(DIALECTS)('revoking an API key on %s', (dialect) => {
  const server = useTestServer(dialect);
  const open = closeAfterAll<TestParticipant>();

  const createKey = async (name: string) =>
    (await mutate(server, `mutation($n: String!) { createApiKey(name: $n) { ... on CreateApiKeyPayload { created { key apiKey { id } } } } }`, { n: name })).created as {
      key: string;
      apiKey: { id: string };
    };
  const touchRoom = (roomId: string, name: string) => mutate(server, `mutation($id: ID!, $n: String) { updateRoom(id: $id, input: { uniqueName: $n }) { __typename } }`, { id: roomId, n: name });
  const eventTypes = (ws: RawWs) => ws.results('events').flatMap((r) => (r.data ? [r.data.events.eventType] : []));
  const watch = async (key: string, roomId: string) => {
    const ws = await RawWs.open(server.url, key);
    ws.subscribe('events', EVENTS, { r: roomId });
    ws.subscribe('room', ROOM_EVENTS, { r: roomId });
    await ws.until('the room snapshot', () => ws.results('room')[0]);
    return ws;
  };

  it("ends the revoked key's subscriptions with a last error and refuses its next operation; another key's go on", async () => {
    const doomed = await createKey('doomed');
    const kept = await createKey('kept');
    const room = await createRoom(server);
    const [doomedWs, keptWs] = [await watch(doomed.key, room.id), await watch(kept.key, room.id)];
    try {
      // Both feeds are live before the revocation.
      await touchRoom(room.id, `before-${room.id}`);
      for (const ws of [doomedWs, keptWs]) await ws.until('the update', () => (eventTypes(ws).includes('video.room.updated') ? true : undefined));

      const revoked = await mutate(server, `mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }`, { id: doomed.apiKey.id });
      expect(revoked.__typename).toBe('RevokeApiKeyPayload');

      for (const id of ['events', 'room']) {
        const { results, errors } = await doomedWs.outcome(id);
        expect(errors).toBeUndefined();
        const last = results.at(-1);
        expect(last.data ?? null).toBeNull();
        expect(last.errors).toHaveLength(1);
        expect(last.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'revoked_api_key' });
      }
      const refused = await doomedWs.run('next', '{ rooms { totalCount } }');
      expect(refused.results[0].data?.rooms ?? null).toBeNull();
      expect(refused.results[0].errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'revoked_api_key' });
      const resubscribed = await doomedWs.run('again', ROOM_EVENTS, { r: room.id });
      expect([...(resubscribed.errors ?? []), ...resubscribed.results.flatMap((r) => r.errors ?? [])][0].extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'revoked_api_key',
      });

      // The other key's feeds hear what happens next, and the revoked key's hear nothing more.
      const doomedCounts = [doomedWs.results('events').length, doomedWs.results('room').length];
      await touchRoom(room.id, `after-${room.id}`);
      const p = participant(server.url, (await generateToken(server, room.id)).clientToken.token);
      open.push(p);
      await p.join('late');
      await keptWs.until('the join on the room feed', () => keptWs.results('room').find((r) => r.data.roomEvents.__typename === 'ParticipantJoined'));
      await keptWs.until('the join on the event feed', () => (eventTypes(keptWs).includes('video.room.participant.joined') ? true : undefined));
      expect(eventTypes(keptWs).filter((t) => t === 'video.room.updated')).toHaveLength(2);
      expect(keptWs.messages.filter((m) => m.type === 'complete' || m.type === 'error')).toEqual([]);
      expect([doomedWs.results('events').length, doomedWs.results('room').length]).toEqual(doomedCounts);
    } finally {
      doomedWs.close();
      keptWs.close();
    }
  });
});
