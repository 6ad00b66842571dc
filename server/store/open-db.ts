/** Picks the database from the environment, the same way for the server and the admin CLI. */
import { resolve } from 'node:path';
import type { Db } from './db';
import { openPglite } from './pglite-db';
import { openPostgres } from './postgres-db';

export type DbLocation =
  | { kind: 'memory'; /** a dump to start from (PGlite's dumpDataDir) instead of a new cluster */ from?: Blob } // tests only
  | { kind: 'embedded'; dataDir: string; /** EMBEDDED_FSYNC (default on): each commit on the disk before it returns. */ durable?: boolean;
      /** shared_buffers, for a short-lived process (the admin CLI); the server keeps PGlite's 128 MB. */ sharedBuffers?: string }
  | { kind: 'postgres'; url: string };

/** DATABASE_URL selects PostgreSQL; otherwise the embedded database in DATA_DIR (default ./data), durable unless EMBEDDED_FSYNC=off. */
export function dbLocationFromEnv(env: NodeJS.ProcessEnv): DbLocation {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  const fsync = (env.EMBEDDED_FSYNC || 'on').toLowerCase();
  if (fsync !== 'on' && fsync !== 'off') throw new Error(`EMBEDDED_FSYNC must be on or off, not "${env.EMBEDDED_FSYNC}"`);
  return { kind: 'embedded', dataDir: resolve(env.DATA_DIR || './data'), durable: fsync === 'on' };
}

export function openDb(location: DbLocation): Promise<Db> {
  switch (location.kind) {
    // A test's database holds a few MB: 16 MB of buffers starts ~0.4 s sooner than PGlite's 128 MB.
    case 'memory': return openPglite(undefined, { loadDataDir: location.from, sharedBuffers: '16MB' });
    case 'embedded': return openPglite(location.dataDir, { durable: location.durable, sharedBuffers: location.sharedBuffers });
    case 'postgres': return openPostgres(location.url);
  }
}

/** For log lines: never prints a password. */
export function describeDbLocation(location: DbLocation): string {
  switch (location.kind) {
    case 'memory': return 'in-memory PGlite';
    case 'embedded': return `embedded PGlite in ${location.dataDir}${location.durable === false ? ' (EMBEDDED_FSYNC=off: commits not flushed to disk)' : ''}`;
    case 'postgres': {
      try {
        const u = new URL(location.url);
        return `PostgreSQL at ${u.host}${u.pathname}`;
      } catch {
        return 'PostgreSQL (DATABASE_URL)';
      }
    }
  }
}
