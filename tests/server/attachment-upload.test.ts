/**
 * The device's upload client (src/sync/upload.ts, the code the replay runs) against the real server, in
 * Node, behind the fault proxy (tests/support/fault-proxy.ts) faulting the attachment PUTs: it must get
 * each file through byte-identical with little overhead, and give up in the right way when it cannot.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uploadAttachment, type UploadOptions } from '../../src/sync/upload';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { type Fault, faultSchedule, startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { IMPOSTORS, pdf, png, sha256 } from './attachment-files';
import { operatorHeaders, startServer, type TestServer } from './harness';

const scripted = (faults: Fault[]) => () => faults.shift() ?? 'ok';
const asFile = (bytes: Buffer) => ({ sha256: sha256(bytes), bytes: bytes.length, blob: new Blob([bytes]) });

describe('device upload client against the real server', () => {
  let db: Db;
  let dir: string;
  let server: TestServer;
  let proxy: FaultProxy;
  let headers: Record<string, string>;

  beforeAll(async () => {
    db = await openMemoryDb();
    dir = await mkdtemp(join(tmpdir(), 'sampark-upload-'));
    server = await startServer({ db, attachmentsDir: dir, security: { apiPerSessionPerMin: 100_000, loginPerAddressPerMin: 1000 } });
    headers = await operatorHeaders(server, db);
    proxy = await startFaultProxy(server.url, { faultPath: /^\/api\/attachments\//, faultMethods: ['PUT'], hangMs: 3_000 });
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => proxy.setSchedule(() => 'ok'));

  const opts = (o: Partial<UploadOptions> = {}): UploadOptions => ({
    fetch: (url, init) => fetch(url, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), ...headers } }),
    baseUrl: proxy.url, chunkBytes: 256 * 1024, timeoutMs: 2_000, sleep: async () => undefined, ...o,
  });
  const onServer = async (sha: string) => (await db.query<{ bytes: number; type: string }>('SELECT bytes, type FROM attachments WHERE sha256 = $1', [sha]))[0];

  it('sends a file in chunks, once, and a repeat is a no-op', async () => {
    const doc = pdf(700_000);
    const first = await uploadAttachment(asFile(doc), opts());
    expect(first).toMatchObject({ kind: 'complete', sent: doc.length, requests: 1 + 3 });
    expect(await onServer(sha256(doc))).toEqual({ bytes: doc.length, type: 'application/pdf' });
    expect(await uploadAttachment(asFile(doc), opts())).toMatchObject({ kind: 'complete', sent: 0, requests: 1 });
  });

  it('gets through resets, lost answers, hangs, 5xx and 429 with the bytes intact and little overhead', async () => {
    const doc = pdf(1_500_000);
    proxy.setSchedule(scripted(['reset', 'ok', 'drop-after-commit', '500', 'ok', 'hang', '502', '429', 'ok', '503', 'ok']));
    const r = await uploadAttachment(asFile(doc), opts({ maxFailures: 6 }));
    expect(r.kind).toBe('complete');
    expect(await onServer(sha256(doc))).toEqual({ bytes: doc.length, type: 'application/pdf' });
    const sha = sha256(doc);
    expect(sha256(await readFile(join(dir, sha.slice(0, 2), sha.slice(2, 4), sha)))).toBe(sha); // stored byte-identical
    // Bytes re-sent: only chunks lost before (or refused by the proxy ahead of) the server.
    expect(r.sent / doc.length).toBeLessThan(1 + (7 * 256 * 1024) / doc.length);
  }, 30_000);

  it('under a seeded 30% fault schedule, every file arrives and the overhead stays bounded', async () => {
    proxy.setSchedule(faultSchedule(11, 0.3, ['500', '502', '503', '429', 'reset', 'drop-after-commit']));
    let sent = 0;
    let size = 0;
    for (let i = 0; i < 4; i++) {
      const doc = pdf(600_000 + i * 1000);
      const r = await uploadAttachment(asFile(doc), opts({ maxFailures: 8 }));
      expect(r.kind).toBe('complete');
      sent += r.sent;
      size += doc.length;
    }
    expect(sent / size).toBeLessThan(1.6);
  }, 30_000);

  it('gives up for now (not for good) when every chunk fails, and when the server asks for a long wait', async () => {
    const doc = pdf(100_000);
    proxy.setSchedule(() => 'reset');
    expect(await uploadAttachment(asFile(doc), opts())).toMatchObject({ kind: 'transient', network: true });
    proxy.setSchedule(() => '500');
    expect(await uploadAttachment(asFile(doc), opts())).toMatchObject({ kind: 'transient', network: false, error: { key: 'fault-500' } });
    proxy.setSchedule(scripted(['429']));
    expect(await uploadAttachment(asFile(doc), opts({ maxInlineWaitMs: 500 }))).toMatchObject({ kind: 'transient', retryAfterMs: 2_000, error: { key: 'api.busy' } });
    expect(await onServer(sha256(doc))).toBeUndefined();
    proxy.setSchedule(() => 'ok');
    expect((await uploadAttachment(asFile(doc), opts())).kind).toBe('complete');
  });

  it("refuses for good what the server refuses (wrong type, bomb, too large), with the server's words", async () => {
    const html = await uploadAttachment(asFile(IMPOSTORS.html), opts());
    expect(html).toMatchObject({ kind: 'rejected', error: { key: 'err.attachmentType' } });
    expect(html.kind === 'rejected' && html.error.messageHi).toBeTruthy();
    const bomb = png(16, 16, { declared: { width: 40_000, height: 40_000 } });
    expect(await uploadAttachment(asFile(bomb), opts())).toMatchObject({ kind: 'rejected', error: { key: 'err.attachmentDimensions' } });
    const big = pdf(5 * 1024 * 1024 + 10);
    expect(await uploadAttachment(asFile(big), opts())).toMatchObject({ kind: 'rejected', error: { key: 'err.attachmentTooLarge' } });
  });

  it('starts again from byte 0 when the device sent bytes that do not match the name (hash), then reports it damaged', async () => {
    const doc = pdf(300_000);
    const other = pdf(300_000);
    // The device's copy differs from what its name (the SHA-256) says: the server refuses at the last chunk.
    const r = await uploadAttachment({ sha256: sha256(doc), bytes: other.length, blob: new Blob([other]) }, opts());
    expect(r).toMatchObject({ kind: 'rejected', error: { key: 'err.attachmentHash' } });
    expect(r.sent).toBe(3 * other.length); // the first try and two restarts from 0
  });
});
