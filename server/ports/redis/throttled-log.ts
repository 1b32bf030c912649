import type { Logger } from '../../app/logger.js';

type Level = 'warn' | 'error' | 'info';

/**
 * A log line that may repeat many times a second (a retry failing, garbage on a channel) is
 * written at most once per `intervalMs`: the first occurrence at once, then one line per interval
 * carrying how many were suppressed since the last one written.
 */
export class ThrottledLog {
  private lastAt = -Infinity;
  private suppressed = 0;

  constructor(
    private readonly log: Logger,
    private readonly level: Level,
    private readonly intervalMs = 10_000,
  ) {}

  write(fields: Record<string, unknown>, message: string): void {
    const now = Date.now();
    if (now - this.lastAt < this.intervalMs) {
      this.suppressed++;
      return;
    }
    this.log[this.level](this.suppressed > 0 ? { ...fields, suppressed: this.suppressed } : fields, message);
    this.lastAt = now;
    this.suppressed = 0;
  }

  /** Forget the last line: the next occurrence is written at once (after a recovery, say). */
  reset(): void {
    this.lastAt = -Infinity;
    this.suppressed = 0;
  }
}
