/**
 * Action replay: sends the workflow actions saved on this device (src/db/actions.ts) to the server, one
 * at a time, oldest first, as the person signed in now (their own actions only: the server checks that the
 * officer holds the grievance). It runs inside the outbox replay (src/sync/replay.ts), so it has the same
 * triggers (Background Sync, the network returning, the timer, "Sync now") and the same Web Lock.
 *
 * Protocol (server/routes/workflow.ts, shapes in src/domain/workflow.ts and workflow-api.ts):
 *   POST /api/grievances/:number/actions  { actionId, expectedVersion, action }   officers
 *   POST /api/grievances/:number/feedback { actionId, expectedVersion, satisfaction, note }   operators
 *   POST /api/grievances/:number/reopen   { actionId, expectedVersion, reason }   operators
 * Each is idempotent on actionId: a resend after a lost answer, a killed replay or a second tab gets the
 * first answer again. A row is marked 'sending' before its request, so a replay that dies leaves it to be
 * sent again with the same actionId and body. A refusal (409 wf.stale: the grievance moved on) is final.
 */
import { db, type ActionError, type ActionRow, type SyncError } from '../db/db';
import { currentSession, sendingSessions } from '../db/session';
import { waitingActionCount } from '../db/actions';
import { GrievanceDetail } from '../domain/workflow-api';
import { authorizedFetch, isAuthRequired } from './auth';
import { bodyOf, judgeAction, nextToSend, pathOf, settle, type ActionVerdict } from './action-policy';
import { backoffDelay, parseRetryAfter } from './policy';
import { resolveWaitingActions } from './camp-actions';
import type { ReplayOptions, ReplayReport, Trigger } from './replay';

export interface ActionReport { requests: number; done: number; attention: number; waiting: number; error?: SyncError }

/** Triggers a person or the network caused: they override each action's backoff (as for grievances). */
const URGENT: readonly Trigger[] = ['manual', 'online', 'sync'];

/** Sends the signed-in person's due actions; stops at the first failure that says nothing about the action. */
export async function replayActions(trigger: Trigger, opts: ReplayOptions = {}): Promise<ActionReport> {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const report: ActionReport = { requests: 0, done: 0, attention: 0, waiting: 0 };
  const current = await currentSession();
  const horizon = () => (URGENT.includes(trigger) ? Number.MAX_SAFE_INTEGER : now());
  // The person at the keyboard first, then others still signed in here (an officer who disposed on the
  // spot at a camp and handed the device back: src/db/session.ts handBack), each with their own tokens.
  const others = (await sendingSessions()).filter((r) => r.operatorKey !== current?.operatorKey);
  for (const session of [...(current ? [current] : []), ...others]) {
    const as = session === current ? undefined : session.operatorKey;
    const authed = (url: string, init: RequestInit = {}) => authorizedFetch(`${opts.baseUrl ?? ''}${url}`, init, { fetch: doFetch, now, baseUrl: opts.baseUrl, as });
    report.attention += await resolveWaitingActions(session.operatorKey, authed);
    const before = report.error;
    await replayPerson(session.operatorKey, authed, as !== undefined);
    if (report.error && report.error !== before && report.error.key !== 'auth.signin') break; // the network or server failed: stop
  }
  report.waiting = await waitingActionCount();
  return report;

  async function replayPerson(key: string, authed: (url: string, init?: RequestInit) => Promise<Response>, other: boolean): Promise<void> {
    for (;;) {
      const rows = (await db.actions.where('operatorKey').equals(key).toArray()).filter((r) => r.number); // '' waits for its grievance
      const row = nextToSend(rows, horizon());
      if (!row) break;
      const body = bodyOf(row);
      if (body === undefined) {
        await db.actions.bulkPut(settle(rows, row, { kind: 'refused', error: { key: 'corrupt' } }, new Date(now()).toISOString()));
        report.attention++;
        continue;
      }
      await db.actions.put({ ...row, state: 'sending' });

      let verdict: ActionVerdict;
      try {
        report.requests++;
        const res = await authed(pathOf(row), {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000), credentials: 'same-origin',
        });
        verdict = judgeAction(res.status, await res.json().catch(() => undefined), parseRetryAfter(res.headers.get('retry-after'), now()));
      } catch (e) {
        if (isAuthRequired(e)) {
          await db.actions.put(row); // as it was: nothing applied, no attempt counted
          if (!other) report.error = { key: 'auth.signin' }; // another person's wait for their own sign-in
          break;
        }
        verdict = { kind: 'transient', error: { key: (e as Error)?.name === 'TimeoutError' ? 'timeout' : 'net' } };
      }

      if (verdict.kind === 'transient') {
        const attempts = row.attempts + 1;
        await db.actions.put({ ...row, state: 'saved', attempts, nextAttemptAt: now() + backoffDelay(attempts, random, verdict.retryAfterMs), lastError: verdict.error });
        report.error = verdict.error;
        break;
      }
      const answer = verdict;
      if (answer.kind === 'refused' && answer.error.key === 'wf.stale') answer.error.movedOn = await movedOn(row, authed);
      const nowIso = new Date(now()).toISOString();
      // Re-read inside the transaction: a tab may have chained a new action after this one meanwhile.
      await db.transaction('rw', db.actions, async () => {
        const latest = await db.actions.where('number').equals(row.number).toArray();
        await db.actions.bulkPut(settle(latest, { ...row, state: 'sending' }, answer, nowIso));
      });
      if (answer.kind === 'done') report.done++; else report.attention++;
    }
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

/** The outbox replay's report with the actions' added in (one report for the service worker and the header). */
export function withActions(r: ReplayReport, a: ActionReport): ReplayReport {
  return { ...r, requests: r.requests + a.requests, synced: r.synced + a.done, attention: r.attention + a.attention, waiting: r.waiting + a.waiting, error: a.error ?? r.error };
}
