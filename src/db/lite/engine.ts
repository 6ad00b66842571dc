/**
 * The lite engine: the subset of Dexie 4 that the service worker's data modules use, on plain IndexedDB
 * (about 2.5 KiB gzip instead of Dexie's 32). The service worker's build resolves `dexie` to this directory
 * (vite.config.ts), so src/db/*.ts run unchanged on it there; pages keep Dexie.
 *
 * - Opening: the database is opened at the version it has, never created or upgraded here (that is the
 *   page's Dexie's job, with the migrations of src/db/db.ts). If it does not exist yet, or is older than
 *   the latest version declared, or lacks a declared table or index, opening fails with
 *   DatabaseNotReadyError and the replay waits for the next trigger. On `versionchange` (an app update
 *   upgrading it in a page) the connection is closed at once so the upgrade is never blocked; the next
 *   call opens it again.
 * - Transactions: `db.transaction(mode, tables…, fn)` opens one IndexedDB transaction; calls made while
 *   `fn` runs join it when their table is in it (a nested `db.transaction` whose tables are all in it joins
 *   it too). IndexedDB keeps a transaction active through the promise continuations of its request
 *   callbacks (Chromium, Firefox, Safari; `idb` relies on the same), so `fn` may await the engine's calls,
 *   but nothing else (a fetch, a timer) or it commits early. Which transaction a call belongs to is told
 *   by the task it runs in (src/db/lite/context.ts), not by a zone: work running at the same time (the
 *   replay loads the next batch while one is on the wire) stays in its own transactions. A call outside
 *   any (or on a table the running one lacks) gets a transaction of its own. A failed request fails only
 *   its promise; the transaction aborts when `fn` rejects (as in Dexie). The promise of `transaction`
 *   (and of a call outside one) settles after the commit.
 * - Change notification: after each committed transaction that wrote, the same BroadcastChannel message
 *   Dexie 4 posts (src/db/lite/schema.ts mutatedParts), so the pages' live queries re-read.
 */
import { mutatedParts, parseStores, STORAGE_MUTATED_CHANNEL, type TableSchema } from './schema';
import { Table, type Host } from './table';
import { notifyLocal } from './live';
import { current, enter, leave, runIn, type TxContext } from './context';

export class DatabaseNotReadyError extends Error {
  override name = 'DatabaseNotReadyError';
}

let channel: BroadcastChannel | undefined;
function broadcast(parts: object) {
  if (typeof BroadcastChannel === 'undefined') return;
  channel ??= new BroadcastChannel(STORAGE_MUTATED_CHANNEL);
  (channel as BroadcastChannel & { unref?: () => void }).unref?.(); // Node: the channel alone does not keep the process up
  channel.postMessage(parts);
}

type TableArg = string | { name: string } | readonly (string | { name: string })[];

export class Dexie implements Host {
  private readonly stores = new Map<string, TableSchema>();
  private declared = 0;
  private opening?: Promise<IDBDatabase>;
  private idb?: IDBDatabase;
  [table: string]: unknown;

  constructor(readonly name: string) {}

  /** Declares version `n`: its tables become properties. Nothing is created or upgraded by this engine. */
  version(n: number): { stores(spec: Record<string, string | null>): Dexie } {
    return {
      stores: (spec) => {
        this.declared = Math.max(this.declared, n);
        for (const t of parseStores(spec)) {
          this.stores.set(t.name, t);
          (this as Record<string, unknown>)[t.name] = new Table(this, t.name, t);
        }
        for (const [name, s] of Object.entries(spec)) if (s === null) this.stores.delete(name);
        return this;
      },
    };
  }

  /** The latest version declared (the one the database must be at). */
  get verno(): number {
    return this.declared;
  }

  table<T = unknown>(name: string): Table<T> {
    const t = this[name];
    if (!(t instanceof Table)) throw new Error(`InvalidTableError: no table ${name} in ${this.name}`);
    return t as Table<T>;
  }

