/**
 * Actions waiting for their grievance (issue 12, on-the-spot disposal at a camp): an officer present may
 * dispose of a grievance registered on this camp device before it has reached the server. The action names
 * it by clientId (src/db/db.ts ActionRow.clientId, `number` ''). The outbox replay sends grievances first,
 * then actions (src/sync/replay.ts), so by the time this runs a grievance synced in the same replay has its
 * number: the action takes it and the grievance's version as it arrived on the server (GET
 * /api/grievances/:number, as the officer), and is then sent like any other action, exactly once by its
 * actionId. A grievance the server refused ends its waiting action in Needs attention with a plain reason.
 */
import type { ActionRow } from '../db/db';
import { actionsOfOperator, writeActions } from '../db/actions';
import { outboxRow } from '../db/outbox';
import { ApiError } from '../domain/schemas';
import { GrievanceDetail } from '../domain/workflow-api';

type Authed = (url: string) => Promise<Response>;

/** Resolves `operatorKey`'s waiting actions; returns how many ended in Needs attention. Network failures leave them waiting. */
export async function resolveWaitingActions(operatorKey: string, authed: Authed): Promise<number> {
  const waiting = (await actionsOfOperator(operatorKey))
    .filter((r) => !r.number && r.clientId && (r.state === 'saved' || r.state === 'sending'));
  let attention = 0;
  for (const row of waiting) {
    const g = await outboxRow(row.clientId!);
    const refuse = async (error: ActionRow['lastError']) => {
      await writeActions([{ ...row, state: 'attention', lastError: error }]);
      attention++;
    };
    if (!g) { await refuse({ key: 'camp.grievanceGone' }); continue; }
    if (g.state === 'attention') { await refuse({ key: 'camp.grievanceRefused' }); continue; }
    if (!g.number) continue; // not on the server yet: the action waits
    let res: Response;
    try {
      res = await authed(`/api/grievances/${g.number}`);
    } catch {
      return attention; // offline or a sign-in needed: try again at the next replay
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (res.status >= 500 || res.status === 429) return attention;
    const detail = GrievanceDetail.safeParse(body);
    if (res.ok && detail.success) {
      await writeActions([{ ...row, number: g.number, expectedVersion: detail.data.version }]);
      continue;
    }
    const e = ApiError.safeParse(body);
    await refuse(e.success ? { key: e.data.error, message: e.data.message, messageHi: e.data.messageHi } : { key: 'rejected' });
  }
  return attention;
}
