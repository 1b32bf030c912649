import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { usageByDay } from '../../db/usage.js';
import { badInput } from '../shared/errors.js';
import { dayProblem } from '../shared/validation.js';

/** The longest range of days one usage query may cover (a leap year). */
export const USAGE_MAX_DAYS = 366;

/** One UTC day of the account's usage. */
export interface UsageDay {
  /** YYYY-MM-DD, UTC. */
  day: string;
  participantMinutes: number;
  sessions: number;
  recordingMinutes: number;
}

const DAY_MS = 86_400_000;
const minutes = (seconds: number) => Math.round((seconds / 60) * 100) / 100;

/** How much the account's rooms were used, day by day, for charts and for billing-like reports. */
export class Usage {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every UTC day from `from` to `to` inclusive, days with nothing at zero; BAD_USER_INPUT naming the argument for a bad range. */
  async byDay(from: string, to: string, now = new Date()): Promise<UsageDay[]> {
    for (const [field, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      const problem = dayProblem(value);
      if (problem) throw badInput(field, problem);
    }
    if (to < from) throw badInput('to', `must be on or after from (${from}), got ${to}`);
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
    if (days > USAGE_MAX_DAYS) throw badInput('to', `the range may cover at most ${USAGE_MAX_DAYS} days, got ${days} (from ${from} to ${to})`);
    const rows = await usageByDay(this.db, from, to, now);
    return rows.map((r) => ({ day: r.day, participantMinutes: minutes(r.participantSeconds), sessions: r.sessions, recordingMinutes: minutes(r.recordingSeconds) }));
  }
}
