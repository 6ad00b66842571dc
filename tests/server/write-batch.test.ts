/**
 * The write batch (server/store/write-batch.ts) on a real database: deferred writes go as one statement
 * with their parameters renumbered, repeats of one JSON-array statement keep their rows in order, a read
 * first sends what is pending, and a failing part rolls the whole statement back. The recorded batch
 * (the one-round-trip ingest) writes its parameters in as literals that read back exactly, and refuses reads.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db, Queryable } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { inlineParams, NotRecordable, recordWrites, writeBatch } from '../../server/store/write-batch';

let db: Db;
beforeAll(async () => {
  db = await openMemoryDb();
  await db.exec(`CREATE TABLE a (id int GENERATED ALWAYS AS IDENTITY, v text); CREATE TABLE b (k text PRIMARY KEY, n int)`);
});
afterAll(async () => { await db?.close(); });

/** Counts the statements that reach the database. */
const counting = (q: Queryable) => {
  const sent: string[] = [];
  return { sent, q: { query: (sql: string, p?: readonly unknown[]) => { sent.push(sql); return q.query(sql, p); }, exec: (sql: string) => q.exec(sql) } as Queryable };
};
const INSERT_A = `INSERT INTO a (v) SELECT v FROM jsonb_to_recordset($1::jsonb) AS r(v text)`;

it('sends deferred writes as one statement, rows of repeated appends in order, parameters renumbered', async () => {
  await db.transaction(async (tx) => {
    const inner = counting(tx);
    const batch = writeBatch(inner.q);
    await batch.query(INSERT_A, [JSON.stringify([{ v: 'one' }, { v: 'two' }])]);
    await batch.query('INSERT INTO b (k, n) VALUES ($1, $2)', ['x', 1]);
    await batch.query(INSERT_A, [JSON.stringify([{ v: 'three' }])]);
    await batch.query('UPDATE b SET n = n + $2 WHERE k = $1', ['nothing-yet', 5]);
    expect(inner.sent).toEqual([]);
    await batch.flush();
    expect(inner.sent).toHaveLength(1);
    expect(inner.sent[0]).toMatch(/^WITH w0 AS \(INSERT INTO a/);
  });
  expect((await db.query<{ v: string }>('SELECT v FROM a ORDER BY id')).map((r) => r.v)).toEqual(['one', 'two', 'three']);
  expect(await db.query('SELECT k, n FROM b')).toEqual([{ k: 'x', n: 1 }]);
});

it('sends what is pending before a read, so the read sees it', async () => {
  await db.transaction(async (tx) => {
    const batch = writeBatch(tx);
    await batch.query('INSERT INTO b (k, n) VALUES ($1, $2)', ['y', 2]);
    expect(await batch.query('SELECT n FROM b WHERE k = $1', ['y'])).toEqual([{ n: 2 }]);
  });
});

it('fails as a whole: one bad part and none of the others is written', async () => {
  const before = await db.query('SELECT count(*)::int AS n FROM a');
  await expect(db.transaction(async (tx) => {
    const batch = writeBatch(tx);
    await batch.query(INSERT_A, [JSON.stringify([{ v: 'four' }])]);
    await batch.query('INSERT INTO b (k, n) VALUES ($1, $2)', ['x', 9]); // duplicate key
    await batch.flush();
  })).rejects.toThrow();
  expect(await db.query('SELECT count(*)::int AS n FROM a')).toEqual(before);
});

it('writes parameters in as literals that read back exactly: quotes, backslashes, dollar signs, Devanagari, NULL', async () => {
  const tricky = ["it's", 'back\\slash', 'abc$q', 'q$', '$q$x$q1$y$q2$', '{"a":"$1"}', 'गाँव में पानी नहीं', ''];
  for (const v of tricky) {
    const [row] = await db.query<{ v: string; n: number; z: string | null }>(inlineParams('SELECT $1::text AS v, $2::int AS n, $3::text AS z', [v, 7, null]));
    expect(row).toEqual({ v, n: 7, z: null });
  }
  expect(() => inlineParams('SELECT $1::text', ['a\0b'])).toThrow(NotRecordable); // cannot travel in query text
  expect(() => inlineParams('SELECT $1::text[]', [['a']])).toThrow(NotRecordable);
});

it('records writes as SQL text sent later in one query, and refuses a read without sending anything', async () => {
  const rec = recordWrites();
  await rec.query(INSERT_A, [JSON.stringify([{ v: "five's" }])]);
  await rec.query('INSERT INTO b (k, n) VALUES ($1, $2)', ['z', 3]);
  await rec.flush();
  expect(rec.sql()).toHaveLength(1);
  await db.exec(rec.sql().join(';\n'));
  expect(await db.query('SELECT v FROM a WHERE v = $1', ["five's"])).toHaveLength(1);
  expect(await db.query('SELECT n FROM b WHERE k = $1', ['z'])).toEqual([{ n: 3 }]);
  const reading = recordWrites();
  await reading.query('INSERT INTO b (k, n) VALUES ($1, $2)', ['w', 4]);
  await expect(reading.query('SELECT n FROM b WHERE k = $1', ['w'])).rejects.toThrow(NotRecordable);
  await expect(reading.query('INSERT INTO b (k, n) VALUES ($1, $2) RETURNING k', ['v', 5])).rejects.toThrow(NotRecordable);
  expect(reading.sql()).toEqual([]);
});
