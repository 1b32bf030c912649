import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Database, IngressKind, IngressRow, IngressStatus } from './types.js';
import { paginate, type Page, type PageRequest } from './pagination.js';

type Db = Kysely<Database> | Transaction<Database>;

export function findIngress(db: Db, id: string): Promise<IngressRow | undefined> {
  return db.selectFrom('ingresses').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertIngress(db: Db, row: Insertable<Database['ingresses']>): Promise<IngressRow> {
  return db.insertInto('ingresses').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateIngress(db: Db, id: string, changes: Updateable<Database['ingresses']>): Promise<IngressRow | undefined> {
  return db.updateTable('ingresses').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

/**
 * Ends an ingress still running, as ended or failed; undefined when it had already ended (another
 * path got there first), so that its event goes out once.
 */
export function finishIngress(db: Db, id: string, changes: Updateable<Database['ingresses']>): Promise<IngressRow | undefined> {
  return db.updateTable('ingresses').set(changes).where('id', '=', id).where('status', 'in', ['connecting', 'publishing']).returningAll().executeTakeFirst();
}

/** Its first media arrived; undefined when it was no longer connecting (ended meanwhile, or said already). */
export function markIngressPublishing(db: Db, id: string, at: Date): Promise<IngressRow | undefined> {
  return db.updateTable('ingresses').set({ status: 'publishing', updated_at: at }).where('id', '=', id).where('status', '=', 'connecting').returningAll().executeTakeFirst();
}

export async function deleteIngress(db: Db, id: string): Promise<void> {
  await db.deleteFrom('ingresses').where('id', '=', id).execute();
}

/** Ingresses still marked running, all of them or (in a cluster) those `nodeId` ran. */
export function runningIngresses(db: Db, nodeId?: string): Promise<IngressRow[]> {
  let q = db.selectFrom('ingresses').selectAll().where('status', 'in', ['connecting', 'publishing']);
  if (nodeId !== undefined) q = q.where('node_id', '=', nodeId);
  return q.execute();
}

export interface IngressFilter {
  roomId?: string | null;
  status?: IngressStatus | null;
  kind?: IngressKind | null;
}

export function listIngresses(db: Kysely<Database>, filter: IngressFilter, page: PageRequest): Promise<Page<IngressRow>> {
  let q = db.selectFrom('ingresses');
  if (filter.roomId != null) q = q.where('room_id', '=', filter.roomId);
  if (filter.status != null) q = q.where('status', '=', filter.status);
  if (filter.kind != null) q = q.where('kind', '=', filter.kind);
  return paginate<IngressRow>(q, 'id', page);
}
