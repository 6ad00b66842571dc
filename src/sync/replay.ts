/**
 * Outbox replay: sends the grievances saved on this device to the server in batches, and records what
 * the server said in the outbox rows. It runs in the service worker (sync event, REPLAY message, worker
 * start) or, where no service worker controls the page, in the page itself. One replay at a time across
 * tabs and the service worker (Web Lock `sampark-outbox`); the server is idempotent on clientId as the
 * backstop, so a replay killed at any point (tab closed, SW stopped, power cut) only causes a re-send
 * that the server answers with the same number.
 *
 * Protocol: POST /api/sync/grievances { grievances: [...] } → { results: [...] } (src/domain/schemas.ts),
 * as the operator signed in on this device (src/sync/auth.ts refreshes the token as needed). The server
 * takes only records of the caller's kiosk, each still naming the operator who registered it, so a replay
 * sends the records of the signed-in operator's kiosk and leaves any other kiosk's for its own operators.
 * When only a sign-in can help (no one signed in, refresh refused), the replay stops and changes nothing:
 * no attempt is counted and no backoff starts; the session's needsSignIn asks for the sign-in instead.
 *
 * A batch that keeps failing in a way one of its records may cause (500, 502) is split so the good records
 * go in and the record that keeps failing ends, alone, in Needs attention (src/sync/poison.ts); the POST
 * itself and what its answer means per record are in src/sync/batch.ts.
 *
 * Attachments go first (src/sync/grievance-uploads.ts): a grievance is sent only once each of its files
 * is complete on the server; one whose files cannot go now waits with its own backoff (or needs
 * attention) and the rest of the queue goes on. Confirmed grievances' blobs are pruned after a while.
 */
import { db, type OutboxRow, type SyncError } from '../db/db';
import { currentSession } from '../db/session';
import { GrievanceSubmission, MAX_BATCH } from '../domain/schemas';
import { authorizedFetch, isAuthRequired } from './auth';
import { withLock } from './locks';
import { backoffDelay } from './policy';
import { getSetting } from '../db/settings';
import { ATTACHMENT_LIMITS } from '../domain/attachments';
import { pruneAttachments } from '../db/attachments';
import { type BatchContext, type Item, postBatch, restore, settleResults } from './batch';
import { isolatePoison, isolated } from './poison';
import { uploadFilesOf } from './grievance-uploads';
import { chunkBytesFor } from './upload';
import { replayActions, withActions } from './actions';
import { replayTokenLog } from './camp-tokens';

export type Trigger = 'sync' | 'message' | 'sw-start' | 'online' | 'timer' | 'manual' | 'page';

export interface ReplayOptions {
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** Records per request; 1 reproduces one-request-per-grievance replay (for the benchmark). */
  batchSize?: number;
  timeoutMs?: number;
  /** Base URL of the API; '' means same origin. */
  baseUrl?: string;
  /** Bytes per attachment chunk; default the server's advertised chunkBytes (64 KiB on a 2G link). */
  chunkBytes?: number;
  /** Waits between attachment retries (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

export interface ReplayReport {
  trigger: Trigger;
  requests: number;
  synced: number;
  attention: number;
  /** Records still waiting (transient failure or backoff). */
  waiting: number;
  error?: SyncError;
  skipped?: 'backoff';
}

/** The report's error when the replay waits for a sign-in (the header turns it into words). */
export const SIGN_IN_ERROR: SyncError = { key: 'auth.signin' };

/** Global backoff after a transient failure, so one failing server is not hit by every trigger. */
export interface Backoff { until: number; attempts: number }

const LOCK = 'sampark-outbox';
/**
 * Triggers a person or the network caused: they override the backoff. Background Sync is one of them:
 * the browser fires it when connectivity returns and applies its own backoff when it is rejected.
 */
const URGENT: readonly Trigger[] = ['manual', 'online', 'sync'];

/**
 * Rows that should be sent now, oldest first, of `kioskCode` only (another kiosk's would only be refused);
 * records that failed alone (src/sync/poison.ts) after all the others. 'sending' rows are left from a
 * replay that died.
 */
