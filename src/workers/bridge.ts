/**
 * The page's door to a worker, for every worker of the app (triage, media): the worker is started on the
 * first call, ended after `idleMs` without one (it may hold megabytes: a decoded model, a decoded photo) and
 * started again by the next; one that failed to load or crashed is dropped so the next call starts a fresh
 * one. Comlink is loaded with the worker, so it never reaches the first load.
 */
import type { Remote } from 'comlink';

export interface WorkerBridge<Api> {
  /** Runs `fn` against the worker's API, starting the worker if needed. */
  call<T>(fn: (api: Remote<Api>) => Promise<T>): Promise<T>;
  /** Ends the worker now (also done after `idleMs` without calls). */
  stop(): void;
}

/** `start` must be `() => new Worker(new URL('../workers/x.worker.ts', import.meta.url), { type: 'module' })` at the caller, so Vite bundles it. */
export function workerBridge<Api>(start: () => Worker, idleMs: number): WorkerBridge<Api> {
  let worker: Worker | null = null;
  let remote: Promise<Remote<Api>> | null = null;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let pending = 0;

  const stop = () => {
    clearTimeout(idle);
    worker?.terminate();
    worker = null;
    remote = null;
  };
  const ready = (): Promise<Remote<Api>> => {
    if (!remote) {
      const w = start();
      worker = w;
      w.addEventListener('error', () => { if (worker === w) stop(); });
      remote = import('comlink').then(({ wrap }) => wrap<Api>(w));
    }
    return remote;
  };
  return {
    stop,
    async call(fn) {
      clearTimeout(idle);
      pending++;
      try {
        return await fn(await ready());
      } finally {
        if (--pending === 0) idle = setTimeout(stop, idleMs);
      }
    },
  };
}
