/**
 * `lazyComponent(() => import(...))`: a component whose code is fetched the first time it renders, so the
 * outbox, settings and receipt stay out of the first-load bundle (preact/compat's lazy + Suspense would
 * pull compat in). The chunks are in the service worker's precache, so this also works offline.
 * `.preload()` fetches the code ahead of time (e.g. the intake form while the operator signs in), so the
 * first render of the component is immediate.
 */
import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type LazyComponent<P extends object> = ComponentType<P> & { preload(): Promise<unknown> };

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const start = () => (loading ??= load().then((c) => (loaded = c)));
  function Lazy(props: P) {
    const [C, setC] = useState(() => loaded);
    useEffect(() => {
      if (C) return;
      let live = true;
      void start().then((c) => live && setC(() => c));
      return () => { live = false; };
    }, []);
    return C ? h(C, props) : null;
  }
  return Object.assign(Lazy, { preload: () => start().catch(() => undefined) });
}

/** Runs `fn` when the page is idle after its first screen (at the latest after `timeoutMs`). */
export function whenIdle(fn: () => void, timeoutMs = 2000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: timeoutMs });
  else setTimeout(fn, 200);
}
