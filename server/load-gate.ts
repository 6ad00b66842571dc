/**
 * Load shedding for a route (the sync route when thousands of kiosks reconnect): at most `maxInFlight`
 * requests run at once; a few more wait their turn in a short FIFO queue (a kiosk that waits a moment is
 * served sooner than one sent away for seconds); past that, or after waiting `maxWaitMs`, the answer is
 * 503 with a Retry-After that says how long the work already admitted takes to drain (from the measured
 * service time), spread by jitter so shed kiosks do not all return at the same instant. Never a hang: a
 * request is admitted or refused within maxWaitMs, far below the device's 20 s timeout.
 */
import { randomInt } from 'node:crypto';
import { ApiProblem } from './errors';

export interface GateOptions {
  maxInFlight: number;
  /** Requests that may wait for a slot (default 4 × maxInFlight). */
  maxQueued?: number;
  /** The longest a request waits for a slot before it is shed (default 3 s). */
  maxWaitMs?: number;
}

export interface LoadGate {
  /** Resolves with a release function once admitted; throws a 503 ApiProblem when shed. */
  enter(): Promise<() => void>;
  /** Requests running and waiting now (for tests and logs). */
  load(): { inFlight: number; queued: number };
}

export function createLoadGate(o: GateOptions): LoadGate {
  const maxQueued = o.maxQueued ?? 4 * o.maxInFlight;
  const maxWaitMs = o.maxWaitMs ?? 3000;
  let inFlight = 0;
  const queue: { admit(): void; timer: NodeJS.Timeout }[] = [];
  let serviceMs = 200; // moving average of how long an admitted request runs

  /** Seconds until the queue ahead would have drained, at least 1, with 0–1 s of jitter (Retry-After is whole seconds). */
  const retryAfterS = () => {
    const drainS = ((queue.length + inFlight) * serviceMs) / o.maxInFlight / 1000;
    return Math.min(30, Math.max(1, Math.ceil(drainS))) + randomInt(0, 2);
  };
  const shed = () => new ApiProblem(503, 'api.busy', undefined, { 'retry-after': String(retryAfterS()) });

  const admitted = (): (() => void) => {
    inFlight++;
    const started = performance.now();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      inFlight--;
      serviceMs = serviceMs * 0.8 + (performance.now() - started) * 0.2;
      const next = queue.shift();
      if (next) { clearTimeout(next.timer); next.admit(); }
    };
  };

  return {
    enter() {
      if (inFlight < o.maxInFlight && queue.length === 0) return Promise.resolve(admitted());
      if (queue.length >= maxQueued) return Promise.reject(shed());
      return new Promise((resolve, reject) => {
        const entry = {
          admit: () => resolve(admitted()),
          timer: setTimeout(() => {
            queue.splice(queue.indexOf(entry), 1);
            reject(shed());
          }, maxWaitMs),
        };
        queue.push(entry);
      });
    },
    load: () => ({ inFlight, queued: queue.length }),
  };
}
