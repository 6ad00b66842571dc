/**
 * The service worker's lite engine (src/db/lite) where it differs from Dexie or meets it: it never creates
 * or upgrades the database and never blocks an upgrade; calls join the transaction they are made in and
 * no other; and after a committed write it posts the message Dexie 4 (pinned 4.4.7) posts, so a page's
 * Dexie live query re-reads. If a Dexie upgrade changes that message, the last two tests fail.
 * The data modules' own tests run on the engine too (the 'sw-lite' vitest project, vite.config.ts).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie as PageDexie, liveQuery } from 'dexie';
import { Dexie as LiteDexie, DatabaseNotReadyError } from '../../src/db/lite';

const NAME = 'lite-engine-test';
const V1 = { rows: 'id, state, *tags', meta: 'key' };
const V2 = { ...V1, extra: 'id' };

interface Row { id: string; state: string; tags?: string[] }
interface Meta { key: string; value: number }

/** The engine as the service worker declares it (the latest version). */
function lite(version = 1, stores: Record<string, string> = V1) {
  const db = new LiteDexie(NAME);
  db.version(version).stores(stores);
  return Object.assign(db, { rows: db.table<Row>('rows'), meta: db.table<Meta>('meta') });
}

/** The page's Dexie, which creates and upgrades the database. */
async function page(version = 1, stores: Record<string, string> = V1) {
  const db = new PageDexie(NAME);
  db.version(version).stores(stores);
  await db.open();
  return db;
}

const open: { close(): void }[] = [];
const track = <T extends { close(): void }>(db: T) => { open.push(db); return db; };
afterEach(async () => {
  for (const db of open.splice(0)) db.close();
  await PageDexie.delete(NAME);
});

describe('opening', () => {
  it('never creates the database: it waits for the page', async () => {
    const db = track(lite());
    await expect(db.open()).rejects.toBeInstanceOf(DatabaseNotReadyError);
    await expect(db.rows.toArray()).rejects.toThrow(/not been created/);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(NAME);
    track(await page()).close();
    expect(await db.rows.toArray()).toEqual([]); // the next call opens it
  });

  it('never upgrades it: an older database waits for the page to upgrade it', async () => {
    track(await page(1)).close();
    const db = track(lite(2, V2));
    await expect(db.open()).rejects.toThrow(/version 1, not 2 \(no extra\): the app upgrades it/);
    track(await page(2, V2)).close();
    await db.open();
    expect(db.isOpen()).toBe(true);
  });

  it('closes on versionchange, so an app update upgrading the database is never blocked, and opens again after', async () => {
    track(await page()).close();
    const db = track(lite());
    await db.rows.put({ id: 'a', state: 'saved' });
    const upgraded = track(await page(2, V2)); // would wait forever if the engine kept its connection
    expect(upgraded.verno).toBe(2);
    expect(db.isOpen()).toBe(false);
    upgraded.close();
    expect(await db.rows.get('a')).toEqual({ id: 'a', state: 'saved' });
  });
});

describe('transactions', () => {
  it('a transaction is all or nothing: a failure after writes leaves nothing written', async () => {
    track(await page()).close();
    const db = track(lite());
    await expect(db.transaction('rw', db.rows, db.meta, async () => {
      await db.rows.bulkPut([{ id: 'a', state: 'saved' }, { id: 'b', state: 'saved' }]);
      await db.meta.put({ key: 'seq', value: 2 });
      throw new Error('fails after its writes');
    })).rejects.toThrow('fails after its writes');
    expect(await db.rows.count()).toBe(0);
    expect(await db.meta.get('seq')).toBeUndefined();
  });

  it('transactions started side by side do not nest: each reads what the one before it wrote', async () => {
    track(await page()).close();
    const db = track(lite());
    const next = () => db.transaction('rw', db.meta, async () => {
      const n = (await db.meta.get('seq'))?.value ?? 0;
      await db.meta.put({ key: 'seq', value: n + 1 });
      return n + 1;
    });
    expect((await Promise.all([next(), next(), next(), next()])).sort()).toEqual([1, 2, 3, 4]);
  });

  it('work running meanwhile on the same tables stays out of a transaction (and is not lost with it)', async () => {
    track(await page()).close();
    const db = track(lite());
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const failing = db.transaction('rw', db.rows, async () => {
      await db.rows.put({ id: 'in', state: 'saved' });
      await db.rows.get('in'); // keeps the transaction going while the other work starts
      release();
      await db.rows.get('in');
      throw new Error('aborts');
    });
    failing.catch(() => undefined); // awaited below
    await gate;
    await new Promise((task) => setImmediate(task)); // other work runs in a task of its own (a fetch answered, a message)
    const beside = db.rows.put({ id: 'beside', state: 'saved' }); // not in `failing`: its own transaction
    await expect(failing).rejects.toThrow('aborts');
    await beside;
    expect((await db.rows.toArray()).map((r) => r.id)).toEqual(['beside']);
  });

  it('nested transactions on tables of the running one join it; where, anyOf, distinct, filter, update, delete', async () => {
    track(await page()).close();
    const db = track(lite());
    await db.transaction('rw', [db.rows, db.meta], async () => {
      await db.rows.bulkPut([{ id: 'a', state: 'saved', tags: ['x', 'y'] }, { id: 'b', state: 'sending', tags: ['y'] }, { id: 'c', state: 'synced' }]);
      await db.transaction('r', db.rows, async () => expect(await db.rows.count()).toBe(3)); // sees the writes: same transaction
    });
    expect(await db.rows.where('state').anyOf('saved', 'sending').count()).toBe(2);
    expect((await db.rows.where('state').anyOf(['synced', 'saved']).toArray()).map((r) => r.id)).toEqual(['a', 'c']);
    expect((await db.rows.where('tags').anyOf(['x', 'y']).toArray()).map((r) => r.id)).toEqual(['a', 'a', 'b']);
    expect((await db.rows.where('tags').anyOf(['x', 'y']).distinct().toArray()).map((r) => r.id)).toEqual(['a', 'b']);
    expect((await db.rows.where('state').below('sync').filter((r) => r.id !== 'a').toArray()).map((r) => r.id)).toEqual(['b']);
    expect(await db.rows.update('a', { state: 'synced' })).toBe(1);
    expect(await db.rows.update('zz', { state: 'synced' })).toBe(0);
    expect(await db.rows.where('state').equals('synced').delete()).toBe(2);
    expect(await db.rows.bulkGet(['a', 'b'])).toEqual([undefined, { id: 'b', state: 'sending', tags: ['y'] }]);
  });
});

