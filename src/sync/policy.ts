/**
 * The outbox's decisions, pure so they are unit-tested without a browser: how long to wait after a
 * failure, and what an HTTP answer means for each record in the batch that was sent.
 */
import { SyncResponse, type GrievanceSubmission, type SyncResult } from '../domain/schemas';
import type { OutboxRow, SyncError } from '../db/db';

/**
 * The first ceiling. 1 s, not more: a server that is busy says how long to wait (Retry-After, a floor), so
 * the jitter only spreads retries after a failure that gives no time (500, 502, a timeout), where a longer
 * base only made a kiosk idle (issue 16: a 5 s base cost ~10 s of a 30 %-fault replay of 1,000).
 */
export const BACKOFF_BASE_MS = 1_000;
/** No retry sooner than this, whatever the draw (a draw near 0 would otherwise resend at once). */
export const BACKOFF_FLOOR_MS = 250;
export const BACKOFF_CAP_MS = 15 * 60_000;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
 * a random wait in [0, min(cap, base·2^(n-1))], so kiosks that fail together do not retry together.
 * A server's Retry-After is a floor.
 */
export function backoffDelay(attempt: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.floor(random() * ceiling);
  return Math.max(jitter, retryAfterMs ?? 0, BACKOFF_FLOOR_MS);
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

export type BatchVerdict =
  /** Every record got an answer from the server. */
  | { kind: 'results'; results: SyncResult[] }
  /**
   * Nothing is known about the batch: keep every record and try again later. `suspect`: an answer one
   * of the records may have caused (see recordMayCause), counted towards setting it aside (./poison.ts).
   */
  | { kind: 'transient'; error: SyncError; retryAfterMs?: number; suspect?: boolean }
  /** The server refused the whole request (not a record): it needs a person. */
  | { kind: 'rejected'; error: SyncError }
  /** The request was too large for the server: send smaller batches. */
  | { kind: 'tooLarge' };

/**
 * Whether an HTTP answer to a batch could be caused by one of its records: an internal error (500) or a
 * bad gateway (502: a server that died on it), without Retry-After. Busy (503, 429, any Retry-After),
 * timeouts (408, 504) and other 5xx say nothing about the records.
 */
export const recordMayCause = (status: number, retryAfterMs?: number): boolean =>
  (status === 500 || status === 502) && retryAfterMs === undefined;

/** Reads an HTTP answer to a batch. An answer that does not parse is never taken as success. */
export function judgeResponse(status: number, body: unknown, sent: readonly string[], retryAfterMs?: number): BatchVerdict {
  const apiError = (key: string): SyncError => {
    const b = body as { message?: unknown; messageHi?: unknown } | null;
    return typeof b?.message === 'string' && typeof b?.messageHi === 'string'
      ? { key, message: b.message, messageHi: b.messageHi } : { key };
  };
  if (status >= 200 && status < 300) {
    const parsed = SyncResponse.safeParse(body);
    if (!parsed.success || parsed.data.results.length !== sent.length ||
        parsed.data.results.some((r, i) => r.clientId !== null && r.clientId !== sent[i]))
      return { kind: 'transient', error: { key: 'badResponse' } };
    return { kind: 'results', results: parsed.data.results };
  }
  if (status === 413) return { kind: 'tooLarge' };
  if (status === 408 || status === 429 || status >= 500)
    return { kind: 'transient', error: apiError(status === 429 ? 'api.busy' : 'server'), retryAfterMs, ...(recordMayCause(status, retryAfterMs) && { suspect: true }) };
  // A 401 that authorizedFetch could not cure by a refresh: keep the records and try again later.
  if (status === 401) return { kind: 'transient', error: apiError('auth'), retryAfterMs };
  // 403: this account may not send grievances (its role): a person must act; retrying cannot help.
  if (status === 403) return { kind: 'rejected', error: apiError('auth.forbidden') };
  return { kind: 'rejected', error: apiError('rejected') };
}

/** The new outbox row for one record's result. */
export function applyResult(row: OutboxRow, r: SyncResult, nowIso: string): OutboxRow {
  switch (r.status) {
    case 'created':
    case 'duplicate':
      return { ...row, state: 'synced', number: r.number, syncedAt: nowIso, lastError: undefined, nextAttemptAt: 0 };
    case 'conflict':
      return { ...row, state: 'attention', number: r.number, lastError: { key: 'conflict', message: r.message, messageHi: r.messageHi } };
    case 'invalid':
      return { ...row, state: 'attention', lastError: { key: 'invalid', fields: r.errors } };
  }
}

/**
 * Whether the server refused a record only because one of its attachments is not (or no longer) complete
 * there: the files are uploaded again and the record resent, up to MAX_MISSING_ATTEMPTS attempts.
 */
export const attachmentMissing = (r: SyncResult | undefined): boolean =>
  r?.status === 'invalid' && r.errors.length > 0 && r.errors.every((e) => e.path === 'attachments' && e.code === 'err.attachmentMissing');
export const MAX_MISSING_ATTEMPTS = 5;

/** The submission as it is kept once the server has it: Aadhaar reduced to its last 4 digits. */
export function afterConfirmed(s: GrievanceSubmission): GrievanceSubmission {
  if (!s.aadhaarSealed) return s;
  const { aadhaarSealed: _dropped, ...rest } = s;
  return rest;
}
