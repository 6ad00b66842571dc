/**
 * The lite engine's tables and queries: the part of Dexie 4's Table / WhereClause / Collection API that
 * the service worker's data modules use (README.md, "The service worker's data engine", lists it), on plain
 * IndexedDB requests. Every call goes through `Host.run`, which puts it in the transaction of the task it
 * runs in when that covers the table, or in one of its own (src/db/lite/engine.ts, context.ts).
 */
import { enter } from './context';
import { valueAt, type TableSchema } from './schema';

/** What a table needs of its database (src/db/lite/engine.ts). */
export interface Host {
  /** Runs `body` with the object store of `table`: in the ambient transaction when it covers it, else in one of its own. */
  run<T>(table: string, rw: boolean, body: (store: IDBObjectStore) => Promise<T>): Promise<T>;
}

/**
 * A request as a promise. Its error is handled (preventDefault) so that, as in Dexie, only an uncaught
 * failure aborts the transaction. `tx` is given for index requests (fake-indexeddb leaves their
 * `transaction` unset).
 */
export function request<T>(r: IDBRequest<T>, tx: IDBTransaction | null = r.transaction): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    r.onsuccess = () => { enter(tx); resolve(r.result); };
    r.onerror = (e) => { enter(tx); e.preventDefault(); e.stopPropagation(); reject(r.error); };
  });
}

type Key = IDBValidKey;

/** A row's key as a Map key (primary keys are strings or numbers here; anything else by its JSON). */
const keyId = (k: unknown) => (typeof k === 'string' || typeof k === 'number' ? k : JSON.stringify(k));

export class Table<T = unknown> {
  constructor(readonly db: Host, readonly name: string, readonly schema: TableSchema) {}

  get(key: Key): Promise<T | undefined> {
    return this.db.run(this.name, false, (s) => request(s.get(key)));
  }

  bulkGet(keys: readonly Key[]): Promise<(T | undefined)[]> {
    return this.db.run(this.name, false, (s) => Promise.all(keys.map((k) => request<T | undefined>(s.get(k)))));
  }

  put(row: T, key?: Key): Promise<Key> {
    return this.db.run(this.name, true, (s) => request(s.put(row, key)));
  }

  add(row: T, key?: Key): Promise<Key> {
    return this.db.run(this.name, true, (s) => request(s.add(row, key)));
  }

  /** Answers the last key, as Dexie does. */
  bulkPut(rows: readonly T[]): Promise<Key | undefined> {
    return this.db.run(this.name, true, (s) => Promise.all(rows.map((r) => request(s.put(r)))).then((keys) => keys.at(-1)));
  }

  delete(key: Key): Promise<void> {
    return this.db.run(this.name, true, (s) => request(s.delete(key)).then(() => undefined));
  }

  bulkDelete(keys: readonly Key[]): Promise<void> {
    return this.db.run(this.name, true, (s) => Promise.all(keys.map((k) => request(s.delete(k)))).then(() => undefined));
  }

  /** Sets the given properties (dotted paths allowed) of the row `key`; 1 if it was there, 0 if not. */
  update(key: Key, changes: Record<string, unknown>): Promise<0 | 1> {
    return this.db.run(this.name, true, async (s) => {
      const row = await request<T | undefined>(s.get(key));
      if (row === undefined) return 0;
      const next = row as Record<string, unknown>; // a fresh copy already (IndexedDB clones what it answers)
      for (const [path, value] of Object.entries(changes)) {
        const parts = path.split('.');
        const last = parts.pop()!;
        const at = parts.reduce<Record<string, unknown>>((o, p) => (o[p] ??= {}) as Record<string, unknown>, next);
        if (value === undefined) delete at[last];
        else at[last] = value;
      }
      await request(s.put(next));
      return 1;
    });
  }

  toArray(): Promise<T[]> {
    return this.db.run(this.name, false, (s) => request(s.getAll() as IDBRequest<T[]>));
  }

  count(): Promise<number> {
    return this.db.run(this.name, false, (s) => request(s.count()));
  }

  each(fn: (row: T) => void): Promise<void> {
    return this.toArray().then((rows) => rows.forEach(fn));
  }

  where(index: string): WhereClause<T> {
    return new WhereClause(this, index);
  }
}

export class WhereClause<T> {
  constructor(private readonly table: Table<T>, private readonly index: string) {}

  equals(value: Key): Collection<T> {
    return new Collection(this.table, this.index, () => [IDBKeyRange.only(value)]);
  }

  /** The rows whose index value is one of these (an array or the values as arguments), in index order. */
  anyOf(...values: Key[] | [readonly Key[]]): Collection<T> {
    const list = (values.length === 1 && Array.isArray(values[0]) ? values[0] : values) as Key[];
    return new Collection(this.table, this.index, () => [...list].sort((a, b) => indexedDB.cmp(a, b))
      .filter((v, i, all) => i === 0 || indexedDB.cmp(all[i - 1], v) !== 0).map((v) => IDBKeyRange.only(v)));
  }

  below(value: Key): Collection<T> {
    return new Collection(this.table, this.index, () => [IDBKeyRange.upperBound(value, true)]);
  }

  above(value: Key): Collection<T> {
    return new Collection(this.table, this.index, () => [IDBKeyRange.lowerBound(value, true)]);
  }
}

/** Rows of one index in some key ranges, optionally filtered and made distinct (by primary key). */
export class Collection<T> {
  private readonly filters: ((row: T) => boolean)[] = [];
  private unique = false;

  /** `ranges` is called inside the request (an invalid key rejects the query, as in Dexie, rather than throwing). */
  constructor(private readonly table: Table<T>, private readonly index: string, private readonly ranges: () => IDBKeyRange[]) {}

  filter(fn: (row: T) => boolean): this {
    this.filters.push(fn);
    return this;
  }

  distinct(): this {
    this.unique = true;
    return this;
  }

  private source(s: IDBObjectStore): IDBObjectStore | IDBIndex {
    const pk = this.table.schema.primKey;
    return this.index === pk || this.index === ':id' ? s : s.index(this.index);
  }

  private rows(s: IDBObjectStore): Promise<T[]> {
    const src = this.source(s);
    return Promise.all(this.ranges().map((r) => request(src.getAll(r) as IDBRequest<T[]>, s.transaction))).then((lists) => {
      let rows = lists.flat().filter((row) => this.filters.every((f) => f(row)));
      if (this.unique) {
        const seen = new Set<unknown>();
        const pk = this.table.schema.primKey!;
        rows = rows.filter((row) => { const id = keyId(valueAt(row, pk)); return !seen.has(id) && !!seen.add(id); });
      }
      return rows;
    });
  }

  toArray(): Promise<T[]> {
    return this.table.db.run(this.table.name, false, (s) => this.rows(s));
  }

  count(): Promise<number> {
    return this.table.db.run(this.table.name, false, (s) => {
      if (this.filters.length || this.unique) return this.rows(s).then((rows) => rows.length);
      const src = this.source(s);
      return Promise.all(this.ranges().map((r) => request(src.count(r), s.transaction))).then((n) => n.reduce((a, b) => a + b, 0));
    });
  }

  /** Deletes the rows of this collection; answers how many. */
  delete(): Promise<number> {
    return this.table.db.run(this.table.name, true, async (s) => {
      const pk = this.table.schema.primKey!;
      const keys = [...new Map((await this.rows(s)).map((row) => { const k = valueAt(row, pk) as Key; return [keyId(k), k] as const; })).values()];
      await Promise.all(keys.map((k) => request(s.delete(k))));
      return keys.length;
    });
  }
}
