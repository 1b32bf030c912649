import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * How many distinct SQL texts get a name. Postgres keeps a named statement, and its plan, for
 * the life of the connection, once per connection: texts built at run time (an `in ($1, …, $n)`
 * list per length, filters combined) must not grow that without end. Our fixed queries number
 * well under this.
 */
export const DEFAULT_MAX_NAMED = 300;

type QueryArgs = [unknown, ...unknown[]];

/** What Postgres says when a named statement's result columns changed under it (a migration). */
const CACHED_PLAN_CHANGED = '0A000';

/**
 * Makes every client of the pool run repeated SQL as named prepared statements: Postgres parses
 * and plans a text once per connection instead of at each call (pg prepares when a query has a
 * `name`; kysely only ever passes text and values). A text is named the second time it is seen,
 * so a one-off never takes a slot, and only the first `maxNamed` such texts are: past the bound,
 * a text runs unnamed as before. Texts without parameters (`begin`, `commit`) stay on the simple
 * protocol, which is already one message.
 */
export function usePreparedStatements(pool: pg.Pool, maxNamed = DEFAULT_MAX_NAMED): pg.Pool {
  const names = new Map<string, string>();
  const seenOnce = new Set<string>();
  // Texts whose statement went stale on some connection: they run unnamed from then on.
  const stale = new Set<string>();
  const nameFor = (text: string): string | undefined => {
    if (stale.has(text)) return undefined;
    const known = names.get(text);
    if (known || names.size >= maxNamed) return known;
    if (!seenOnce.has(text)) {
      // Bounded too: past it, a text never gets a second look.
      if (seenOnce.size < maxNamed * 4) seenOnce.add(text);
      return undefined;
    }
    seenOnce.delete(text);
    const name = `k_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
    return name;
  };
  pool.on('connect', (client) => {
    const query = client.query as (...args: QueryArgs) => unknown;
    // A table changed by another process (`select *` now has more columns) makes a connection's
    // named statement fail for good; unnamed, the text is planned afresh. Outside a transaction
    // the retry answers; inside one the transaction is already aborted, so the caller gets the
    // first error, as it would for any failed statement.
    const retryUnnamed = async (err: { code?: string }, text: string, values: unknown[]) => {
      if (err?.code !== CACHED_PLAN_CHANGED) throw err;
      stale.add(text);
      return (query.call(client, text, values) as Promise<unknown>).catch(() => {
        throw err;
      });
    };
    client.query = function (this: pg.PoolClient, ...args: QueryArgs) {
      const [text, values] = args;
      if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
        const name = nameFor(text);
        if (name) return (query.call(this, { name, text, values }) as Promise<unknown>).catch((err) => retryUnnamed(err, text, values));
      }
      return query.apply(this, args);
    } as typeof client.query;
  });
  return pool;
}
