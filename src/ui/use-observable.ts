/** Subscribes a component to an Observable (Dexie liveQuery, syncStatus) for as long as it is mounted. */
import { useEffect, useState } from 'preact/hooks';

/** The minimal shape shared by Dexie's Observable and the sync client's. */
export interface Subscribable<T> {
  subscribe(next: (value: T) => void): { unsubscribe(): void };
}

/** The latest value of `source()`, `initial` until the first one arrives. `source` is called once. */
export function useObservable<T>(source: () => Subscribable<T>, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const s = source().subscribe(setValue);
    return () => s.unsubscribe();
  }, []);
  return value;
}
