/** Polls /healthz while the fuzz runs: the server must stay up and answer quickly throughout. */
export class HealthWatch {
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  private stopped = false;
  readonly failures: string[] = [];
  maxLatencyMs = 0;
  polls = 0;

  constructor(
    private readonly url: string,
    private readonly limitMs = 5000,
    private readonly everyMs = 100,
  ) {}

  start(): void {
    const poll = async () => {
      const started = performance.now();
      try {
        const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(this.limitMs) });
        await res.text();
        if (res.status !== 200) this.failures.push(`/healthz answered ${res.status}`);
      } catch (err) {
        this.failures.push(`/healthz did not answer within ${this.limitMs} ms: ${String(err)}`);
      }
      this.maxLatencyMs = Math.max(this.maxLatencyMs, performance.now() - started);
      this.polls++;
      if (!this.stopped) this.timer = setTimeout(() => (this.inFlight = poll()), this.everyMs);
    };
    this.inFlight = poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }
}
