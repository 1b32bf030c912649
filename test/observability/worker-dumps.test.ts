// serverStats.workerDumps: the media objects each worker process holds by its own account, the
// figure the soak compares at its start and end to find leaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, participant } from '../helpers/participant.js';
import { createRoom, generateToken, startTestServer, type TestServer } from '../helpers/server.js';

const QUERY = `{ serverStats { liveRooms workers { pid routers transports producers consumers } workerDumps { pid routers transports producers consumers } } }`;

describe('serverStats.workerDumps', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const read = async () => (await server.gql(QUERY)).data.serverStats;
  const counts = ({ routers, transports, producers, consumers }: Record<string, number>) => ({ routers, transports, producers, consumers });

  it('reads what the worker holds: a room’s router and a participant’s transports, then nothing once the room has emptied', async () => {
    const before = await read();
    expect(before.workerDumps).toHaveLength(1);
    expect(before.workerDumps[0].pid).toBe(before.workers[0].pid);
    expect(counts(before.workerDumps[0])).toEqual(counts(before.workers[0]));

    const room = await createRoom(server);
    const p = participant(server.url, (await generateToken(server, room.id)).clientToken.token);
    await p.join('dumped');
    const during = await read();
    expect(counts(during.workerDumps[0])).toEqual({ ...counts(before.workerDumps[0]), routers: before.workerDumps[0].routers + 1, transports: before.workerDumps[0].transports + 2 });
    expect(counts(during.workerDumps[0])).toEqual(counts(during.workers[0]));

    await p.run('mutation { leave { __typename } }');
    await p.close();
    // The session ends after EMPTY_ROOM_GRACE_MS (1 s in tests) and the room's router closes.
    const after = await eventually('the room to close', async () => {
      const s = await read();
      return s.liveRooms === before.liveRooms && s.workerDumps[0].routers === before.workerDumps[0].routers ? s : undefined;
    });
    expect(counts(after.workerDumps[0])).toEqual(counts(before.workerDumps[0]));
  });

  it('is for API keys only, like the rest of serverStats', async () => {
    const res = await server.gql(QUERY, undefined, null);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
