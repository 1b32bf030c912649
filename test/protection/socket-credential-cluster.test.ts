import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Authentication, Authenticator } from '../../server/access/auth.js';
import { SocketCredentials } from '../../server/access/socket-credential.js';
import type { DomainTopics } from '../../server/events/topics.js';
import type { VideoEventRecord } from '../../server/events/feed.js';
import { RedisEventBus } from '../../server/ports/redis/redis-event-bus.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { capturedLog, redisConnections } from '../ports/support.js';

// In a cluster a socket's credential is ended by what another node publishes: the revocation,
// the kick or the room's deletion travel over Redis to the node holding the socket.

const { log } = capturedLog();
const connect = redisConnections(log);

describe('a WebSocket’s credential in a cluster', () => {
  const redis = useRedisServer();
  const buses: RedisEventBus<DomainTopics>[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
  });
  const node = async (nodeId: string, prefix: string) => {
    const bus = new RedisEventBus<DomainTopics>({ nodeId, pub: connect(redis.url, `${nodeId}:pub`), sub: connect(redis.url, `${nodeId}:sub`), log, channelPrefix: prefix });
    await bus.start();
    buses.push(bus);
    return bus;
  };

  it('ends when another node revokes the key, kicks the token’s participant or deletes its room', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}:bus:`;
    const [a, b] = [await node('a', prefix), await node('b', prefix)];
    const token = (familyId: string, roomId: string): Authentication => ({
      viewer: {
        kind: 'clientToken',
        claims: { type: 'access', roomId, grants: { canPublish: true, canSubscribe: true }, tokenId: `t-${familyId}`, familyId, issuedAt: new Date(), expiresAt: new Date(Date.now() + 60_000) },
      },
    });
    const answers: Record<string, Authentication> = {
      key: { viewer: { kind: 'apiKey', keyId: 'key-1', name: 'k' } },
      kicked: token('fam-k', 'room-k'),
      deleted: token('fam-d', 'room-d'),
    };
    const credentials = new SocketCredentials({ authenticate: async (a: unknown) => answers[String(a)]! } as unknown as Authenticator, b);
    const sockets = Object.keys(answers).map((name) => credentials.open(() => name));
    const reasons = () => Promise.all(sockets.map(async (s) => (await s.authentication()).failure?.details.reason ?? 'valid'));
    expect(await reasons()).toEqual(['valid', 'valid', 'valid']);

    a.publish('apiKeyRevoked', 'key-1', null);
    a.publish('tokenFamilyRevoked', 'fam-k', null);
    a.publish('account', 'room-d', { id: 'e', seq: 1, eventType: 'video.room.deleted', roomId: 'room-d', occurredAt: new Date(), payload: {} } as unknown as VideoEventRecord);
    await expect.poll(reasons, { timeout: 5_000 }).toEqual(['revoked_api_key', 'token_revoked', 'token_room_deleted']);
  });
});
