/**
 * The device's side of the duplicate warning: this citizen's grievances registered on this device in the
 * last DUPLICATE_WINDOW_DAYS, found through the outbox's `mobile` index (no schema change), each with its
 * whole description from `grievances` (the outbox keeps only 200 characters). Sent or not, any operator's:
 * the citizen is the same one standing at the kiosk.
 */
import { db, type OutboxRow } from './db';
import { rowsOfMobile } from './outbox';
import { inDuplicateWindow, MAX_DUPLICATE_CANDIDATES } from '../domain/duplicates';

export type LocalCandidate = { row: OutboxRow; text: string };

/** The newest first, at most MAX_DUPLICATE_CANDIDATES. */
export async function recentOfMobile(mobile: string, now: Date | number = Date.now()): Promise<LocalCandidate[]> {
  const rows = (await rowsOfMobile(mobile))
    .filter((r) => inDuplicateWindow(r.createdAt, now))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .slice(0, MAX_DUPLICATE_CANDIDATES);
  const full = await db.grievances.bulkGet(rows.map((r) => r.clientId));
  return rows.map((row, i) => ({ row, text: full[i]?.submission.description ?? row.description }));
}
