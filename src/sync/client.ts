/**
 * The page's side of sync: registers the service worker, asks it to replay when the network returns,
 * on a timer while the app is open (respecting the backoff) and on "Sync now", and reports the outbox
 * state from the database (never from timing). Where no service worker controls the page, the page
 * replays by itself under the same Web Lock.
 */
import Dexie, { liveQuery, type Observable, type Transaction } from 'dexie';
import { Workbox } from 'workbox-window';
import { db } from '../db/db';
import { currentSessionIn } from '../db/session';
import type { Backoff, ReplayReport, Trigger } from './replay';
import { loadServerConfig } from './config';
import type { ToWorker } from './messages';

export const SYNC_TAG = 'sampark-outbox';
const TIMER_MS = 60_000;

export interface SyncStatus {
  online: boolean;
  total: number;
  saved: number;
  sending: number;
  synced: number;
  attention: number;
  lastSyncAt?: string;
  nextAttemptAt?: number;
  /** The server refused the signed-in operator's session: nothing is sent until someone signs in again. */
  needsSignIn: boolean;
}

let wb: Workbox | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
const updateListeners = new Set<(available: boolean) => void>();
let updateWaiting = false;
/** The operator accepted the update in this page. */
let accepted = false;

/** Asks the controlling service worker to replay, or replays in the page when there is none. */
export async function requestReplay(trigger: Extract<Trigger, 'online' | 'timer' | 'manual'>, batchSize?: number): Promise<ReplayReport | undefined> {
  const sw = navigator.serviceWorker?.controller;
  // The page replays only when no service worker controls it: load that code only then.
  if (!sw) return (await import('./replay')).replay(trigger, { batchSize }).finally(armTimer);
  const channel = new MessageChannel();
  const done = new Promise<ReplayReport | undefined>((resolve) => {
    channel.port1.onmessage = (e) => resolve(e.data as ReplayReport);
    setTimeout(() => resolve(undefined), 120_000);
  });
  sw.postMessage({ type: 'REPLAY', trigger, batchSize } satisfies ToWorker, [channel.port2]);
  // Whatever happened (the network may still be settling), the timer picks up what is left.
  return done.finally(armTimer);
}

/** "Sync now": a replay that ignores the backoff. */
export const syncNow = () => requestReplay('manual').then(() => undefined);

/** Asks the browser to wake the service worker for a replay when the network is back (Background Sync). */
export async function registerBackgroundSync(): Promise<void> {
  const reg = (await navigator.serviceWorker?.getRegistration()) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
  await reg?.sync?.register(SYNC_TAG).catch(() => undefined);
}

/** Re-arms the timer: at the end of the backoff if one is running, else every minute while work is left. */
async function armTimer(): Promise<void> {
  clearTimeout(timer);
  const waiting = await db.outbox.where('state').anyOf('saved', 'sending').count() + await db.actions.where('state').anyOf('saved', 'sending').count();
  if (waiting === 0) return;
  const backoff = (await db.meta.get('backoff'))?.value as Backoff | undefined;
  const wait = backoff ? Math.max(1_000, backoff.until - Date.now()) : TIMER_MS;
  timer = setTimeout(() => { if (navigator.onLine) void requestReplay('timer'); else void armTimer(); }, Math.min(wait, TIMER_MS));
}

/** Starts everything sync needs in the page; call once from main.tsx. */
export function startSync(): void {
  void loadServerConfig();
  // Ask once that the browser never evicts this origin's data: unsent grievances live here.
  void import('../db/storage').then((m) => m.requestPersistence()).catch(() => undefined);
  addEventListener('online', () => { void loadServerConfig(); void requestReplay('online'); });
  // Something was queued: once its transaction has committed (never from inside it: that transaction has
  // neither `actions` nor `meta`, and a query in it would throw), ask for a background sync and re-arm.
  const afterCommit = () => Dexie.ignoreTransaction(() => { void registerBackgroundSync(); void armTimer(); });
  const queued = (_key: unknown, _obj: unknown, tx: Transaction) => { tx.on('complete', () => setTimeout(afterCommit, 0)); };
  db.outbox.hook('creating', queued);
  db.actions.hook('creating', queued); // workflow actions (src/sync/actions.ts) ride the same replay
  void armTimer();
  if ('serviceWorker' in navigator && !import.meta.env.DEV) {
    wb = new Workbox('/sw.js');
    wb.addEventListener('waiting', () => { updateWaiting = true; updateListeners.forEach((l) => l(true)); });
    // A new worker took control: reload if the operator accepted it here; in other tabs, say so and let
    // the operator reload when ready (a reload must never throw away a half-filled form).
    const hadController = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (accepted) location.reload();
      else if (hadController) { updateWaiting = true; updateListeners.forEach((l) => l(true)); }
    });
    void wb.register();
  }
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

/** Counts per state, last sync time and the network state, updating live. */
export function syncStatus(): Observable<SyncStatus> {
  const counts = liveQuery(async () => {
    const [saved, sending, synced, attention, last, backoff, session] = await Promise.all([
      db.outbox.where('state').equals('saved').count(),
      db.outbox.where('state').equals('sending').count(),
      db.outbox.where('state').equals('synced').count(),
      db.outbox.where('state').equals('attention').count(),
      db.meta.get('lastSyncAt'),
      db.meta.get('backoff'),
      currentSessionIn(),
    ]);
    return { saved, sending, synced, attention, total: saved + sending + synced + attention,
      lastSyncAt: last?.value as string | undefined, nextAttemptAt: (backoff?.value as Backoff | undefined)?.until,
      needsSignIn: !!session?.needsSignIn };
  });
  return {
    subscribe(observer: ((s: SyncStatus) => void) | { next?: (s: SyncStatus) => void }) {
      const next = typeof observer === 'function' ? observer : (s: SyncStatus) => observer.next?.(s);
      let last: Omit<SyncStatus, 'online'> | undefined;
      const emit = () => { if (last) next({ ...last, online: navigator.onLine }); };
      const sub = counts.subscribe((c) => { last = c; emit(); });
      addEventListener('online', emit);
      addEventListener('offline', emit);
      return { unsubscribe() { sub.unsubscribe(); removeEventListener('online', emit); removeEventListener('offline', emit); }, get closed() { return false; } };
    },
  } as Observable<SyncStatus>;
}
