import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { trackChild } from './child-processes.js';
import type { ReceiverReply, ReceiverRequest } from './receiver-protocol.js';

export interface SsrcCounters {
  received: number;
  extendedHighestSeq: number;
  bytes: number;
}

/** The parent's handle on the forked receiver (receiver.ts). */
export class ReceiverProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: ReceiverReply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly ports: number[],
  ) {
    child.on('message', (reply: ReceiverReply) => {
      if (reply.type === 'ready') return;
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(sockets: number): Promise<ReceiverProcess> {
    // Inherits the parent's execArgv, which carries tsx's loader, so the .ts entry runs as is.
    const child = trackChild(
      fork(fileURLToPath(new URL('./receiver.ts', import.meta.url)), [String(sockets)], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    const ports = await new Promise<number[]>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`receiver exited with ${code} before it was ready`)));
      child.once('message', (reply: ReceiverReply) => {
        if (reply.type === 'ready') resolve(reply.ports);
      });
    });
    child.removeAllListeners('exit');
    return new ReceiverProcess(child, ports);
  }

  async snapshot(): Promise<Map<number, SsrcCounters>> {
    const reply = await this.request({ type: 'snapshot', id: this.nextId++ });
    const counters = new Map<number, SsrcCounters>();
    if (reply.type !== 'snapshot') return counters;
    const r = reply.rows;
    for (let i = 0; i < r.length; i += 4) {
      counters.set(r[i], { received: r[i + 1], extendedHighestSeq: r[i + 2], bytes: r[i + 3] });
    }
    return counters;
  }

  async reset(): Promise<void> {
    await this.request({ type: 'reset', id: this.nextId++ });
  }

  close(): void {
    this.child.disconnect();
    this.child.kill('SIGTERM');
  }

  private request(request: ReceiverRequest): Promise<ReceiverReply> {
    return new Promise((resolve) => {
      this.waiting.set(request.id, resolve);
      this.child.send(request);
    });
  }
}
