/**
 * Coarse then fine search for the largest N that holds. Coarse: double from `start` until a point
 * fails (or `max` is reached). Fine: bisect between the last N that held and the first that
 * failed, until they are `step` apart. Every point is measured once: on this noisy box a point
 * near the knee can flip either way, which the step size absorbs better than repetitions would
 * within the time budget.
 */
export interface PointPlan {
  /** The next N to measure, or undefined when done. */
  next(): number | undefined;
  record(consumers: number, holds: boolean): void;
  /** Ends early (time budget). */
  stop(): void;
  readonly largestHolding: number;
  /** Smallest N the plan measures, so that "none held" can read "< start". */
  readonly start: number;
}

export class Sweep implements PointPlan {
  private held = 0;
  private failed: number | undefined;
  private pending: number | undefined;
  private finished = false;

  constructor(private readonly plan: { start: number; step: number; max: number }) {
    this.pending = plan.start;
  }

  /** The next N to measure, or undefined when the sweep is over. */
  next(): number | undefined {
    return this.finished ? undefined : this.pending;
  }

  record(consumers: number, holds: boolean): void {
    if (holds) this.held = Math.max(this.held, consumers);
    else this.failed = Math.min(this.failed ?? Infinity, consumers);
    this.pending = this.choose();
    if (this.pending === undefined) this.finished = true;
  }

  /** Ends the sweep early (time budget). */
  stop(): void {
    this.finished = true;
  }

  get start(): number {
    return this.plan.start;
  }

  /** The largest N that held below the first failure; 0 when none held. */
  get largestHolding(): number {
    return this.held;
  }

  private choose(): number | undefined {
    const { step, max } = this.plan;
    if (this.failed === undefined) {
      if (this.held >= max) return undefined;
      return Math.min(this.held * 2, max);
    }
    if (this.failed - this.held <= step) return undefined;
    const middle = Math.round((this.held + this.failed) / 2 / step) * step;
    if (middle <= this.held || middle >= this.failed) return undefined;
    return middle;
  }
}

/** Given N values measured once each (`--points`), for quick checks. */
export class FixedPoints implements PointPlan {
  private readonly queue: number[];
  private held = 0;
  readonly start: number;

  constructor(points: readonly number[]) {
    this.queue = [...points];
    this.start = Math.min(...points);
  }

  next(): number | undefined {
    return this.queue[0];
  }

  record(consumers: number, holds: boolean): void {
    this.queue.shift();
    if (holds) this.held = Math.max(this.held, consumers);
  }

  stop(): void {
    this.queue.length = 0;
  }

  get largestHolding(): number {
    return this.held;
  }
}
