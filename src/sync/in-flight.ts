/**
 * Which grievances a replay is sending now, told to every page of the app (the header's "Syncing m of n",
 * the outbox's "Sending"). Told, not stored: a grievance's outbox row stays "saved" in IndexedDB until the
 * server's answer is written, so a replay writes each row once (the answer) instead of twice (marked
 * sending, then the answer), and a replay that dies leaves nothing behind to undo.
 *
 * The replay (in the service worker, or in a page without one) posts the whole set on each change and
 * again every IN_FLIGHT_REPEAT_MS while it is not empty; a page forgets what it was told after
 * IN_FLIGHT_TTL_MS without news (a service worker killed mid-POST says nothing more). BroadcastChannel
 * reaches every other context of the origin, the sender's own page included (another channel object).
 */
import { InFlightMessage } from './messages';
import type { Subscribable } from './subscribable';

let channelName = 'sampark-in-flight';
/**
 * Tests only: another channel name for this realm. Test files run as threads of one Node process, where a
 * BroadcastChannel reaches every thread; in a browser it reaches only this origin.
 */
export function useChannelName(name: string): void { channelName = name; }
/** A running replay repeats its set this often (a long upload on a slow link keeps it alive). */
export const IN_FLIGHT_REPEAT_MS = 15_000;
/** A page drops a set it has not heard again for this long. */
export const IN_FLIGHT_TTL_MS = 45_000;

/** What this module uses of a BroadcastChannel (the DOM's, or Node's in the tests: `unref` is Node's). */
interface Channel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  close(): void;
  unref?(): void;
}

function channel(): Channel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const c = new BroadcastChannel(channelName) as unknown as Channel;
  c.unref?.(); // Node (tests): the channel alone does not keep the process up
  return c;
}

/** The replay's side: the set of clientIds now being sent, announced on every change. */
export interface InFlight {
  add(ids: readonly string[]): void;
  remove(ids: readonly string[]): void;
  /** Nothing is being sent any more (the replay ended, however). */
  clear(): void;
}

export function inFlightAnnouncer(): InFlight {
  const ids = new Set<string>();
  let ch: Channel | undefined;
  let repeat: ReturnType<typeof setInterval> | undefined;
  const post = () => {
    ch ??= channel();
    ch?.postMessage({ type: 'IN_FLIGHT', ids: [...ids] } satisfies InFlightMessage);
    if (ids.size > 0 && !repeat) {
      repeat = setInterval(post, IN_FLIGHT_REPEAT_MS);
      (repeat as { unref?: () => void }).unref?.();
    } else if (ids.size === 0 && repeat) {
      clearInterval(repeat);
      repeat = undefined;
    }
  };
  return {
    add(more) {
      const before = ids.size;
      for (const id of more) ids.add(id);
      if (ids.size !== before) post();
    },
    remove(done) {
      const before = ids.size;
      for (const id of done) ids.delete(id);
      if (ids.size !== before) post();
    },
    clear() {
      if (ids.size === 0 && !repeat) return;
      ids.clear();
      post();
      ch?.close();
      ch = undefined;
    },
  };
}

/**
 * The page's side: the clientIds being sent now, as last told (an empty set at first and after
 * IN_FLIGHT_TTL_MS without news). `now`/timers are the page's own.
 */
export function inFlightIds(): Subscribable<ReadonlySet<string>> {
  return {
    subscribe(next) {
      const ch = channel();
      let expiry: ReturnType<typeof setTimeout> | undefined;
      next(new Set());
      const onMessage = (e: { data: unknown }) => {
        const m = InFlightMessage.safeParse(e.data);
        if (!m.success) return;
        clearTimeout(expiry);
        next(new Set(m.data.ids));
        if (m.data.ids.length > 0) expiry = setTimeout(() => next(new Set()), IN_FLIGHT_TTL_MS);
      };
      ch?.addEventListener('message', onMessage);
      return { unsubscribe() { clearTimeout(expiry); ch?.removeEventListener('message', onMessage); ch?.close(); } };
    },
  };
}
