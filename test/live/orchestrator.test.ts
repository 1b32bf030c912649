import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { MediaRooms } from '../../media/index.js';
import type { ClientTokenClaims } from '../../server/access/client-token-signer.js';
import { createLogger } from '../../server/app/logger.js';
import { AccountEvents } from '../../server/events/account-events.js';
import type { DomainTopics } from '../../server/events/topics.js';
import { ClientConnection } from '../../server/live/connection.js';
import { Orchestrator } from '../../server/live/orchestrator.js';
import { RoomManager } from '../../server/live/room-manager.js';
import { LocalEventBus } from '../../server/ports/local-event-bus.js';
import { LocalLiveDirectory } from '../../server/ports/local-live-directory.js';
import { LocalRoomPlacement } from '../../server/ports/local-room-placement.js';
import { LocalNodeRegistry } from '../../server/ports/local-node-registry.js';
import { RoomService } from '../../server/rooms/room-service.js';
import { targetPolicy } from '../../server/webhooks/target-policy.js';

// The orchestration without a transport: real PGlite, real mediasoup, the in-process ports, and
// the catalog events it produces, read off the bus in the order they are published.

const EMPTY_ROOM_GRACE_MS = 100;

describe('Orchestrator', () => {
  let dir: string;
  let database: DatabaseHandle;
  let media: MediaRooms;
  let bus: LocalEventBus<DomainTopics>;
  let directory: LocalLiveDirectory;
  let rooms: RoomService;
  let orchestrator: Orchestrator;
  /** Every event on the bus: account events by name, room deltas by type. */
  let heard: { type: string; [field: string]: unknown }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'orchestrator-test-'));
    database = await openDatabase({ dataDir: dir });
    await migrateToLatest(database.db);
    media = await MediaRooms.start({ numWorkers: 1, logLevel: 'warn' });
    bus = new LocalEventBus<DomainTopics>();
    directory = new LocalLiveDirectory();
    const log = createLogger('silent');
    const events = new AccountEvents(database.db, bus);
    rooms = new RoomService(database.db, events, targetPolicy(true));
    const manager = new RoomManager(bus, directory, new LocalRoomPlacement('test-node'), new LocalNodeRegistry('test-node'));
    orchestrator = new Orchestrator(database.db, events, rooms, manager, media, { reconnectGraceMs: 100, emptyRoomGraceMs: EMPTY_ROOM_GRACE_MS }, log);
    bus.subscribe('account', null, (e) => heard.push({ type: e.eventType, ...e.payload }));
    bus.subscribe('room', null, ({ occurredAt: _at, roomId: _room, seq: _seq, ...delta }) => heard.push(delta));
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.shutdown();
    await media?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const claims = (roomId: string): ClientTokenClaims => ({
    type: 'access',
    roomId,
    grants: { canPublish: false, canSubscribe: false },
    tokenId: 'token',
    familyId: 'family',
    issuedAt: new Date(),
    expiresAt: new Date(Date.now() + 60_000),
  });

  it('a join then a leave produce exactly these catalog events, in this order, with these payloads', async () => {
    const room = await rooms.create({ uniqueName: 'orchestrated' });
    heard = [];
    const joined = await orchestrator.join(new ClientConnection(undefined), claims(room.id), { context: 'Ann' });
    const { participantId, sessionId } = joined;
    expect(await directory.roomHolder(room.id)).toBeTruthy();
    expect(await directory.findPresence(participantId)).toMatchObject({ roomId: room.id, sessionId });

    expect(await orchestrator.leave(participantId, 'left')).toBe(true);
    expect(await directory.findPresence(participantId)).toBeUndefined();
    await new Promise((r) => setTimeout(r, EMPTY_ROOM_GRACE_MS * 5));

    const ids = { room_id: room.id, session_id: sessionId };
    expect(heard).toEqual([
      { type: 'video.room.session.started', ...ids },
      { type: 'video.room.participant.joined', ...ids, participant_id: participantId, context: 'Ann' },
      { type: 'SessionStarted', sessionId },
      { type: 'ParticipantJoined', participant: { id: participantId, context: 'Ann', joinedAt: joined.joinedAt, canPublish: false, canSubscribe: false, streams: [] } },
      // Recorded, then announced (as the session's end is): whoever hears ParticipantLeft finds the row left.
      { type: 'video.room.participant.left', ...ids, participant_id: participantId, context: 'Ann', duration_secs: expect.any(Number), left_reason: 'left' },
      { type: 'ParticipantLeaving', participantId, reason: 'left' },
      { type: 'ParticipantLeft', participantId, reason: 'left' },
      { type: 'video.room.session.ended', ...ids, duration_secs: expect.any(Number), ended_reason: 'empty' },
      { type: 'SessionEnded', sessionId, reason: 'empty' },
    ]);
    expect(await directory.roomHolder(room.id)).toBeUndefined();
  });

  it('ending a session with people in it: each leaves with session_ended, then the session ends with the reason given', async () => {
    const room = await rooms.create({});
    const a = await orchestrator.join(new ClientConnection(undefined), claims(room.id), {});
    const b = await orchestrator.join(new ClientConnection(undefined), claims(room.id), {});
    heard = [];
    const ended = await orchestrator.endSession(room.id, 'ended_by_api');
    expect(ended).toMatchObject({ id: a.sessionId, active: false, ended_reason: 'ended_by_api' });
    expect(heard.map((e) => [e.type, e.participant_id ?? e.participantId ?? null, e.left_reason ?? e.ended_reason ?? e.reason ?? null])).toEqual([
      ['video.room.participant.left', a.participantId, 'session_ended'],
      ['ParticipantLeaving', a.participantId, 'session_ended'],
      ['ParticipantLeft', a.participantId, 'session_ended'],
      ['video.room.participant.left', b.participantId, 'session_ended'],
      ['ParticipantLeaving', b.participantId, 'session_ended'],
      ['ParticipantLeft', b.participantId, 'session_ended'],
      ['video.room.session.ended', null, 'ended_by_api'],
      ['SessionEnded', null, 'ended_by_api'],
    ]);
  });

  it('subscribers lost with a worker under part of a big room: their media goes, the room is told to rebuild, nobody leaves', async () => {
    const room = await rooms.create({});
    const subscriberClaims = { ...claims(room.id), grants: { canPublish: false, canSubscribe: true } };
    const a = await orchestrator.join(new ClientConnection(undefined), subscriberClaims, {});
    const b = await orchestrator.join(new ClientConnection(undefined), subscriberClaims, {});
    expect(media.findRoom(room.id)!.participantIds().sort()).toEqual([a.participantId, b.participantId].sort());
    heard = [];
    // What the media layer reports when the worker of the router a's transport was placed on dies.
    media.emit('roomSubscribersLost', { roomId: room.id, participantIds: [a.participantId], workerPid: 0 });
    expect(heard).toEqual([{ type: 'MediaReconnectRequired', reason: 'media_server_restarted' }]);
    expect(media.findRoom(room.id)!.participantIds()).toEqual([b.participantId]);
    expect(orchestrator.liveRoom(room.id).participantIds().sort()).toEqual([a.participantId, b.participantId].sort());
    // a rejoins on the same participant and gets new transports; b keeps its own.
    const back = await orchestrator.join(new ClientConnection(undefined), subscriberClaims, { reconnect: { participantId: a.participantId, reconnectKey: a.reconnectKey } });
    expect(back).toMatchObject({ participantId: a.participantId, resumed: true });
    expect(back.recvTransport).not.toBeNull();
    await orchestrator.endSession(room.id, 'ended_by_api');
  });

  it('a token that may neither publish nor subscribe joins without opening the room’s media, with the same RTP capabilities', async () => {
    const room = await rooms.create({});
    const watcher = await orchestrator.join(new ClientConnection(undefined), claims(room.id), {});
    expect(media.findRoom(room.id)).toBeUndefined();
    expect(watcher.sendTransport).toBeNull();
    expect(watcher.recvTransport).toBeNull();
    // The same capabilities as a router of a room opened for real: a client's device loads either.
    const other = await rooms.create({});
    const subscriber = await orchestrator.join(new ClientConnection(undefined), { ...claims(other.id), grants: { canPublish: false, canSubscribe: true } }, {});
    expect(media.findRoom(other.id)).toBeDefined();
    expect(watcher.routerRtpCapabilities).toEqual(subscriber.routerRtpCapabilities);
    // Back after a dropped connection: still no media.
    const back = await orchestrator.join(new ClientConnection(undefined), claims(room.id), { reconnect: { participantId: watcher.participantId, reconnectKey: watcher.reconnectKey } });
    expect(back).toMatchObject({ participantId: watcher.participantId, resumed: true, sendTransport: null, recvTransport: null });
    expect(media.findRoom(room.id)).toBeUndefined();
    await orchestrator.endSession(room.id, 'ended_by_api');
    await orchestrator.endSession(other.id, 'ended_by_api');
  });

  it('a session a previous process left open is closed with server_restarted, for it and whoever was in it', async () => {
    const room = await rooms.create({});
    const a = await orchestrator.join(new ClientConnection(undefined), claims(room.id), {});
    heard = [];
    // What a fresh process finds: the rows say the session is open, nothing is live.
    const closed = await orchestrator.sessions.closeStale();
    expect(closed).toBe(1);
    expect(heard).toEqual([
      expect.objectContaining({ type: 'video.room.participant.left', participant_id: a.participantId, left_reason: 'server_restarted' }),
      expect.objectContaining({ type: 'video.room.session.ended', session_id: a.sessionId, ended_reason: 'server_restarted' }),
    ]);
  });
});
