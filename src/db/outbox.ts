/**
 * The outbox's one owner: the only module that reads or writes the `outbox` table (the small sync-state
 * row of each grievance; the payloads stay in `grievances`). Everything else uses these verbs:
 *
 *   enqueueIn   add the row of a grievance just registered (inside the registering transaction)
 *   due         rows to send now, of one kiosk, oldest first (records that failed alone last)
 *   adopt       rows and payloads adopted by the operator sending them, one transaction (rows being
 *               sent are not marked: src/sync/in-flight.ts tells the pages which they are)
 *   settle      the server's answers for a batch, with the payload, file and `meta` changes, one transaction
 *   backOff     rows kept after a transient failure, with the global backoff, one transaction
 *   write       rows put back or set aside as they are (restore, needs attention, held for files)
 *   counts      rows per state (each state read on its own, so a live query re-counts only what changed)
 *
 * tests/unit/outbox-owner.test.ts checks that no other module touches `outbox`, `actions` or `meta` directly.
 * Every verb joins the transaction it is called in, and answers Dexie's own promise (no `async`) where it
 * may be awaited inside one.
 */
import { countInStates, db, rowsInStates, type GrievanceRow, type OutboxRow, type OutboxState } from './db';
import { deleteMeta, getMeta, putMeta, type Backoff } from './meta';

export type { Backoff, OutboxRow, OutboxState };

export const OUTBOX_STATES: readonly OutboxState[] = ['saved', 'sending', 'synced', 'attention'];
/** States still to be sent ('sending': left by a replay of an earlier version, which marked rows it sent). */
export const WAITING: readonly OutboxState[] = ['saved', 'sending'];

/** Adds the row of a grievance just registered; call inside the registering transaction. */
export const enqueueIn = (row: OutboxRow): Promise<string> => db.outbox.add(row);

export const outboxRow = (clientId: string): Promise<OutboxRow | undefined> => db.outbox.get(clientId);
export const outboxRows = (clientIds: readonly string[]): Promise<(OutboxRow | undefined)[]> => db.outbox.bulkGet([...clientIds]);

/** The payloads of these grievances, in order (undefined where missing). */
export const payloadsOf = (clientIds: readonly string[]): Promise<(GrievanceRow | undefined)[]> => db.grievances.bulkGet([...clientIds]);

/** Puts rows as they are (restored, held for their files, needs attention, a correction). */
export const write = (rows: readonly OutboxRow[]): Promise<string> => db.outbox.bulkPut([...rows]);

/** Deletes a grievance's row (a discard or a correction under a new clientId). */
export const removeRow = (clientId: string): Promise<void> => db.outbox.delete(clientId);

/** How many rows wait to be sent (the sync timer, the replay's report). */
export const waitingCount = (): Promise<number> => countInStates(db.outbox, WAITING);

/** Rows of one state, for counts per state; each its own index range. */
export const countIn = (state: OutboxState): Promise<number> => db.outbox.where('state').equals(state).count();

/** Rows per state. */
export const counts = (): Promise<Record<OutboxState, number>> =>
  Promise.all(OUTBOX_STATES.map(countIn)).then(([saved, sending, synced, attention]) => ({ saved, sending, synced, attention }));

/** States not yet confirmed (waiting or needing attention). */
const UNSENT: readonly OutboxState[] = ['saved', 'sending', 'attention'];

/** Rows not yet confirmed (waiting or needing attention), in no particular order. */
export const unsentRows = (): Promise<OutboxRow[]> => rowsInStates(db.outbox, UNSENT);

/** How many unsent rows were made before `time` (ms, device time). */
export const unsentOlderThan = (time: number): Promise<number> =>
  unsentRows().then((rows) => rows.filter((r) => Date.parse(r.createdAt) < time).length);

/** One operator's rows (a shared kiosk shows each operator their own). */
export const rowsOfOperator = (operatorId: string): Promise<OutboxRow[]> => db.outbox.where('operatorId').equals(operatorId).toArray();

/** The rows of one citizen's mobile number (the duplicate warning). */
export const rowsOfMobile = (mobile: string): Promise<OutboxRow[]> => db.outbox.where('mobile').equals(mobile).toArray();

