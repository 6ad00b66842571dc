/**
 * Action replay: sends the workflow actions saved on this device (src/db/actions.ts) to the server, one
 * at a time, oldest first, as the person signed in now (their own actions only: the server checks that the
 * officer holds the grievance). It is the second record kind of the replay engine (src/sync/replay.ts), so
 * it has the same triggers (Background Sync, the network returning, the timer, "Sync now"), the same Web
 * Lock and the same run (src/sync/replay-run.ts). The queue is read and written through src/db/actions.ts.
 *
 * Protocol (server/routes/workflow.ts, shapes in src/domain/workflow.ts and workflow-api.ts):
 *   POST /api/grievances/:number/actions  { actionId, expectedVersion, action }   officers
 *   POST /api/grievances/:number/feedback { actionId, expectedVersion, satisfaction, note }   operators
 *   POST /api/grievances/:number/reopen   { actionId, expectedVersion, reason }   operators
 * Each is idempotent on actionId: a resend after a lost answer, a killed replay or a second tab gets the
 * first answer again. A row is marked 'sending' before its request, so a replay that dies leaves it to be
 * sent again with the same actionId and body. A refusal (409 wf.stale: the grievance moved on) is final.
 */
import type { ActionError, ActionRow, SyncError } from '../db/db';
import { currentSession, sendingSessions } from '../db/session';
import { actionsOfOperator, settleAction, waitingActionCount, writeActions } from '../db/actions';
import { GrievanceDetail } from '../domain/workflow-api';
import { isAuthRequired } from './auth';
import { bodyOf, judgeAction, nextToSend, pathOf, settle, type ActionVerdict } from './action-policy';
import { backoffDelay, parseRetryAfter } from './policy';
import { resolveWaitingActions } from './camp-actions';
import { networkErrorKey, type ReplayOptions, type ReplayReport, type ReplayRun, SIGN_IN_ERROR, startRun, type Trigger } from './replay-run';

export interface ActionReport { requests: number; done: number; attention: number; waiting: number; error?: SyncError }

/** Sends the signed-in person's due actions outside a replay run (tests); the engine calls `sendActions`. */
export const replayActions = (trigger: Trigger, opts: ReplayOptions = {}): Promise<ActionReport> => sendActions(startRun(trigger, opts));

/**
 * Sends the due actions of the person at the keyboard, then of others still signed in here (an officer who
 * disposed on the spot at a camp and handed the device back: src/db/session.ts handBack), each with their
 * own token; stops at the first failure that says nothing about the action.
 */
export async function sendActions(run: ReplayRun): Promise<ActionReport> {
  const report: ActionReport = { requests: 0, done: 0, attention: 0, waiting: 0 };
  const current = await currentSession();
  const others = (await sendingSessions()).filter((r) => r.operatorKey !== current?.operatorKey);
  for (const session of [...(current ? [current] : []), ...others]) {
    const other = session !== current;
    const asPerson = other ? run.as(session.operatorKey) : run;
    report.attention += await resolveWaitingActions(session.operatorKey, asPerson.authed);
    const before = report.error;
    await sendPerson(asPerson, session.operatorKey, other, report);
    if (report.error && report.error !== before && report.error.key !== 'auth.signin') break; // the network or server failed: stop
  }
  report.waiting = await waitingActionCount();
  return report;
}

/** One person's due actions, oldest first; an action still waiting for its grievance's number ('') stays. */
async function sendPerson(run: ReplayRun, operatorKey: string, other: boolean, report: ActionReport): Promise<void> {
  const { now, random } = run;
  for (;;) {
    const rows = (await actionsOfOperator(operatorKey)).filter((r) => r.number);
    const row = nextToSend(rows, run.horizon());
    if (!row) break;
    const body = bodyOf(row);
    if (body === undefined) {
      await writeActions(settle(rows, row, { kind: 'refused', error: { key: 'corrupt' } }, new Date(now()).toISOString()));
      report.attention++;
      continue;
    }
    await writeActions([{ ...row, state: 'sending' }]);

    let verdict: ActionVerdict;
    try {
      report.requests++;
      const res = await run.postJson(pathOf(row), body);
      verdict = judgeAction(res.status, await res.json().catch(() => undefined), parseRetryAfter(res.headers.get('retry-after'), now()));
    } catch (e) {
      if (isAuthRequired(e)) {
        await writeActions([row]); // as it was: nothing applied, no attempt counted
        if (!other) report.error = SIGN_IN_ERROR; // another person's actions wait for their own sign-in
        break;
      }
      verdict = { kind: 'transient', error: { key: networkErrorKey(e) } };
    }

    if (verdict.kind === 'transient') {
      const attempts = row.attempts + 1;
      await writeActions([{ ...row, state: 'saved', attempts, nextAttemptAt: now() + backoffDelay(attempts, random, verdict.retryAfterMs), lastError: verdict.error }]);
      report.error = verdict.error;
      break;
    }
    const answer = verdict;
    if (answer.kind === 'refused' && answer.error.key === 'wf.stale') answer.error.movedOn = await movedOn(row, run.authed);
    const nowIso = new Date(now()).toISOString();
    // Re-read inside the transaction: a tab may have chained a new action after this one meanwhile.
    await settleAction(row.number, (latest) => settle(latest, { ...row, state: 'sending' }, answer, nowIso));
    if (answer.kind === 'done') report.done++; else report.attention++;
  }
}

/** What the grievance became since the person saw it: its latest step (best effort; absent when unknown). */
async function movedOn(row: ActionRow, authed: (url: string) => Promise<Response>): Promise<ActionError['movedOn']> {
  try {
    const res = await authed(`/api/grievances/${row.number}`);
    const d = GrievanceDetail.safeParse(await res.json());
    if (!res.ok || !d.success) return undefined;
    const last = d.data.view === 'officer' ? d.data.events.at(-1) : d.data.history.at(-1);
    return last && { status: d.data.status, action: last.action, at: last.at };
  } catch {
    return undefined;
  }
}
