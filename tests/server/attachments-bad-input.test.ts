/**
 * Bad attachment input: files that lie about their type, zero-byte files, a hash that does not match,
 * chunks out of place, totals over the limit, decompression bombs, corrupt images, path characters in the
 * hash and in names. Each is refused with a 4xx ApiError carrying a message key in English and Hindi,
 * and nothing is stored: no row, no file, no partial upload left behind. Then fast-check throws random
 * requests at the upload route.
 */
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, contentRange, UploadStatus } from '../../src/domain/attachments';
import { ApiError, SyncResponse } from '../../src/domain/schemas';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { filesUnder, IMPOSTORS, jpegHeader, pdf, png, sha256, uploadFile, webpHeader } from './attachment-files';
import { submission } from './fixtures';
import { operatorHeaders, resetGrievances, startServer, type TestServer } from './harness';

describe('attachments: bad input', () => {
  let db: Db;
  let dir: string;
  let server: TestServer;
  let meena: Record<string, string>;

  beforeAll(async () => {
    db = await openMemoryDb();
    dir = await mkdtemp(join(tmpdir(), 'sampark-attachments-bad-'));
    server = await startServer({ db, attachmentsDir: dir, security: { apiPerSessionPerMin: 1e6, apiPerAddressPerMin: 1e6 } });
    meena = await operatorHeaders(server, db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await resetGrievances(db);
    await db.exec('DELETE FROM attachments');
    await rm(dir, { recursive: true, force: true });
  });

  const put = (sha: string, body: Uint8Array, range: string | undefined, contentType = 'application/octet-stream', headers = meena) =>
    fetch(`${server.url}/api/attachments/${sha}`, {
      method: 'PUT', body,
      headers: { ...headers, 'content-type': contentType, ...(range !== undefined && { 'content-range': range }) },
    });
  const whole = (bytes: Buffer, contentType?: string, sha = sha256(bytes)) => put(sha, bytes, bytes.length ? contentRange(0, bytes.length, bytes.length) : 'bytes 0-0/0', contentType);
  const nothingStored = async () => {
    expect(await db.query('SELECT sha256 FROM attachments')).toEqual([]);
    expect(filesUnder(dir)).toEqual([]);
  };
  /** A 4xx ApiError with this key, in English and Hindi. */
  const refused = async (res: Response, status: number, key: string) => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    const error = ApiError.parse(JSON.parse(text));
    expect(error.error).toBe(key);
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.messageHi).toMatch(/[\u0900-\u097F]/);
    expect(error.message).not.toBe(error.messageHi);
  };

  describe('files that are not what they claim', () => {
    for (const [what, bytes] of Object.entries(IMPOSTORS)) {
      it(`refuses ${what} content, whatever Content-Type it is sent as`, async () => {
        for (const type of ['application/octet-stream', 'image/png', 'application/pdf']) await refused(await whole(bytes, type), 415, 'err.attachmentType');
        await nothingStored();
      });
    }

    it('refuses PNG bytes declared as a PDF, and a PDF declared as a JPEG', async () => {
      await refused(await whole(png(10, 10), 'application/pdf'), 415, 'err.attachmentType');
      await refused(await whole(pdf(10), 'image/jpeg'), 415, 'err.attachmentType');
      await nothingStored();
    });

    it('refuses, in a grievance, a PNG named .pdf, and names with path characters', async () => {
      const image = png(10, 10);
      await uploadFile(server.url, meena, image);
      const names = ['bill.pdf', '../../etc/passwd.png', '..\\..\\boot.png', 'a/b.png', 'C:\\photo.png', 'nul\u0000.png', 'line\nbreak.png', '.htaccess', 'x'.repeat(101) + '.png', ''];
      const res = await server.post('/api/sync/grievances', {
        grievances: names.map((name) => submission({ attachments: [{ sha256: sha256(image), bytes: image.length, type: 'image/png', name }] })),
      }, meena);
      expect(res.status).toBe(200);
      const { results } = SyncResponse.parse(await res.json());
      for (const r of results) {
        expect(r.status).toBe('invalid');
        if (r.status === 'invalid') expect(r.errors.map((e) => `${e.path} ${e.code}`)).toEqual(['attachments.0.name err.attachmentName']);
      }
      expect(await db.query('SELECT count(*)::int AS n FROM grievances')).toEqual([{ n: 0 }]);
      expect(await db.query('SELECT count(*)::int AS n FROM grievance_attachments')).toEqual([{ n: 0 }]);
    });
  });

  describe('sizes and ranges', () => {
    it('refuses a zero-byte file', async () => {
      await refused(await put(sha256(Buffer.alloc(0)), Buffer.alloc(0), 'bytes 0-0/0'), 400, 'err.attachmentEmpty');
      await refused(await put(sha256(Buffer.alloc(0)), Buffer.alloc(0), undefined), 400, 'err.attachmentEmpty');
      const res = await server.post('/api/sync/grievances', { grievances: [submission({ attachments: [{ sha256: sha256(Buffer.alloc(0)), bytes: 0, type: 'image/png' }] })] }, meena);
      expect(SyncResponse.parse(await res.json()).results[0]).toMatchObject({ status: 'invalid', errors: [{ path: 'attachments.0.bytes', code: 'err.attachmentEmpty' }] });
      await nothingStored();
    });

    it('refuses a file whose bytes do not match its SHA-256, and drops what it had received', async () => {
      const doc = pdf(400_000);
      const wrong = sha256(Buffer.from('something else'));
      expect((await put(wrong, doc.subarray(0, 262_144), contentRange(0, 262_144, doc.length))).status).toBe(200);
      expect(filesUnder(dir)).toHaveLength(1); // the partial upload
      await refused(await put(wrong, doc.subarray(262_144), contentRange(262_144, doc.length, doc.length)), 422, 'err.attachmentHash');
      await nothingStored();
      expect(await db.query(`SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'attachment.refused'`)).toEqual([{ reason: 'hash' }]);
    });

    it('refuses malformed ranges, a chunk past the total, and a body that is not the range it says', async () => {
      const doc = pdf(1000);
      const sha = sha256(doc);
      for (const range of [undefined, '', 'bytes=0-99/1000', 'bytes 0-99/*', 'bytes 100-50/1000', 'bytes 0-1000/1000', 'bytes 0-1999/1000', 'bytes -1-99/1000', 'items 0-99/1000', `bytes 0-${doc.length - 1}/${doc.length} `.repeat(2)]) {
        await refused(await put(sha, doc, range), 400, 'err.attachmentRange');
      }
      await refused(await put(sha, doc.subarray(0, 500), contentRange(0, 600, doc.length)), 400, 'err.attachmentRange'); // fewer bytes than said
      await refused(await put(sha, doc.subarray(0, 10), contentRange(0, 10, doc.length)), 400, 'err.attachmentRange'); // too short to tell the type
      await nothingStored();
    });

    it('refuses a total above the limit: the largest of any type, or the one for the sniffed type', async () => {
      const doc = pdf(1000);
      await refused(await put(sha256(doc), doc, contentRange(0, doc.length, ATTACHMENT_LIMITS.maxBytes + 1)), 413, 'err.attachmentTooLarge');
      const image = png(10, 10);
      await refused(await put(sha256(image), image, contentRange(0, image.length, 2 * 1024 * 1024)), 413, 'err.attachmentTooLarge'); // photos: 1 MB
      const big = png(600, 600); // a real 1.08 MB PNG: the whole file is checked too
      expect(big.length).toBeGreaterThan(1024 * 1024);
      const run = uploadFile(server.url, meena, big);
      await expect(run).rejects.toThrow(/413.*err\.attachmentTooLarge/);
      await refused(await put(sha256(doc), Buffer.alloc(ATTACHMENT_LIMITS.chunkBytes + 1, 1), contentRange(0, ATTACHMENT_LIMITS.chunkBytes + 1, 4 * 1024 * 1024)), 413, 'api.tooLarge');
      await nothingStored();
    });

    it('refuses a chunk that leaves a gap; keeps what it had', async () => {
      const doc = pdf(700_000);
      const sha = sha256(doc);
      expect((await put(sha, doc.subarray(0, 262_144), contentRange(0, 262_144, doc.length))).status).toBe(200);
      await refused(await put(sha, doc.subarray(524_288, 600_000), contentRange(524_288, 600_000, doc.length)), 409, 'err.attachmentOffset');
      expect(UploadStatus.parse(await (await server.get(`/api/attachments/${sha}/status`, meena)).json())).toMatchObject({ state: 'partial', received: 262_144 });
      expect((await uploadFile(server.url, meena, doc)).status.state).toBe('complete');
    });

    it('refuses a chunk that overlaps with different bytes, or changes the total, and starts the upload again', async () => {
      const doc = pdf(700_000);
      const sha = sha256(doc);
      expect((await put(sha, doc.subarray(0, 262_144), contentRange(0, 262_144, doc.length))).status).toBe(200);
      const tampered = Buffer.from(doc.subarray(100_000, 362_144));
      tampered[5] ^= 0xff;
      await refused(await put(sha, tampered, contentRange(100_000, 362_144, doc.length)), 409, 'err.attachmentOverlap');
      expect(filesUnder(dir)).toEqual([]); // dropped
      // An exact repeat of bytes it has is fine (a lost answer, sent again).
      expect((await put(sha, doc.subarray(0, 262_144), contentRange(0, 262_144, doc.length))).status).toBe(200);
      expect((await put(sha, doc.subarray(0, 262_144), contentRange(0, 262_144, doc.length))).status).toBe(200);
      // A smaller total than the bytes already received.
      await refused(await put(sha, doc.subarray(0, 1000), contentRange(0, 1000, 200_000)), 409, 'err.attachmentOverlap');
      await nothingStored();
    });
  });

  describe('images', () => {
    const bombs: Record<string, Buffer> = {
      'a PNG claiming 50,000 × 50,000': png(4, 4, { declared: { width: 50_000, height: 50_000 } }),
      'a PNG claiming 13,000 × 10 (too wide)': png(4, 4, { declared: { width: 13_000, height: 10 } }),
      'a PNG claiming 8,000 × 8,000 (64 MP)': png(4, 4, { declared: { width: 8_000, height: 8_000 } }),
      'a JPEG claiming 20,000 × 20,000': jpegHeader(20_000, 20_000),
      'a WEBP claiming 16,000 × 16,000': webpHeader(16_000, 16_000),
    };
    for (const [what, bytes] of Object.entries(bombs)) {
      it(`refuses ${what} (a decompression bomb)`, async () => {
        await refused(await whole(bytes), 422, 'err.attachmentDimensions');
        await nothingStored();
      });
    }

    it('takes images within the limits (6,000 × 6,000 = 36 MP is fine)', async () => {
      for (const bytes of [jpegHeader(1600, 1200), webpHeader(6000, 6000), png(4, 4, { declared: { width: 6000, height: 6000 } })]) {
        expect((await whole(bytes)).status).toBe(200);
      }
    });

    it('refuses corrupt images: truncated, IHDR not first, no frame header', async () => {
      const image = png(50, 50);
      const truncated = image.subarray(0, image.length - 20);
      const ihdrLater = Buffer.concat([image.subarray(0, 8), Buffer.from([0, 0, 0, 0]), Buffer.from('tEXt'), Buffer.from([0, 0, 0, 0]), image.subarray(8)]);
      const jpegNoFrame = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08]), Buffer.alloc(100, 7), Buffer.from([0xff, 0xd9])]);
      const jpegNoEnd = jpegHeader(100, 100).subarray(0, 60);
      for (const bytes of [truncated, ihdrLater, jpegNoFrame, jpegNoEnd]) await refused(await whole(bytes), 422, 'err.attachmentCorrupt');
      await nothingStored();
    });
  });

  describe('the hash in the path', () => {
    for (const bad of ['..%2F..%2Fetc%2Fpasswd', '..%5C..%5Cwindows', 'A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), `${'a'.repeat(63)}%00`, `${'a'.repeat(32)}%2F${'a'.repeat(31)}`, 'g'.repeat(64)]) {
      it(`refuses ${decodeURIComponent(bad).slice(0, 30).replace('\u0000', '\\0')}… on every route`, async () => {
        const body = png(10, 10);
        for (const res of [
          await put(bad, body, contentRange(0, body.length, body.length)),
          await server.get(`/api/attachments/${bad}/status`, meena),
          await server.get(`/api/attachments/${bad}`, meena),
        ]) await refused(res, 400, 'err.attachmentId');
        await nothingStored();
      });
    }
  });

  it('refuses a JSON body and other media types on the upload, and raw bytes on JSON routes', async () => {
    const image = png(10, 10);
    await refused(await put(sha256(image), Buffer.from('{"a":1}'), contentRange(0, 7, 7), 'application/json'), 415, 'api.mediaType');
    await refused(await put(sha256(image), image, contentRange(0, image.length, image.length), 'text/html'), 415, 'api.mediaType');
    await refused(await put(sha256(image), image, contentRange(0, image.length, image.length), 'multipart/form-data; boundary=x'), 415, 'api.mediaType');
    const res = await fetch(`${server.url}/api/sync/grievances`, { method: 'POST', headers: { ...meena, 'content-type': 'application/octet-stream' }, body: image });
    await refused(res, 415, 'api.mediaType');
    await nothingStored();
  });

  it('answers random uploads (bytes, ranges, hashes, media types) with a 4xx ApiError or an honest partial, never a 500, and completes nothing', async () => {
    const head = fc.constantFrom(png(8, 8).subarray(0, 64), pdf(0).subarray(0, 64), Buffer.alloc(64), IMPOSTORS.html.subarray(0, 64), jpegHeader(9, 9).subarray(0, 64));
    const body = fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.tuple(head, fc.uint8Array({ maxLength: 2000 })).map(([h, rest]) => Buffer.concat([h, rest])));
    const num = fc.oneof(fc.nat({ max: 7_000_000 }), fc.constantFrom(0, 1, 63, 64, 262_144, 262_145, 5_242_880, 5_242_881, 999_999_999_999));
    const range = fc.oneof(
      fc.tuple(num, num, num).map(([a, b, t]) => `bytes ${a}-${b}/${t}`),
      fc.string({ maxLength: 40 }),
      fc.constant(undefined),
    );
    const sha = fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string({ maxLength: 70 }).map(encodeURIComponent));
    const type = fc.constantFrom('application/octet-stream', 'image/png', 'image/jpeg', 'application/pdf', 'audio/webm', 'application/json', 'text/plain', 'image/svg+xml');
    await fc.assert(fc.asyncProperty(sha, body, range, type, async (s, b, r, t) => {
      const res = await fetch(`${server.url}/api/attachments/${s}`, {
        method: 'PUT', body: b, headers: { ...meena, 'content-type': t, ...(r !== undefined && { 'content-range': r.replace(/[\r\n]/g, '') }) },
      }).catch(() => null);
      if (!res) return; // a header fetch itself refuses to send
      const text = await res.text();
      expect(res.status, text).toBeLessThan(500);
      if (res.status === 200) expect(UploadStatus.parse(JSON.parse(text)).state).toBe('partial');
      else if (res.status !== 404) expect(ApiError.safeParse(JSON.parse(text)).success, text).toBe(true);
    }), { numRuns: 300 });
    expect(await db.query('SELECT sha256 FROM attachments')).toEqual([]);
    expect(filesUnder(dir).every((f) => f.startsWith('tmp'))).toBe(true);
  });
});
