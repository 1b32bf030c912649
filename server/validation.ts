import { ValidationError, type FieldProblem } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
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

  intRange(field: string, value: number | null | undefined, min: number, max: number): void {
    if (value != null && (!Number.isInteger(value) || value < min || value > max)) {
      this.fail(field, `must be from ${min} to ${max}, got ${value}`);
    }
  }

  httpUrl(field: string, value: string | null | undefined): void {
    if (value == null) return;
    if (value.length > 2048) return this.fail(field, 'must be at most 2048 characters long');
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
      this.fail(field, min === max ? `must be ${min} characters long` : `must be ${min} to ${max} characters long`);
    }
  }

  /** For input fields that may be left out but, when given, may not be null. */
  notNull(field: string, value: unknown): void {
    if (value === null) this.fail(field, 'cannot be null');
  }

  /** Throws the collected problems, if any. */
  done(): void {
    if (this.problems.length > 0) throw new ValidationError(this.problems);
  }
}

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
