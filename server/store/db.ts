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

/**
 * Whether `err` is the database refusing a value (SQLSTATE class 22, data exception: a character it
 * cannot store, text where a number belongs, a date out of range…): caused by the data of a request,
 * not by the server or the database being unwell. Both engines report the SQLSTATE as `code`.
 */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}
