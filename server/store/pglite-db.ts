/**
 * Db on the embedded PGlite: one in-process PostgreSQL backend, so queries are serialised by PGlite
 * itself and a transaction holds the whole database until it ends.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable } from './db';

const wrap = (q: PGlite | Transaction): Queryable => ({
  async query<R>(sql: string, params: readonly unknown[] = []) {
    return (await q.query<R>(sql, [...params])).rows;
  },
  async exec(sql: string) {
    await q.exec(sql);
  },
});

/** Opens PGlite in `dataDir` (created on first use, initdb takes ~2 s), or in memory without one. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = dataDir ? new PGlite(dataDir) : new PGlite();
  await pg.waitReady;
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
