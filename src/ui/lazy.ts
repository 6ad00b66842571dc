/**
 * `lazyComponent(() => import(...))`: a component whose code is fetched the first time it renders, so the
 * outbox, settings and receipt stay out of the first-load bundle (preact/compat's lazy + Suspense would
 * pull compat in). The chunks are in the service worker's precache, so this also works offline.
 */
import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function Lazy(props: P) {
    const [C, setC] = useState(() => loaded);
    useEffect(() => {
      if (C) return;
      let live = true;
      void (loading ??= load().then((c) => (loaded = c))).then((c) => live && setC(() => c));
      return () => { live = false; };
    }, []);
    return C ? h(C, props) : null;
  };
}
