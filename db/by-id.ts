import type { Kysely, Selectable } from 'kysely';
import type { Database } from './types.js';

/** The tables whose rows the API finds by id alone. */
type TableWithId = 'rooms' | 'room_sessions' | 'participants' | 'recordings' | 'compositions';

export function findById<T extends TableWithId>(db: Kysely<Database>, table: T, id: string) {
  return db
    .selectFrom(table as TableWithId)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst() as Promise<Selectable<Database[T]> | undefined>;
}

export function findByIds<T extends TableWithId>(db: Kysely<Database>, table: T, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as Selectable<Database[T]>[]);
  return db
    .selectFrom(table as TableWithId)
    .selectAll()
    .where('id', 'in', ids)
    .execute() as Promise<Selectable<Database[T]>[]>;
}
