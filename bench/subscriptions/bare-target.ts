import path from 'node:path';
import { freePort } from '../../test/helpers/free-port.js';
import { startPinned } from './server-process.js';
import type { Target } from './target.js';

/** bench/subscriptions/bare-server.ts in its own process, pinned to `core`. */
export async function startBare(opts: { projectRoot: string; workDir: string; core: number }): Promise<Target> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startPinned({
    core: opts.core,
    args: [path.join(opts.projectRoot, 'bench', 'subscriptions', 'bare-server.ts')],
    env: { ...process.env, PORT: String(port) },
    cwd: opts.projectRoot,
    logFile: path.join(opts.workDir, 'bare.log'),
    readyUrl: `${base}/ctl/ready`,
  });
  let rooms = 0;
  const eventLoop = async (): Promise<{ p99Ms?: number }> => {
    try {
      return (await (await fetch(`${base}/ctl/eventloop`, { signal: AbortSignal.timeout(5000) })).json()) as { p99Ms: number };
    } catch {
      return {}; // a saturated server answering late: not measured at this point
    }
  };
  return {
    name: 'bare',
    pid: server.pid,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    protocol: {
      mutation: 'mutation($roomId: ID!, $payload: String!) { sendMessage(roomId: $roomId, payload: $payload) }',
      variables: (roomId, payload) => ({ roomId, payload }),
      published: (frame) => !frame.includes('"errors"'),
    },
    newRooms: (count) => Promise.resolve(Array.from({ length: count }, () => ({ roomId: `room-${rooms++}` }))),
    resetEventLoop: async () => void (await eventLoop()),
    eventLoopP99: async () => (await eventLoop()).p99Ms,
    eventLoopSource: 'monitorEventLoopDelay (10 ms resolution) over /ctl/eventloop',
    logFile: server.logFile,
    stop: () => server.stop(),
  };
}
