/**
 * The page's side of the grievance workflow: reads what the server shows (an officer's queue, a
 * grievance, a citizen's status, the secretary's review list, the reports), each parsed with its schema
 * from src/domain/workflow-api.ts and fetched with the signed-in person's token (authorizedFetch refreshes
 * it), keeping a copy on the device for offline use; and takes actions by saving them to the device's
 * action queue first (src/db/actions.ts), then asking for a replay (src/sync/actions.ts sends them).
 */
import { authorizedFetch, isAuthRequired } from './auth';
import { queued, requestReplay } from './client';
import { db, type ActionRow, type SyncError } from '../db/db';
import { enqueueAction } from '../db/actions';
import { rowsMatching } from '../db/outbox';
import { keepView, keptView } from '../db/views';
import { ApiError } from '../domain/schemas';
import { normalizeMobile } from '../domain/identity';
import { parseGrievanceNumber, RECEIPT_PATTERN } from '../domain/numbers';
import { asciiDigits } from '../domain/digits';
import type { WorkflowAction } from '../domain/workflow';
import {
  CitizenStatus, GrievanceDetail, PendingReport, Queue, ReviewItem, ReviewList, ReviewReport, StatusLookup,
  type PendingQuery, type ReviewMarkRequest, type StatusResult,
} from '../domain/workflow-api';
import { CodeSent } from '../domain/otp';
import type { SessionInfo } from './auth-client';

/** A refusal or failure as the screens show it: a message key, and the server's own words when it gave them. */
export type ViewError = SyncError;

/**
 * What a screen has to show: the server's answer now (`live`), the copy kept from `savedAt` when the
 * server cannot be reached (`kept`), nothing (`none`, offline with no copy), or the server's refusal.
 */
export type Loaded<T> =
  | { state: 'live' | 'kept'; data: T; savedAt: string }
  | { state: 'none' }
  | { state: 'error'; error: ViewError };

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };
type Answer<T> = { ok: true; data: T } | { ok: false; offline: boolean; error: ViewError };

const offline = (): Answer<never> => ({ ok: false, offline: true, error: { key: 'net' } });

/** GET (or POST) `url` as the signed-in person and parse the answer; network failures and 5xx count as offline. */
async function call<T>(url: string, schema: Schema<T>, init?: RequestInit): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await authorizedFetch(url, { ...init, signal: AbortSignal.timeout(20_000), credentials: 'same-origin' });
  } catch (e) {
    if (isAuthRequired(e)) return { ok: false, offline: false, error: { key: 'auth.signin' } };
    return offline();
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (res.ok) {
    const parsed = schema.safeParse(body);
    return parsed.success ? { ok: true, data: parsed.data } : { ok: false, offline: false, error: { key: 'badResponse' } };
  }
  if (res.status >= 500 || res.status === 429) return { ok: false, offline: true, error: { key: res.status === 429 ? 'api.busy' : 'server' } };
  const e = ApiError.safeParse(body);
  return { ok: false, offline: false, error: e.success ? { key: e.data.error, message: e.data.message, messageHi: e.data.messageHi, fields: e.data.fields } : { key: 'rejected' } };
}

const parserOf = <T>(schema: Schema<T>) => (v: unknown) => { const p = schema.safeParse(v); return p.success ? p.data : undefined; };

/** Fetches and keeps a view, or falls back to the kept copy when the server cannot be reached. */
async function viewWithCopy<T>(owner: string, ref: string, url: string, schema: Schema<T>): Promise<Loaded<T>> {
  const a = await call(url, schema);
  if (a.ok) {
    const savedAt = new Date().toISOString();
    await keepView(owner, ref, a.data).catch(() => undefined); // a full disk must not hide the answer
    return { state: 'live', data: a.data, savedAt };
  }
  if (!a.offline) return { state: 'error', error: a.error };
  const kept = await keptView(owner, ref, parserOf(schema));
  return kept ? { state: 'kept', ...kept } : { state: 'none' };
}

/** The signed-in officer's queue (GET /api/officer/queue), kept for offline use. */
export const loadQueue = (s: SessionInfo) => viewWithCopy(s.operatorKey, 'queue', '/api/officer/queue', Queue);

/** The kept queue only (drawn at once, before the network answers). */
export const keptQueue = (s: SessionInfo) => keptView(s.operatorKey, 'queue', parserOf(Queue));

/** One grievance (GET /api/grievances/:number), kept for offline use by the person who opened it. */
export const loadGrievance = (s: SessionInfo, number: string) => viewWithCopy(s.operatorKey, `g:${number}`, `/api/grievances/${number}`, GrievanceDetail);

const kioskOwner = (s: SessionInfo) => `kiosk:${s.kioskCode ?? ''}`;

/**
 * What a status lookup found: from the server (`code`: the citizen's one-time code that opened them to
 * this kiosk, to be sent with feedback or a reopen), or (offline) from this device's own grievances.
 */
export type StatusFound =
  | { state: 'live'; results: StatusResult[]; code?: string }
  /** Offline: grievances registered on this device that match, each with the status last seen (if any). */
  | { state: 'local'; results: LocalStatus[] }
  | { state: 'error'; error: ViewError };

export interface LocalStatus {
  receiptNumber: string;
  number?: string;
  departmentCode: string;
  districtCode: string;
  createdAt: string;
  /** The outbox state of the grievance on this device. */
  deviceState: string;
  /** The status from the last online lookup on this kiosk, and when. */
  kept?: { data: CitizenStatus; savedAt: string };
}

