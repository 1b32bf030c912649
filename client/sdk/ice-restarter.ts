import type { Logger } from './logger.js';
import type { Direction } from './media-session.js';

/**
 * Restarts ICE on a transport whose network path broke: at once when it `failed`, and after a
 * short wait when it stays `disconnected` (which often heals by itself). The restart asks the
 * server for new ICE parameters (restartIce) and hands them to the transport.
 */
export class IceRestarter {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly restart: (transportId: string) => Promise<void>,
    private readonly currentState: (direction: Direction) => string | undefined,
    private readonly log: Logger,
    private readonly disconnectedWaitMs = 2000,
    private readonly maxAttempts = 5,
  ) {}

  onState(direction: Direction, transportId: string, state: string): void {
    clearTimeout(this.timers.get(transportId));
    this.timers.delete(transportId);
    if (state === 'connected') {
      this.attempts.delete(transportId);
      return;
    }
    if (state === 'failed') void this.attempt(direction, transportId);
    else if (state === 'disconnected') {
      this.timers.set(
        transportId,
        setTimeout(() => {
          this.timers.delete(transportId);
          if (this.currentState(direction) === 'disconnected') void this.attempt(direction, transportId);
        }, this.disconnectedWaitMs),
      );
    }
  }

  private async attempt(direction: Direction, transportId: string): Promise<void> {
    const n = (this.attempts.get(transportId) ?? 0) + 1;
    if (n > this.maxAttempts) return;
    this.attempts.set(transportId, n);
    this.log.info(`restarting ICE on the ${direction} transport (attempt ${n})`);
    try {
      await this.restart(transportId);
    } catch (err) {
      this.log.warn(`ICE restart of the ${direction} transport failed`, err);
    }
  }

  reset(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.attempts.clear();
  }
}
