/**
 * The device's replay (src/sync/replay.ts, on fake-indexeddb in Node) against the real server behind the
 * fault proxy: each fault alone, each against a batch that mixes good, invalid and conflicting records.
 * Whatever the fault, the good records end on the server exactly once with the numbers the device shows,
 * and the bad ones are set aside with their reason without holding the others back.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openMemoryDb } from '../support/pglite-template';
import type { Db } from '../../server/store/db';
import { addAccount, bearer, MEENA, PASSWORD, signIn as serverSignIn, startServer, type TestServer } from './harness';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import { db } from '../../src/db/db';
import { registerGrievance } from '../../src/db/grievances';
import { signIn } from '../../src/sync/auth';
import { replay } from '../../src/sync/replay';
import { parseIntake } from '../../src/domain/intake';
import type { IntakeFields } from '../../src/domain/schemas';

const fields = (i: number): IntakeFields => {
  const r = parseIntake({ name: 'परिवादी', mobile: `98765${String(i).padStart(5, '0')}`, areaType: 'rural', districtCode: 'ajmer',
    departmentCode: 'energy', description: `गाँव में बिजली नहीं आ रही है, शिकायत ${i}`, consent: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

let store: Db;
let server: TestServer;
let proxy: FaultProxy;

beforeAll(async () => {
  store = await openMemoryDb();
  server = await startServer({ db: store, logger: false });
  await addAccount(store, MEENA);
  // 'hang' waits past the client's timeout (set short below); the proxy ends it soon after.
  proxy = await startFaultProxy(server.url, { hangMs: 1_500, slowMs: 300 });
}, 60_000);
afterAll(async () => { await proxy.close(); await server.close(); await store.close(); });

beforeEach(async () => {
  await store.exec('TRUNCATE grievances CASCADE');
  await db.delete();
  await db.open();
  const r = await signIn(MEENA.id, PASSWORD, { baseUrl: proxy.url, iterations: 1_000, online: () => true });
  expect(r.ok).toBe(true);
});

const FAULTS: Fault[] = ['500', '502', '503', '429', 'reset', 'hang', 'slow', 'drop-after-commit'];

describe('replay against the real server through each fault', () => {
  for (const fault of FAULTS) {
    it(`${fault}: good records arrive once, an invalid and a conflicting one are set aside`, async () => {
      const ctx = { kioskCode: 'K1023456', operatorId: MEENA.id, lang: 'hi' as const }; // MEENA's kiosk
      const good = [await registerGrievance(fields(1), ctx), await registerGrievance(fields(2), ctx), await registerGrievance(fields(3), ctx)];
      // Invalid on the server only: an operator who is not an account of this kiosk.
      const invalid = await registerGrievance(fields(4), { ...ctx, operatorId: 'op.nobody' });
      // Conflicting: the server already holds this clientId with other content.
      const clash = await registerGrievance(fields(5), ctx);
      const stored = (await db.grievances.get(clash.clientId))!.submission;
      const session = await serverSignIn(server, MEENA.id);
      const pre = await server.post('/api/sync/grievances', { grievances: [{ ...stored, description: `${stored.description} (अन्य)` }] }, bearer(session));
      expect(pre.status).toBe(200);

      const schedule: Fault[] = [fault];
      proxy.setSchedule(() => schedule.shift() ?? 'ok');
      const first = await replay('manual', { baseUrl: proxy.url, timeoutMs: 1_000 });
      // A slow answer still comes; a reset or a lost answer is retried at once, once, and that retry goes in.
      if (fault === 'slow' || fault === 'reset' || fault === 'drop-after-commit') expect(first.error).toBeUndefined();
      else expect(first.error?.key).toBeTruthy();
      // The operator presses Sync now again (a manual replay ignores the backoff).
      for (let i = 0; i < 3 && (await db.outbox.where('state').anyOf('saved', 'sending').count()) > 0; i++)
        await replay('manual', { baseUrl: proxy.url, timeoutMs: 5_000 });

      const rows = Object.fromEntries((await db.outbox.toArray()).map((r) => [r.clientId, r]));
      for (const g of good) expect(rows[g.clientId].state).toBe('synced');
      expect(rows[invalid.clientId]).toMatchObject({ state: 'attention', lastError: { key: 'invalid' } });
      expect(rows[invalid.clientId].lastError?.fields?.[0]?.path).toBe('operatorId');
      expect(rows[clash.clientId]).toMatchObject({ state: 'attention', lastError: { key: 'conflict' } });

      const onServer = await store.query<{ client_id: string; number: string }>('SELECT client_id, number FROM grievances');
      expect(onServer).toHaveLength(4); // the 3 good ones and the earlier clash, each once
      const numbers = new Map(onServer.map((r) => [r.client_id, r.number]));
      for (const g of good) expect(numbers.get(g.clientId)).toBe(rows[g.clientId].number);
      expect(numbers.has(invalid.clientId)).toBe(false);
    });
  }
});

describe('replay against the real server when one record makes every batch holding it fail', () => {
  const MARK = 'POISON-7F3A';
  const ctx = { kioskCode: 'K1023456', operatorId: MEENA.id, lang: 'hi' as const };
  // Each record a second apart: replay orders by clientId (a ULID, random within one millisecond), so the marked
  // record's place in the batch, and with it the split, is the same on every run.
  const T0 = Date.now() - 60_000;
  const at = (i: number) => ({ ...ctx, now: new Date(T0 + i * 1000) });
  const register = async (n: number, from = 10) => Promise.all(Array.from({ length: n }, (_, i) => registerGrievance(fields(from + i), at(from + i))));
  /** Presses "Sync now" until nothing waits (or `max` times); answers how many replays it took. */
  const syncUntilSettled = async (max: number) => {
    let n = 0;
    while (n < max && (await db.outbox.where('state').anyOf('saved', 'sending').count()) > 0) {
      await replay('manual', { baseUrl: proxy.url, timeoutMs: 5_000 });
      n++;
    }
    return n;
  };
  afterEach(() => { proxy.setPoison(undefined); proxy.setSchedule(() => 'ok'); proxy.poisoned.length = 0; });

  it('the good records go in, and the marked one ends alone in Needs attention after a bounded number of tries', async () => {
    const good = await register(6);
    const marked = await registerGrievance({ ...fields(99), description: `${MARK}: गाँव में बिजली नहीं आ रही है` }, at(16));
    const more = await register(3, 20);
    proxy.setPoison(MARK);
    const replays = await syncUntilSettled(12);
    const rows = Object.fromEntries((await db.outbox.toArray()).map((r) => [r.clientId, r]));
    for (const g of [...good, ...more]) expect(rows[g.clientId].state).toBe('synced');
    expect(rows[marked.clientId]).toMatchObject({ state: 'attention', lastError: { key: 'poison' } });
    const onServer = await store.query<{ client_id: string; number: string }>('SELECT client_id, number FROM grievances');
    expect(onServer).toHaveLength(9);
    for (const { client_id, number } of onServer) expect(rows[client_id].number).toBe(number);
    // 3 whole batches, the split (10 → 5 → 3 → 2 → 1 holding the marked one), then 2 more alone.
    expect(proxy.poisoned).toEqual([10, 10, 10, 5, 3, 2, 1, 1, 1]);
    expect(replays).toBe(5);
  });

  it('a server that answers 500 to every batch: nothing is set aside, however often it is tried', async () => {
    await register(5);
    proxy.setSchedule(() => '500');
    expect(await syncUntilSettled(9)).toBe(9);
    const rows = await db.outbox.toArray();
    expect(rows.every((r) => r.state === 'saved' && !r.alone)).toBe(true);
  });

  for (const fault of ['503', '429', 'reset'] as Fault[]) {
    it(`${fault} again and again: the batch is never split and nothing is set aside`, async () => {
      await register(5);
      proxy.setSchedule(() => fault);
      const before = proxy.applied.length;
      await syncUntilSettled(3 * 3);
      // One request per replay (two for a reset: retried at once, once): never split.
      expect(proxy.applied.length - before).toBe(fault === 'reset' ? 18 : 9);
      expect((await db.outbox.toArray()).every((r) => r.state === 'saved' && !r.strikes && !r.alone)).toBe(true);
    });
  }
});
