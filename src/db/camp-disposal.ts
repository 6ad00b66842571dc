/**
 * On-the-spot disposal on a camp device (issue 12 item 3), in domain verbs: the grievances registered on
 * this device at a camp (synced or not) with the disposal an officer took on each, and the hand-over of
 * the device from the operator to an officer present and back (src/db/session.ts handBack).
 */
import { liveQuery, type Observable } from 'dexie';
import { db, type ActionRow, type OutboxRow } from './db';
import { allActions, enqueueAction } from './actions';
import { outboxRows } from './outbox';
import { getMeta, putMeta } from './meta';
import { handBack } from './session';
import type { Outcome } from '../domain/workflow';

/** Which operator's session an officer hands the device back to (set when the operator calls the officer). */
const HAND_BACK_KEY = 'campHandBack' as const;

export interface CampGrievance { row: OutboxRow; disposal?: ActionRow }

/** The grievances registered on this device at `eventId` (of `departments`, if given), newest first, with their on-the-spot disposal. */
export function campGrievances(eventId: string, departments?: readonly string[]): Observable<CampGrievance[]> {
  return liveQuery(async () => {
    const ids = (await db.grievances.toArray()).filter((g) => g.submission.eventId === eventId).map((g) => g.clientId);
    const rows = (await outboxRows(ids)).flatMap((r) => (r && (!departments?.length || departments.includes(r.departmentCode)) ? [r] : []));
    const disposals = (await allActions()).filter((a) => a.action.type === 'dispose' && a.clientId);
    rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    return rows.map((row) => ({ row, disposal: disposals.filter((a) => a.clientId === row.clientId && a.state !== 'attention').at(-1) ?? disposals.filter((a) => a.clientId === row.clientId).at(-1) }));
  });
}

/**
 * Saves an officer's disposal of a camp grievance on the device: it names the grievance by clientId and
 * waits for it in the replay (src/sync/camp-actions.ts), so it works whether or not the grievance has synced.
 */
export function disposeOnTheSpot(officerKey: string, clientId: string, outcome: Outcome, remarks: string, now = new Date()): Promise<ActionRow> {
  return enqueueAction({ operatorKey: officerKey, number: '', clientId, route: 'actions', action: { type: 'dispose', outcome, remarks }, now });
}

/** The operator calls an officer to the device: remembered so the officer can hand it back to them. */
export const rememberOperator = (operatorKey: string) => putMeta(HAND_BACK_KEY, operatorKey);

/** The officer hands the device back to the operator who called them (or another operator signed in here); false if none. */
export async function handBackToOperator(): Promise<boolean> {
  const remembered = await getMeta(HAND_BACK_KEY);
  const operator = (remembered && (await db.session.get(remembered))) || (await db.session.toArray()).find((s) => s.role === 'operator');
  return operator ? handBack(operator.operatorKey) : false;
}
