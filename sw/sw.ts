/// <reference lib="webworker" />
/**
 * Service worker entry: only wires events to named helpers.
 * - precache the app shell (Workbox), serve index.html for navigations offline;
 * - replay the outbox on Background Sync, on a REPLAY message from a page, and at every worker start,
 *   refreshing the access token itself when it has expired (src/sync/auth.ts, under AUTH_LOCK, src/sync/names.ts);
 * - activate an update only when the operator says so, and never in the middle of a replay.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { replay, SIGN_IN_ERROR, type ReplayReport } from '../src/sync/replay';
import { type ReplayReply, ToWorker } from '../src/sync/messages';
import { OUTBOX_LOCK, SYNC_TAG } from '../src/sync/names';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('install', () => {
  // No skipWaiting here: an update waits for the operator's OK (SKIP_WAITING message).
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('sync', (event: Event) => {
  const e = event as Event & { tag: string; waitUntil(p: Promise<unknown>): void };
  if (e.tag !== SYNC_TAG) return;
  // Rejecting when records are left asks the browser to retry the sync later with its own backoff; not
  // when they wait for a sign-in (retries cannot help; the sign-in itself asks for a replay).
  e.waitUntil(replay('sync').then((r) => {
    if (r.waiting > 0 && r.error?.key !== SIGN_IN_ERROR.key) throw new Error(`${r.waiting} grievances still waiting`);
  }));
});

self.addEventListener('message', (event) => {
  const msg = ToWorker.safeParse(event.data);
  if (!msg.success) return;
  const reply = (data: ReplayReply) => event.ports[0]?.postMessage(data);
  if (msg.data.type === 'REPLAY') {
    event.waitUntil(replay(msg.data.trigger, { batchSize: msg.data.batchSize }).then(reply, (e) => reply({ failed: String(e) })));
  } else {
    // Take the replay lock first so an update never lands in the middle of a replay.
    event.waitUntil(navigator.locks.request(OUTBOX_LOCK, () => self.skipWaiting()));
  }
});

// Every start of the worker (browser restart, worker woken for an event) drains what is left.
const startReplay: Promise<ReplayReport | void> = replay('sw-start').catch(() => undefined);
void startReplay;