  static delete(name: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const r = indexedDB.deleteDatabase(name);
      r.onsuccess = () => resolve();
      r.onerror = () => reject(r.error);
    });
  }

  isOpen(): boolean {
    return this.idb !== undefined;
  }

  /** Opens the database as the page made it (see the file comment). */
  async open(): Promise<this> {
    this.opening ??= this.openExisting().catch((e: unknown) => { this.opening = undefined; throw e; });
    await this.opening;
    return this;
  }

  close(): void {
    this.idb?.close();
    this.idb = undefined;
    this.opening = undefined;
  }

  /** Deletes the whole database (tests start from nothing). */
  delete(): Promise<void> {
    this.close();
    return Dexie.delete(this.name);
  }

  private async openExisting(): Promise<IDBDatabase> {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(this.name);
      // A new database would be created here: abort, which deletes it again (the page creates it).
      r.onupgradeneeded = () => r.transaction?.abort();
      r.onsuccess = () => resolve(r.result);
      r.onerror = (e) => {
        e.preventDefault();
        reject(r.error?.name === 'AbortError' ? new DatabaseNotReadyError(`database ${this.name} has not been created yet: the app creates it when it is opened`) : r.error);
      };
    });
    const lacking = this.lacking(idb);
    if (idb.version < this.declared * 10 || lacking.length) {
      idb.close();
      throw new DatabaseNotReadyError(`database ${this.name} is at version ${idb.version / 10}, not ${this.declared}${lacking.length ? ` (no ${lacking.join(', ')})` : ''}: the app upgrades it when it is opened`);
    }
    idb.onversionchange = () => { if (this.idb === idb) this.close(); else idb.close(); };
    idb.onclose = () => { if (this.idb === idb) { this.idb = undefined; this.opening = undefined; } };
    this.idb = idb;
    return idb;
  }

  /** Declared tables and indexes the database does not have. */
  private lacking(idb: IDBDatabase): string[] {
    const tables = [...this.stores.values()];
    const missing = tables.filter((t) => !idb.objectStoreNames.contains(t.name)).map((t) => t.name);
    if (missing.length || tables.length === 0) return missing;
    const tx = idb.transaction(tables.map((t) => t.name), 'readonly');
    return tables.flatMap((t) => { const s = tx.objectStore(t.name); return t.indexes.filter((i) => !s.indexNames.contains(i)).map((i) => `${t.name}.${i}`); });
  }

  run<T>(table: string, rw: boolean, body: (store: IDBObjectStore) => Promise<T>): Promise<T> {
    const ctx = this.joinable([table], rw);
    if (ctx) {
      try {
        const done = body(ctx.tx.objectStore(table));
        if (rw) ctx.wrote.add(table);
        return done;
      } catch (e) {
        const name = (e as Error)?.name;
        if (name !== 'TransactionInactiveError' && name !== 'InvalidStateError') return Promise.reject(e);
        leave(); // a task of other work: `current` was stale
      }
    }
    return this.runTransaction([table], rw, false, (tx) => body(tx.objectStore(table)));
  }

  /**
   * The transaction of this task, if it covers these tables in this mode. (A write on a table of a readonly
   * one gets its own transaction: Dexie would refuse it, but the code here never makes one, so it can only
   * be other work in a task where `current` is stale.)
   */
  private joinable(tables: readonly string[], rw: boolean): TxContext | undefined {
    const ctx = current();
    return ctx && this.idb && ctx.tx.db === this.idb && tables.every((t) => ctx.tables.includes(t)) && (ctx.rw || !rw) ? ctx : undefined;
  }

  /** Whether requests may be made on it now: a cheap read that throws if it is inactive (browsers; see context.ts). */
  private active(ctx: TxContext, table: string | undefined): boolean {
    if (table === undefined) return true;
    try {
      ctx.tx.objectStore(table).count(IDBKeyRange.only(0));
      return true;
    } catch {
      leave();
      return false;
    }
  }

  /** `db.transaction('r' | 'rw', table…, fn)` or with the tables as one array (see the file comment). */
  transaction<R>(mode: string, ...args: [...TableArg[], () => R | PromiseLike<R>]): Promise<R> {
    const fn = args.pop() as () => R | PromiseLike<R>;
    const tables = [...new Set((args as TableArg[]).flat().map((t) => (typeof t === 'string' ? t : t.name)))];
    const rw = mode.includes('w');
    const ctx = this.joinable(tables, rw);
    if (ctx && this.active(ctx, tables[0])) {
      try {
        return Promise.resolve(fn());
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return this.runTransaction(tables, rw, true, fn);
  }

  private async runTransaction<R>(tables: string[], rw: boolean, explicit: boolean, fn: (tx: IDBTransaction) => R | PromiseLike<R>): Promise<R> {
    const idb = this.idb ?? (await this.open(), this.idb!);
    const tx = idb.transaction(tables, rw ? 'readwrite' : 'readonly');
    const ctx: TxContext = { tx, tables, rw, explicit, settled: false, done: false, wrote: new Set(rw && !explicit ? tables : []) };
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => { enter(undefined); ctx.done = true; resolve(); };
      tx.onabort = () => { enter(undefined); ctx.done = true; reject(tx.error ?? new DOMException('The transaction was aborted', 'AbortError')); };
    });
    committed.catch(() => undefined); // reported through `fn`'s error or below
    let result: R;
    try {
      result = await runIn(ctx, () => fn(tx));
    } catch (e) {
      if (!ctx.done) try { tx.abort(); } catch { /* already finishing */ }
      throw e;
    } finally {
      ctx.settled = true;
    }
    await committed;
    if (ctx.wrote.size) {
      broadcast(mutatedParts(this.name, [...ctx.wrote].map((t) => this.stores.get(t)).filter((t): t is TableSchema => t !== undefined)));
      notifyLocal(this.name);
    }
    return result;
  }
}
