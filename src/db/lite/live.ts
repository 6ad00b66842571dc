/**
 * `liveQuery` for the lite engine: the query runs at once and again after every committed write to the
 * database, here or in another context of this origin (Dexie's `x-storagemutated-1` broadcast). Coarser
 * than Dexie's (which re-reads only queries whose ranges changed) but the same contract. The service
 * worker imports no module that subscribes to one; it is here so that every export of the data modules
 * keeps working on this engine (the unit tests run them on both engines).
 */
import { STORAGE_MUTATED_CHANNEL } from './schema';

type Listener = () => void;
const listeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

/** Called by the engine after a committed write transaction. */
export function notifyLocal(_dbName: string): void {
  for (const l of [...listeners]) l();
}

function onChange(listener: Listener): () => void {
  if (!channel && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(STORAGE_MUTATED_CHANNEL);
    (channel as BroadcastChannel & { unref?: () => void }).unref?.();
    channel.onmessage = () => notifyLocal('');
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface Observer<T> {
  next?: (value: T) => void;
  error?: (e: unknown) => void;
}

export interface Subscription {
  unsubscribe(): void;
  readonly closed: boolean;
}

export interface Observable<T> {
  subscribe(next?: Observer<T> | ((value: T) => void), error?: (e: unknown) => void): Subscription;
}

export function liveQuery<T>(querier: () => T | Promise<T>): Observable<T> {
  return {
    subscribe(next, error) {
      const o: Observer<T> = typeof next === 'function' || next === undefined ? { next, error } : next;
      let closed = false;
      let runs = 0;
      const run = () => {
        const n = ++runs;
        Promise.resolve().then(querier).then(
          (v) => { if (!closed && n === runs) o.next?.(v); },
          (e: unknown) => { if (!closed && n === runs) o.error?.(e); },
        );
      };
      const off = onChange(run);
      run();
      return { unsubscribe() { closed = true; off(); }, get closed() { return closed; } };
    },
  };
}
