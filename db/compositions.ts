import { sql, type ColumnType, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CompositionTable, Database } from './types.js';
import { paginate, whereDate, type DateFilter, type Page, type PageRequest } from './pagination.js';
import type { CompositionRow } from './types.js';

/** The job columns that migration 0003 adds to `compositions` (lease and attempt count). */
export interface CompositionJobTable extends CompositionTable {
  lease_owner: string | null;
  lease_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  attempts: ColumnType<number, number | undefined, number>;
}

type JobDatabase = Omit<Database, 'compositions'> & { compositions: CompositionJobTable };
export type CompositionJobRow = Selectable<CompositionJobTable>;
type Db = Kysely<Database> | Transaction<Database>;

const jobs = (db: Db) => db as unknown as Kysely<JobDatabase>;

export function insertComposition(db: Db, row: Insertable<CompositionTable>): Promise<CompositionJobRow> {
  return jobs(db).insertInto('compositions').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findComposition(db: Db, id: string): Promise<CompositionJobRow | undefined> {
  return jobs(db).selectFrom('compositions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Deletes the row; returns it as it was, or undefined if there was none. */
export function deleteComposition(db: Db, id: string): Promise<CompositionJobRow | undefined> {
  return jobs(db).deleteFrom('compositions').where('id', '=', id).returningAll().executeTakeFirst();
}

/**
 * Claims up to `limit` jobs for `owner` in one statement: enqueued ones, and processing ones
 * whose lease ran out (their runner died). SKIP LOCKED lets several processes claim at once
 * without taking the same job; each claim counts an attempt. `includeEnqueued` false takes only
 * jobs whose runner died.
 */
export async function claimCompositions(db: Db, owner: string, limit: number, leaseMs: number, now = new Date(), includeEnqueued = true): Promise<CompositionJobRow[]> {
  const result = await sql<CompositionJobRow>`
    update compositions
    set status = 'processing', lease_owner = ${owner}, lease_expires_at = ${new Date(now.getTime() + leaseMs)},
        attempts = attempts + 1, progress = 0, started_at = ${now}, ended_at = null, updated_at = ${now}
    where id in (
      select id from compositions
      where (status = 'enqueued' and ${includeEnqueued}) or (status = 'processing' and lease_expires_at < ${now})
      order by created_at, id
      limit ${limit}
      for update skip locked)
    returning *`.execute(db);
  return result.rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
}

/**
 * Changes a job this owner holds; returns the row after the change, or undefined when the job is
 * no longer held (deleted, or claimed by another runner after the lease ran out).
 */
export function updateHeldComposition(
  db: Db,
  id: string,
  owner: string,
  changes: Partial<{
    status: CompositionTable['status'];
    progress: number;
    lease_owner: string | null;
    lease_expires_at: Date | null;
    attempts: number;
    duration_secs: number | null;
    size_bytes: number | null;
    storage_key: string | null;
    failure_reason: string | null;
    started_at: Date | null;
    ended_at: Date | null;
    completed_at: Date | null;
    updated_at: Date;
  }>,
  opts: { releaseAttempt?: boolean } = {},
): Promise<CompositionJobRow | undefined> {
  return jobs(db)
    .updateTable('compositions')
    .set((eb) => ({ ...changes, ...(opts.releaseAttempt ? { attempts: eb('attempts', '-', 1) } : {}) }))
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'processing')
    .returningAll()
    .executeTakeFirst();
}

/** Renews the lease of a held job; false when it is no longer held. */
export async function renewLease(db: Db, id: string, owner: string, until: Date): Promise<boolean> {
  const row = await jobs(db)
    .updateTable('compositions')
    .set({ lease_expires_at: until })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'processing')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** How many jobs wait and render, by status, across every server on the database (for the metrics). */
export function countOpenJobsByStatus(db: Db) {
  return sql<{ status: string; n: string | number }>`select status, count(*) as n from compositions where status in ('enqueued', 'processing') group by status`.execute(db);
}

/** What a download needs of a composition: whether its file is ready, and where it is. */
export function compositionFile(db: Db, id: string) {
  return db.selectFrom('compositions').select(['status', 'storage_key']).where('id', '=', id).executeTakeFirst();
}

// Filters keep Telnyx's fields and meanings (see ../shared/reference/telnyx-video.md, §3-§4).
export interface CompositionFilter {
  dateCreatedAt?: DateFilter | null;
  sessionId?: string | null;
  roomId?: string | null;
  status?: CompositionRow['status'] | null;
}

export function listCompositions(db: Kysely<Database>, filter: CompositionFilter, page: PageRequest): Promise<Page<CompositionRow>> {
  let q = db.selectFrom('compositions');
  q = whereDate(q, 'created_at', filter.dateCreatedAt);
  if (filter.sessionId != null) q = q.where('session_id', '=', filter.sessionId);
  if (filter.roomId != null) q = q.where('room_id', '=', filter.roomId);
  if (filter.status != null) q = q.where('status', '=', filter.status);
  return paginate<CompositionRow>(q, 'id', page);
}
