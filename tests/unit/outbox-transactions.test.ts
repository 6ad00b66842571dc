/**
 * Exactly once depends on the outbox's verbs each being one IndexedDB transaction: `adopt`, `settle`
 * (with the files confirmed in it) and `backOff`. Counted at IndexedDB itself, on Dexie (the pages) and, in
 * the 'sw-lite' vitest project, on the service worker's lite engine (src/db/lite), where calls join a
 * transaction by the task they run in rather than by Dexie's zones.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import * as dexie from 'dexie';
import { db, type GrievanceRow, type OutboxRow } from '../../src/db/db';
import { adopt, backOff, settle, write } from '../../src/db/outbox';
import { markConfirmedIn } from '../../src/db/attachments';
import { getMeta, putMeta } from '../../src/db/meta';

const engine = 'DatabaseNotReadyError' in dexie ? 'the lite engine' : 'Dexie';

const row = (clientId: string, over: Partial<OutboxRow> = {}): OutboxRow => ({
  clientId, state: 'saved', receiptNumber: `K1023456-261203-7QX2M-000${clientId.length}`, createdAt: '2026-12-03T05:00:00.000Z', name: 'सुनीता देवी',
  mobile: '9876543210', departmentCode: 'phed', districtCode: 'jaipur', description: 'पानी नहीं', kioskCode: 'K1023456', attempts: 0, nextAttemptAt: 0, ...over,
});
const payload = (clientId: string): GrievanceRow => ({ clientId, submission: { clientId } as GrievanceRow['submission'] });

/** Readwrite transactions asked of IndexedDB, while recording. Patched before any opening: Dexie binds the method when it opens. */
const proto = globalThis.IDBDatabase.prototype;
const original = proto.transaction;
let seen: string[][] | undefined;
proto.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode, opts?: IDBTransactionOptions) {
  if (seen && mode === 'readwrite') seen.push([stores].flat().sort());
  return original.call(this, stores, mode, opts);
} as typeof proto.transaction;
afterAll(() => { proto.transaction = original; });

/** The readwrite transactions IndexedDB was asked for while `act` ran, by their tables. */
async function transactionsOf(act: () => Promise<unknown>): Promise<string[][]> {
  seen = [];
  try {
    await act();
    return seen;
  } finally {
    seen = undefined;
  }
}

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe(`the outbox's verbs are one transaction each (on ${engine})`, () => {
  it('runs on the engine its project says', () => {
    expect(engine).toBe(process.env.SW_LITE === '1' ? 'the lite engine' : 'Dexie');
  });

  it('adopt: the adopted rows and their payloads together; nothing at all when none was adopted', async () => {
    const rows = [row('a'), row('bb')];
    await write(rows);
    const adopted = { ...rows[0], operatorId: 'op.meena' };
    expect(await transactionsOf(() => adopt([adopted], [payload('a')]))).toEqual([['grievances', 'outbox']]);
    expect(await db.outbox.get('a')).toEqual(adopted); // still 'saved': rows being sent are not marked
    expect(await db.grievances.get('a')).toEqual(payload('a'));
    expect(await transactionsOf(() => adopt([], []))).toEqual([]);
  });

  it('settle: rows, payloads, the files confirmed, the last sync time and the end of the backoff together', async () => {
    const rows = [row('a', { state: 'sending' }), row('bb', { state: 'sending' })];
    await write(rows);
    await db.attachments.put({ sha256: 'f'.repeat(64), bytes: 3, type: 'image/jpeg', clientIds: ['a', 'bb'], createdAt: 1 });
    await putMeta('backoff', { until: 5, attempts: 2 });
    const synced = rows.map((r) => ({ ...r, state: 'synced' as const, number: `RJ-${r.clientId}` }));
    const tx = await transactionsOf(() => settle(synced, [payload('bb')], '2026-12-03T06:00:00.000Z', () => markConfirmedIn(['a', 'bb'], 7)));
    expect(tx).toEqual([['attachments', 'grievances', 'meta', 'outbox']]);
    expect((await db.outbox.toArray()).map((r) => r.state)).toEqual(['synced', 'synced']);
    expect((await db.attachments.get('f'.repeat(64)))?.confirmedAt).toBe(7);
    expect(await getMeta('lastSyncAt')).toBe('2026-12-03T06:00:00.000Z');
    expect(await getMeta('backoff')).toBeUndefined();
  });

  it('a settle that fails leaves nothing of it written', async () => {
    const rows = [row('a', { state: 'sending' })];
    await write(rows);
    await expect(settle([{ ...rows[0], state: 'synced' }], [], '2026-12-03T06:00:00.000Z', async () => { throw new Error('the files could not be read'); }))
      .rejects.toThrow('the files could not be read');
    expect((await db.outbox.get('a'))?.state).toBe('sending');
    expect(await getMeta('lastSyncAt')).toBeUndefined();
  });

  it('backOff: the rows and the global backoff (counted from the stored one) together', async () => {
    const rows = [row('a', { state: 'sending' })];
    await write(rows);
    await putMeta('backoff', { until: 5, attempts: 2 });
    const tx = await transactionsOf(async () => expect(await backOff(rows, (n) => n * 1000, 100, { key: 'net' })).toEqual({ until: 3100, attempts: 3 }));
    expect(tx).toEqual([['meta', 'outbox']]);
    expect(await db.outbox.get('a')).toMatchObject({ state: 'saved', attempts: 1, nextAttemptAt: 3100, lastError: { key: 'net' } });
  });
});
