import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Authentication, Authenticator } from '../../server/access/auth.js';
import type { ClientTokenClaims } from '../../server/access/client-token-signer.js';
import { RECHECK_AFTER_MS, SocketCredentials } from '../../server/access/socket-credential.js';
import type { DomainTopics } from '../../server/events/topics.js';
import type { VideoEventRecord } from '../../server/events/feed.js';
import { LocalEventBus } from '../../server/ports/local-event-bus.js';
import type { ClientTokenService } from '../../server/access/client-token-service.js';
import { ClientConnection } from '../../server/live/connection.js';
import type { Orchestrator } from '../../server/live/orchestrator.js';
import { ParticipantAccess } from '../../server/live/participant-access.js';
import { authError, RequestRefusedError } from '../../server/shared/errors.js';

// A WebSocket's credential is checked once and then ended by events and a timer: here with a
// stand-in authenticator that counts its checks, on a real in-process bus.

const ROOM = 'room-1';
const claims = (familyId: string, ttlMs = 60_000): ClientTokenClaims => ({
  type: 'access',
  roomId: ROOM,
  grants: { canPublish: true, canSubscribe: true },
  tokenId: `jti-${familyId}`,
  familyId,
  issuedAt: new Date(),
  expiresAt: new Date(Date.now() + ttlMs),
});
const asToken = (c: ClientTokenClaims): Authentication => ({ viewer: { kind: 'clientToken', claims: c } });
const accountEvent = (eventType: string, roomId: string) => ({ id: 'e', seq: 1, eventType, roomId, occurredAt: new Date(), payload: {} }) as unknown as VideoEventRecord;

function setup(answers: Record<string, () => Authentication | Promise<Authentication>>) {
  const bus = new LocalEventBus<DomainTopics>();
  const authenticate = vi.fn(async (authorization: unknown) => answers[String(authorization)]!());
  const credentials = new SocketCredentials({ authenticate } as unknown as Authenticator, bus);
  const socket = { authorization: 'Bearer a' as unknown };
  const credential = credentials.open(() => socket.authorization);
  const reason = async () => (await credential.authentication()).failure?.details.reason;
  return { bus, authenticate, socket, credential, reason };
}

