import { sql, type Kysely } from 'kysely';
import type { Database } from './types.js';

/** One UTC day of usage. */
export interface UsageDayRow {
  /** YYYY-MM-DD. */
  day: string;
  participantSeconds: number;
  sessions: number;
  recordingSeconds: number;
}

/**
 * Usage per UTC day from `from` to `to` (YYYY-MM-DD, inclusive), every day present (zeros when
 * nothing happened). Time spans are split at midnight: each day gets the part that fell in it.
 * A participant or recording still going counts up to `now`; one left open by a server that
 * stopped ends with its session.
 *
 * - participant seconds: each participant from joined_at to left_at;
 * - sessions: the sessions that started that day;
 * - recording seconds: each recorded track (audio and video are a file each) from started_at to
 *   ended_at, failed recordings left out.
 *
 * Each span is expanded into the days it touches (generate_series), so the cost follows the rows
 * in the range and the days they span, not rows × days.
 */
export async function usageByDay(db: Kysely<Database>, from: string, to: string, now: Date): Promise<UsageDayRow[]> {
  const { rows } = await sql<{ day: string; participant_seconds: string | number; sessions: string | number; recording_seconds: string | number }>`
    with bounds as (
      select cast(${from} as date)::timestamp as lo, (cast(${to} as date) + 1)::timestamp as hi,
             (cast(${from} as date)::timestamp at time zone 'UTC') as lo_tz, ((cast(${to} as date) + 1)::timestamp at time zone 'UTC') as hi_tz,
             cast(${now.toISOString()} as timestamptz) as now_tz
    ),
    days as (
      select generate_series(b.lo, b.hi - interval '1 day', interval '1 day') as day from bounds b
    ),
    spans as (
      select 'participant' as what, p.joined_at as s, least(coalesce(p.left_at, rs.ended_at, b.now_tz), b.now_tz) as e
        from participants p join room_sessions rs on rs.id = p.session_id cross join bounds b
        where p.joined_at < b.hi_tz and coalesce(p.left_at, rs.ended_at, b.now_tz) > b.lo_tz
      union all
      select 'recording', r.started_at, least(coalesce(r.ended_at, rs.ended_at, b.now_tz), b.now_tz)
        from recordings r join room_sessions rs on rs.id = r.session_id cross join bounds b
        where r.status <> 'failed' and r.started_at < b.hi_tz and coalesce(r.ended_at, rs.ended_at, b.now_tz) > b.lo_tz
    ),
    clipped as (
      select sp.what, greatest(sp.s at time zone 'UTC', b.lo) as s, least(sp.e at time zone 'UTC', b.hi) as e
        from spans sp cross join bounds b
    ),
    per_day as (
      select c.what, d.day, sum(extract(epoch from least(c.e, d.day + interval '1 day') - greatest(c.s, d.day))) as secs
        from clipped c cross join lateral generate_series(date_trunc('day', c.s), c.e, interval '1 day') as d(day)
        where c.e > c.s and d.day < c.e
        group by c.what, d.day
    ),
    started as (
      select date_trunc('day', rs.created_at at time zone 'UTC') as day, count(*) as n
        from room_sessions rs cross join bounds b
        where rs.created_at >= b.lo_tz and rs.created_at < b.hi_tz
        group by 1
    )
    select to_char(days.day, 'YYYY-MM-DD') as day,
           coalesce(pd.secs, 0) as participant_seconds,
           coalesce(st.n, 0) as sessions,
           coalesce(rd.secs, 0) as recording_seconds
      from days
      left join per_day pd on pd.day = days.day and pd.what = 'participant'
      left join per_day rd on rd.day = days.day and rd.what = 'recording'
      left join started st on st.day = days.day
     order by days.day
  `.execute(db);
  return rows.map((r) => ({ day: r.day, participantSeconds: Number(r.participant_seconds), sessions: Number(r.sessions), recordingSeconds: Number(r.recording_seconds) }));
}