/** The rows of one kiosk that match one of a number, a receipt number or a mobile (the status screen, offline). */
export async function rowsMatching(kioskCode: string, q: { number?: string; receipt?: string; mobile?: string }): Promise<OutboxRow[]> {
  const found = new Map<string, OutboxRow>();
  const add = (rows: OutboxRow[]) => { for (const r of rows) if (r.kioskCode === kioskCode) found.set(r.clientId, r); };
  if (q.receipt) add(await db.outbox.where('receiptNumber').equals(q.receipt).toArray());
  if (q.mobile) add(await db.outbox.where('mobile').equals(q.mobile).toArray());
  // No index on the official number: only confirmed rows carry one.
  if (q.number) add(await db.outbox.where('state').equals('synced').filter((r) => r.number === q.number).toArray());
  return [...found.values()];
}

/**
 * Rows that should be sent now (`nextAttemptAt` ≤ `horizon`), of `kioskCode` only (another kiosk's would
 * only be refused), oldest first; those `last` says go last (records that failed alone) after the others.
 */
export async function due(horizon: number, kioskCode: string | undefined, last: (r: OutboxRow) => boolean): Promise<OutboxRow[]> {
  const rows = await rowsInStates<OutboxRow>(db.outbox, WAITING);
  return rows.filter((r) => r.nextAttemptAt <= horizon && (kioskCode === undefined || r.kioskCode === kioskCode))
    .sort((a, b) => Number(last(a)) - Number(last(b)) || (a.clientId < b.clientId ? -1 : 1));
}

/**
 * Stores, once and for good, the grievances adopted by the operator sending them (queued before operators
 * existed: the row and the payload now name that operator), in one transaction. Rows being sent are not
 * marked: they stay 'saved' until their answer is written (src/sync/in-flight.ts tells the pages).
 */
export async function adopt(rows: readonly OutboxRow[], payloads: readonly GrievanceRow[]): Promise<void> {
  if (rows.length === 0 && payloads.length === 0) return;
  await db.transaction('rw', db.outbox, db.grievances, async () => {
    await db.grievances.bulkPut([...payloads]);
    await db.outbox.bulkPut([...rows]);
  });
}

/**
 * Writes the server's answers for one batch in one transaction: the rows, the payloads that changed once
 * confirmed (the sealed Aadhaar dropped), the last sync time; the global backoff ends. `alsoIn` runs in
 * the same transaction (attachments confirmed), after the rows are written.
 */
export async function settle(rows: readonly OutboxRow[], payloads: readonly GrievanceRow[], nowIso: string, alsoIn?: () => Promise<void>): Promise<void> {
  await db.transaction('rw', [db.outbox, db.grievances, db.meta, db.attachments], async () => {
    await db.outbox.bulkPut([...rows]);
    if (payloads.length) await db.grievances.bulkPut([...payloads]);
    await alsoIn?.();
    await putMeta('lastSyncAt', nowIso);
    await deleteMeta('backoff');
  });
}

/** The global backoff now in force, if any. */
export const currentBackoff = (): Promise<Backoff | undefined> => getMeta('backoff');

/**
 * After a transient failure: the rows wait until `until` with one more attempt counted, and the global
 * backoff (its attempts counted from the one stored) is stored with them; one transaction. Returns it.
 */
export async function backOff(rows: readonly OutboxRow[], delay: (attempts: number) => number, now: number, error: OutboxRow['lastError']): Promise<Backoff> {
  return db.transaction('rw', db.outbox, db.meta, async () => {
    const attempts = ((await getMeta('backoff'))?.attempts ?? 0) + 1;
    const backoff: Backoff = { until: now + delay(attempts), attempts };
    await db.outbox.bulkPut(rows.map((row) => ({ ...row, state: 'saved' as const, attempts: row.attempts + 1, nextAttemptAt: backoff.until, lastError: error })));
    await putMeta('backoff', backoff);
    return backoff;
  });
}

/** Changes one row inside a readwrite transaction on `outbox` (a "Send again"); false when `change` declines. */
export async function updateRow(clientId: string, change: (row: OutboxRow) => OutboxRow | undefined): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(clientId);
    const next = row && change(row);
    if (!next) return false;
    await db.outbox.put(next);
    return true;
  });
}
