/**
 * Acknowledged grievances survive a crash of the embedded database's process and a power cut.
 *
 *  - Power cut: what survives one is what was fsync'ed. The filesystem layer under PGlite is watched
 *    (every write and fsync of the write-ahead log): when the server answers a sync, no byte of WAL may
 *    be written but not yet flushed. With EMBEDDED_FSYNC=off (PGlite's own default) it is, which is how a
 *    device could mark a grievance Synced that a power cut then loses.
 *  - Crash: the real server process is killed (SIGKILL) right after it acknowledged a batch; after a
 *    restart every acknowledged grievance is there with the number the device was given, and the next
 *    grievance gets a new number, never one already issued.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryArgs } from '../support/bundles';
import { Session } from '../../src/domain/accounts';
import { SyncResponse } from '../../src/domain/schemas';
import { upsertAccount } from '../../server/store/accounts';
import type { NodeFsInternals } from '../../server/store/durable-nodefs';
import { migrate } from '../../server/store/migrations';
import { openPglite } from '../../server/store/pglite-db';
import { DEVICE, submissions } from './fixtures';
import { bearer, MEENA, PASSWORD, signIn, startServer } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');

/** Watches the WAL files: which were written and not yet fsync'ed, and how many flushes happened. */
function walWatch() {
  const dirty = new Set<string>();
  let flushes = 0;
  const hook = (nodefs: NodeFsInternals) => {
    const { write, fsync } = nodefs.stream_ops as Record<string, (...a: unknown[]) => unknown>;
    const path = (stream: unknown) => nodefs.realPath((stream as { node: unknown }).node);
    nodefs.stream_ops.write = ((stream: unknown, ...rest: unknown[]) => {
      const out = write(stream, ...rest);
      if (path(stream).includes('/pg_wal/')) dirty.add(path(stream));
      return out;
    }) as never;
    nodefs.stream_ops.fsync = ((stream: unknown) => {
      const out = fsync(stream);
      if (dirty.delete(path(stream))) flushes++;
      return out;
    }) as never;
  };
  return { hook, dirty, flushes: () => flushes };
}

/** Starts server/index.ts (as `npm run serve` does) on `dataDir`; resolves with its URL once it listens. */
function serverProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // node itself (the run's bundle of server/index.ts, else tsx's loader), so the server is this child (the tsx command would be a parent a SIGKILL stops alone).
    const child = spawn(process.execPath, entryArgs('server'), {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ESCALATION_INTERVAL_S: '0', NOTIFY_INTERVAL_S: '0' },
    });
    let out = '';
    child.stderr!.on('data', (d: Buffer) => (out += d));
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /on (http:\/\/\S+) /.exec(out);
      if (m) resolve({ child, url: m[1].replace('localhost', '127.0.0.1') });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

describe('acknowledged grievances on the embedded database', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'sampark-durable-')), 'data');
  beforeAll(async () => {
    const db = await openPglite(dataDir);
    await migrate(db);
    await upsertAccount(db, MEENA, PASSWORD, new Date());
    await db.close();
  }, 180_000);
  afterAll(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  for (const durable of [true, false]) {
    it(durable
      ? 'answers a sync only once every byte of its write-ahead log is flushed to the disk'
      : 'with EMBEDDED_FSYNC=off (PGlite as shipped), answers while the write-ahead log is not yet on the disk', async () => {
      const wal = walWatch();
      const db = await openPglite(dataDir, { durable, nodefsHook: wal.hook });
      const server = await startServer({ db });
      try {
        const auth = bearer(await signIn(server, MEENA.id));
        const flushesBefore = wal.flushes();
        const res = await server.post('/api/sync/grievances', { grievances: submissions(5) }, auth);
        const unflushedAtAnswer = [...wal.dirty]; // read the moment the answer arrived
        expect(res.status).toBe(200);
        expect(SyncResponse.parse(await res.json()).results.every((r) => r.status === 'created')).toBe(true);
        if (durable) {
          expect(unflushedAtAnswer).toEqual([]);
          expect(wal.flushes()).toBeGreaterThan(flushesBefore);
        } else {
          expect(unflushedAtAnswer.length).toBeGreaterThan(0);
          expect(wal.flushes()).toBe(flushesBefore);
        }
      } finally {
        await server.close();
        await db.close();
      }
    }, 180_000);
  }

  it('keeps every grievance acknowledged before the server process was killed (SIGKILL), with its number, and never issues that number again', async () => {
    const first = await serverProcess(dataDir);
    const post = async (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const login = async (url: string) =>
      bearer(Session.parse(await (await post(url, '/api/auth/login', { operatorId: MEENA.id, password: PASSWORD, deviceId: DEVICE })).json()));
    const batch = submissions(20);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    let acknowledged: { clientId: string; number: string }[];
    try {
      const res = await post(first.url, '/api/sync/grievances', { grievances: batch }, await login(first.url));
      expect(res.status).toBe(200);
      acknowledged = SyncResponse.parse(await res.json()).results.map((r) => ({ clientId: r.clientId!, number: (r as { number: string }).number }));
    } finally {
      first.child.kill('SIGKILL'); // right after the acknowledgement: no shutdown, no checkpoint
    }
    expect(await exited).toBe(null);

    const second = await serverProcess(dataDir); // recovers from the WAL, takes over the dead process's lock
    try {
      const next = await post(second.url, '/api/sync/grievances', { grievances: submissions(1) }, await login(second.url));
      const [fresh] = SyncResponse.parse(await next.json()).results as { status: string; number: string }[];
      expect(fresh.status).toBe('created');
      expect(acknowledged.map((a) => a.number)).not.toContain(fresh.number);
      // Sent again (the device never does, but if it did): each is a duplicate with the number it was given.
      const again = SyncResponse.parse(await (await post(second.url, '/api/sync/grievances', { grievances: batch }, await login(second.url))).json()).results;
      expect(again.map((r) => [r.status, (r as { number: string }).number])).toEqual(acknowledged.map((a) => ['duplicate', a.number]));
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
    }
  }, 300_000);
});
