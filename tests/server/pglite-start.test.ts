/**
 * PGlite's start zeroes its buffer cache inside WebAssembly (128 MB by default, ~0.4 s here): the short-lived
 * databases ask for less — a test's in-memory database 16 MB, the admin CLI's 32 MB — and the server keeps
 * the default (server/store/pglite-db.ts `sharedBuffers`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../server/cli/open-database';
import { openDb } from '../../server/store/open-db';

const dir = mkdtempSync(join(tmpdir(), 'sampark-pglite-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sharedBuffers = async (db: { query<R>(sql: string): Promise<R[]> }) =>
  (await db.query<{ shared_buffers: string }>('SHOW shared_buffers'))[0].shared_buffers;

describe('the buffer cache each embedded database starts with', () => {
  it('is 16 MB for an in-memory (test) database', async () => {
    const db = await openDb({ kind: 'memory' });
    try { expect(await sharedBuffers(db)).toBe('16MB'); } finally { await db.close(); }
  });

  it("is PGlite's 128 MB for the server's data directory, 32 MB when the admin CLI opens the same one", async () => {
    const dataDir = join(dir, 'data');
    const server = await openDb({ kind: 'embedded', dataDir, durable: false });
    try { expect(await sharedBuffers(server)).toBe('128MB'); } finally { await server.close(); }
    expect(await withDatabase({ DATA_DIR: dataDir, EMBEDDED_FSYNC: 'off' }, sharedBuffers)).toBe('32MB');
    const again = await openDb({ kind: 'embedded', dataDir, durable: false }); // a start parameter: nothing was written into the cluster
    try { expect(await sharedBuffers(again)).toBe('128MB'); } finally { await again.close(); }
  });
});
