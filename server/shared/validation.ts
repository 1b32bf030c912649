import { badInput, ValidationError, type FieldProblem } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

// Postgres refuses NUL in text (and in JSON strings): caught here it is the caller's mistake,
// not a failed query.
const NUL = '\u0000';
// Nor can JSON in Postgres hold half of a surrogate pair, and stored text ends up in event payloads.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The calendar days a filter may name: four-digit years, which both databases store. */
const DAYS = { first: '0001-01-01', last: '9999-12-31' } as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a YYYY-MM-DD day, or undefined when it is a real day in range. */
export function dayProblem(value: string): string | undefined {
  // Round-tripping through Date refuses days that do not exist, such as 2026-02-30 or 2026-13-01.
  const time = DAY.test(value) && value >= DAYS.first ? new Date(`${value}T00:00:00Z`).getTime() : NaN;
  const ok = !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  return ok ? undefined : `must be a calendar day as YYYY-MM-DD from ${DAYS.first} to ${DAYS.last}, got "${truncate(value)}"`;
}

/**
 * Collects every problem of one input before anything is written, so a caller fixes them all
 * at once and a refused request changes nothing.
 */
export class Checker {
  private readonly problems: FieldProblem[] = [];

  fail(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  uuid(field: string, value: string | null | undefined): void {
    if (value != null && !isUuid(value)) this.fail(field, `must be a UUID, got "${truncate(value)}"`);
  }

  /** Text without other rules still may not hold NUL. */
  noNul(field: string, value: string | null | undefined): void {
    if (value?.includes(NUL)) this.fail(field, 'must not contain NUL characters (\\u0000)');
  }

  day(field: string, value: string | null | undefined): void {
    const problem = value == null ? undefined : dayProblem(value);
    if (problem) this.fail(field, problem);
  }

  intRange(field: string, value: number | null | undefined, min: number, max: number): void {
    if (value != null && (!Number.isInteger(value) || value < min || value > max)) {
      this.fail(field, `must be from ${min} to ${max}, got ${value}`);
    }
  }

  httpUrl(field: string, value: string | null | undefined): void {
    if (value == null) return;
    if (value.length > 2048) return this.fail(field, 'must be at most 2048 characters long');
    if (value.includes(NUL)) return this.noNul(field, value);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return this.fail(field, `must be an absolute http or https URL, got "${truncate(value)}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      this.fail(field, `must use http or https, got "${url.protocol.slice(0, -1)}"`);
    }
  }

  text(field: string, value: string | null | undefined, min: number, max: number): void {
    if (value == null) return;
    if (value.length < min || value.length > max) {
      const rule = min === max ? `${min}` : min === 0 ? `at most ${max}` : `${min} to ${max}`;
      this.fail(field, `must be ${rule} characters long`);
    }
    this.noNul(field, value);
    if (LONE_SURROGATE.test(value)) this.fail(field, 'must be valid Unicode: it holds half of a surrogate pair');
  }

  /** For input fields that may be left out but, when given, may not be null. */
  notNull(field: string, value: unknown): void {
    if (value === null) this.fail(field, 'cannot be null');
  }

  /** Throws the collected problems, if any: a mutation's typed ValidationError. */
  done(): void {
    if (this.problems.length > 0) throw new ValidationError(this.problems);
  }

  /** Throws the collected problems, if any, as a query's top-level BAD_USER_INPUT naming the first field. */
  doneForQuery(): void {
    const [first] = this.problems;
    if (first) throw badInput(first.field, this.problems.map((p) => (p === first ? p.message : `${p.field}: ${p.message}`)).join('; '));
  }
}

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
