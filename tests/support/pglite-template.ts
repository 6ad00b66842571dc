/**
 * The in-memory PGlite databases of the server tests start from one migrated database, made once per run.
 *
 * A new PGlite cluster runs initdb inside WebAssembly, then every migration: 3.7–7.8 s (median 4.1 s) on this
 * shared 2-core machine at load 4–5, and most server test files open one or two. The vitest global setup
 * (tests/support/vitest-global-setup.ts) makes a cluster, runs every migration and writes its data directory
 * as a tar file (PGlite's dumpDataDir) to `.tmp/pglite-migrated-<pid>.tar`; each `openMemoryDb()` starts a new,
 * separate in-memory PGlite from that dump (1.8–6.2 s, median 2.7 s, measured alternately with the above). Each test file still gets a database of its
 * own, and the app still runs the migrations when it starts (nothing left to do), as a restarted server would.
 * The migrations from an empty database still run in every test run (here, and in the tests of embedded
 * data directories and PostgreSQL).
 *
 * Without the global setup (a file run some other way) `openMemoryDb()` makes a new cluster, as before.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable } from '../../server/store/db';
import { migrate } from '../../server/store/migrations';
import { openDb } from '../../server/store/open-db';
import { BIN_DIR } from './bundles';

/** One file per run (its global setup's pid): a second test run in the same tree must not replace it mid-run. */
export const PGLITE_TEMPLATE = join(BIN_DIR, '..', `pglite-migrated-${process.pid}.tar`);

/** Removes this run's dump (global teardown). */
export const removePgliteTemplate = (): void => rmSync(PGLITE_TEMPLATE, { force: true });

/** Makes the migrated dump (global setup) and names it in SAMPARK_TEST_PGLITE_TEMPLATE for the test workers. */
export async function makePgliteTemplate(): Promise<void> {
  rmSync(PGLITE_TEMPLATE, { force: true });
  const pg = new PGlite(); // as openDb({ kind: 'memory' }) makes it, but kept at hand for its dumpDataDir
  try {
    const on = (q: PGlite | Transaction): Queryable => ({
      query: async <R>(sql: string, params: readonly unknown[] = []) => (await q.query<R>(sql, [...params])).rows,
      exec: async (sql: string) => void (await q.exec(sql)),
    });
    const db: Db = { kind: 'pglite', ...on(pg), transaction: (fn) => pg.transaction((tx) => fn(on(tx))), close: () => pg.close() };
    await migrate(db);
    const dump = await pg.dumpDataDir('none');
    mkdirSync(dirname(PGLITE_TEMPLATE), { recursive: true });
    writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pg.close();
  }
  process.env.SAMPARK_TEST_PGLITE_TEMPLATE = PGLITE_TEMPLATE;
}

/** A new in-memory PGlite database for one test file: from the migrated dump when the run made one. */
export function openMemoryDb(): Promise<Db> {
  const template = process.env.SAMPARK_TEST_PGLITE_TEMPLATE;
  if (!template) return openDb({ kind: 'memory' });
  return openDb({ kind: 'memory', from: new Blob([readFileSync(template)]) });
}