/**
 * GET /api/status?q= (an official number, a receipt number or a mobile number; `mobile`: the citizen's own
 * mobile number, which shows the citizen's view of a grievance another kiosk registered). What this kiosk
 * registered is kept for it; without the network, the grievances of this kiosk on this device that match
 * are shown with the last status seen.
 */
export async function lookupStatus(s: SessionInfo, q: string, mobile?: string): Promise<StatusFound> {
  const a = await call(`/api/status?q=${encodeURIComponent(q)}${mobile ? `&mobile=${encodeURIComponent(mobile)}` : ''}`, StatusLookup);
  if (a.ok) {
    // Without a mobile, a citizen's view is one this kiosk registered: only those are kept on the device.
    if (!mobile) await Promise.all(a.data.results.map((r) => r.view === 'citizen' && keepView(kioskOwner(s), `s:${r.number}`, r))).catch(() => undefined);
    return { state: 'live', results: a.data.results };
  }
  if (!a.offline) return { state: 'error', error: a.error };
  return { state: 'local', results: await localStatus(s, q) };
}

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** POST /api/status/code: a one-time code by SMS to the citizen's mobile behind `q` (online only). */
export async function requestCode(q: string): Promise<{ ok: true; sent: CodeSent } | { ok: false; error: ViewError }> {
  const a = await call('/api/status/code', CodeSent, post({ q }));
  return a.ok ? { ok: true, sent: a.data } : { ok: false, error: a.error };
}

/** POST /api/status/verify: the code the citizen read out; the citizen's view of what `q` names, open to feedback and reopen. */
export async function checkCode(q: string, code: string): Promise<StatusFound> {
  const typed = asciiDigits(code).trim();
  const a = await call('/api/status/verify', StatusLookup, post({ q, code: typed }));
  return a.ok ? { state: 'live', results: a.data.results, code: typed } : { state: 'error', error: a.error };
}

async function localStatus(s: SessionInfo, q: string): Promise<LocalStatus[]> {
  const typed = asciiDigits(q).trim();
  const number = parseGrievanceNumber(typed);
  const receipt = RECEIPT_PATTERN.test(typed.toUpperCase()) ? typed.toUpperCase() : undefined;
  const mobile = !number && !receipt ? normalizeMobile(typed) : null;
  const rows = await rowsMatching(s.kioskCode ?? '', { number: number ?? undefined, receipt, mobile: mobile ?? undefined });
  rows.sort((x, y) => (x.createdAt < y.createdAt ? 1 : -1));
  return Promise.all(rows.slice(0, 20).map(async (r) => ({
    receiptNumber: r.receiptNumber, number: r.number, departmentCode: r.departmentCode, districtCode: r.districtCode,
    createdAt: r.createdAt, deviceState: r.state,
    kept: r.number ? await keptView(kioskOwner(s), `s:${r.number}`, parserOf(CitizenStatus)) : undefined,
  })));
}

/** The secretary's list for today (GET /api/reviews/today), kept for offline reading. */
export const loadReviews = (s: SessionInfo) => viewWithCopy(s.operatorKey, 'reviews', '/api/reviews/today', ReviewList);

/** POST /api/reviews/:id: marks one item reviewed (online only: it is the secretary's own record). */
export async function markReviewed(id: string, body: ReviewMarkRequest): Promise<{ ok: true; item: ReviewItem } | { ok: false; error: ViewError }> {
  const a = await call(`/api/reviews/${id}`, ReviewItem, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return a.ok ? { ok: true, item: a.data } : { ok: false, error: a.error };
}

/** GET /api/reports/reviews (the last 7 days by default). */
export const loadReviewReport = (s: SessionInfo) => viewWithCopy(s.operatorKey, 'review-report', '/api/reports/reviews', ReviewReport);

/** GET /api/reports/pending with filters, or a bucket's grievances. */
export function loadPending(s: SessionInfo, q: PendingQuery) {
  const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]).toString();
  return viewWithCopy(s.operatorKey, `pending:${params}`, `/api/reports/pending${params ? `?${params}` : ''}`, PendingReport);
}

/** An attachment's bytes (GET /api/attachments/:sha256 with the token), to be shown through a blob: URL. */
export async function fetchAttachment(sha256: string): Promise<Blob | ViewError> {
  try {
    const res = await authorizedFetch(`/api/attachments/${sha256}`, { signal: AbortSignal.timeout(60_000), credentials: 'same-origin' });
    if (res.ok) return await res.blob();
    const e = ApiError.safeParse(await res.json().catch(() => undefined));
    return e.success ? { key: e.data.error, message: e.data.message, messageHi: e.data.messageHi } : { key: 'server' };
  } catch (e) {
    return { key: isAuthRequired(e) ? 'auth.signin' : 'net' };
  }
}

/**
 * Takes an action: saved on the device at once (it is safe from here on), then sent by the replay now if
 * the network is up, else when it returns. Operators' feedback and reopen go by their own routes, with the
 * citizen's one-time `code` at a kiosk that did not register the grievance.
 */
export async function takeAction(s: SessionInfo, number: string, action: WorkflowAction, knownVersion?: number, code?: string): Promise<ActionRow> {
  const route: ActionRow['route'] = s.role === 'operator' ? (action.type === 'reopen' ? 'reopen' : 'feedback') : 'actions';
  const row = await enqueueAction({ operatorKey: s.operatorKey, number, route, action, knownVersion, ...(route !== 'actions' && code && { code }) });
  queued(); // the save → send hand-off, after the action's transaction
  if (navigator.onLine) void requestReplay('manual').catch(() => undefined);
  return row;
}
