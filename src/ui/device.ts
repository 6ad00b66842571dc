/**
 * The page's door to the device database and to sync. Dexie, the outbox and the sync client are fetched
 * right after the first render instead of before it (they are in the service worker's precache, so this
 * costs nothing offline): the intake form is on screen and typeable with only Preact, the dictionary and
 * the form's own code on the critical path. Types are imported, never the modules.
 */
import type { Subscribable } from './use-observable';
import type { IntakeFields } from '../domain/schemas';
import type { Lang } from '../domain/messages';

const sync = () => import('../sync/client');
const grievances = () => import('../db/grievances');
const storage = () => import('../db/storage');

/** An Observable whose source module is loaded on first subscription. */
function deferred<T>(load: () => Promise<Subscribable<T>>): Subscribable<T> {
  return {
    subscribe(next) {
      let inner: { unsubscribe(): void } | undefined;
      let closed = false;
      void load().then((src) => { if (!closed) inner = src.subscribe(next); });
      return { unsubscribe() { closed = true; inner?.unsubscribe(); } };
    },
  };
}

export const startSync = () => sync().then((m) => m.startSync());
export const syncNow = () => sync().then((m) => m.syncNow());
export const applyUpdate = () => void sync().then((m) => m.applyUpdate());
export const syncStatus = () => deferred(() => sync().then((m) => m.syncStatus()));
export const outboxItems = () => deferred(() => grievances().then((m) => m.outboxItems()));
export const storageReport = () => storage().then((m) => m.storageReport());
export const isQuotaError = (e: unknown) => storage().then((m) => m.isQuotaError(e));

export async function registerGrievance(fields: IntakeFields, ctx: { kioskCode: string; operatorId?: string; lang: Lang }) {
  return (await grievances()).registerGrievance(fields, ctx);
}

/** Subscribes to "an update is waiting"; returns the unsubscribe function. */
export function onUpdateAvailable(listener: (available: boolean) => void): () => void {
  let off: (() => void) | undefined;
  let closed = false;
  void sync().then((m) => { if (!closed) off = m.onUpdateAvailable(listener); });
  return () => { closed = true; off?.(); };
}
