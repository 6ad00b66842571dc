/**
 * A job run every N seconds on the server (the escalation sweep, the notification sender): never two
 * rounds at once, errors logged and the timer kept, the process not held open by it, and `stop()` waits
 * for a round in progress so the database is not closed under it.
 */
export interface Periodic {
  stop(): Promise<void>;
  /** Runs a round now (or right after the one in progress) instead of waiting for the timer. */
  kick(): void;
}

export function every(intervalMs: number, round: () => Promise<unknown>, onError: (err: unknown) => void): Periodic {
  let running: Promise<void> | null = null;
  let stopped = false;
  let again = false;
  const tick = () => {
    if (running || stopped) return;
    running = round().then(() => undefined, onError).finally(() => {
      running = null;
      if (again) { again = false; tick(); }
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    kick() {
      if (running) again = true;
      else tick();
    },
  };
}
