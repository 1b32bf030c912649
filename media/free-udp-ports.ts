import { createSocket, type Socket } from 'node:dgram';

/**
 * Two consecutive free UDP ports, the lower one even (RTP and RTCP for a receiver that wants
 * RTCP on port + 1). They are freed again before returning: the receiver binds them right after.
 */
export async function freeUdpPortPair(host = '127.0.0.1'): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = 20000 + 2 * Math.floor(Math.random() * 10000);
    const sockets: Socket[] = [];
    try {
      for (const p of [port, port + 1]) {
        const s = createSocket('udp4');
        sockets.push(s);
        await new Promise<void>((resolve, reject) => {
          s.once('error', reject);
          s.bind(p, host, () => resolve());
        });
      }
      return port;
    } catch {
      // Taken: try another pair.
    } finally {
      await Promise.all(sockets.map((s) => new Promise<void>((r) => s.close(() => r())).catch(() => {})));
    }
  }
  throw new Error('no free pair of UDP ports for a recorder');
}
