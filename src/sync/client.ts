/**
 * The page's side of sync: asks the service worker (src/sync/sw-page.ts) to replay when the network
 * returns, on a timer while the app is open (respecting the backoff), on "Sync now" and when something was
 * queued (`queued`, called by whoever saved it, after its transaction), and reports the outbox state from
 * the database (never from timing). Where no service worker controls the page, the page replays by itself
 * under the same Web Lock.
 */
import { liveQuery } from 'dexie';
import { countIn, currentBackoff, OUTBOX_STATES, waitingCount, type OutboxState } from '../db/outbox';
import { waitingActionCount } from '../db/actions';
import { getMeta } from '../db/meta';
import { currentSession } from '../db/session';
import type { ReplayReport, Trigger } from './replay-run';
import { loadServerConfig } from './config';
import { SYNC_TAG } from './names';
import { askReplay, controller } from './sw-page';
import { BACKOFF_FLOOR_MS } from './policy';
import { inFlightIds } from './in-flight';
import { combineLatest, type Subscribable } from './subscribable';
import { outboxView, type OutboxView } from '../db/grievances';

export { SYNC_TAG };
export { applyUpdate, onUpdateAvailable } from './sw-page';
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

let timer: ReturnType<typeof setTimeout> | undefined;
/** When the armed timer fires (epoch ms); undefined when none is armed. */
let timerAt: number | undefined;

/** Asks the controlling service worker to replay, or replays in the page when there is none. */
export async function requestReplay(trigger: Extract<Trigger, 'online' | 'timer' | 'manual'>, batchSize?: number): Promise<ReplayReport | undefined> {
  const sw = controller();
  const ended = () => armTimer();
  // The page replays only when no service worker controls it: load that code only then.
  if (!sw) return (await import('./replay')).replay(trigger, { batchSize }).finally(ended);
  // Whatever happened (the network may still be settling), the timer picks up what is left.
  return askReplay(sw, { type: 'REPLAY', trigger, batchSize }).finally(ended);
}

/** "Sync now": a replay that ignores the backoff. */
export const syncNow = () => requestReplay('manual').then(() => undefined);

/** Asks the browser to wake the service worker for a replay when the network is back (Background Sync). */
export async function registerBackgroundSync(): Promise<void> {
  if (typeof navigator === 'undefined') return; // not a browser (the unit tests of the screens' services)
  const reg = (await navigator.serviceWorker?.getRegistration()) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
  await reg?.sync?.register(SYNC_TAG).catch(() => undefined);
}

/**
 * The save → send hand-off: call after a grievance or an action was saved, once its transaction has
 * completed (never from inside it). Asks for a Background Sync (once until the next replay) and makes sure
 * the timer runs; both cost nothing when already done, so saving stays cheap with a long history.
 */
export function queued(): void {
  // Every time: a Background Sync registration fires once, so a tag registered for an earlier grievance
  // (already fired) would not wake the worker for this one.
  void registerBackgroundSync();
  if (timerAt === undefined || timerAt - Date.now() > TIMER_MS) void armTimer();
}

/** Re-arms the timer: at the end of the backoff if one is running, else every minute while work is left. */
async function armTimer(): Promise<void> {
  clearTimeout(timer);
  timerAt = undefined;
  const waiting = await waitingCount() + await waitingActionCount();
  if (waiting === 0) return;
  const backoff = await currentBackoff();
  const wait = Math.min(backoff ? Math.max(BACKOFF_FLOOR_MS, backoff.until - Date.now()) : TIMER_MS, TIMER_MS);
  timerAt = Date.now() + wait;
  timer = setTimeout(() => { timerAt = undefined; if (navigator.onLine) void requestReplay('timer'); else void armTimer(); }, wait);
}

/** Starts everything sync needs in the page; call once from main.tsx. */
export function startSync(): void {
  void loadServerConfig();
  // Ask once that the browser never evicts this origin's data: unsent grievances live here.
  void import('../db/storage').then((m) => m.requestPersistence()).catch(() => undefined);
  addEventListener('online', () => {
    void loadServerConfig();
    void requestReplay('online');
    // A camp device's hand-over key is registered at an online sign-in; if the network went before that
    // finished, the network's return registers it (nothing is sent when it already is).
    void import('./handover').then((m) => m.registerDeviceKey()).catch(() => false);
  });
  void armTimer();
}

/**
 * Counts per state, last sync time and the network state, updating live. Each count is its own live
 * query, so saving a grievance re-counts 'saved' only, never the long 'synced' history. 'sending' counts
 * the saved grievances a replay says it is sending now (src/sync/in-flight.ts).
 */
export function syncStatus(): Subscribable<SyncStatus> {
  const sources: Subscribable<unknown>[] = [
    ...OUTBOX_STATES.map((s) => liveQuery(() => countIn(s))),
    liveQuery(async () => {
      const [lastSyncAt, backoff, session] = await Promise.all([getMeta('lastSyncAt'), currentBackoff(), currentSession()]);
      return { lastSyncAt, nextAttemptAt: backoff?.until, needsSignIn: !!session?.needsSignIn };
    }),
    inFlightIds(), // what a replay is sending now: still 'saved' in the database until answered
  ];
  return combineLatest(sources, (latest) => {
    const c = Object.fromEntries(OUTBOX_STATES.map((s, i) => [s, latest[i] as number])) as Record<OutboxState, number>;
    const m = latest[OUTBOX_STATES.length] as Pick<SyncStatus, 'lastSyncAt' | 'nextAttemptAt' | 'needsSignIn'>;
    const moving = Math.min((latest[OUTBOX_STATES.length + 1] as ReadonlySet<string>).size, c.saved);
    const shown = { ...c, saved: c.saved - moving, sending: c.sending + moving };
    return { ...shown, total: c.saved + c.sending + c.synced + c.attention, ...m, online: navigator.onLine };
  }, ['online', 'offline']);
}

/**
 * An operator's outbox as the database has it, with the saved grievances a replay says it is sending now
 * shown as 'sending' (their rows stay 'saved' until answered; src/sync/in-flight.ts), the other operators'
 * counts likewise.
 */
export function withInFlight(view: OutboxView, ids: ReadonlySet<string>): OutboxView {
  if (ids.size === 0) return view;
  let ownInFlight = 0;
  const own = view.own.map((r) => {
    if (!ids.has(r.clientId)) return r;
    ownInFlight++;
    return r.state === 'saved' ? { ...r, state: 'sending' as const } : r;
  });
  const moving = Math.max(0, Math.min(view.others.saved, ids.size - ownInFlight));
  return { own, others: { ...view.others, saved: view.others.saved - moving, sending: view.others.sending + moving } };
}

/** outboxView (src/db/grievances.ts) with what is being sent now (withInFlight), live. */
export function outboxViewLive(operatorId: string): Subscribable<OutboxView> {
  return combineLatest([outboxView(operatorId), inFlightIds()], ([view, ids]) => withInFlight(view as OutboxView, ids as ReadonlySet<string>));
}
