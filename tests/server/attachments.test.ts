/**
 * Attachments over real HTTP: chunked, resumable, content-addressed uploads; grievances that refer to
 * them; serving them; export and pruning. Bad input has its own file (attachments-bad-input.test.ts).
 */
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../src/domain/accounts';
import { ATTACHMENT_LIMITS, contentRange, UploadStatus } from '../../src/domain/attachments';
import { ServerConfig, SyncResponse, type GrievanceSubmission, type SyncResult } from '../../src/domain/schemas';
import { createFsBlobStore } from '../../server/attachments/blob-store';
import { pruneAttachments } from '../../server/attachments/service';
import type { Db } from '../../server/store/db';
import { exportAll } from '../../server/store/grievances';
import { type Fault, startFaultProxy } from '../support/fault-proxy';
import { ebml, filesUnder, ogg, pdf, png, sha256, uploadFile, webpHeader } from './attachment-files';
import { submission } from './fixtures';
import { addAccount, BACKENDS, bearer, MEENA, operatorHeaders, removeAccounts, resetGrievances, signIn, startServer, type TestServer, syncBatch } from './harness';

const OTHER_KIOSK: Account = { id: 'op.asha', name: 'Asha', role: 'operator', kioskCode: 'K2000001' };
const OFFICER: Account = { id: 'ae.phed.jaipur', name: 'Officer', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' };
const ADMIN: Account = { id: 'admin', name: 'Admin', role: 'admin' };

const ref = (bytes: Buffer, type: string, name?: string) => ({ sha256: sha256(bytes), bytes: bytes.length, type, ...(name && { name }) }) as NonNullable<GrievanceSubmission['attachments']>[number];

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`attachments on ${backend.name}`, () => {
    let db: Db;
    let dir: string;
    let server: TestServer;
    let meena: Record<string, string>;

    beforeAll(async () => {
      db = await backend.open();
      dir = await mkdtemp(join(tmpdir(), 'sampark-attachments-'));
      server = await startServer({ db, attachmentsDir: dir, security: { apiPerSessionPerMin: 100_000, loginPerAddressPerMin: 1000 } });
      meena = await operatorHeaders(server, db);
      await Promise.all([OTHER_KIOSK, OFFICER, ADMIN].map((a) => addAccount(db, a)));
    });
    afterAll(async () => {
      await server?.close();
      if (db) await removeAccounts(db, [OTHER_KIOSK, OFFICER, ADMIN]);
      await db?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });
    beforeEach(async () => {
      await resetGrievances(db);
      await db.exec('DELETE FROM attachments');
      await rm(dir, { recursive: true, force: true });
    });

    const sync = (grievances: unknown[], headers = meena): Promise<SyncResult[]> => syncBatch(server, grievances, headers);
    const fetchBlob = (sha: string, headers: Record<string, string>) => fetch(`${server.url}/api/attachments/${sha}`, { headers });
    const stored = async () => db.query<{ sha256: string; bytes: number; type: string }>('SELECT sha256, bytes, type FROM attachments ORDER BY sha256');

    it('advertises its limits in GET /api/config', async () => {
      const config = ServerConfig.parse(await (await server.get('/api/config')).json());
      expect(config.attachments).toEqual(ATTACHMENT_LIMITS);
      expect(config.attachments!.chunkBytes).toBe(256 * 1024);
      expect(config.attachments!.types.map((t) => t.type)).toEqual(['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'audio/webm', 'audio/ogg', 'audio/mp4']);
    });

    it('takes a PNG and a PDF in chunks; a grievance refers to both; they come back byte-identical, stored exactly once', async () => {
      const image = png(480, 480); // ~690 KB: 3 chunks
      const doc = pdf(1_200_000); // ~1.2 MB: 5 chunks
      expect(image.length).toBeGreaterThan(2 * ATTACHMENT_LIMITS.chunkBytes);
      const [a, b] = [await uploadFile(server.url, meena, image), await uploadFile(server.url, meena, doc)];
      expect(a.status).toEqual({ sha256: sha256(image), state: 'complete', received: image.length, bytes: image.length, type: 'image/png' });
      expect(b.status).toMatchObject({ state: 'complete', bytes: doc.length, type: 'application/pdf' });
      expect([a.puts, b.puts]).toEqual([3, 5]);
      expect([a.sent, b.sent]).toEqual([image.length, doc.length]); // each byte once

      const g = submission({ attachments: [ref(image, 'image/png', 'हैंडपंप.png'), ref(doc, 'application/pdf', 'bill.pdf')] });
      const [r] = await sync([g]);
      expect(r.status).toBe('created');

      for (const [bytes, type] of [[image, 'image/png'], [doc, 'application/pdf']] as const) {
        const res = await fetchBlob(sha256(bytes), meena);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe(type);
        const body = Buffer.from(await res.arrayBuffer());
        expect(sha256(body)).toBe(sha256(bytes));
        expect(body.equals(bytes)).toBe(true);
      }
      // Exactly once: one row and one file each, nothing left in tmp; linked in order, with the names.
      expect((await stored()).map((s) => s.sha256).sort()).toEqual([sha256(image), sha256(doc)].sort());
      expect(filesUnder(dir)).toEqual([sha256(image), sha256(doc)].map((s) => join(s.slice(0, 2), s.slice(2, 4), s)).sort());
      expect(await db.query('SELECT sha256, position, name FROM grievance_attachments WHERE client_id = $1 ORDER BY position', [g.clientId]))
        .toEqual([{ sha256: sha256(image), position: 0, name: 'हैंडपंप.png' }, { sha256: sha256(doc), position: 1, name: 'bill.pdf' }]);
    });

    it('answers a repeat upload of a complete file with its metadata and changes nothing', async () => {
      const image = png(64, 64);
      await uploadFile(server.url, meena, image);
      const before = { rows: await stored(), files: filesUnder(dir), audit: await db.query('SELECT count(*)::int AS n FROM audit_log') };
      const again = await uploadFile(server.url, meena, image);
      expect(again).toMatchObject({ sent: 0, puts: 0, status: { state: 'complete', bytes: image.length, type: 'image/png' } });
      // Even a device that PUTs the whole file again gets a no-op 200.
      const put = await fetch(`${server.url}/api/attachments/${sha256(image)}`, {
        method: 'PUT', headers: { ...meena, 'content-type': 'application/octet-stream', 'content-range': contentRange(0, image.length, image.length) }, body: image,
      });
      expect(put.status).toBe(200);
      expect(UploadStatus.parse(await put.json())).toMatchObject({ state: 'complete', bytes: image.length });
      expect({ rows: await stored(), files: filesUnder(dir), audit: await db.query('SELECT count(*)::int AS n FROM audit_log') }).toEqual(before);
    });

    it('stores a file once when two kiosks send it; each kiosk must send the bytes itself before it may use it', async () => {
      const image = png(100, 100);
      await uploadFile(server.url, meena, image);
      const asha = bearer(await signIn(server, OTHER_KIOSK.id));
      const st = UploadStatus.parse(await (await server.get(`/api/attachments/${sha256(image)}/status`, asha)).json());
      expect(st).toEqual({ sha256: sha256(image), state: 'absent', received: 0 }); // knowing the hash is not enough

      // Asha's grievance naming Meena's file, without uploading it, is refused on `attachments`.
      const g = submission({ kioskCode: 'K2000001', operatorId: 'op.asha', attachments: [ref(image, 'image/png')] });
      const [refused] = await sync([g], asha);
      expect(refused).toMatchObject({ status: 'invalid', errors: [{ path: 'attachments', code: 'err.attachmentMissing' }] });

      const run = await uploadFile(server.url, asha, image);
      expect(run.sent).toBe(image.length);
      expect(filesUnder(dir)).toHaveLength(1); // still one file
      expect(await db.query('SELECT kiosk_code FROM attachment_holders ORDER BY kiosk_code')).toEqual([{ kiosk_code: 'K1023456' }, { kiosk_code: 'K2000001' }]);
      expect((await sync([g], asha))[0].status).toBe('created');
    });

    it('tells where an upload stands, and takes voice notes (webm, ogg) and WEBP photos too', async () => {
      const voice = ebml('webm', 600_000);
      const sha = sha256(voice);
      const status = async () => UploadStatus.parse(await (await server.get(`/api/attachments/${sha}/status`, meena)).json());
      expect(await status()).toEqual({ sha256: sha, state: 'absent', received: 0 });
      const first = await fetch(`${server.url}/api/attachments/${sha}`, {
        method: 'PUT', headers: { ...meena, 'content-type': 'audio/webm', 'content-range': contentRange(0, 262_144, voice.length) }, body: voice.subarray(0, 262_144),
      });
      expect(UploadStatus.parse(await first.json())).toEqual({ sha256: sha, state: 'partial', received: 262_144 });
      expect(await status()).toEqual({ sha256: sha, state: 'partial', received: 262_144 });
      expect((await uploadFile(server.url, meena, voice)).sent).toBe(voice.length - 262_144);
      expect(await status()).toMatchObject({ state: 'complete', type: 'audio/webm', bytes: voice.length });
      expect((await uploadFile(server.url, meena, ogg(1000))).status.type).toBe('audio/ogg');
      expect((await uploadFile(server.url, meena, webpHeader(1200, 1600))).status.type).toBe('image/webp');
    });

    it('resumes where it stopped after the connection drops mid-chunk; every byte arrives, about once', async () => {
      const doc = pdf(1_000_000);
      const sha = sha256(doc);
      const chunk = ATTACHMENT_LIMITS.chunkBytes;
      let sent = 0;
      // Two chunks go through; the third is cut off halfway by the network.
      for (const start of [0, chunk]) {
        const res = await fetch(`${server.url}/api/attachments/${sha}`, {
          method: 'PUT', headers: { ...meena, 'content-type': 'application/octet-stream', 'content-range': contentRange(start, start + chunk, doc.length) }, body: doc.subarray(start, start + chunk),
        });
        expect(res.status).toBe(200);
        sent += chunk;
      }
      sent += await dropMidBody(server.url, `/api/attachments/${sha}`, meena, doc.subarray(2 * chunk, 3 * chunk), contentRange(2 * chunk, 3 * chunk, doc.length));
      const st = UploadStatus.parse(await (await server.get(`/api/attachments/${sha}/status`, meena)).json());
      expect(st).toEqual({ sha256: sha, state: 'partial', received: 2 * chunk }); // only whole chunks count

      const rest = await uploadFile(server.url, meena, doc);
      sent += rest.sent;
      expect(rest.status).toMatchObject({ state: 'complete', bytes: doc.length });
      const overhead = sent / doc.length;
      console.log(`resumed upload after a mid-chunk drop: ${sent} bytes sent for ${doc.length} (overhead ${overhead.toFixed(3)}x)`);
      expect(overhead).toBeLessThan(1 + chunk / doc.length + 0.001); // at most the half chunk that was lost

      await sync([submission({ attachments: [ref(doc, 'application/pdf', 'khasra.pdf')] })]);
      expect(sha256(Buffer.from(await (await fetchBlob(sha, meena)).arrayBuffer()))).toBe(sha);
    });

    it('gets a file through a faulty network (resets, lost answers, 5xx) with the right hash and little overhead', async () => {
      const proxy = await startFaultProxy(server.url, {
        next: scripted(['ok', 'reset', 'ok', 'drop-after-commit', 'ok', '500', 'ok', '503', 'reset', 'ok', 'drop-after-commit']),
        faultPath: /^\/api\/attachments\//, faultMethods: ['PUT'],
      });
      try {
        const doc = pdf(2_500_000); // ~2.5 MB: 10 chunks
        const run = await uploadFile(proxy.url, meena, doc);
        expect(run.status).toMatchObject({ state: 'complete', bytes: doc.length, type: 'application/pdf' });
        const faults = proxy.applied.filter((f) => f !== 'ok');
        expect(faults).toEqual(['reset', 'drop-after-commit', '500', '503', 'reset', 'drop-after-commit']);
        const overhead = run.sent / doc.length;
        console.log(`upload through faults [${faults.join(', ')}]: ${run.puts} PUTs, ${run.sent} bytes sent for ${doc.length} (overhead ${overhead.toFixed(3)}x)`);
        // Lost answers cost nothing (the server kept the chunk); each reset or 5xx costs one chunk at most.
        const lossy = faults.filter((f) => f !== 'drop-after-commit').length;
        expect(run.sent).toBeLessThanOrEqual(doc.length + lossy * ATTACHMENT_LIMITS.chunkBytes);
        await sync([submission({ attachments: [ref(doc, 'application/pdf')] })]);
        const body = Buffer.from(await (await fetchBlob(sha256(doc), meena)).arrayBuffer());
        expect(body.equals(doc)).toBe(true);
        expect(await stored()).toHaveLength(1);
      } finally {
        await proxy.close();
      }
    });

    it('takes two devices uploading the same file at once, and a chunk sent twice at once', async () => {
      const image = png(300, 300);
      const otherDevice = bearer(await signIn(server, MEENA.id, undefined, 'ZZZZ9'));
      const [a, b] = await Promise.all([uploadFile(server.url, meena, image), uploadFile(server.url, otherDevice, image)]);
      expect([a.status.state, b.status.state]).toEqual(['complete', 'complete']);
      expect(await stored()).toHaveLength(1);
      expect(filesUnder(dir)).toHaveLength(1);

      const doc = pdf(400_000);
      const put = () => fetch(`${server.url}/api/attachments/${sha256(doc)}`, {
        method: 'PUT', headers: { ...meena, 'content-type': 'application/octet-stream', 'content-range': contentRange(0, 262_144, doc.length) }, body: doc.subarray(0, 262_144),
      });
      const answers = await Promise.all([put(), put(), put()]);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      expect((await uploadFile(server.url, meena, doc)).sent).toBe(doc.length - 262_144);
    });

    it('drops a device\'s own partial copy once another device of its kiosk has finished the file', async () => {
      const doc = pdf(600_000);
      const otherDevice = bearer(await signIn(server, MEENA.id, undefined, 'ZZZZ8'));
      const chunk = (auth: Record<string, string>, start: number, end: number) => fetch(`${server.url}/api/attachments/${sha256(doc)}`, {
        method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream', 'content-range': contentRange(start, end, doc.length) }, body: doc.subarray(start, end),
      });
      const before = filesUnder(dir).length;
      expect((await chunk(otherDevice, 0, 262_144)).status).toBe(200); // this device's copy begins…
      expect(filesUnder(dir)).toHaveLength(before + 1);
      await uploadFile(server.url, meena, doc); // …and the other device of the kiosk sends the whole file
      expect(filesUnder(dir)).toHaveLength(before + 2);
      const next = await chunk(otherDevice, 262_144, 524_288);
      expect(((await next.json()) as { state: string }).state).toBe('complete');
      expect(filesUnder(dir)).toHaveLength(before + 1); // the finished file stays, this device's partial went
    });

    describe('grievances that refer to attachments', () => {
      it('refuses only the record whose attachment is not on the server; the rest of the batch goes in', async () => {
        const image = png(50, 50);
        await uploadFile(server.url, meena, image);
        const missing = png(20, 20); // never uploaded
        const batch = [
          submission({ attachments: [ref(image, 'image/png')] }),
          submission({ attachments: [ref(image, 'image/png'), ref(missing, 'image/png')] }),
          submission(),
          submission({ attachments: [{ ...ref(image, 'image/png'), bytes: image.length + 1 }] }), // wrong size
          submission({ attachments: [{ ...ref(image, 'image/png'), type: 'image/jpeg', name: 'photo.jpg' }] }), // wrong type
        ];
        const results = await sync(batch);
        expect(results.map((r) => r.status)).toEqual(['created', 'invalid', 'created', 'invalid', 'invalid']);
        for (const i of [1, 3, 4]) {
          expect(results[i]).toMatchObject({ clientId: batch[i].clientId, errors: [{ path: 'attachments', code: 'err.attachmentMissing' }] });
          expect((results[i] as { errors: { messageHi: string }[] }).errors[0].messageHi).toMatch(/संलग्नक/);
        }
        expect(await db.query('SELECT count(*)::int AS n FROM grievance_attachments')).toEqual([{ n: 1 }]);
        // Once the device uploads the missing one, the same record goes in.
        await uploadFile(server.url, meena, missing);
        expect((await sync([batch[1]]))[0].status).toBe('created');
      });

      it('counts the attachments in the content hash: same list is a duplicate, another list a conflict, [] is none', async () => {
        const [x, y] = [png(30, 30), png(31, 31)];
        await uploadFile(server.url, meena, x);
        await uploadFile(server.url, meena, y);
        const g = submission({ attachments: [ref(x, 'image/png', 'a.png')] });
        const [created] = await sync([g]);
        expect(created.status).toBe('created');
        expect((await sync([g]))[0]).toEqual({ ...created, status: 'duplicate' });
        expect((await sync([{ ...g, attachments: [ref(y, 'image/png', 'a.png')] }]))[0].status).toBe('conflict');
        expect((await sync([{ ...g, attachments: [ref(x, 'image/png', 'b.png')] }]))[0].status).toBe('conflict');
        expect((await sync([{ ...g, attachments: [ref(x, 'image/png', 'a.png'), ref(y, 'image/png')] }]))[0].status).toBe('conflict');
        const plain = submission();
        const [p] = await sync([plain]);
        expect((await sync([{ ...plain, attachments: [] }]))[0]).toEqual({ ...p, status: 'duplicate' });
        expect(await db.query('SELECT count(*)::int AS n FROM grievance_attachments')).toEqual([{ n: 1 }]);
      });

      it('refuses more than 5 attachments, more than 10 MB in all, or one file twice, per record', async () => {
        const files = Array.from({ length: 6 }, (_, i) => png(10 + i, 10));
        const results = await sync([
          submission({ attachments: files.map((f) => ref(f, 'image/png')) }),
          submission({ attachments: Array.from({ length: 3 }, (_, i) => ({ sha256: String(i).repeat(64), bytes: 4 * 1024 * 1024, type: 'application/pdf' as const })) }),
          submission({ attachments: [ref(files[0], 'image/png'), ref(files[0], 'image/png')] }),
        ]);
        expect(results.map((r) => r.status === 'invalid' && r.errors.map((e) => `${e.path} ${e.code}`))).toEqual([
          ['attachments err.attachmentCount'], ['attachments err.attachmentsTotal'], ['attachments err.attachmentDuplicate'],
        ]);
      });

      it('lists each grievance\'s attachments in the export, in order, and [] when none', async () => {
        const [image, doc] = [png(40, 40), pdf(1000)];
        await uploadFile(server.url, meena, image);
        await uploadFile(server.url, meena, doc);
        const [g1, g2, g3] = [submission({ attachments: [ref(doc, 'application/pdf'), ref(image, 'image/png')] }), submission(), submission({ attachments: [ref(image, 'image/png')] })];
        await sync([g1, g2, g3]);
        const lines = new Map<string, unknown>();
        for await (const e of exportAll(db)) lines.set(e.clientId, e.attachments);
        expect(lines.get(g1.clientId)).toEqual([
          { sha256: sha256(doc), bytes: doc.length, type: 'application/pdf' }, { sha256: sha256(image), bytes: image.length, type: 'image/png' },
        ]);
        expect(lines.get(g2.clientId)).toEqual([]);
        expect(lines.get(g3.clientId)).toEqual([{ sha256: sha256(image), bytes: image.length, type: 'image/png' }]);
      });
    });

    describe('serving', () => {
      it('serves the sniffed type, inline for images and as a download otherwise, never cached or sniffed', async () => {
        const [image, doc, voice] = [png(20, 20), pdf(100), ogg(100)];
        for (const f of [image, doc, voice]) await uploadFile(server.url, meena, f);
        await sync([submission({ attachments: [ref(image, 'image/png'), ref(doc, 'application/pdf'), ref(voice, 'audio/ogg', 'आवाज़.ogg')] })]);
        const officer = bearer(await signIn(server, OFFICER.id));
        const reads = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'attachment.read' AND actor_id = $1`, [OFFICER.id]))[0].n;
        const readsBefore = await reads(); // the audit log is append-only, and PostgreSQL keeps it between runs
        for (const [f, type, disposition] of [[image, 'image/png', 'inline'], [doc, 'application/pdf', 'attachment'], [voice, 'audio/ogg', 'attachment']] as const) {
          const res = await fetchBlob(sha256(f), officer);
          expect(res.status).toBe(200);
          expect(res.headers.get('content-type')).toBe(type);
          expect(res.headers.get('content-length')).toBe(String(f.length));
          expect(res.headers.get('content-disposition')).toBe(`${disposition}; filename="${sha256(f).slice(0, 16)}.${type.split('/')[1].replace('mpeg', 'mp3')}"`);
          expect(res.headers.get('x-content-type-options')).toBe('nosniff');
          expect(res.headers.get('cache-control')).toBe('private, no-store');
          expect(res.headers.get('content-security-policy')).toContain('sandbox');
          expect(Buffer.from(await res.arrayBuffer()).equals(f)).toBe(true);
        }
        expect(await reads()).toBe(readsBefore + 3);
      });

      it('answers 404 to those who may not see it, the same as for a file that is not there', async () => {
        const image = png(20, 20);
        await uploadFile(server.url, meena, image);
        const admin = bearer(await signIn(server, ADMIN.id));
        const asha = bearer(await signIn(server, OTHER_KIOSK.id));
        // Uploaded, no grievance yet: only an admin may see it.
        expect((await fetchBlob(sha256(image), meena)).status).toBe(404);
        expect((await fetchBlob(sha256(image), admin)).status).toBe(200);
        await sync([submission({ attachments: [ref(image, 'image/png')] })]);
        expect((await fetchBlob(sha256(image), meena)).status).toBe(200);
        const refused = await fetchBlob(sha256(image), asha);
        const missing = await fetchBlob('0'.repeat(64), meena);
        expect([refused.status, missing.status]).toEqual([404, 404]);
        expect(await refused.json()).toEqual(await missing.json());
      });
    });

    describe('pruning', () => {
      it('removes blobs no grievance refers to once they are old enough, files without rows and stale partial uploads; --dry-run changes nothing', async () => {
        const [kept, orphan, fresh] = [png(20, 20), png(21, 21), png(22, 22)];
        for (const f of [kept, orphan]) await uploadFile(server.url, meena, f);
        await sync([submission({ attachments: [ref(kept, 'image/png')] })]);
        await db.query(`UPDATE attachments SET created_at = now() - interval '2 days'`);
        await uploadFile(server.url, meena, fresh);
        // A partial upload abandoned 2 days ago.
        const doc = pdf(600_000);
        await fetch(`${server.url}/api/attachments/${sha256(doc)}`, {
          method: 'PUT', headers: { ...meena, 'content-type': 'application/octet-stream', 'content-range': contentRange(0, 262_144, doc.length) }, body: doc.subarray(0, 262_144),
        });
        const [partial] = filesUnder(dir).filter((f) => f.startsWith('tmp'));
        const old = new Date(Date.now() - 2 * 86_400_000);
        await utimes(join(dir, partial), old, old);

        const blobs = createFsBlobStore(dir);
        const before = filesUnder(dir);
        const cutoff = new Date(Date.now() - 86_400_000);
        const dry = await pruneAttachments(db, blobs, { before: cutoff, dryRun: true });
        expect(dry).toEqual({ blobs: [{ sha256: sha256(orphan), bytes: orphan.length }], orphanFiles: [], partials: 1 });
        expect(filesUnder(dir)).toEqual(before);
        expect(await stored()).toHaveLength(3);

        const done = await pruneAttachments(db, blobs, { before: cutoff, dryRun: false });
        expect(done).toEqual(dry);
        expect((await stored()).map((s) => s.sha256).sort()).toEqual([sha256(kept), sha256(fresh)].sort());
        expect(filesUnder(dir)).toEqual(before.filter((f) => !f.endsWith(sha256(orphan)) && f !== partial));
        expect((await fetchBlob(sha256(kept), meena)).status).toBe(200);
      });
    });
  });
}

/** A fixed list of faults, then none. */
const scripted = (faults: Fault[]) => () => faults.shift() ?? 'ok';

/** Sends the headers and half of `chunk`, then cuts the connection; answers the body bytes sent. */
function dropMidBody(base: string, path: string, headers: Record<string, string>, chunk: Buffer, range: string): Promise<number> {
  return new Promise((resolve) => {
    const url = new URL(base + path);
    const req = http.request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'PUT',
      headers: { ...headers, 'content-type': 'application/octet-stream', 'content-range': range, 'content-length': String(chunk.length) },
    });
    req.on('error', () => undefined);
    const half = chunk.subarray(0, chunk.length >> 1);
    req.write(half, () => setTimeout(() => {
      req.destroy();
      setTimeout(() => resolve(half.length), 100); // let the server notice
    }, 50));
  });
}
