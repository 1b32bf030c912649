import type { WorkerPool } from '../../media/index.js';
import type { NodeLoad } from '../ports/node-registry.js';
import type { RoomManager } from './room-manager.js';

/**
 * This node's load as its heartbeat reports it: rooms and participants it runs, consumers on its
 * media workers, and their mean CPU since the last reading (read in the background, so a beat never
 * waits for a worker).
 */
export class NodeLoadSampler {
  private cpuPercent = 0;
  private last = new Map<number, { cpuSeconds: number; atMs: number }>();
  private reading = false;

  constructor(
    private readonly rooms: RoomManager,
    private readonly workers: WorkerPool,
  ) {}

  read(): NodeLoad {
    void this.refreshCpu();
    const { rooms, participants } = this.rooms.liveCounts();
    const consumers = this.workers.workers().reduce((sum, w) => sum + w.objects.consumers, 0);
    return { rooms, participants, consumers, workerCpuPercent: Math.round(this.cpuPercent * 10) / 10 };
  }

  private async refreshCpu(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const nowMs = Date.now();
      const usages = await this.workers.resourceUsage(500);
      const next = new Map<number, { cpuSeconds: number; atMs: number }>();
      const shares: number[] = [];
      for (const u of usages) {
        const before = this.last.get(u.pid);
        if (before && nowMs > before.atMs) shares.push((100 * (u.cpuSeconds - before.cpuSeconds)) / ((nowMs - before.atMs) / 1000));
        next.set(u.pid, { cpuSeconds: u.cpuSeconds, atMs: nowMs });
      }
      this.last = next;
      if (shares.length) this.cpuPercent = Math.max(0, shares.reduce((a, b) => a + b, 0) / shares.length);
    } finally {
      this.reading = false;
    }
  }
}
