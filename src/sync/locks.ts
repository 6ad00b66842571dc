/**
 * Web Locks shared by the tabs and the service worker of this origin (`navigator.locks`), with an
 * in-process queue per name where the runtime has none (Node, in the unit tests).
 *   - 'sampark-outbox': one replay at a time (src/sync/replay.ts);
 *   - 'sampark-auth': one sign-in or token refresh at a time (src/sync/auth.ts), because a refresh token
 *     works once and a second use revokes the whole session.
 */
const chains = new Map<string, Promise<unknown>>();

/** Runs `fn` holding the exclusive lock `name`. */
export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  // Typed by hand: the Node-side tests compile this file without the DOM library.
  const locks = (globalThis as { navigator?: { locks?: { request<R>(name: string, cb: () => Promise<R>): Promise<R> } } }).navigator?.locks;
  if (locks) return await locks.request(name, fn);
  const run = (chains.get(name) ?? Promise.resolve()).then(fn, fn);
  chains.set(name, run.catch(() => undefined));
  return run;
}
