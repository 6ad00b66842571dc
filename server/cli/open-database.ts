/**
 * Gives a CLI command the same database as the server (DATA_DIR or DATABASE_URL), migrated. On the
 * embedded database it first takes the DATA_DIR lock, so it never opens files a running server has open,
 * and a server started meanwhile refuses instead of corrupting them.
 */
import { acquireDataDirLock } from '../data-dir-lock';
import type { Db } from '../store/db';
import { migrate } from '../store/migrations';
import { dbLocationFromEnv, openDb } from '../store/open-db';

/** Runs `fn` with the database open; throws DataDirBusyError (before touching anything) if it is in use. */
export async function withDatabase<T>(env: NodeJS.ProcessEnv, fn: (db: Db) => Promise<T>): Promise<T> {
  const location = dbLocationFromEnv(env);
  const lock = location.kind === 'embedded' ? acquireDataDirLock(location.dataDir, 'admin') : undefined;
  try {
    const db = await openDb(location);
    try {
      await migrate(db);
      return await fn(db);
    } finally {
      await db.close();
    }
  } finally {
    lock?.release();
  }
}