async function dueRows(now: number, kioskCode?: string): Promise<OutboxRow[]> {
  const rows = await db.outbox.where('state').anyOf('saved', 'sending').toArray();
  return rows.filter((r) => r.nextAttemptAt <= now && (kioskCode === undefined || r.kioskCode === kioskCode))
    .sort((a, b) => Number(isolated(a)) - Number(isolated(b)) || (a.clientId < b.clientId ? -1 : 1));
}

/** The next batch: up to `size` rows, or one record that failed alone (it always goes by itself). */
function nextChunk(pending: OutboxRow[], size: number): OutboxRow[] {
  if (isolated(pending[0])) return pending.splice(0, 1);
  const n = pending.findIndex(isolated);
  return pending.splice(0, Math.min(size, n < 0 ? pending.length : n));
}

const waitingCount = () => db.outbox.where('state').anyOf('saved', 'sending').count();

export async function replay(trigger: Trigger, opts: ReplayOptions = {}): Promise<ReplayReport> {
  // Then the workflow actions taken on this device (src/sync/actions.ts), under the same lock and triggers.
  return withLock(LOCK, async () => {
    const report = withActions(await replayLocked(trigger, opts), await replayActions(trigger, opts));
    if (!report.error) await replayTokenLog(opts).catch(() => 0); // and a camp desk's token log (src/sync/camp-tokens.ts)
    return report;
  });
}

