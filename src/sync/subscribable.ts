/** A value that changes over time: the minimal shape shared by Dexie's Observable, the sync client's and useObservable's source. */
export interface Subscribable<T> {
  subscribe(next: (value: T) => void): { unsubscribe(): void };
}

/**
 * The latest value of each of `sources`, combined by `project` once every source has given one, and again
 * whenever one changes or one of `events` fires on the global scope (e.g. 'online').
 */
/** The global scope's events (a page's or a worker's; typed here so Node's checks of this module pass). */
const scope = globalThis as unknown as { addEventListener(type: string, f: () => void): void; removeEventListener(type: string, f: () => void): void };

export function combineLatest<T>(sources: readonly Subscribable<unknown>[], project: (latest: unknown[]) => T, events: readonly string[] = []): Subscribable<T> {
  return {
    subscribe(next) {
      const latest: unknown[] = sources.map(() => undefined);
      const have = sources.map(() => false);
      const emit = () => { if (have.every(Boolean)) next(project(latest)); };
      const subs = sources.map((src, i) => src.subscribe((v) => { latest[i] = v; have[i] = true; emit(); }));
      for (const e of events) scope.addEventListener(e, emit);
      return { unsubscribe() { subs.forEach((s) => s.unsubscribe()); for (const e of events) scope.removeEventListener(e, emit); } };
    },
  };
}
