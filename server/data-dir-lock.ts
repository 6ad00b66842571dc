/**
 * The lock file that keeps two processes off one embedded database. PGlite is a single PostgreSQL
 * backend inside the process that opened it; a second process opening the same DATA_DIR would corrupt
 * it. So the server and the admin CLI each hold DATA_DIR/sampark.lock (pid, role, port) while they have
 * the database open. A lock whose pid is gone (or is our own pid without being ours, left by a previous
 * life of this process, e.g. pid 1 in a restarted container) is stale and is taken over.
 *
 * Every step is atomic, so that of several processes racing for a stale lock exactly one gets it:
 *   - a holder writes its record to a file of its own and then link(2)s it to `sampark.lock`, which fails
 *     if that name exists: the lock never appears half-written, and only one of several gets it;
 *   - the right to remove a stale lock of generation g (its holder's nonce, or `i<inode>` for a lock an
 *     older version wrote) is a claim file `sampark.lock.<g>.claim<k>`, also made by link(2): only one
 *     process can make it. Under the claim, the lock is checked to be still of generation g (nothing but
 *     a claimant of g removes it, and nothing replaces it while it exists, so the check cannot go stale),
 *     removed, and everyone tries link(2) again;
 *   - a claimant that died mid-takeover left its claim: the next level (k + 1) may be claimed once the
 *     pid of level k is gone, again by one process only. Claims of generations that are gone are harmless
 *     (their check fails) and the next holder removes them.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LockHolder { pid: number; role: 'server' | 'admin'; port: number | null; startedAt: string; nonce?: string }

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

/** Nonces of the locks this process holds now: its own pid on one of them is no previous life. */
const heldHere = new Set<string>();

function alive(h: LockHolder): boolean {
  if (h.pid === process.pid) return !!h.nonce && heldHere.has(h.nonce);
  try {
    process.kill(h.pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

const code = (err: unknown) => (err as NodeJS.ErrnoException).code;
const ignoreMissing = (fn: () => void) => {
  try { fn(); } catch (err) { if (code(err) !== 'ENOENT') throw err; }
};

function readHolder(path: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return Number.isInteger(h.pid) ? h : null;
  } catch {
    return null; // missing, or half-written by an older version's crash: not a live holder
  }
}

/** The live holder of the lock on `dataDir`, if any. */
export function lockHolder(dataDir: string): LockHolder | null {
  const h = readHolder(lockPath(dataDir));
  return h && alive(h) ? h : null;
}

/** Waits a few milliseconds without giving up the thread (acquisition is synchronous and rare). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Makes `target` hold `text`, or fails with EEXIST: written in full first, then linked into place. */
function linkNew(target: string, text: string, scratch: string): void {
  writeFileSync(scratch, text);
  try { linkSync(scratch, target); } finally { ignoreMissing(() => unlinkSync(scratch)); }
}

/**
 * Claims the removal of generation `gen`: the path of this process's claim, or null while a live process
 * holds one (the caller then tries again). Level k+1 may be claimed only when level k's claimant is dead.
 */
function claim(path: string, gen: string, scratch: string): string | null {
  for (let k = 1; k <= 1000; k++) {
    const level = `${path}.${gen}.claim${k}`;
    try {
      linkNew(level, String(process.pid), scratch);
      return level;
    } catch (err) {
      if (code(err) !== 'EEXIST') throw err;
    }
    let pid: number;
    try { pid = Number(readFileSync(level, 'utf8')); } catch (err) { if (code(err) === 'ENOENT') return null; throw err; }
    if (alive({ pid, role: 'admin', port: null, startedAt: '' })) return null;
  }
  throw new Error(`too many abandoned claims on ${path}`);
}

/** Takes the lock or throws DataDirBusyError. Released on release() and, as a backstop, on exit. */
export function acquireDataDirLock(dataDir: string, role: LockHolder['role'], port: number | null = null): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  const nonce = randomBytes(9).toString('base64url');
  const me: LockHolder = { pid: process.pid, role, port, startedAt: new Date().toISOString(), nonce };
  const mine = `${path}.${nonce}.new`;
  const scratch = `${path}.${nonce}.tmp`;
  writeFileSync(mine, JSON.stringify(me), { flag: 'wx' });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(mine, path); // atomic: fails if a lock exists
        break;
      } catch (err) {
        if (code(err) !== 'EEXIST') throw err;
      }
      let ino: number;
      try { ino = statSync(path).ino; } catch (err) { if (code(err) === 'ENOENT') continue; throw err; }
      const holder = readHolder(path);
      if (holder && alive(holder)) throw new DataDirBusyError(dataDir, holder);
      if (attempt >= 500) throw new Error(`could not take over the stale lock ${path}; remove it if no server or admin command is running`);
      const gen = holder?.nonce ?? `i${ino}`;
      const mark = claim(path, gen, scratch);
      if (!mark) {
        pause(1 + (attempt % 7));
        continue;
      }
      try {
        const now = statSync(path, { throwIfNoEntry: false });
        const still = now && (holder?.nonce ? readHolder(path)?.nonce === gen : now.ino === ino && !readHolder(path)?.nonce);
        if (still) ignoreMissing(() => unlinkSync(path));
      } finally {
        ignoreMissing(() => unlinkSync(mark));
      }
    }
  } finally {
    ignoreMissing(() => unlinkSync(mine)); // the lock keeps the file under its own name
  }
  heldHere.add(nonce);
  // Claims of generations that are gone (ours is the only one now) are of no more use.
  for (const name of readdirSync(dataDir)) if (/^sampark\.lock\..+\.claim\d+$/.test(name)) ignoreMissing(() => unlinkSync(join(dataDir, name)));

  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    heldHere.delete(nonce);
    if (readHolder(path)?.nonce === nonce) ignoreMissing(() => unlinkSync(path));
  };
  process.on('exit', release);
  return {
    setPort(p) {
      me.port = p;
      if (!held) return;
      writeFileSync(scratch, JSON.stringify(me));
      renameSync(scratch, path); // replaced whole: a reader never sees a half-written record
    },
    release,
  };
}
