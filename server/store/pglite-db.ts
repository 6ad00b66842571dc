/**
 * Db on the embedded PGlite: one in-process PostgreSQL backend, so queries are serialised by PGlite
 * itself and a transaction holds the whole database until it ends. On disk, commits are durable
 * (./durable-nodefs.ts) unless `durable: false` (EMBEDDED_FSYNC=off).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable } from './db';
import { DURABLE_START_PARAMS, DurableNodeFS, type NodeFsHook, syncTree } from './durable-nodefs';

const wrap = (q: PGlite | Transaction): Queryable => ({
  async query<R>(sql: string, params: readonly unknown[] = []) {
    return (await q.query<R>(sql, [...params])).rows;
  },
  async exec(sql: string) {
    await q.exec(sql);
  },
});

export interface PgliteOptions {
  /** Each commit is on the disk before it returns (default true). */
  durable?: boolean;
  /** Sees the filesystem layer (tests observe writes and flushes with it). */
  nodefsHook?: NodeFsHook;
  /** In memory only: start from this dump of a data directory (PGlite's dumpDataDir) instead of a new cluster. The tests start from a migrated one. */
  loadDataDir?: Blob;
  /**
   * PostgreSQL's buffer cache (`shared_buffers`, e.g. '16MB'); PGlite's default is 128 MB, which its start
   * zeroes inside WebAssembly (~0.4 s here). A short-lived process (the admin CLI, a test's database) needs far less.
   */
  sharedBuffers?: string;
}

/** Opens PGlite in `dataDir` (created on first use, initdb takes ~2 s), or in memory without one. */
export async function openPglite(dataDir?: string, opts: PgliteOptions = {}): Promise<Db> {
  const durable = opts.durable ?? true;
  const fresh = !!dataDir && !existsSync(join(dataDir, 'PG_VERSION'));
  const base = dataDir && durable ? DURABLE_START_PARAMS : PGlite.defaultStartParams;
  const startParams = opts.sharedBuffers ? [...base, '-c', `shared_buffers=${opts.sharedBuffers}`] : [...base];
  const pg = dataDir
    ? new PGlite({ fs: new DurableNodeFS(dataDir, opts.nodefsHook), startParams })
    : new PGlite({ startParams, ...(opts.loadDataDir && { loadDataDir: opts.loadDataDir }) });
  await pg.waitReady;
  if (dataDir && durable && fresh) syncTree(dataDir); // the new cluster's files were copied in unflushed
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
