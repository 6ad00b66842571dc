/**
 * The camp queue on this device (issue 12 item 2): tokens given at the entrance desk, counters calling the
 * next one, and what the hall screen shows. Kept in `meta` (one row, changed in a transaction each time),
 * so the desk, the counters and the hall screen (another window or tab of this device) share it live and
 * offline. A token's label starts with this device's id, so tokens from several desk devices never collide:
 * `7K3QX-014` is the 14th token of device 7K3QX.
 */
import { liveQuery, type Observable } from 'dexie';
import { monotonicFactory } from 'ulidx';
import { db } from './db';
import { getMeta, putMeta } from './meta';
import { deviceIdIn } from './device-id';

export const QUEUE_KEY = 'campQueue' as const;
const ulid = monotonicFactory();
/** Counters a camp may have (the desk picks one when calling). */
export const COUNTERS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export interface Token {
  /** A ULID made when the token is given: the server stores the token log once per id (absent on tokens given before). */
  id?: string;
  /** `<deviceId>-<nnn>`: unique across devices. */
  label: string;
  /** The number alone, printed in large digits. */
  n: number;
  deviceId: string;
  /** Epoch ms. */
  issuedAt: number;
  calledAt?: number;
  /** Epoch ms when its counter called the next token (the citizen's turn at the counter ended). */
  servedAt?: number;
  counter?: number;
  /** The camp it was given at, if one is chosen. */
  eventId?: string;
}

export interface Queue { seq: number; tokens: Token[] }

/** The label of token `n` of device `deviceId`. */
export const tokenLabel = (deviceId: string, n: number) => `${deviceId}-${String(n).padStart(3, '0')}`;

const read = async (): Promise<Queue> => (await getMeta(QUEUE_KEY)) ?? { seq: 0, tokens: [] };

/** Gives the next token of this device. */
export function issueToken(now = Date.now(), eventId?: string): Promise<Token> {
  return db.transaction('rw', db.meta, async () => {
    const deviceId = await deviceIdIn();
    const q = await read();
    const n = q.seq + 1;
    const token: Token = { id: ulid(now), label: tokenLabel(deviceId, n), n, deviceId, issuedAt: now, ...(eventId && { eventId }) };
    await putMeta(QUEUE_KEY, { seq: n, tokens: [...q.tokens, token] });
    return token;
  });
}

/** Calls the longest-waiting token to `counter`; undefined when nobody waits. */
export function callNext(counter: number, now = Date.now()): Promise<Token | undefined> {
  return db.transaction('rw', db.meta, async () => {
    const q = await read();
    const i = q.tokens.findIndex((t) => t.calledAt === undefined);
    if (i < 0) return undefined;
    const called: Token = { ...q.tokens[i], calledAt: now, counter };
    // The token this counter served until now is done.
    const tokens = q.tokens.map((t) => (t.counter === counter && t.calledAt !== undefined && t.servedAt === undefined ? { ...t, servedAt: now } : t));
    tokens[i] = called;
    await putMeta(QUEUE_KEY, { ...q, tokens });
    return called;
  });
}

/** Starts a new day's queue (numbering starts again at 1; labels stay unique with the device id and the day's tokens are dropped). */
export const resetQueue = () => putMeta(QUEUE_KEY, { seq: 0, tokens: [] });

export interface QueueView {
  waiting: Token[];
  /** Per counter, the token it called last. */
  serving: { counter: number; token: Token }[];
  served: number;
  /** Minutes from token to call, on average, of those called (null before any). */
  averageWaitMin: number | null;
}

export function viewOf(q: Queue): QueueView {
  const waiting = q.tokens.filter((t) => t.calledAt === undefined);
  const called = q.tokens.filter((t) => t.calledAt !== undefined);
  const last = new Map<number, Token>();
  for (const t of called) {
    const prev = last.get(t.counter!);
    if (!prev || prev.calledAt! <= t.calledAt!) last.set(t.counter!, t);
  }
  const serving = [...last.entries()].sort(([a], [b]) => a - b).map(([counter, token]) => ({ counter, token }));
  const averageWaitMin = called.length ? Math.round(called.reduce((s, t) => s + (t.calledAt! - t.issuedAt), 0) / called.length / 60_000) : null;
  return { waiting, serving, served: called.length, averageWaitMin };
}

/** The queue as the screens show it, live across windows of this device. */
export const queueView = (): Observable<QueueView> => liveQuery(async () => viewOf(await read()));

/** The queue as stored (for the token log sent to the server: src/sync/camp-tokens.ts). */
export const readQueue = (): Promise<Queue> => db.transaction('r', db.meta, read);
