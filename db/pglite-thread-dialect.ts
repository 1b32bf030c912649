import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { PGliteThread, ThreadResult } from './pglite-thread.js';
import { TransactionGate } from './transaction-gate.js';

/** Kysely on a PGlite that runs in a worker thread (pglite-thread.ts): Postgres SQL on its one session. */
export class PGliteThreadDialect implements Dialect {
  constructor(private readonly thread: PGliteThread) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteThreadDriver(this.thread);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

/**
 * PGlite is a single session: a BEGIN sent by one caller opens the transaction for everyone. Each
 * caller gets its own connection object, and the gate keeps the order: a transaction sends alone
 * from BEGIN to COMMIT, statements outside one go out at once and queue in the thread.
 */
class PGliteThreadDriver implements Driver {
  private readonly gate = new TransactionGate();

  constructor(private readonly thread: PGliteThread) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteThreadConnection(this.thread, this.gate);
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    // Only if kysely gave the connection back with its transaction unfinished: never block the rest.
    if ((conn as PGliteThreadConnection).inTransaction) this.endTransaction(conn as PGliteThreadConnection);
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await this.gate.hold();
    (conn as PGliteThreadConnection).inTransaction = true;
    try {
      await conn.executeQuery(CompiledQuery.raw(`start transaction${isolation}`));
    } catch (err) {
      this.endTransaction(conn as PGliteThreadConnection);
      throw err;
    }
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    // A failed COMMIT ends the transaction too (Postgres rolls it back).
    await conn.executeQuery(CompiledQuery.raw('commit')).finally(() => this.endTransaction(conn as PGliteThreadConnection));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback')).finally(() => this.endTransaction(conn as PGliteThreadConnection));
  }

  async destroy(): Promise<void> {
    await this.thread.close();
  }

  private endTransaction(conn: PGliteThreadConnection): void {
    conn.inTransaction = false;
    this.gate.release();
  }
}

class PGliteThreadConnection implements DatabaseConnection {
  /** Between this connection's BEGIN and its COMMIT or ROLLBACK: it holds the gate. */
  inTransaction = false;

  constructor(
    private readonly thread: PGliteThread,
    private readonly gate: TransactionGate,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const sent = this.inTransaction ? this.thread.query(query.sql, query.parameters) : this.whenOpen(query);
    const { rows, affectedRows } = await sent;
    // A count only when rows changed: kysely reads a missing one as 0.
    return { rows: rows as R[], ...(affectedRows ? { numAffectedRows: BigInt(affectedRows) } : {}) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the embedded database');
  }

  private whenOpen(query: CompiledQuery): Promise<ThreadResult> {
    return new Promise((resolve, reject) => this.gate.whenOpen(() => this.thread.query(query.sql, query.parameters).then(resolve, reject)));
  }
}
