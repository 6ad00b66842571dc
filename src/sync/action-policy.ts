/**
 * The action queue's decisions, pure so they are unit-tested without a browser: which action goes next,
 * what body and route it takes, what an HTTP answer means for it, and what happens to the actions chained
 * after it. The rule that matters: an action is applied once (its actionId) and only to the grievance as
 * its person saw it (its expectedVersion); a refusal is final and is never retried blindly.
 */
import type { ActionError, ActionRow, SyncError } from '../db/db';
import { ApiError } from '../domain/schemas';
import { ActionRequest, FeedbackRequest, ReopenRequest } from '../domain/workflow';
import { ActionResult } from '../domain/workflow-api';

export type ActionVerdict =
  | { kind: 'done'; result: ActionResult }
  /** The server refused it (stale, not allowed, invalid): final; the person is told why. */
  | { kind: 'refused'; error: ActionError }
  /** Nothing is known (network, 5xx, 429, an unreadable answer): the same request is sent again later. */
  | { kind: 'transient'; error: SyncError; retryAfterMs?: number };

const PENDING = new Set<ActionRow['state']>(['saved', 'sending']);
const byId = (a: ActionRow, b: ActionRow) => (a.actionId < b.actionId ? -1 : a.actionId > b.actionId ? 1 : 0);

/**
 * The action to send now, oldest first (ULIDs sort by time): one still unsent, not waiting for an earlier
 * action on its grievance, and past its backoff (`horizon` is now, or infinity for a person's "Sync now").
 */
export function nextToSend(rows: readonly ActionRow[], horizon: number): ActionRow | undefined {
  return rows.filter((r) => PENDING.has(r.state) && !r.after && r.nextAttemptAt <= horizon).sort(byId)[0];
}

/** The API path of an action. */
export function pathOf(row: Pick<ActionRow, 'number' | 'route'>): string {
  return `/api/grievances/${row.number}/${row.route}`;
}

/** The request body of an action, checked against the wire schema; undefined when the stored row no longer fits it. */
export function bodyOf(row: ActionRow): unknown {
  const { actionId, expectedVersion, action } = row;
  const ev = expectedVersion === undefined ? {} : { expectedVersion };
  const code = row.code ? { code: row.code } : {}; // the citizen's code, for a kiosk that did not register it
  const parsed = row.route === 'actions' ? ActionRequest.safeParse({ actionId, ...ev, action })
    : row.route === 'feedback' && action.type === 'feedback'
      ? FeedbackRequest.safeParse({ actionId, ...ev, satisfaction: action.satisfaction, ...(action.note ? { note: action.note } : {}), ...code })
      : row.route === 'reopen' && action.type === 'reopen' ? ReopenRequest.safeParse({ actionId, ...ev, reason: action.reason, ...code })
        : undefined;
  return parsed?.success ? parsed.data : undefined;
}

/** Reads the server's answer to one action. An answer that does not parse is never taken as success. */
export function judgeAction(status: number, body: unknown, retryAfterMs?: number): ActionVerdict {
  if (status >= 200 && status < 300) {
    const r = ActionResult.safeParse(body);
    return r.success ? { kind: 'done', result: r.data } : { kind: 'transient', error: { key: 'badResponse' } };
  }
  const e = ApiError.safeParse(body);
  const words = e.success ? { message: e.data.message, messageHi: e.data.messageHi, ...(e.data.fields && { fields: e.data.fields }) } : {};
  if (status === 408 || status === 429 || status >= 500) return { kind: 'transient', error: { key: status === 429 ? 'api.busy' : 'server', ...words }, retryAfterMs };
  // A 401 that authorizedFetch could not cure: nothing was applied; try again after a sign-in.
  if (status === 401) return { kind: 'transient', error: { key: 'auth', ...words }, retryAfterMs };
  if (status >= 400 && e.success) return { kind: 'refused', error: { key: e.data.error, ...words } };
  return { kind: 'refused', error: { key: 'rejected' } };
}

/** An answered action keeps no citizen's code on the device. */
function withoutCode(row: ActionRow): ActionRow {
  const { code: _code, ...rest } = row;
  return rest;
}

/** Every action chained (directly or not) after `actionId`. */
function chainAfter(rows: readonly ActionRow[], actionId: string): ActionRow[] {
  const out: ActionRow[] = [];
  const seen = new Set([actionId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (r.after && seen.has(r.after) && !seen.has(r.actionId)) { seen.add(r.actionId); out.push(r); grew = true; }
  }
  return out;
}

/**
 * The rows to write once `row` has a final answer. Accepted: it is done, and the action chained right
 * after it is released against the version the acceptance produced. Refused: it needs attention with the
 * reason, and everything chained after it needs attention too (`act.blocked`) without being sent.
 */
export function settle(rows: readonly ActionRow[], row: ActionRow, verdict: Exclude<ActionVerdict, { kind: 'transient' }>, nowIso: string): ActionRow[] {
  if (verdict.kind === 'done') {
    const { status, version } = verdict.result;
    const done: ActionRow = { ...withoutCode(row), state: 'done', result: { status, version, at: nowIso }, lastError: undefined, nextAttemptAt: 0 };
    const released = rows.filter((r) => r.after === row.actionId && PENDING.has(r.state))
      .map(({ after: _after, ...r }): ActionRow => ({ ...r, expectedVersion: version }));
    return [done, ...released];
  }
  const refused: ActionRow = { ...withoutCode(row), state: 'attention', lastError: verdict.error };
  const blocked = chainAfter(rows, row.actionId).filter((r) => PENDING.has(r.state))
    .map((r): ActionRow => ({ ...withoutCode(r), state: 'attention', lastError: { key: 'act.blocked' } }));
  return [refused, ...blocked];
}
