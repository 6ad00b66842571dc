/** Subscribes a component to an Observable (Dexie liveQuery, syncStatus) for as long as it is mounted. */
import { useEffect, useState } from 'preact/hooks';

import type { Subscribable } from '../sync/subscribable';

export type { Subscribable };

/** The latest value of `source()`, `initial` until the first one arrives. `source` is called once. */
export function useObservable<T>(source: () => Subscribable<T>, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const s = source().subscribe(setValue);
    return () => s.unsubscribe();
  }, []);
  return value;
}