type Parts = Record<string, { d: number; from: unknown; to: unknown }>;

/** The first message posted on Dexie's cross-context channel after `act` starts. */
function nextPosted(act: () => Promise<unknown>): Promise<Parts> {
  const bc = new BroadcastChannel('x-storagemutated-1');
  // Only this test's database: test files run as threads of one process, and a BroadcastChannel reaches
  // them all (the other files' Dexie and engine writes post on the same channel).
  const ours = (parts: Parts) => Object.keys(parts).some((k) => k.startsWith(`idb://${NAME}/`));
  const message = new Promise<Parts>((resolve) => { bc.onmessage = (e: MessageEvent) => { if (!ours(e.data)) return; bc.close(); resolve(e.data); }; });
  return act().then(() => message);
}

describe('change notification (the pages\' live queries)', () => {
  it('after a committed write the engine posts what Dexie posts, covering the same parts', async () => {
    const dexie = track(await page());
    // Dexie 4.4.7's channel and message: if a Dexie upgrade changes them, this fails and the engine must follow.
    const fromDexie = await nextPosted(() => dexie.table('rows').put({ id: 'a', state: 'saved', tags: ['x'] }));
    dexie.close();
    const db = track(lite());
    const fromLite = await nextPosted(() => db.rows.put({ id: 'b', state: 'saved', tags: ['x'] }));
    const dexieParts = Object.keys(fromDexie);
    expect(dexieParts).toEqual(expect.arrayContaining([`idb://${NAME}/rows/`, `idb://${NAME}/rows/state`, `idb://${NAME}/rows/tags`]));
    expect(Object.keys(fromLite)).toEqual(expect.arrayContaining(dexieParts));
    for (const range of Object.values(fromLite)) expect(range).toEqual({ d: 1, from: -Infinity, to: [[]] });
    // A read posts nothing: the first message after it is the write to `meta` that follows it.
    const afterRead = await nextPosted(async () => { await db.rows.get('b'); await db.meta.put({ key: 'seq', value: 1 }); });
    expect(Object.keys(afterRead).every((k) => k.startsWith(`idb://${NAME}/meta/`))).toBe(true);
  });

  it('a page\'s Dexie live query re-reads when the engine (the service worker) writes', async () => {
    const dexie = track(await page());
    const counts: number[] = [];
    let waiting: { n: number; seen: () => void } | undefined;
    const sub = liveQuery(() => dexie.table('rows').where('state').equals('saved').count()).subscribe((n) => {
      counts.push(n);
      if (n === waiting?.n) waiting.seen();
    });
    /** Resolves when the live query has shown `n` (the test times out if it never does). */
    const until = (n: number) => (counts.at(-1) === n ? Promise.resolve() : new Promise<void>((seen) => { waiting = { n, seen }; }));
    await until(0);
    const db = track(lite());
    await db.transaction('rw', db.rows, db.meta, async () => {
      await db.rows.bulkPut([{ id: 'a', state: 'saved' }, { id: 'b', state: 'saved' }]);
      await db.meta.put({ key: 'seq', value: 2 });
    });
    await until(2);
    await db.rows.update('a', { state: 'synced' });
    await until(1);
    sub.unsubscribe();
    expect(counts.at(-1)).toBe(1);
  });
});
