/**
 * Gives a CLI command the same database as the server (DATA_DIR or DATABASE_URL), migrated.
 *   - PostgreSQL: a connection of its own, beside any number of running servers.
 *   - Embedded, no server running: it takes the DATA_DIR lock first, so it never opens files a running
 *     server has open, and a server started meanwhile refuses instead of corrupting them.
 *   - Embedded, a server running: through that server's admin socket (../admin-socket.ts), so the
 *     command runs on the server's own open database. Without the socket (another admin command holds the
 *     lock, or a server too old to have one) it says so and changes nothing.
 */
import { existsSync } from 'node:fs';
import { adminSocketPath } from '../admin-socket';
import { acquireDataDirLock, DataDirBusyError, type DataDirLock } from '../data-dir-lock';
import type { Db } from '../store/db';
import { migrate } from '../store/migrations';
import { dbLocationFromEnv, openDb } from '../store/open-db';
import { connectAdminSocket } from './remote-db';

/** Runs `fn` with the database open; throws DataDirBusyError (before touching anything) if it cannot be shared. */
export async function withDatabase<T>(env: NodeJS.ProcessEnv, fn: (db: Db) => Promise<T>): Promise<T> {
  const location = dbLocationFromEnv(env);
  let lock: DataDirLock | undefined;
  if (location.kind === 'embedded') {
    try {
      lock = acquireDataDirLock(location.dataDir, 'admin');
    } catch (err) {
      const socket = adminSocketPath(location.dataDir);
      if (!(err instanceof DataDirBusyError && err.holder.role === 'server' && existsSync(socket))) throw err;
      const remote = await connectAdminSocket(socket).catch(() => { throw err; }); // the server is going away: refuse as before
      try {
        return await fn(remote); // the server migrated its database when it started
      } finally {
        await remote.close();
      }
    }
  }
  try {
    // One command, then gone: 32 MB of buffers (PGlite's default 128 MB takes ~0.4 s to set up at each start).
    const db = await openDb(location.kind === 'embedded' ? { ...location, sharedBuffers: '32MB' } : location);
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
