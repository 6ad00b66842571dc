/**
 * The device's workflow actions, in domain verbs: an officer's Start, Dispose or Transfer, a kiosk's
 * feedback or reopen for the citizen. Each is saved here first (so it survives no network, a closed tab or
 * a power cut) with a ULID `actionId` and the version of the grievance it was taken on, then sent by
 * src/sync/actions.ts; the server applies an actionId once, so a resend never acts twice.
 *
 * Two actions on the same grievance from this device form a chain: the second waits (`after`) until the
 * first is accepted and is then sent against the version that acceptance produced. If the first is refused
 * the second is never sent (it would act on a grievance that is not what the person saw).
 */
import { liveQuery, type Observable } from 'dexie';
import { monotonicFactory } from 'ulidx';
import { countInStates, db, rowsInStates, type ActionRow, type ActionState } from './db';
import { WorkflowAction } from '../domain/workflow';

export type { ActionRow, ActionState };

/** Monotonic: two actions taken in the same millisecond still sort in the order they were taken. */
const ulid = monotonicFactory();

/** States still to be sent. */
export const PENDING: readonly ActionState[] = ['saved', 'sending'];
/** Accepted actions are listed this long, then forgotten. */
export const DONE_KEPT_MS = 7 * 86_400_000;

export interface NewAction {
  operatorKey: string;
  number: string;
  route: ActionRow['route'];
  action: WorkflowAction;
  /** The grievance's version as the person saw it. */
  knownVersion?: number;
  /** The grievance's clientId, for one registered on this device whose number is not known yet (`number` ''). */
  clientId?: string;
  /** The citizen's one-time code, when a kiosk that did not register the grievance acts for the citizen. */
  code?: string;
  now?: Date;
}

/** Saves an action on the device; chained after this person's last unsent action on the same grievance. */
export async function enqueueAction(a: NewAction): Promise<ActionRow> {
  const action = WorkflowAction.parse(a.action); // the form checked it; a bad body must never reach the queue
  const now = a.now ?? new Date();
  return db.transaction('rw', db.actions, async () => {
    const earlier = (a.number ? await db.actions.where('number').equals(a.number).toArray() : (await db.actions.where('operatorKey').equals(a.operatorKey).toArray()).filter((r) => r.clientId === a.clientId))
      .filter((r) => r.operatorKey === a.operatorKey && PENDING.includes(r.state))
      .sort((x, y) => (x.actionId < y.actionId ? -1 : 1)).at(-1);
    const row: ActionRow = {
      actionId: ulid(now.getTime()), operatorKey: a.operatorKey, number: a.number, route: a.route, action,
      ...(earlier ? { after: earlier.actionId } : a.knownVersion !== undefined ? { expectedVersion: a.knownVersion } : {}),
      state: 'saved', createdAt: now.toISOString(), attempts: 0, nextAttemptAt: 0, ...(a.code && { code: a.code }), ...(a.clientId && { clientId: a.clientId }),
    };
    await db.actions.add(row);
    return row;
  });
}

/** `operatorKey`'s actions (of one grievance, or all), oldest first, live; accepted ones for a week. */
export function actionsOf(operatorKey: string, number?: string): Observable<ActionRow[]> {
  return liveQuery(async () => {
    const rows = number ? await db.actions.where('number').equals(number).toArray() : await db.actions.where('operatorKey').equals(operatorKey).toArray();
    const since = Date.now() - DONE_KEPT_MS;
    return rows.filter((r) => r.operatorKey === operatorKey && (r.state !== 'done' || Date.parse(r.result?.at ?? r.createdAt) >= since))
      .sort((x, y) => (x.actionId < y.actionId ? -1 : 1));
  });
}

/** Forgets an action that needs attention once its person has read why (it is never sent again anyway). */
export async function dismissAction(actionId: string): Promise<void> {
  await db.transaction('rw', db.actions, async () => {
    const row = await db.actions.get(actionId);
    if (row?.state === 'attention') await db.actions.delete(actionId);
  });
}

/** How many actions wait to be sent (for the sync timer). */
export const waitingActionCount = (): Promise<number> => countInStates(db.actions, PENDING);

/**
 * The queue's verbs for the replay (src/sync/replay-actions.ts): this module is the only one that reads or
 * writes `actions` (tests/unit/outbox-owner.test.ts).
 */
/** Every action on this device (the camp disposal screen lists them beside their grievances). */
export const allActions = (): Promise<ActionRow[]> => db.actions.toArray();

/** Every action still to be sent, any person's (the hand-over file), in no particular order. */
export const pendingActions = (): Promise<ActionRow[]> => rowsInStates(db.actions, PENDING);

/** One person's actions (their replay chooses the next to send among them). */
export const actionsOfOperator = (operatorKey: string): Promise<ActionRow[]> => db.actions.where('operatorKey').equals(operatorKey).toArray();

/** Puts actions as they are (marked sending, restored, backed off, set aside). */
export const writeActions = (rows: readonly ActionRow[]): Promise<string> => db.actions.bulkPut([...rows]);

/**
 * Writes the server's answer to one action in one transaction, with what it means for the actions chained
 * after it (`decide` gets the grievance's actions as they are now: a tab may have chained one meanwhile).
 */
export async function settleAction(number: string, decide: (latest: ActionRow[]) => ActionRow[]): Promise<void> {
  await db.transaction('rw', db.actions, async () => {
    await db.actions.bulkPut(decide(await db.actions.where('number').equals(number).toArray()));
  });
}
