import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { registerGrievance } from '../../src/db/grievances';
import { replay } from '../../src/sync/replay';
import { backoffDelay, parseRetryAfter, judgeResponse, BACKOFF_BASE_MS, BACKOFF_CAP_MS, BACKOFF_FLOOR_MS } from '../../src/sync/policy';
import { parseIntake } from '../../src/domain/intake';
import type { IntakeFields } from '../../src/domain/schemas';
import { fakeServer, OPERATOR, seedSession } from './fake-server';

const fields = (i: number): IntakeFields => {
  const r = parseIntake({ name: `परिवादी ${'क'.repeat(i % 5 + 1)}`, mobile: `98765${String(i).padStart(5, '0')}`, areaType: 'rural',
    districtCode: 'ajmer', departmentCode: 'energy', description: `गाँव में बिजली नहीं आ रही है, शिकायत क्रमांक ${i}`, consent: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const register = (i: number) => registerGrievance(fields(i), { kioskCode: OPERATOR.kioskCode, operatorId: OPERATOR.id, lang: 'hi' });

const states = async () => (await db.outbox.toArray()).map((r) => r.state);
let clock = 1_000_000;
const now = () => clock;

beforeEach(async () => {
  await db.delete();
  await db.open();
  await seedSession(); // an operator of kiosk K1023456 is signed in (tests/unit/auth.test.ts covers sign-in)
  clock = 1_000_000;
});

describe('outbox', () => {
  describe('register', () => {
    it('saves payload, outbox row and receipt sequence together', async () => {
      const item = await register(1);
      expect(item.state).toBe('saved');
      expect(item.receiptNumber).toMatch(/^K1023456-\d{6}-[0-9A-Z]{5}-0001$/);
      expect(await db.grievances.get(item.clientId)).toBeTruthy();
    });
    it('gives unique receipt numbers to concurrent registrations (two tabs) and after a reopen (reload)', async () => {
      const a = await Promise.all(Array.from({ length: 25 }, (_, i) => register(i)));
      db.close();
      await db.open();
      const b = await Promise.all(Array.from({ length: 25 }, (_, i) => register(100 + i)));
      const receipts = [...a, ...b].map((x) => x.receiptNumber);
      expect(new Set(receipts).size).toBe(50);
      expect(receipts.map((r) => Number(r.split('-')[3])).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });
  });

  describe('replay', () => {
    it('sends every saved grievance once, in batches, and records the official numbers', async () => {
      for (let i = 0; i < 250; i++) await register(i);
      const server = fakeServer();
      const r = await replay('manual', { fetch: server.fetch, now });
      expect(r).toMatchObject({ requests: 3, synced: 250, waiting: 0 });
      expect(server.stored.size).toBe(250);
      const rows = await db.outbox.toArray();
      expect(rows.every((x) => x.state === 'synced' && x.number === JSON.parse(JSON.stringify(server.stored.get(x.clientId)!.number)))).toBe(true);
    });

    it('retries a lost answer at once, once, and the server keeps each grievance once', async () => {
      for (let i = 0; i < 3; i++) await register(i);
      const server = fakeServer(['lost-after-commit']);
      const r = await replay('timer', { fetch: server.fetch, now, random: () => 0.5 });
      expect(r).toMatchObject({ synced: 3, requests: 1, waiting: 0 });
      expect(r.error).toBeUndefined();
      expect(server.stored.size).toBe(3);
      expect(await states()).toEqual(['synced', 'synced', 'synced']);
    });

    it('sends each grievance once when the response is lost after commit (twice in a row: backs off)', async () => {
      for (let i = 0; i < 3; i++) await register(i);
      const server = fakeServer(['lost-after-commit', 'lost-after-commit']);
      const first = await replay('manual', { fetch: server.fetch, now, random: () => 0.5 });
      expect(first.error?.key).toBe('net');
      expect(await states()).toEqual(['saved', 'saved', 'saved']);
      expect(server.stored.size).toBe(3); // the server did commit
      const second = await replay('manual', { fetch: server.fetch, now });
      expect(second.synced).toBe(3);
      expect(server.stored.size).toBe(3);
      const numbers = (await db.outbox.toArray()).map((r) => r.number);
      expect(numbers).toEqual([...server.stored.values()].map((v) => v.number));
    });

    it('keeps everything on 5xx and network failure, backs off, and later sends it', async () => {
      for (let i = 0; i < 5; i++) await register(i);
      const server = fakeServer(['500', 'network', 'network']); // a lost connection is retried once at once
      const r1 = await replay('manual', { fetch: server.fetch, now, random: () => 1 });
      expect(r1).toMatchObject({ synced: 0, waiting: 5, error: { key: 'server' } });
      const row = (await db.outbox.toArray())[0];
      expect(row.attempts).toBe(1);
      expect(row.nextAttemptAt).toBe(clock + BACKOFF_BASE_MS);
      // A timer during the backoff does nothing; an urgent trigger ignores it.
      expect((await replay('timer', { fetch: server.fetch, now })).skipped).toBe('backoff');
      expect(server.log).toHaveLength(1);
      const r2 = await replay('online', { fetch: server.fetch, now, random: () => 1 });
      expect(r2.error?.key).toBe('net');
      expect((await db.outbox.toArray())[0].nextAttemptAt).toBe(clock + 2 * BACKOFF_BASE_MS); // second attempt: doubled ceiling
      clock += 2 * BACKOFF_BASE_MS;
      expect((await replay('timer', { fetch: server.fetch, now })).synced).toBe(5);
    });

    it('honours Retry-After as the least wait', async () => {
      await register(1);
      const server = fakeServer(['503-retry']);
      await replay('manual', { fetch: server.fetch, now, random: () => 0 });
      expect((await db.outbox.toArray())[0].nextAttemptAt).toBe(clock + 120_000);
    });

    it('never takes an unexpected answer as success', async () => {
      await register(1);
      const server = fakeServer(['garbage']);
      const r = await replay('manual', { fetch: server.fetch, now });
      expect(r.error?.key).toBe('badResponse');
      expect(await states()).toEqual(['saved']);
    });

    it('puts invalid and conflicting records in Needs attention without blocking the rest', async () => {
      const good = await register(1);
      const bad = await register(2);
      const clash = await register(3);
      await db.grievances.update(bad.clientId, { 'submission.description': 'INVALID on the server' } as never);
      const server = fakeServer();
      // The server already holds `clash` with other content.
      server.stored.set(clash.clientId, { number: '2601000000019', body: 'other' });
      const r = await replay('manual', { fetch: server.fetch, now });
      expect(r).toMatchObject({ synced: 1, attention: 2, waiting: 0 });
      const rows = Object.fromEntries((await db.outbox.toArray()).map((x) => [x.clientId, x]));
      expect(rows[good.clientId].state).toBe('synced');
      expect(rows[bad.clientId]).toMatchObject({ state: 'attention', lastError: { key: 'invalid' } });
      expect(rows[clash.clientId]).toMatchObject({ state: 'attention', lastError: { key: 'conflict' } });
    });

    it('quarantines a record corrupted in IndexedDB instead of crashing', async () => {
      const a = await register(1);
      await register(2);
      await db.grievances.put({ clientId: a.clientId, submission: { clientId: a.clientId, junk: true } as never });
      const server = fakeServer();
      const r = await replay('manual', { fetch: server.fetch, now });
      expect(r).toMatchObject({ synced: 1, attention: 1 });
      expect((await db.outbox.get(a.clientId))?.lastError?.key).toBe('corrupt');
      expect(server.log[0].ids).not.toContain(a.clientId);
    });

    it('resumes records left "sending" by a replay that died', async () => {
      const a = await register(1);
      await db.outbox.update(a.clientId, { state: 'sending' });
      const r = await replay('sw-start', { fetch: fakeServer().fetch, now });
      expect(r.synced).toBe(1);
    });

    it('halves the batch when the server says the request is too large', async () => {
      for (let i = 0; i < 4; i++) await register(i);
      const server = fakeServer(['413']);
      const r = await replay('manual', { fetch: server.fetch, now, batchSize: 4 });
      expect(r.synced).toBe(4);
      expect(server.log.map((l) => l.ids.length)).toEqual([4, 2, 2]);
    });

    it('runs one replay at a time: concurrent triggers never send a record twice', async () => {
      for (let i = 0; i < 30; i++) await register(i);
      const server = fakeServer();
      await Promise.all([replay('manual', { fetch: server.fetch, now, batchSize: 7 }), replay('online', { fetch: server.fetch, now, batchSize: 7 }), replay('sync', { fetch: server.fetch, now, batchSize: 7 })]);
      const sent = server.log.flatMap((l) => l.ids);
      expect(sent).toHaveLength(30);
      expect(new Set(sent).size).toBe(30);
    });

    it('drops the sealed Aadhaar from the device once the server confirms the grievance', async () => {
      const f = { ...fields(1), aadhaarLast4: '2346', aadhaarSealed: 'c2VhbGVkLWJ5LXRoZS1zZXJ2ZXIta2V5' };
      const item = await registerGrievance(f, { kioskCode: OPERATOR.kioskCode, operatorId: OPERATOR.id, lang: 'hi' });
      await replay('manual', { fetch: fakeServer().fetch, now });
      const kept = (await db.grievances.get(item.clientId))!.submission;
      expect(kept.aadhaarSealed).toBeUndefined();
      expect(kept.aadhaarLast4).toBe('2346');
    });
  });

  describe('policy', () => {
    it('backoff is full jitter under a capped exponential ceiling', () => {
      expect(backoffDelay(1, () => 0.999)).toBeLessThan(BACKOFF_BASE_MS);
      expect(backoffDelay(3, () => 0.999)).toBeLessThan(4 * BACKOFF_BASE_MS);
      expect(backoffDelay(3, () => 0.5)).toBe(2 * BACKOFF_BASE_MS);
      expect(backoffDelay(30, () => 0.999)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
      expect(backoffDelay(30, () => 0)).toBe(BACKOFF_FLOOR_MS);
      // A server's Retry-After is a floor the draw cannot go under.
      expect(backoffDelay(1, () => 0, 2_000)).toBe(2_000);
    });
    it('reads Retry-After in seconds or as a date', () => {
      expect(parseRetryAfter('7', 0)).toBe(7_000);
      expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
      expect(parseRetryAfter('soon', 0)).toBeUndefined();
    });
    it('a 2xx whose results do not match the batch is transient, not success', () => {
      expect(judgeResponse(200, { results: [] }, ['A']).kind).toBe('transient');
      expect(judgeResponse(400, { message: 'm', messageHi: 'h' }, ['A'])).toEqual({ kind: 'rejected', error: { key: 'rejected', message: 'm', messageHi: 'h' } });
      expect(judgeResponse(429, {}, ['A'], 3000)).toMatchObject({ kind: 'transient', retryAfterMs: 3000 });
      // 403: the account may not send (its role): retrying cannot help, a person must act.
      expect(judgeResponse(403, { error: 'auth.forbidden', message: 'm', messageHi: 'h' }, ['A'])).toEqual({ kind: 'rejected', error: { key: 'auth.forbidden', message: 'm', messageHi: 'h' } });
    });
  });
});
