import type { NodeInfo, NodeLoad, NodeRegistry } from './node-registry.js';

const idle: NodeLoad = { rooms: 0, participants: 0, consumers: 0, workerCpuPercent: 0 };

/** One process: the only node, always alive. */
export class LocalNodeRegistry implements NodeRegistry {
  private url = '';
  private load: () => NodeLoad = () => idle;
  private draining = false;
  private readonly startedAt = new Date().toISOString();

  constructor(readonly nodeId: string) {}

  async start(url: string, load: () => NodeLoad): Promise<void> {
    this.url = url;
    this.load = load;
  }

  async stop(): Promise<void> {}

  async liveNodes(): Promise<NodeInfo[]> {
    return [{ nodeId: this.nodeId, url: this.url, draining: this.draining, load: this.load(), startedAt: this.startedAt, beatAt: Date.now() }];
  }

  async isLive(nodeId: string): Promise<boolean> {
    return nodeId === this.nodeId;
  }

  async deadNodes(): Promise<string[]> {
    return [];
  }

  async lockCleanup(): Promise<boolean> {
    return true;
  }

  async forget(): Promise<void> {}

  async setDraining(): Promise<void> {
    this.draining = true;
  }
}
