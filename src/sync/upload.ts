/**
 * The device's side of the attachment upload protocol (src/domain/attachments.ts; server in
 * server/routes/attachments.ts): content-addressed, chunked and resumable, so a dropped connection
 * continues where the server stopped and a repeat upload is a no-op.
 *
 *   GET  /api/attachments/:sha256/status  → where the server stands (absent / partial at `received` / complete)
 *   PUT  /api/attachments/:sha256         one chunk from `received`, `Content-Range: bytes start-end/total`
 *
 * What each answer means here:
 *   2xx                                   → go on from the `received` it reports (done when `complete`)
 *   network error, timeout, 5xx,
 *   409 err.attachmentOffset              → ask the status again and continue from there (a few times in a row)
 *   409 err.attachmentOverlap, 422 hash   → the server dropped its partial copy: start again from byte 0
 *   429 / 503                             → wait Retry-After when it is short, else leave it for a later replay
 *   401 (after authorizedFetch's refresh) → later; an AuthRequired thrown by the fetch goes up unchanged
 *   any other 4xx                         → refused for good: the grievance needs a person (the server's words)
 *
 * No IndexedDB and no DOM here: the replay passes an authorised fetch, and the same code runs in Node
 * against the real server (tests/server/attachment-upload.test.ts, bench/run.ts).
 */
import { contentRange, UploadStatus } from '../domain/attachments';

/** What went wrong, as the outbox records it (structurally the outbox's SyncError). */
export interface UploadError { key: string; message?: string; messageHi?: string }

export type UploadOutcome =
  | { kind: 'complete'; sent: number; requests: number }
  /** Try again later. `network`: the last failures were the network itself (the whole replay should pause). */
  | { kind: 'transient'; error: UploadError; retryAfterMs?: number; network: boolean; sent: number; requests: number }
  /** The server refused the file (type, size, corrupt…) or the device's copy is damaged: a person must act. */
  | { kind: 'rejected'; error: UploadError; sent: number; requests: number };

export interface UploadFile { sha256: string; bytes: number; blob: Blob }

export interface UploadOptions {
  /** fetch with the operator's token (authorizedFetch in the app; a bearer header in Node). */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  baseUrl?: string;
  /** Bytes per PUT: the server's advertised chunkBytes, or less on a slow link. */
  chunkBytes: number;
  /** Per request; a 256 KiB chunk on a 2G link takes most of a minute. */
  timeoutMs?: number;
  /** Failures in a row without progress before this upload is left for a later replay. */
  maxFailures?: number;
  /** The longest Retry-After waited for in place (longer ones end this attempt). */
  maxInlineWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Called after each chunk the server accepted, with the bytes it now holds. */
  onProgress?: (received: number, total: number) => void;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Restarts from byte 0 (overlap or hash mismatch) before the device's copy is taken as damaged. */
const MAX_RESTARTS = 2;
const MAX_INLINE_WAITS = 3;

type Answer =
  | { ok: true; status: UploadStatus }
  | { ok: false; network: true; error: UploadError }
  | { ok: false; network: false; status: number; error: UploadError; retryAfterMs?: number };

/** Retry-After as seconds or an HTTP date, in ms (mirrors src/sync/policy.ts, kept here so this file stays DOM- and Dexie-free). */
function retryAfterOf(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** Uploads one file (resuming whatever the server already has); never throws except AuthRequired from `fetch`. */
export async function uploadAttachment(file: UploadFile, opts: UploadOptions): Promise<UploadOutcome> {
  const base = `${opts.baseUrl ?? ''}/api/attachments/${file.sha256}`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxFailures = opts.maxFailures ?? 4;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  let sent = 0;
  let requests = 0;

  const ask = async (init: RequestInit, url = base): Promise<Answer> => {
    requests++;
    let res: Response;
    try {
      res = await opts.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), credentials: 'same-origin' });
    } catch (e) {
      if ((e as Error | undefined)?.name === 'AuthRequired') throw e; // only a sign-in helps: the replay handles it
      return { ok: false, network: true, error: { key: (e as Error | undefined)?.name === 'TimeoutError' ? 'timeout' : 'net' } };
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (res.ok) {
      const parsed = UploadStatus.safeParse(body);
      if (parsed.success && parsed.data.sha256 === file.sha256) return { ok: true, status: parsed.data };
      return { ok: false, network: false, status: 502, error: { key: 'badResponse' } };
    }
    const b = body as { error?: unknown; message?: unknown; messageHi?: unknown } | undefined;
    const key = typeof b?.error === 'string' ? b.error : res.status >= 500 ? 'server' : 'rejected';
    const error: UploadError = typeof b?.message === 'string' && typeof b?.messageHi === 'string'
      ? { key, message: b.message, messageHi: b.messageHi } : { key };
    return { ok: false, network: false, status: res.status, error, retryAfterMs: retryAfterOf(res.headers.get('retry-after'), now()) };
  };

