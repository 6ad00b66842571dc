/**
 * Durable commits on the embedded database (PGlite on Node's filesystem).
 *
 * PGlite 0.5.17 as shipped cannot flush anything: it starts PostgreSQL with `-F` (fsync off) and
 * wal_sync_method=fdatasync; in its Emscripten build fdatasync is a no-op syscall, and its NODEFS has
 * no `fsync` stream operation, so even fsync() does nothing. (`relaxedDurability` only decides whether
 * PGlite awaits its own filesystem sync, a no-op for NODEFS.) A commit then survives the process being
 * killed (its WAL is in the operating system's cache) but not a power cut.
 *
 * Here PostgreSQL starts with fsync on and wal_sync_method=fsync, and NODEFS gets an fsync that calls
 * fsync(2) on the real file. Every COMMIT then returns only after its WAL is on the disk, and checkpoints
 * flush data files before old WAL is recycled, as on any PostgreSQL server. A new cluster (whose files
 * PGlite copies in without syncing) is flushed once, file by file, before it takes any work.
 */
import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** What a hook may see of Emscripten's NODEFS: its stream operations and the real path of a node. */
export interface NodeFsInternals {
  stream_ops: Record<string, (...args: never[]) => unknown>;
  realPath(node: unknown): string;
}
/** Called once NODEFS is set up (after the durable fsync is installed), e.g. to observe writes and flushes. */
export type NodeFsHook = (nodefs: NodeFsInternals) => void;

interface EmscriptenModule { NODEFS: NodeFsInternals & { tryFSOperation<T>(f: () => T): T }; FS: { isDir(mode: number): boolean } }
type Stream = { nfd?: number; node: { mode: number } };

/** PGlite's default start parameters, with fsync on and a WAL sync method its build really carries out. */
export const DURABLE_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
  '-c', 'fsync=on', '-c', 'wal_sync_method=fsync', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on',
];

/** NODEFS whose fsync reaches the disk (and, optionally, a hook that sees it). */
export class DurableNodeFS extends NodeFS {
  constructor(dataDir: string, private readonly hook?: NodeFsHook) {
    super(dataDir);
  }

  async init(...args: Parameters<NodeFS['init']>) {
    const out = await super.init(...args);
    const opts = out.emscriptenOpts as { preRun?: ((mod: EmscriptenModule) => void)[] };
    opts.preRun = [...(opts.preRun ?? []), (mod) => {
      const nodefs = mod.NODEFS;
      nodefs.stream_ops.fsync = ((stream: Stream) => {
        if (stream.nfd === undefined) return 0;
        try {
          fsyncSync(stream.nfd);
        } catch (err) {
          // Some systems refuse to fsync a directory; PostgreSQL itself ignores that. A file's failure is real.
          if (!mod.FS.isDir(stream.node.mode)) return nodefs.tryFSOperation(() => { throw err; });
        }
        return 0;
      }) as never;
      this.hook?.(nodefs);
    }];
    return out;
  }
}

/** fsync(2) of every file and directory under `dir` (a new cluster, written without flushing). */
export function syncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncTree(path);
    else if (entry.isFile()) syncPath(path);
  }
  syncPath(dir);
}

function syncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch (err) {
    if (!['EISDIR', 'EPERM', 'EBADF', 'EINVAL'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err; // directories, on some systems
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
