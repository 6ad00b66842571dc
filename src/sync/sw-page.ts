/**
 * The page's side of the service worker, in one place: registering it, asking it to replay (its reply
 * parsed by the shared schema, src/sync/messages.ts), and updates (a new worker waits for the operator's
 * OK, then takes over once no replay is running, and the page that accepted it reloads).
 */
import { Workbox } from 'workbox-window';
import { ReplayReply, type ToWorker } from './messages';
import type { ReplayReport } from './replay-run';

/** How long a page waits for the worker's answer to a replay before the timer takes over. */
const REPLY_TIMEOUT_MS = 120_000;

const updateListeners = new Set<(available: boolean) => void>();
let updateWaiting = false;
/** The operator accepted the update in this page. */
let accepted = false;

const announce = () => { updateWaiting = true; updateListeners.forEach((l) => l(true)); };

/** Registers the service worker (production builds) and listens for updates; call once. */
export function registerWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const wb = new Workbox('/sw.js');
  wb.addEventListener('waiting', announce);
  // A new worker took control: reload if the operator accepted it here; in other tabs, say so and let
  // the operator reload when ready (a reload must never throw away a half-filled form).
  const hadController = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (accepted) location.reload();
    else if (hadController) announce();
  });
  void wb.register();
}

/** The worker that controls this page, if any (else the page replays by itself). */
export const controller = (): ServiceWorker | null | undefined => navigator.serviceWorker?.controller;

/**
 * Asks `worker` to replay; answers its report, or undefined when it failed, answered something else or
 * did not answer in time.
 */
export function askReplay(worker: ServiceWorker, message: Extract<ToWorker, { type: 'REPLAY' }>): Promise<ReplayReport | undefined> {
  const channel = new MessageChannel();
  const done = new Promise<ReplayReport | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), REPLY_TIMEOUT_MS);
    channel.port1.onmessage = (e) => {
      clearTimeout(timer);
      const reply = ReplayReply.safeParse(e.data);
      resolve(reply.success && !('failed' in reply.data) ? reply.data : undefined);
    };
  });
  worker.postMessage(message, [channel.port2]);
  return done;
}

/** Subscribes to "an update is waiting"; returns the unsubscribe function. */
export function onUpdateAvailable(listener: (available: boolean) => void): () => void {
  updateListeners.add(listener);
  listener(updateWaiting);
  return () => updateListeners.delete(listener);
}

/** The operator's OK: the waiting worker takes over once no replay is running, then the page reloads. */
export function applyUpdate(): void {
  accepted = true;
  // With no waiting worker the update was accepted in another tab: only this page is left to reload.
  void navigator.serviceWorker?.getRegistration().then((r) => {
    if (r?.waiting) r.waiting.postMessage({ type: 'SKIP_WAITING' } satisfies ToWorker);
    else location.reload();
  });
}