  let received: number | null = null; // null: not known, ask the server
  let best = -1; // the most the server has said it holds: failures count until it grows
  let failures = 0;
  let restarts = 0;
  let waits = 0;
  let lastNetwork = false;
  let lastError: UploadError = { key: 'net' };

  for (;;) {
    const answer: Answer = received === null
      ? await ask({ method: 'GET' }, `${base}/status`)
      : await (() => {
        const start: number = received;
        const end = Math.min(start + opts.chunkBytes, file.bytes);
        sent += end - start;
        return ask({
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream', 'content-range': contentRange(start, end, file.bytes) },
          body: file.blob.slice(start, end),
        });
      })();

    if (answer.ok) {
      const st: UploadStatus = answer.status;
      if (st.state === 'complete') return { kind: 'complete', sent, requests };
      const wasPut = received !== null;
      if (st.received > best) { best = st.received; failures = 0; opts.onProgress?.(st.received, file.bytes); }
      else if (wasPut && ++failures >= maxFailures) return { kind: 'transient', error: { key: 'server' }, network: false, sent, requests };
      if (st.received < file.bytes) { received = st.received; continue; }
      // The server holds as many bytes as the file (or more, of another upload) yet not a complete file:
      // send from 0, which makes it drop its copy (409 overlap) and start again.
      received = 0;
      if (++failures >= maxFailures) return { kind: 'transient', error: { key: 'server' }, network: false, sent, requests };
      continue;
    }

    if (answer.network) {
      lastNetwork = true;
      lastError = answer.error;
    } else {
      const { status, error } = answer;
      lastNetwork = false;
      lastError = error;
      if (status === 409 && error.key === 'err.attachmentOverlap' || status === 422 && error.key === 'err.attachmentHash') {
        // The server discarded its partial copy; from 0 again. Twice more and the device's copy is suspect.
        if (++restarts > MAX_RESTARTS) return { kind: 'rejected', error, sent, requests };
        received = 0;
        best = 0;
        continue;
      }
      if (status === 429 || status === 503) {
        const wait = answer.retryAfterMs ?? 1_000;
        if (wait > (opts.maxInlineWaitMs ?? 10_000) || ++waits > MAX_INLINE_WAITS)
          return { kind: 'transient', error: status === 429 ? { ...error, key: 'api.busy' } : error, retryAfterMs: wait, network: false, sent, requests };
        await sleep(wait);
        received = null;
        continue;
      }
      if (status === 401) return { kind: 'transient', error: { ...error, key: 'auth' }, network: false, sent, requests };
      const retryable = status >= 500 || status === 408 || status === 409 && error.key === 'err.attachmentOffset';
      if (!retryable) return { kind: 'rejected', error, sent, requests };
    }
    // Lost, timed out, refused for its offset or a server hiccup: ask where the server stands and go on.
    received = null;
    if (++failures >= maxFailures) return { kind: 'transient', error: lastError, network: lastNetwork, sent, requests };
  }
}

/** The chunk size to use: the server's, or 64 KiB on a link the browser reports as 2G (a lost chunk costs less). */
export function chunkBytesFor(advertised: number, effectiveType?: string): number {
  const slow = effectiveType === 'slow-2g' || effectiveType === '2g';
  return Math.max(1, slow ? Math.min(advertised, 64 * 1024) : advertised);
}
