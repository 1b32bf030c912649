import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePreparedStatements } from '../../db/prepared-statements.js';
import { createDatabase } from '../helpers/server.js';

// The wrapper against the machine's Postgres: named statements answer as unnamed ones do, the
// bound holds, errors keep their codes, transactions still work, a stale plan heals.

const MAX_NAMED = 3;

describe('prepared statements on Postgres', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let pool: pg.Pool;
  let db: Kysely<any>;
  let plain: pg.Client;

  /** The names Postgres holds on one connection of the pool. */
  async function preparedOnServer(): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(db);
    return rows.map((r) => r.name);
  }

  beforeAll(async () => {
    database = await createDatabase();
    // One connection, so what one query prepared the next one sees.
    pool = usePreparedStatements(new pg.Pool({ connectionString: database.url, max: 1 }), MAX_NAMED);
    db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    plain = new pg.Client({ connectionString: database.url });
    await plain.connect();
    await plain.query('create table items (id int primary key, label text not null)');
    await plain.query(`insert into items select g, 'item ' || g from generate_series(1, 50) g`);
  });

  afterAll(async () => {
    await plain?.end();
    await db?.destroy();
    await database?.drop();
  });

  it('names a text the second time it runs and answers as an unnamed query does', async () => {
    const text = 'select id, label from items where id <= $1 order by id';
    const expected = (await plain.query(text, [7])).rows;
    const first = await sql.raw(text.replace('$1', '7')).execute(db); // no parameters: stays unnamed
    expect(first.rows).toEqual(expected);
    for (let i = 0; i < 3; i++) {
      const rows = await db.selectFrom('items').select(['id', 'label']).where('id', '<=', 7).orderBy('id').execute();
      expect(rows).toEqual(expected);
    }
    expect((await preparedOnServer()).length).toBe(1);
  });

  it('runs texts past the bound unnamed, with the right answers', async () => {
    for (let n = 1; n <= MAX_NAMED + 4; n++) {
      const ids = Array.from({ length: n }, (_, i) => i + 1);
      for (let twice = 0; twice < 2; twice++) {
        const rows = await db.selectFrom('items').select('id').where('id', 'in', ids).orderBy('id').execute();
        expect(rows.map((r) => r.id)).toEqual(ids);
      }
    }
    expect((await preparedOnServer()).length).toBe(MAX_NAMED);
  });

  it('surfaces an error of a named statement with its code, and the statement runs again', async () => {
    const insert = (id: number) =>
      db
        .insertInto('items')
        .values({ id, label: `x${id}` })
        .execute();
    await insert(100);
    await insert(101); // named from here on
    await expect(insert(101)).rejects.toMatchObject({ code: '23505' });
    await expect(insert(101)).rejects.toMatchObject({ code: '23505' });
    await insert(102);
    expect((await plain.query('select count(*)::int as n from items where id >= 100')).rows[0].n).toBe(3);
  });

  it('keeps transactions whole: a rollback undoes named statements, a commit keeps them', async () => {
    const update = (trx: Kysely<any>, label: string) => trx.updateTable('items').set({ label }).where('id', '=', 1).execute();
    await expect(
      db.transaction().execute(async (trx) => {
        await update(trx, 'rolled back');
        await update(trx, 'rolled back');
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await plain.query('select label from items where id = 1')).rows[0].label).toBe('item 1');
    await db.transaction().execute(async (trx) => {
      await update(trx, 'kept');
      await update(trx, 'kept');
    });
    expect((await plain.query('select label from items where id = 1')).rows[0].label).toBe('kept');
  });

  it('answers after another process changes the columns under a named `select *`', async () => {
    // A fresh pool: the bound is spent on the tests above.
    const fresh = usePreparedStatements(new pg.Pool({ connectionString: database.url, max: 1 }));
    const fdb = new Kysely<any>({ dialect: new PostgresDialect({ pool: fresh }) });
    try {
      const read = () => fdb.selectFrom('items').selectAll().where('id', '=', 2).executeTakeFirstOrThrow();
      await read();
      await read();
      await plain.query('alter table items add column note text');
      expect(await read()).toMatchObject({ id: 2, label: 'item 2', note: null });
      expect(await read()).toMatchObject({ id: 2, note: null });
    } finally {
      await fdb.destroy();
    }
  });
});
