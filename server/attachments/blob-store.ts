/**
 * Where attachment bytes live: a small interface, so that an S3-compatible object store can take the
 * filesystem's place later (multipart upload parts for `append`, CompleteMultipartUpload + a copy to the
 * hash key for `finalize`) without touching the routes.
 *
 * The filesystem store keeps, under its root (DATA_DIR/attachments, also with DATABASE_URL):
 *   ab/cd/<sha256>         complete blobs, named by their hash (ab, cd: its first two byte pairs)
 *   tmp/<uploadId>         partial uploads, one per (blob, uploader); swept after 24 h
 * A blob appears under its hash only by rename(2) of a complete, fsync'ed partial: never half-written.
 * Upload ids and hashes are checked against strict patterns here too, so no input can name another path.
 */
import type { ReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface BlobStore {
  /** Whether the complete blob `sha256` is there. */
  has(sha256: string): Promise<boolean>;
  /** Bytes received so far of the partial upload `uploadId` (0 when there is none). */
  size(uploadId: string): Promise<number>;
  /** When the partial upload `uploadId` was last written to (null when there is none). */
  modified(uploadId: string): Promise<Date | null>;
  /**
   * Writes `chunk` at `offset` of the partial upload and answers its new size. `offset` may not be past
   * the end (GapError); bytes that overlap what is there must be the same (OverlapError).
   */
  append(uploadId: string, offset: number, chunk: Uint8Array): Promise<number>;
  /** The whole partial upload, to be checked before finalize (uploads are at most a few MB). */
  partial(uploadId: string): Promise<Buffer>;
  /** Makes the checked partial upload the blob `sha256`, atomically; drops it if that blob is already there. */
  finalize(uploadId: string, sha256: string): Promise<void>;
  /** Drops a partial upload (nothing if there is none). */
  discard(uploadId: string): Promise<void>;
  /** The blob's bytes, or null when it is not there. */
  read(sha256: string): Promise<{ bytes: number; stream: ReadStream } | null>;
  remove(sha256: string): Promise<void>;
  /** Complete blobs with their last change, for pruning files that no row describes. */
  list(): AsyncGenerator<{ sha256: string; modified: Date }>;
  /** Removes partial uploads not written to for `maxAgeMs` (only counts them with `dryRun`); answers how many. */
  sweep(maxAgeMs: number, now?: Date, dryRun?: boolean): Promise<number>;
}

export class GapError extends Error {
  constructor(readonly received: number) { super(`chunk starts past byte ${received}`); }
}
export class OverlapError extends Error {
  constructor() { super('chunk differs from the bytes already received'); }
}

const SHA = /^[0-9a-f]{64}$/;
const UPLOAD = /^[0-9a-f]{64}-[0-9a-f]{16}$/;
const check = (re: RegExp, s: string) => {
  if (!re.test(s)) throw new Error(`not a valid blob or upload id: ${JSON.stringify(s).slice(0, 80)}`);
  return s;
};
const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

export function createFsBlobStore(root: string): BlobStore {
  const tmpDir = join(root, 'tmp');
  const blobPath = (sha: string) => join(root, check(SHA, sha).slice(0, 2), sha.slice(2, 4), sha);
  const tmpPath = (id: string) => join(tmpDir, check(UPLOAD, id));

  const has = async (sha: string) => {
    try {
      return (await stat(blobPath(sha))).isFile();
    } catch (err) {
      if (missing(err)) return false;
      throw err;
    }
  };
  const size = async (id: string) => {
    try {
      return (await stat(tmpPath(id))).size;
    } catch (err) {
      if (missing(err)) return 0;
      throw err;
    }
  };

  /** fsync of a directory, so a rename survives a power cut (not possible on every platform: best effort). */
  const syncDir = async (dir: string) => {
    const h = await open(dir, 'r').catch(() => null);
    await h?.sync().catch(() => undefined);
    await h?.close();
  };

  return {
    has,
    size,
    async modified(id) {
      try {
        return (await stat(tmpPath(id))).mtime;
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },
    async append(id, offset, chunk) {
      const path = tmpPath(id);
      await mkdir(tmpDir, { recursive: true });
      const h = await open(path, 'a+'); // created if new; writes go to the end, reads take a position
      try {
        const have = (await h.stat()).size;
        if (offset > have) throw new GapError(have);
        const overlap = Math.min(have - offset, chunk.length);
        if (overlap > 0) {
          const existing = Buffer.alloc(overlap);
          await h.read(existing, 0, overlap, offset);
          if (!existing.equals(chunk.subarray(0, overlap))) throw new OverlapError();
        }
        if (overlap < chunk.length) {
          await h.appendFile(chunk.subarray(overlap)); // lands at `have`, which is offset + overlap
          await h.datasync();
        }
        return Math.max(have, offset + chunk.length);
      } finally {
        await h.close();
      }
    },
    partial: (id) => readFile(tmpPath(id)),
    async finalize(id, sha) {
      const target = blobPath(sha);
      const from = tmpPath(id);
      if (await has(sha)) {
        await unlink(from);
        return;
      }
      const dir = join(target, '..');
      await mkdir(dir, { recursive: true });
      await rename(from, target);
      await syncDir(dir);
    },
    async discard(id) {
      await rm(tmpPath(id), { force: true });
    },
    async read(sha) {
      let h;
      try {
        h = await open(blobPath(sha), 'r');
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
      try {
        const { size: bytes } = await h.stat();
        return { bytes, stream: h.createReadStream() }; // closes the handle when it ends or is destroyed
      } catch (err) {
        await h.close();
        throw err;
      }
    },
    async remove(sha) {
      await rm(blobPath(sha), { force: true });
    },
    async *list() {
      const level = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{2}$/.test(n));
      for (const a of await level(root)) {
        for (const b of await level(join(root, a))) {
          for (const name of await readdir(join(root, a, b)).catch(() => [] as string[])) {
            if (!SHA.test(name) || !name.startsWith(a + b)) continue;
            const s = await stat(join(root, a, b, name)).catch(() => null);
            if (s?.isFile()) yield { sha256: name, modified: s.mtime };
          }
        }
      }
    },
    async sweep(maxAgeMs, now = new Date(), dryRun = false) {
      let removed = 0;
      for (const name of await readdir(tmpDir).catch(() => [] as string[])) {
        const s = await stat(join(tmpDir, name)).catch(() => null);
        if (s && now.getTime() - s.mtime.getTime() > maxAgeMs) {
          if (!dryRun) await rm(join(tmpDir, name), { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

/** Where the server and the admin CLI keep attachments: ATTACHMENTS_DIR, else DATA_DIR/attachments (also with DATABASE_URL). */
export function attachmentsDirFromEnv(env: NodeJS.ProcessEnv): string {
  return resolve(env.ATTACHMENTS_DIR || join(env.DATA_DIR || './data', 'attachments'));
}
