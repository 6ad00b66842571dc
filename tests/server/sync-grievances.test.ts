/** POST /api/sync/grievances: each grievance stored exactly once, whatever the device resends. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DISTRICTS } from '../../src/domain/reference';
import { parseGrievanceNumber } from '../../src/domain/numbers';
import { SyncResponse, type GrievanceSubmission, type SyncResult } from '../../src/domain/schemas';
import type { Db } from '../../server/store/db';
import { submission, submissions } from './fixtures';
import { BACKENDS, countGrievances, operatorHeaders, resetGrievances, startServer, type TestServer, syncBatch } from './harness';

const NOW = new Date('2026-11-28T12:00:00.000Z');

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`sync of grievances on ${backend.name}`, () => {
    let db: Db;
    let server: TestServer;
    let auth: Record<string, string>;

    beforeAll(async () => {
      db = await backend.open();
      // Wide enough for the concurrency tests below; shedding itself is tested in security.test.ts.
      server = await startServer({ db, clock: () => NOW, security: { syncMaxInFlight: 64 } });
      auth = await operatorHeaders(server, db);
    });
    afterAll(async () => {
      await server?.close();
      await db?.close();
    });
    beforeEach(() => resetGrievances(db));

    const sync = (grievances: unknown[]): Promise<SyncResult[]> => syncBatch(server, grievances, auth);
    const storedRow = async (clientId: string) =>
      (await db.query<Record<string, unknown>>('SELECT * FROM grievances WHERE client_id = $1', [clientId]))[0];

    it('registers a new grievance with a valid official number', async () => {
      const g = submission({ districtCode: 'kota' });
      const [r] = await sync([g]);
      expect(r).toMatchObject({ clientId: g.clientId, status: 'created', receivedAt: NOW.toISOString() });
      const number = (r as { number: string }).number;
      expect(parseGrievanceNumber(number)).toBe(number); // 13 digits, Verhoeff check digit
      expect(number.slice(0, 4)).toBe(`26${String(DISTRICTS.findIndex((d) => d.code === 'kota') + 1).padStart(2, '0')}`);
      const row = await storedRow(g.clientId);
      expect(row).toMatchObject({ number, receipt_number: g.receiptNumber, district_code: 'kota', status: 'registered', reopen_count: 0, outcome: null });
      expect((row.created_at as Date).toISOString()).toBe(new Date(g.createdAt).toISOString());
    });

    it('answers a resend with the same number and receivedAt (duplicate) and stores nothing new', async () => {
      const g = submission();
      const [first] = await sync([g]);
      // The device resends the same record, with its keys in another order.
      const reordered = Object.fromEntries(Object.entries(g).reverse());
      const [again] = await sync([reordered]);
      expect(again).toEqual({ ...first, status: 'duplicate' });
      expect(await countGrievances(db)).toBe(1);
    });

    it('stores one row for 20 concurrent POSTs of the same clientId, and all 20 answers carry its number', async () => {
      const g = submission();
      const answers = await Promise.all(Array.from({ length: 20 }, () => sync([g])));
      const results = answers.map(([r]) => r);
      expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(19);
      const numbers = new Set(results.map((r) => (r as { number: string }).number));
      expect(numbers.size).toBe(1);
      expect(await countGrievances(db)).toBe(1);
      expect((await storedRow(g.clientId)).number).toBe([...numbers][0]);
    });

    it('gives each of 20 concurrent batches of distinct grievances its own numbers', async () => {
      const batches = Array.from({ length: 20 }, () => submissions(5));
      const answers = await Promise.all(batches.map((b) => sync(b)));
      const numbers = answers.flat().map((r) => (r as { number: string }).number);
      expect(answers.flat().every((r) => r.status === 'created')).toBe(true);
      expect(new Set(numbers).size).toBe(100);
      expect(await countGrievances(db)).toBe(100);
    });

    it('in a mixed batch stores the good records and answers the invalid and conflicting ones, changing nothing else', async () => {
      const existing = submission();
      const [stored] = await sync([existing]);
      const before = await storedRow(existing.clientId);

      const good1 = submission();
      const bad = { ...submission(), mobile: '12345' };
      const conflicting: GrievanceSubmission = { ...existing, description: 'एक बिल्कुल अलग शिकायत का विवरण यहाँ है।' };
      const good2 = submission();
      const results = await sync([good1, bad, conflicting, good2, existing]);

      expect(results.map((r) => r.status)).toEqual(['created', 'invalid', 'conflict', 'created', 'duplicate']);
      expect(results[1]).toMatchObject({ clientId: bad.clientId, errors: [{ path: 'mobile', code: 'err.mobile' }] });
      expect(results[2]).toMatchObject({ clientId: existing.clientId, number: (stored as { number: string }).number });
      expect((results[2] as { messageHi: string }).messageHi).toMatch(/[\u0900-\u097F]/);
      expect(await countGrievances(db)).toBe(3);
      expect(await storedRow(bad.clientId)).toBeUndefined();
      expect(await storedRow(existing.clientId)).toEqual(before);
    });

    it('answers a clientId repeated within one batch from the first occurrence', async () => {
      const g = submission();
      const results = await sync([g, g, { ...g, description: 'वही पहचान पर अलग सामग्री वाला विवरण।' }]);
      expect(results.map((r) => r.status)).toEqual(['created', 'duplicate', 'conflict']);
      expect(new Set(results.map((r) => (r as { number: string }).number)).size).toBe(1);
      expect(await countGrievances(db)).toBe(1);
    });

    it('names every problem of an invalid record, unknown fields included, and keeps its clientId', async () => {
      const g = { ...submission(), pin: '110001', consent: false, colour: 'blue' } as Record<string, unknown>;
      delete g.name;
      const [r] = await sync([g]);
      expect(r.status).toBe('invalid');
      expect(r.clientId).toBe(g.clientId);
      const errors = (r as Extract<SyncResult, { status: 'invalid' }>).errors;
      expect(errors.map((e) => [e.path, e.code]).sort()).toEqual(
        [['colour', 'err.unknownField'], ['consent', 'err.consent'], ['name', 'err.required'], ['pin', 'err.pin']].sort(),
      );
      expect(errors.every((e) => e.message && /[\u0900-\u097F]/.test(e.messageHi))).toBe(true);
      expect(await countGrievances(db)).toBe(0);
    });

    it('answers a record that is not even an object as invalid with a null clientId', async () => {
      const good = submission();
      const results = await sync([42, good]);
      expect(results[0]).toMatchObject({ clientId: null, status: 'invalid' });
      expect(results[1]).toMatchObject({ clientId: good.clientId, status: 'created' });
    });

    it('takes a full batch of 100 in one request', async () => {
      const results = await sync(submissions(100));
      expect(results.every((r) => r.status === 'created')).toBe(true);
      expect(await countGrievances(db)).toBe(100);
    });
  });
}
