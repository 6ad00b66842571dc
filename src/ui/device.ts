/**
 * The page's door to the device database, sign-in and sync. Dexie, the outbox, the session and the sync
 * client are fetched right after the first render instead of before it (they are in the service worker's
 * precache, so this costs nothing offline): only Preact, the dictionary and the screens' own code are on
 * the critical path. Types are imported, never the modules.
 */
import type { Subscribable } from './use-observable';
import type { IntakeWithTriage } from '../domain/schemas';
import type { Lang } from '../domain/messages';
import type { AuthState } from '../sync/auth-client';
import type { SyncStatus } from '../sync/client';
import type { OutboxView } from '../db/grievances';
import type { PreparedAttachment } from '../media/attachment-rules';
import type { ChosenCamp } from '../db/camp-chosen';
import { getSetting, setSetting } from '../db/settings';

/**
 * A first visit (nothing was ever signed in on this device, so nothing can wait in its outbox) draws the
 * sign-in page and registers the service worker without loading the device database: Dexie, the outbox and
 * the sync client are loaded with the first key or touch, or when anything below is asked for. A device
 * that has been used (a kept sign-in hint, even a signed-out one) loads them at once.
 */
let openDevice!: () => void;
const deviceOpen = new Promise<void>((resolve) => { openDevice = resolve; });
if (typeof window !== 'undefined') for (const type of ['keydown', 'pointerdown'] as const) addEventListener(type, () => openDevice(), { once: true, capture: true, passive: true });
/** Resolves once the device database is wanted (see above). */
export const whenDeviceOpen = () => deviceOpen;
/** A module of the device side, loaded once the device is open; `now` opens it (an action, not a view). */
const loader = <M>(load: () => Promise<M>) => (now = false): Promise<M> => { if (now) openDevice(); return deviceOpen.then(load); };

const sync = loader(() => import('../sync/client'));
const auth = loader(() => import('../sync/auth-client'));
const grievances = loader(() => import('../db/grievances'));
const storage = loader(() => import('../db/storage'));
const attachments = loader(() => import('../db/attachments'));
const swPage = () => import('../sync/sw-page');

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

/** Registers the service worker at once (installable and offline from the first visit), then starts the outbox's sync once the device is open. */
export const startSync = () => {
  void swPage().then((m) => m.registerWorker());
  return Promise.all([sync().then((m) => m.startSync()), auth().then((m) => m.startIdleLock())]);
};
export const syncNow = () => sync(true).then((m) => m.syncNow());
export const applyUpdate = () => void swPage().then((m) => m.applyUpdate());
export const syncStatus = (): Subscribable<SyncStatus> => deferred(() => sync().then((m) => m.syncStatus()));
/** The camp chosen on this device (the header's camp links), live; Dexie is loaded on first subscription. */
export const chosenCamp = (): Subscribable<ChosenCamp | undefined> => deferred(() => deviceOpen.then(() => import('../db/camp-chosen')).then((m) => m.chosenCamp()));
export const storageReport = () => storage().then((m) => m.storageReport());
export const storageAlerts = () => storage().then((m) => m.storageAlerts());
export const isQuotaError = (e: unknown) => storage(true).then((m) => m.isQuotaError(e));

/**
 * Who is signed in, live. The first value comes from a small copy kept in idb-keyval (no tokens), so the
 * first screen is drawn without waiting for Dexie; the live session from IndexedDB follows within
 * milliseconds and always wins. No copy (a first visit) starts at sign-in.
 */
export function authState(): Subscribable<AuthState> {
  return {
    subscribe(next) {
      let live = false;
      let kept = '';
      void getSetting<AuthState>('authHint').then((hint) => { if (hint) openDevice(); if (!live) next(hint ?? {}); }, () => { openDevice(); if (!live) next({}); });
      return deferred(() => auth().then((m) => m.authState())).subscribe((state) => {
        live = true;
        next(state);
        const s = state.session;
        const gate = JSON.stringify(s && { ...s, lastActivityAt: undefined });
        if (gate !== kept) { kept = gate; void setSetting('authHint', s ? { session: s } : {}); }
      });
    },
  };
}
/** Signs in; after an online sign-in, makes and registers this device's hand-over key (camp mode; never fails the sign-in). */
export async function signIn(operatorId: string, password: string) {
  const r = await (await auth(true)).signIn(operatorId, password);
  if (r.ok && r.mode === 'online') await import('../sync/handover').then((m) => m.registerDeviceKey()).catch(() => false);
  return r;
}
export const unlock = (password: string) => auth(true).then((m) => m.unlock(password));
export const lock = () => auth(true).then((m) => m.lock());
export const signOut = () => auth(true).then((m) => m.signOut());
/** "Sign out and forget this device": the server ends the session; no offline sign-in here for this operator. */
export const signOutAndForget = () => auth(true).then((m) => m.signOut({ forget: true }));

/** The signed-in operator's grievances, and the others' only as counts (those being sent now shown as sending). */
export const outboxView = (operatorId: string): Subscribable<OutboxView> => deferred(() => sync().then((m) => m.outboxViewLive(operatorId)));

/** Registers a grievance as the operator signed in now (their kiosk code and operator ID, read in the same transaction). */
export async function registerGrievance(fields: IntakeWithTriage, lang: Lang, files: readonly PreparedAttachment[] = []) {
  const item = await (await grievances(true)).registerForCurrentOperator(fields, { lang, attachments: files });
  void sync().then((m) => m.queued()); // the save → send hand-off, after the registration's transaction
  return item;
}

/** The signed-in operator's record in Needs attention, to prefill the form for "Correct and resend" (undefined if not theirs or not there). */
export const correctableSubmission = (clientId: string) => grievances(true).then((m) => m.correctableSubmission(clientId));
/** Replaces a record in Needs attention with corrected fields (same receipt number and attachments) and saves it to be sent again. */
export async function correctGrievance(clientId: string, fields: IntakeWithTriage, lang: Lang) {
  const item = await (await grievances(true)).correctGrievance(clientId, fields, { lang });
  void sync().then((m) => m.queued());
  return item;
}
/** Deletes a record in Needs attention (after the operator confirmed), with its files no other grievance uses. */
export const discardGrievance = (clientId: string) => grievances(true).then((m) => m.discardGrievance(clientId));
/** "Send again" on a record the server failed on every time: one more try, alone. */
export const resendPoisoned = (clientId: string) => sync(true).then(() => import('../sync/poison')).then((m) => m.resendPoisoned(clientId)).finally(() => void sync().then((m) => m.queued()));

/** A grievance's attachments as stored on this device (thumbnails; blobs until pruned), in its order. */
export const attachmentsOf = (clientId: string) => attachments(true).then((m) => m.attachmentsOf(clientId));

/** Subscribes to "an update is waiting"; returns the unsubscribe function. */
export function onUpdateAvailable(listener: (available: boolean) => void): () => void {
  let off: (() => void) | undefined;
  let closed = false;
  void swPage().then((m) => { if (!closed) off = m.onUpdateAvailable(listener); });
  return () => { closed = true; off?.(); };
}
