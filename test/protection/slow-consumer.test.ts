import { describe, expect, it } from 'vitest';
import { createRoom, generateToken } from '../helpers/server.js';
import { participant, type TestParticipant } from '../helpers/participant.js';
import { collect, wsClient } from '../helpers/ws.js';
import { RawWs } from './raw-ws.js';
import { closeAfterAll, useTestServer } from '../helpers/server-suite.js';

// A subscriber that stops reading is disconnected (4008) once MAX_QUEUED_EVENTS_PER_SUBSCRIBER
// events wait for it, instead of the server buffering for it without end; everyone else keeps
// getting every event, and the dropped client starts over from a snapshot when it comes back.

const MAX_QUEUED = 8;
const MESSAGES = 120;
/** Near sendMessage's maximum of 16 KiB. */
const PAYLOAD_CHARS = 16_000;
/** The stalled client asks for each payload 30 times (the alias limit), so a few dozen events fill the sockets' kernel buffers. */
const HEAVY = `subscription($r: ID!) { roomEvents(roomId: $r) { __typename seq
  ... on MessageReceived { ${Array.from({ length: 30 }, (_, i) => `p${i}: payload`).join(' ')} } } }`;
const LIGHT = `subscription($r: ID!) { roomEvents(roomId: $r) { __typename seq ... on MessageReceived { payload } } }`;
const SEND = `mutation($m: String!) { sendMessage(payload: $m) { __typename } }`;

describe('slow consumers', () => {
  const server = useTestServer('pglite', {
    MAX_QUEUED_EVENTS_PER_SUBSCRIBER: String(MAX_QUEUED),
    RATE_LIMIT_MESSAGES: 'off',
    RATE_LIMIT_CLIENT_TOKEN: 'off',
  });
  const open = closeAfterAll<{ close(): unknown }>();

  it('disconnects a subscriber that stops reading with 4008, bounded in memory; the others get every event', { timeout: 120_000 }, async () => {
    const room = await createRoom(server);
    const sender: TestParticipant = participant(server.url, (await generateToken(server, room.id)).clientToken.token);
    open.push(sender);
    expect((await sender.join('sender')).__typename).toBe('JoinPayload');

    const reader = wsClient(server.url, server.apiKey);
    open.push({ close: () => reader.dispose() });
    const feed = collect<any>(reader, LIGHT, { r: room.id });
    const [snapshot] = await feed.next(1);

    const stalled = await RawWs.open(server.url, server.apiKey);
    open.push(stalled);
    stalled.subscribe('room', HEAVY, { r: room.id });
    await stalled.until('its snapshot', () => stalled.results('room')[0]);
    // Stop reading at the TCP level, as a client on a dead network path or a frozen tab would.
    (stalled.socket as any)._socket.pause();

    const heapBefore = process.memoryUsage().heapUsed;
    const body = (i: number) => `${String(i).padStart(4, '0')}:${'x'.repeat(PAYLOAD_CHARS - 5)}`;
    for (let i = 0; i < MESSAGES; i++) {
      const res = await sender.run(SEND, { m: body(i) });
      expect(res.data?.sendMessage.__typename).toBe('SendMessagePayload');
    }
    const events = await feed.next(1 + MESSAGES, 60_000);
    const heapAfter = process.memoryUsage().heapUsed;

    // The reader got every message, in order, without a gap in seq.
    const messages = events.slice(1).map((e) => e.roomEvents);
    expect(messages.map((m) => m.payload.slice(0, 4))).toEqual(Array.from({ length: MESSAGES }, (_, i) => String(i).padStart(4, '0')));
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: MESSAGES }, (_, i) => snapshot.roomEvents.seq + 1 + i));
    expect(feed.errors).toEqual([]);

    // The stalled client, once it reads again, finds what was already on its way and then the close.
    (stalled.socket as any)._socket.resume();
    const closed = await stalled.closed(30_000);
    expect(closed.code).toBe(4008);
    expect(stalled.results('room').length).toBeLessThan(1 + MESSAGES);
    // Measured here, where the server runs. Generous: the events themselves are shared with the
    // reader; what must not pile up is what the stalled socket asked for, 30 × 16 KB per event.
    expect(heapAfter - heapBefore).toBeLessThan(48 * 1024 * 1024);

    // Coming back, it starts over from the room's state.
    const again = await RawWs.open(server.url, server.apiKey);
    open.push(again);
    again.subscribe('room', LIGHT, { r: room.id });
    const first = await again.until('the new snapshot', () => again.results('room')[0]);
    expect(first.data.roomEvents.__typename).toBe('RoomStateSnapshot');
    expect(first.data.roomEvents.seq).toBe(snapshot.roomEvents.seq + MESSAGES);

    // The reader is still subscribed and hears the next one.
    await sender.run(SEND, { m: 'after' });
    const [, last] = (await feed.next(2 + MESSAGES)).slice(MESSAGES);
    expect(last.roomEvents.payload).toBe('after');
  });
});