describe('a WebSocket’s credential', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is checked once for every operation, and again when the socket swaps it', async () => {
    const [a, b] = [claims('fam-a'), claims('fam-b')];
    const { bus, authenticate, socket, credential } = setup({ 'Bearer a': () => asToken(a), 'Bearer b': () => asToken(b) });
    for (let i = 0; i < 100; i++) expect((await credential.authentication()).viewer).toEqual({ kind: 'clientToken', claims: a });
    expect(authenticate).toHaveBeenCalledTimes(1);
    expect(bus.listenerCount('tokenFamilyRevoked', 'fam-a')).toBe(1);
    expect(bus.listenerCount('account', ROOM)).toBe(1);

    socket.authorization = 'Bearer b';
    expect((await credential.authentication()).viewer).toEqual({ kind: 'clientToken', claims: b });
    expect(authenticate).toHaveBeenCalledTimes(2);
    // The old token's family is no longer watched for this socket: revoking it changes nothing.
    expect(bus.listenerCount('tokenFamilyRevoked', 'fam-a')).toBe(0);
    bus.publish('tokenFamilyRevoked', 'fam-a', null);
    expect((await credential.authentication()).failure).toBeUndefined();
    bus.publish('tokenFamilyRevoked', 'fam-b', null);
    expect((await credential.authentication()).failure?.details.reason).toBe('token_revoked');
    expect(authenticate).toHaveBeenCalledTimes(2);
  });

  it('ends with the reason of each event that invalidates it, and of its expiry', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const token = setup({ 'Bearer a': () => asToken(claims('fam-a', 30_000)) });
    const deleted = setup({ 'Bearer a': () => asToken(claims('fam-d')) });
    const kicked = setup({ 'Bearer a': () => asToken(claims('fam-k')) });
    const key = setup({ 'Bearer a': () => ({ viewer: { kind: 'apiKey', keyId: 'key-1', name: 'k' } }) });
    for (const s of [token, deleted, kicked, key]) expect(await s.reason()).toBeUndefined();

    // The bus shares the topics; each setup has its own bus, so events go to the one meant.
    deleted.bus.publish('account', ROOM, accountEvent('video.room.updated', ROOM));
    expect(await deleted.reason()).toBeUndefined();
    deleted.bus.publish('account', ROOM, accountEvent('video.room.deleted', ROOM));
    kicked.bus.publish('tokenFamilyRevoked', 'fam-other', null);
    expect(await kicked.reason()).toBeUndefined();
    kicked.bus.publish('tokenFamilyRevoked', 'fam-k', null);
    key.bus.publish('apiKeyRevoked', 'key-1', null);
    expect([await deleted.reason(), await kicked.reason(), await key.reason()]).toEqual(['token_room_deleted', 'token_revoked', 'revoked_api_key']);

    vi.advanceTimersByTime(29_999);
    expect(await token.reason()).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(await token.reason()).toBe('token_expired');
    // Ended, nothing is watched any more; every check was the first one.
    for (const s of [token, deleted, kicked, key]) expect(s.authenticate).toHaveBeenCalledTimes(1);
    expect(deleted.bus.listenerCount('account', ROOM) + kicked.bus.listenerCount('tokenFamilyRevoked', 'fam-k') + key.bus.listenerCount('apiKeyRevoked', 'key-1')).toBe(0);
  });

  it('is expired by the clock even when its timer is late', async () => {
    const { credential, reason } = setup({ 'Bearer a': () => asToken(claims('fam-a', 1_000)) });
    expect(await reason()).toBeUndefined();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 1_000);
    expect(await reason()).toBe('token_expired');
    expect((await credential.authentication()).failure?.message).toBe('client token refused: the token has expired');
  });

  it('is checked again when a revocation or a room deletion arrives while it is being checked', async () => {
    const c = claims('fam-a');
    let release: () => void = () => {};
    const answers = [asToken(c), { viewer: { kind: 'anonymous' as const }, failure: authError('UNAUTHENTICATED', 'token_revoked', 'revoked') }];
    let calls = 0;
    const { bus, authenticate, reason } = setup({
      'Bearer a': () => {
        const answer = answers[calls++]!;
        // The first check reads the database before the revocation is stored, and answers after it is announced.
        return calls === 1 ? new Promise((resolve) => (release = () => resolve(answer))) : answer;
      },
    });
    const first = reason();
    await vi.waitFor(() => expect(authenticate).toHaveBeenCalledTimes(1));
    bus.publish('tokenFamilyRevoked', 'fam-a', null);
    release();
    expect(await first).toBe('token_revoked');
    expect(authenticate).toHaveBeenCalledTimes(2);

    // A room deleted (any room: which one is the check's to say) has the same effect.
    let releaseRoom: () => void = () => {};
    let roomCalls = 0;
    const room = setup({ 'Bearer a': () => (++roomCalls === 1 ? new Promise((resolve) => (releaseRoom = () => resolve(asToken(c)))) : asToken(c)) });
    const pending = room.reason();
    await vi.waitFor(() => expect(room.authenticate).toHaveBeenCalledTimes(1));
    room.bus.publish('account', 'another-room', accountEvent('video.room.deleted', 'another-room'));
    releaseRoom();
    expect(await pending).toBeUndefined();
    expect(room.authenticate).toHaveBeenCalledTimes(2);
  });

  it('watches nothing once its socket closed, also when a check ends after', async () => {
    let release: () => void = () => {};
    const { bus, credential } = setup({ 'Bearer a': () => new Promise((resolve) => (release = () => resolve(asToken(claims('fam-a'))))) });
    const pending = credential.authentication();
    credential.close();
    release();
    expect((await pending).viewer.kind).toBe('clientToken');
    expect(bus.listenerCount('tokenFamilyRevoked', 'fam-a') + bus.listenerCount('account', ROOM)).toBe(0);
  });

  it('is checked again past RECHECK_AFTER_MS, for what no event said (a key revoked with the CLI)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let revoked = false;
    const { authenticate, reason } = setup({
      'Bearer a': () => (revoked ? { viewer: { kind: 'anonymous' }, failure: authError('UNAUTHENTICATED', 'revoked_api_key', 'revoked') } : { viewer: { kind: 'apiKey', keyId: 'k', name: 'k' } }),
    });
    expect(await reason()).toBeUndefined();
    revoked = true;
    vi.setSystemTime(Date.now() + RECHECK_AFTER_MS - 1);
    expect(await reason()).toBeUndefined();
    expect(authenticate).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 1);
    expect(await reason()).toBe('revoked_api_key');
    expect(await reason()).toBe('revoked_api_key');
    expect(authenticate).toHaveBeenCalledTimes(2);
  });

  it('forgets a check that failed: the next operation checks again', async () => {
    let fail = true;
    const { authenticate, credential } = setup({
      'Bearer a': () => {
        if (fail) throw new Error('database unreachable');
        return asToken(claims('fam-a'));
      },
    });
    await expect(credential.authentication()).rejects.toThrow('database unreachable');
    fail = false;
    expect((await credential.authentication()).viewer.kind).toBe('clientToken');
    expect(authenticate).toHaveBeenCalledTimes(2);
  });
});

describe('a join on a socket authenticated once', () => {
  it('asks the database whether its token was revoked: a kick reaches the socket only once the participant is gone', async () => {
    const join = vi.fn(async () => ({}));
    const revoked = new Set(['fam-kicked']);
    const access = new ParticipantAccess({ join } as unknown as Orchestrator, { isRevoked: async (f: string) => revoked.has(f) } as unknown as ClientTokenService);
    const connection = new ClientConnection('Bearer t');
    const refused = await access.join(connection, claims('fam-kicked'), {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RequestRefusedError);
    expect(refused).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'token_revoked' } });
    expect(join).not.toHaveBeenCalled();
    await access.join(connection, claims('fam-other'), {});
    expect(join).toHaveBeenCalledTimes(1);
  });
});
