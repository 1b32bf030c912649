import { sql, type Kysely } from 'kysely';

/** Bookkeeping that changes on reads: an API key's last use. */
const IGNORED_COLUMNS = ['last_used_at'];

/** Row count and a hash of the rows of each table, in one round trip. */
export type Snapshot = Record<string, { rows: number; hash: string }>;

export async function tableNames(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.map((r) => r.name);
}

export async function snapshot(db: Kysely<any>, tables: string[]): Promise<Snapshot> {
  const drop = IGNORED_COLUMNS.map((c) => ` - '${c}'`).join('');
  const parts = tables.map(
    (t) => `select '${t}' as name, count(*)::int as rows, ` + `md5(coalesce(string_agg((to_jsonb(r)${drop})::text, '|' order by (to_jsonb(r)${drop})::text), '')) as hash from "${t}" r`,
  );
  const { rows } = await sql<{ name: string; rows: number; hash: string }>`${sql.raw(parts.join(' union all '))}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, hash: r.hash }]));
}

/** The tables whose rows differ, with their counts before and after. */
export function changes(before: Snapshot, after: Snapshot): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t]?.hash !== after[t]?.hash)
    .map((t) => `${t} (${before[t]?.rows ?? 0} rows -> ${after[t]?.rows ?? 0})`);
}
