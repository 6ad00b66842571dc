/**
 * Enqueue latency (issue 16): the app's own registerGrievance with 50,000 grievances stored, against a
 * bare baseline measured in the same page at the same time: one raw IndexedDB `add` in its own
 * transaction, into a store with the outbox's indexes that also holds 50,000 rows (what the shared
 * PERF-NOTES "bare Dexie proof" does, without Dexie). Samples alternate app / bare, so both see the same
 * load on this shared machine.
 */
import type { Page } from '@playwright/test';

export const STORED = 50_000;

/** 50,000 synced history rows (about 1.5 KB each) in the app's database and in the baseline's; not timed. */
export function prefill(page: Page): Promise<void> {
  // No named functions inside: tsx's keepNames would wrap them in a helper that does not exist in the page.
  return page.evaluate((n) => Promise.all([
    { name: 'sampark-kiosk', stores: ['outbox', 'grievances'] },
    { name: 'bench-bare', version: 1, stores: ['outbox'] },
  ].map((spec) => new Promise<void>((resolve, reject) => {
    const open = spec.version ? indexedDB.open(spec.name, spec.version) : indexedDB.open(spec.name);
    if (spec.version) open.onupgradeneeded = () => {
      const s = open.result.createObjectStore('outbox', { keyPath: 'clientId' });
      for (const ix of ['state', 'createdAt', 'receiptNumber', 'mobile', 'operatorId']) s.createIndex(ix, ix);
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(spec.stores, 'readwrite');
      for (let i = 0; i < n; i++) {
        const clientId = `0HIST${String(i).padStart(21, '0')}`;
        tx.objectStore('outbox').add({ clientId, state: 'synced', receiptNumber: `K1023456-261127-HIST0-${i}`, createdAt: '2026-11-27T10:00:00+05:30',
          name: 'इतिहास', mobile: '9876543210', departmentCode: 'phed', districtCode: 'jaipur', description: 'पुराना परिवाद '.repeat(12),
          kioskCode: 'K1023456', operatorId: 'bench-op', attempts: 0, nextAttemptAt: 0, number: '2612000000015' });
        if (spec.stores.includes('grievances')) tx.objectStore('grievances').add({ clientId, submission: { description: 'पुराना परिवाद '.repeat(60) } });
      }
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }))).then(() => undefined), STORED);
}

/**
 * `n` rounds of three samples (ms), 15 ms apart: the app's registerGrievance; the same transaction without
 * Dexie (raw IndexedDB on the app's own database: the four stores, read the sequence, then write it, the
 * payload and the outbox row; what the save costs IndexedDB itself); and one bare IndexedDB add.
 */
export function sample(page: Page, grievancesChunk: string, op: { id: string; kiosk: string }, n = 200): Promise<{ app: number[]; shape: number[]; bare: number[] }> {
  return page.evaluate(async ({ chunk, op, n }) => {
    const x = await import(chunk);
    // The module itself, or (a shared chunk, names minified) its namespace among the chunk's exports.
    const m = typeof x.registerGrievance === 'function' ? x : Object.values(x).find((v: any) => typeof v?.registerGrievance === 'function') as any;
    const bare = await new Promise<IDBDatabase>((resolve, reject) => { const o = indexedDB.open('bench-bare', 1); o.onsuccess = () => resolve(o.result); o.onerror = () => reject(o.error); });
    const own = await new Promise<IDBDatabase>((resolve, reject) => { const o = indexedDB.open('sampark-kiosk'); o.onsuccess = () => resolve(o.result); o.onerror = () => reject(o.error); });
    const out = { app: [] as number[], shape: [] as number[], bare: [] as number[] };
    for (let i = 0; i < n; i++) {
      let t0 = performance.now();
      await m.registerGrievance({ name: 'परिवादी', mobile: '9876543210', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed',
        description: 'गाँव में पीने का पानी नहीं आ रहा है, कृपया शीघ्र कार्यवाही करें।', consent: true }, { kioskCode: op.kiosk, operatorId: op.id, lang: 'hi' });
      out.app.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 15));
      t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = own.transaction(['grievances', 'outbox', 'meta', 'attachments'], 'readwrite');
        const read = tx.objectStore('meta').get('benchSeq');
        read.onsuccess = () => {
          const clientId = `1SHAPE${String(i).padStart(20, '0')}`;
          const receiptNumber = `K1023456-261203-SHAPE-${(read.result?.value ?? 0) + 1}`;
          const description = 'गाँव में पीने का पानी नहीं आ रहा है, कृपया शीघ्र कार्यवाही करें।';
          tx.objectStore('meta').put({ key: 'benchSeq', value: (read.result?.value ?? 0) + 1 });
          tx.objectStore('grievances').add({ clientId, submission: { name: 'परिवादी', mobile: '9876543210', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed',
            description, consent: true, clientId, receiptNumber, kioskCode: op.kiosk, deviceId: 'BENCH', operatorId: op.id, createdAt: new Date().toISOString(), lang: 'hi' } });
          tx.objectStore('outbox').add({ clientId, state: 'saved', receiptNumber, createdAt: new Date().toISOString(), name: 'परिवादी', mobile: '9876543210',
            departmentCode: 'phed', districtCode: 'jaipur', description, kioskCode: op.kiosk, operatorId: op.id, attempts: 0, nextAttemptAt: 0 });
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      out.shape.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 15));
      t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = bare.transaction('outbox', 'readwrite');
        tx.objectStore('outbox').add({ clientId: `1BARE${String(i).padStart(21, '0')}`, state: 'saved', receiptNumber: `K1023456-261203-BARE0-${i}`,
          createdAt: new Date().toISOString(), name: 'परिवादी', mobile: '9876543210', departmentCode: 'phed', districtCode: 'jaipur',
          description: 'गाँव में पीने का पानी नहीं आ रहा है, कृपया शीघ्र कार्यवाही करें।', kioskCode: op.kiosk, operatorId: op.id, attempts: 0, nextAttemptAt: 0 });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      out.bare.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 15));
    }
    bare.close();
    own.close();
    return out;
  }, { chunk: grievancesChunk, op, n });
}
