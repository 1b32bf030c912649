/**
 * Keeps a metric label to a bounded set of values. Each distinct value is a time series kept for
 * the life of the process, so values a client chooses (operation names) must not grow without
 * end: the first `max` values admitted keep their name, everything later shares `overflow`.
 */
export class LabelCap {
  readonly #known = new Set<string>();

  constructor(
    readonly max: number,
    readonly overflow = 'other',
    // Beyond the set size, a value that is not a plain identifier of sane length is refused too.
    private readonly pattern = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
  ) {}

  get size(): number {
    return this.#known.size;
  }

  /** The label for `value`: itself when known or admitted now, else the overflow label. */
  label(value: string, admit = true): string {
    if (this.#known.has(value)) return value;
    if (!admit || this.#known.size >= this.max || !this.pattern.test(value)) return this.overflow;
    this.#known.add(value);
    return value;
  }
}
