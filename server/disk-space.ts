/**
 * Free disk space where the server writes: the embedded database (DATA_DIR) and the attachment files.
 * The embedded database, given less room than one WAL segment, spins, blocks the event loop, ignores
 * SIGTERM and never recovers, so it must never get that far: below MIN_FREE_MB (default 512) on either,
 * requests that store data are refused before their body is read, with 503 `api.diskFull` and
 * Retry-After (a device keeps everything and tries again), /api/health answers `degraded` with the
 * reason, reads go on, and all of it recovers by itself once space is back. The probe is injectable
 * (tests); the real one is statfs(2), asked at most every couple of seconds.
 */
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Bytes available to this process on the filesystem holding `dir`. */
export type FreeSpaceProbe = (dir: string) => Promise<number>;

export const statfsProbe: FreeSpaceProbe = async (dir) => {
  for (let d = dir; ; d = dirname(d)) {
    try {
      const s = await statfs(d);
      return s.bavail * s.bsize;
    } catch (err) {
      // Not created yet (the attachments directory before the first upload): its parent's filesystem.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(d) === d) throw err;
    }
  }
};

export interface WatchedDir { name: 'database' | 'attachments'; dir: string }
export interface LowSpace { name: WatchedDir['name']; freeMb: number; minFreeMb: number }
export type DiskState = { ok: true } | { ok: false; low: LowSpace[] };

export interface DiskWatch {
  /** Whether every watched directory has at least MIN_FREE_MB free (probed at most every `cacheMs`). */
  check(): Promise<DiskState>;
}

export const DEFAULT_MIN_FREE_MB = 512;
/** Seconds a device is asked to wait before trying a refused write again. */
export const DISK_RETRY_AFTER_S = 60;

export function createDiskWatch(opts: { dirs: readonly WatchedDir[]; minFreeMb: number; probe?: FreeSpaceProbe; cacheMs?: number }): DiskWatch {
  const probe = opts.probe ?? statfsProbe;
  const cacheMs = opts.cacheMs ?? 2000;
  let last: { at: number; state: Promise<DiskState> } | undefined;

  const measure = async (): Promise<DiskState> => {
    const low: LowSpace[] = [];
    for (const w of opts.dirs) {
      let free: number;
      try {
        free = await probe(w.dir);
      } catch {
        continue; // a probe that fails says nothing: the write itself will tell
      }
      const freeMb = Math.floor(free / (1024 * 1024));
      if (freeMb < opts.minFreeMb) low.push({ name: w.name, freeMb, minFreeMb: opts.minFreeMb });
    }
    return low.length === 0 ? { ok: true } : { ok: false, low };
  };

  return {
    check() {
      if (opts.minFreeMb <= 0 || opts.dirs.length === 0) return Promise.resolve({ ok: true });
      const now = Date.now();
      if (!last || now - last.at >= cacheMs) last = { at: now, state: measure() };
      return last.state;
    },
  };
}

/** MIN_FREE_MB: a whole number of megabytes, 0 to turn the check off. */
export function minFreeMbFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.MIN_FREE_MB;
  if (raw === undefined || raw === '') return DEFAULT_MIN_FREE_MB;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`MIN_FREE_MB must be a whole number of megabytes (0 turns the check off), not "${raw}"`);
  return n;
}
