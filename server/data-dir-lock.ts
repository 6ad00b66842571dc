/**
 * The lock file that keeps two processes off one embedded database. PGlite is a single PostgreSQL
 * backend inside the process that opened it; a second process opening the same DATA_DIR would corrupt
 * it. So the server and the admin CLI each hold DATA_DIR/sampark.lock (pid, role, port) while they have
 * the database open. A lock whose pid is gone (or is our own pid, left by a previous life of this process,
 * e.g. pid 1 in a restarted container) is stale and is taken over.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LockHolder { pid: number; role: 'server' | 'admin'; port: number | null; startedAt: string }

export class DataDirBusyError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockHolder) {
    const who = holder.role === 'server' ? `the server (pid ${holder.pid}, port ${holder.port ?? '?'})` : `the admin CLI (pid ${holder.pid})`;
    super(`${who} is using DATA_DIR ${dataDir}; stop it or set DATABASE_URL`);
  }
}

export interface DataDirLock {
  /** Records the port actually listened on (PORT=0 picks one). */
  setPort(port: number): void;
  release(): void;
}

export const lockPath = (dataDir: string) => join(dataDir, 'sampark.lock');

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return Number.isInteger(h.pid) ? h : null;
  } catch {
    return null; // missing, or half-written by a crash: not a live holder
  }
}

/** The live holder of the lock on `dataDir`, if any. */
export function lockHolder(dataDir: string): LockHolder | null {
  const h = readHolder(lockPath(dataDir));
  return h && alive(h.pid) ? h : null;
}

/** Takes the lock or throws DataDirBusyError. Released on release() and, as a backstop, on exit. */
export function acquireDataDirLock(dataDir: string, role: LockHolder['role'], port: number | null = null): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  const me: LockHolder = { pid: process.pid, role, port, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' }); // atomic: fails if the file exists
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
      const holder = readHolder(path);
      if (holder && alive(holder.pid)) throw new DataDirBusyError(dataDir, holder);
      try { unlinkSync(path); } catch { /* another process took it over first; retry decides */ }
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (readHolder(path)?.pid === process.pid) unlinkSync(path);
  };
  process.on('exit', release);
  return {
    setPort(p) {
      me.port = p;
      if (held) writeFileSync(path, JSON.stringify(me));
    },
    release,
  };
}
