/**
 * The one database interface the server is written against. Two engines sit behind it, the embedded
 * PGlite (WASM PostgreSQL, on disk or in memory) and a real PostgreSQL via `pg`, and both take the same
 * SQL: code above this line never knows which one it talks to.
 */

/** Anything SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  /** One statement with $1… parameters; resolves to the rows. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in BEGIN … COMMIT; rolls back and rethrows if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
