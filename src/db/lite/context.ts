/**
 * Which transaction a call belongs to, without a zone. IndexedDB runs each request's success or error
 * event as a task of its own, and the promise continuations of a transaction's function run in the
 * microtasks right after it (that is why the transaction is still active then). So the lite engine notes,
 * in every event of its requests and at the creation of a transaction, which `db.transaction` that task
 * belongs to (`current`); a call made now joins it when it covers the table. Continuations of other work
 * (a fetch, a timer) run in tasks of their own: `current` is cleared before them (`enter`), and where that
 * task comes first, a request on the stale transaction throws TransactionInactiveError, which sends the
 * call to a transaction of its own (src/db/lite/engine.ts run). Work started from a transaction's own
 * task (a promise it resolves) would join it: the service worker's code does not do that.
 */
export interface TxContext {
  tx: IDBTransaction;
  tables: readonly string[];
  rw: boolean;
  /** Opened by `db.transaction(fn)` (calls may join it), not for one call alone. */
  explicit: boolean;
  /** `fn` has settled: calls made from now on come from elsewhere. */
  settled: boolean;
  /** Committed or aborted. */
  done: boolean;
  wrote: Set<string>;
}

const contexts = new WeakMap<IDBTransaction, TxContext>();

let now: TxContext | undefined;

/** The transaction whose event (or creation) is the task running now, if one a call may join. */
export function current(): TxContext | undefined {
  return now && now.explicit && !now.settled && !now.done ? now : undefined;
}

/**
 * Runs the first synchronous part of `fn` (up to its first await) in the transaction just created; the
 * rest of this task is the caller's again (a transaction started next to this one is not nested in it).
 */
export function runIn<R>(ctx: TxContext, fn: () => R): R {
  contexts.set(ctx.tx, ctx);
  if (!ctx.explicit) return fn();
  const outer = now;
  now = ctx;
  try {
    return fn();
  } finally {
    now = outer;
  }
}

/** A task of its own (after this one's microtasks): Node's setImmediate, else a timer. */
const nextTask: (fn: () => void) => void = (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate ?? ((fn) => setTimeout(fn, 0));
let clearing = false;

/**
 * Called first in every event handler of the engine's requests and transactions. What it notes holds for
 * the microtasks of this task and is cleared in a task of its own after them, so a later task of other
 * work does not see it (where IndexedDB keeps transactions active, as fake-indexeddb does, that is the
 * only guard; browsers also refuse requests on an inactive transaction).
 */
export function enter(tx: IDBTransaction | null | undefined): void {
  now = tx ? contexts.get(tx) : undefined;
  if (now && !clearing) {
    clearing = true;
    nextTask(() => { clearing = false; now = undefined; });
  }
}

/** A call found `now` stale (its transaction inactive): this task belongs to none. */
export function leave(): void {
  now = undefined;
}