async function replayLocked(trigger: Trigger, opts: ReplayOptions): Promise<ReplayReport> {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  // The server advertises its batch size (GET /api/config, kept by the page); an explicit option wins.
  const config = await getSetting<{ maxBatch?: number; attachments?: { chunkBytes?: number } }>('serverConfig').catch(() => undefined);
  let batchSize = Math.max(1, Math.min(opts.batchSize ?? config?.maxBatch ?? MAX_BATCH, MAX_BATCH));
  const connection = (globalThis as { navigator?: { connection?: { effectiveType?: string } } }).navigator?.connection;
  const chunkBytes = opts.chunkBytes ?? chunkBytesFor(config?.attachments?.chunkBytes ?? ATTACHMENT_LIMITS.chunkBytes, connection?.effectiveType);
  const report: ReplayReport = { trigger, requests: 0, synced: 0, attention: 0, waiting: 0 };

  const backoff = (await db.meta.get('backoff'))?.value as Backoff | undefined;
  if (backoff && now() < backoff.until && !URGENT.includes(trigger)) {
    report.skipped = 'backoff';
    report.waiting = await waitingCount();
    return report;
  }

  // Only an operator sends grievances, and only those of their own kiosk.
  const session = await currentSession();
  if (!session || session.role !== 'operator' || !session.kioskCode) {
    report.error = SIGN_IN_ERROR;
    report.waiting = await waitingCount();
    return report;
  }
  const { kioskCode, operatorId } = session;

  // A person or the returning network asks for a send now: per-record waits are ignored too.
  const horizon = () => (URGENT.includes(trigger) ? Number.MAX_SAFE_INTEGER : now());
  // Due rows are read once and taken in chunks (re-reading them per chunk made one-per-request replay
  // quadratic); when they are used up they are read again, for grievances registered in the meantime.
  // `held`: grievances set aside in this replay (they wait with their own backoff).
  const ctx: BatchContext = {
    doFetch, now, random, baseUrl: opts.baseUrl, timeoutMs: opts.timeoutMs, tally: report,
    pending: [], held: new Set(), missingRetried: new Set(), accepted: false,
  };
  for (;;) {
    if (ctx.pending.length === 0) ctx.pending = (await dueRows(horizon(), kioskCode)).filter((r) => !ctx.held.has(r.clientId));
    if (ctx.pending.length === 0) break;
    const chunk = nextChunk(ctx.pending, batchSize);

    // Load the payloads; a record that no longer fits the schema is set aside, never sent or crashed on.
    const payloads = await db.grievances.bulkGet(chunk.map((r) => r.clientId));
    let send: Item[] = [];
    const corrupt: OutboxRow[] = [];
    chunk.forEach((row, i) => {
      const p = GrievanceSubmission.safeParse(payloads[i]?.submission);
      if (p.success) send.push({ row, submission: p.data });
      else corrupt.push({ ...row, state: 'attention', lastError: { key: 'corrupt' } });
    });
    if (corrupt.length) { await db.outbox.bulkPut(corrupt); report.attention += corrupt.length; }
    if (send.length === 0) continue;

    // A record queued before operators existed names none; the server needs one of this kiosk, so the
    // operator now sending it adopts it, once and for good (stored, so every resend is the same record).
    const adopted = send.filter((s) => !s.submission.operatorId);
    for (const s of adopted) {
      s.submission = { ...s.submission, operatorId };
      s.row = { ...s.row, operatorId };
    }
    await db.transaction('rw', db.outbox, db.grievances, async () => {
      if (adopted.length) await db.grievances.bulkPut(adopted.map((s) => ({ clientId: s.row.clientId, submission: s.submission })));
      await db.outbox.bulkPut(send.map(({ row }) => ({ ...row, state: 'sending' as const })));
    });

    const authed = (url: string, init: RequestInit) => authorizedFetch(url, init, { fetch: doFetch, now, baseUrl: opts.baseUrl });
    let files;
    try {
      files = await uploadFilesOf(send, { fetch: authed, baseUrl: opts.baseUrl, chunkBytes, now, random, sleep: opts.sleep });
    } catch (e) {
      if (!isAuthRequired(e)) throw e;
      await restore(send); // as they were: no attempt counted
      report.error = SIGN_IN_ERROR;
      break;
    }
    if (files.held.length) {
      await db.outbox.bulkPut(files.held);
      for (const r of files.held) ctx.held.add(r.clientId);
      report.attention += files.attention;
    }
    send = files.offline ? [...files.ready, ...files.offline.items] : files.ready;
    if (send.length === 0) continue;

    let verdict = await postBatch(send, ctx, files.offline?.error);
    if (verdict === 'signIn') {
      // The server took nothing: the rows go back exactly as they were (no attempt counted, no backoff).
      await restore(send);
      report.error = SIGN_IN_ERROR;
      break;
    }
    if (verdict.kind === 'tooLarge' && batchSize > 1) {
      batchSize = Math.max(1, Math.floor(batchSize / 2));
      await db.outbox.bulkPut(send.map(({ row }) => ({ ...row, state: 'saved' as const })));
      ctx.pending.unshift(...send.map(({ row }) => row));
      continue;
    }
    if (verdict.kind === 'results') {
      await settleResults(send, verdict, ctx);
      continue;
    }
    if (verdict.kind === 'rejected' || verdict.kind === 'tooLarge') {
      const error = verdict.kind === 'rejected' ? verdict.error : { key: 'api.tooLarge' };
      await db.outbox.bulkPut(send.map(({ row }) => ({ ...row, state: 'attention' as const, lastError: error })));
      report.attention += send.length;
      continue;
    }
    // A failure one of the records may cause: count it, and split the batch once it keeps failing.
    if (verdict.suspect) {
      const left = await isolatePoison(send, verdict, ctx);
      if (left === 'signIn') { report.error = SIGN_IN_ERROR; break; }
      if (left.items.length === 0) continue;
      send = left.items;
      verdict = left.verdict;
    }
    // Transient: keep every record, back off globally, stop this replay.
    const prev = (await db.meta.get('backoff'))?.value as Backoff | undefined;
    const attempts = (prev?.attempts ?? 0) + 1;
    const until = now() + backoffDelay(attempts, random, verdict.retryAfterMs);
    const error = verdict.error;
    await db.transaction('rw', db.outbox, db.meta, async () => {
      await db.outbox.bulkPut(send.map(({ row }) => ({ ...row, state: 'saved' as const, attempts: row.attempts + 1, nextAttemptAt: until, lastError: error })));
      await db.meta.put({ key: 'backoff', value: { until, attempts } satisfies Backoff });
    });
    report.error = error;
    break;
  }
  // Opportunistically free the space of files confirmed long enough ago (never an unsent one's).
  await pruneAttachments(now()).catch(() => undefined);
  report.waiting = await waitingCount();
  return report;
}
