/**
 * The grievance kind of the replay (the engine is src/sync/replay.ts): load the due outbox rows and their
 * payloads → adopt the ones queued before operators existed → upload their files → post them in batches →
 * settle each record from the server's answer. The outbox is read and written only through its verbs
 * (src/db/outbox.ts).
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
import type { OutboxRow } from '../db/db';
import { adopt, backOff, currentBackoff, due, payloadsOf, waitingCount, write } from '../db/outbox';
import { currentSession } from '../db/session';
import { GrievanceSubmission, MAX_BATCH } from '../domain/schemas';
import { isAuthRequired } from './auth';
import { backoffDelay, type BatchVerdict } from './policy';
import { getSetting } from '../db/settings';
import { ATTACHMENT_LIMITS } from '../domain/attachments';
import { pruneAttachments } from '../db/attachments';
import { type BatchContext, type Item, postBatch, settleResults } from './batch';
import { isolatePoison, isolated } from './poison';
import { uploadFilesOf } from './grievance-uploads';
import { chunkBytesFor } from './upload';
import { type ReplayReport, type ReplayRun, SIGN_IN_ERROR } from './replay-run';
import { inFlightAnnouncer } from './in-flight';

/** A batch whose POST has started. */
interface Posted { send: Item[]; verdict: Promise<BatchVerdict | 'signIn'> }

/** The next batch: up to `size` rows, or one record that failed alone (it always goes by itself). */
function nextChunk(pending: OutboxRow[], size: number): OutboxRow[] {
  if (isolated(pending[0])) return pending.splice(0, 1);
  const n = pending.findIndex(isolated);
  return pending.splice(0, Math.min(size, n < 0 ? pending.length : n));
}

/**
 * Load: the payloads of `chunk`; a record that no longer fits the schema is set aside, never sent or crashed
 * on. Adopt: a record queued before operators existed names none; the server needs one of this kiosk, so
 * the operator now sending it adopts it, once and for good (stored, so every resend is the same record).
 * Nothing else is written: the rows stay as they are until their answers are. Answers what goes in the POST.
 */
async function prepare(chunk: readonly OutboxRow[], operatorId: string, report: ReplayReport): Promise<Item[]> {
  const payloads = await payloadsOf(chunk.map((r) => r.clientId));
  const send: Item[] = [];
  const corrupt: OutboxRow[] = [];
  chunk.forEach((row, i) => {
    const p = GrievanceSubmission.safeParse(payloads[i]?.submission);
    if (p.success) send.push({ row, submission: p.data });
    else corrupt.push({ ...row, state: 'attention', lastError: { key: 'corrupt' } });
  });
  if (corrupt.length) { await write(corrupt); report.attention += corrupt.length; }
  if (send.length === 0) return send;
  const adopted = send.filter((s) => !s.submission.operatorId);
  for (const s of adopted) {
    s.submission = { ...s.submission, operatorId };
    s.row = { ...s.row, operatorId };
  }
  await adopt(adopted.map(({ row }) => row), adopted.map((s) => ({ clientId: s.row.clientId, submission: s.submission })));
  return send;
}

/** Sends the signed-in operator's kiosk's due grievances; the report counts grievances only. */
export async function replayGrievances(run: ReplayRun): Promise<ReplayReport> {
  const { now, random, opts } = run;
  // The server advertises its batch size (GET /api/config, kept by the page); an explicit option wins.
  const config = await getSetting<{ maxBatch?: number; attachments?: { chunkBytes?: number } }>('serverConfig').catch(() => undefined);
  let batchSize = Math.max(1, Math.min(opts.batchSize ?? config?.maxBatch ?? MAX_BATCH, MAX_BATCH));
  const connection = (globalThis as { navigator?: { connection?: { effectiveType?: string } } }).navigator?.connection;
  const chunkBytes = opts.chunkBytes ?? chunkBytesFor(config?.attachments?.chunkBytes ?? ATTACHMENT_LIMITS.chunkBytes, connection?.effectiveType);
  const report: ReplayReport = { trigger: run.trigger, requests: 0, synced: 0, attention: 0, waiting: 0 };

  const backoff = await currentBackoff();
  if (backoff && now() < backoff.until && !run.urgent) {
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

  // Due rows are read once and taken in chunks (re-reading them per chunk made one-per-request replay
  // quadratic); when they are used up they are read again, for grievances registered in the meantime.
  // `held`: grievances set aside in this replay (they wait with their own backoff).
  const ctx: BatchContext = { run, now, random, tally: report, pending: [], held: new Set(), missingRetried: new Set(), accepted: false, inFlight: inFlightAnnouncer() };
  // The next chunk, loaded while this one is on the wire (the device's work overlaps the server's).
  // Whenever the replay stops or changes course, its rows go back to the front of the queue (nothing
  // about them was written; adopted ones stay adopted).
  let ahead: Promise<Item[]> | undefined;
  const putBack = async () => {
    const items = ahead ? await ahead : [];
    ahead = undefined;
    ctx.pending.unshift(...items.map(({ row }) => row));
  };
  // Take the next batch (the one made ready ahead, or loaded now), upload its files and start its POST
  // (not awaited). undefined: nothing left to send; 'again': this batch had nothing to send; 'signIn'.
  const launch = async (): Promise<Posted | 'again' | 'signIn' | undefined> => {
    let send: Item[];
    if (ahead) {
      send = await ahead;
      ahead = undefined;
    } else {
      if (ctx.pending.length === 0) ctx.pending = (await due(run.horizon(), kioskCode, isolated)).filter((r) => !ctx.held.has(r.clientId));
      if (ctx.pending.length === 0) return undefined;
      send = await prepare(nextChunk(ctx.pending, batchSize), operatorId, report);
    }
    if (send.length === 0) return 'again';
    ctx.inFlight.add(send.map(({ row }) => row.clientId));

    // Upload: each grievance's files before the grievance itself.
    let files;
    try {
      files = await uploadFilesOf(send, { fetch: run.authed, baseUrl: undefined, chunkBytes, now, random, sleep: opts.sleep });
    } catch (e) {
      if (!isAuthRequired(e)) throw e;
      return 'signIn'; // the rows stay as they were: no attempt counted
    }
    if (files.held.length) {
      await write(files.held);
      ctx.inFlight.remove(files.held.map((r) => r.clientId));
      for (const r of files.held) ctx.held.add(r.clientId);
      report.attention += files.attention;
    }
    send = files.offline ? [...files.ready, ...files.offline.items] : files.ready;
    if (send.length === 0) return 'again';

    // The POST first, then the next batch's reads and writes: IndexedDB takes requests in turn, and the
    // POST's session read should not wait behind them.
    const verdict = postBatch(send, ctx, files.offline?.error);
    if (ctx.pending.length > 0 && !files.offline) {
      ahead = prepare(nextChunk(ctx.pending, batchSize), operatorId, report);
      ahead.catch(() => undefined); // awaited later; a failure surfaces there
    }
    return { send, verdict };
  };

  // The POST already on the wire: started as soon as the batch before it was answered, while that batch
  // is settled (only from a batch made ready ahead: a fresh read of due rows waits for the settle).
  let posted: Posted | 'again' | 'signIn' | undefined;
  try {
    for (;;) {
      const next = posted ?? await launch();
      posted = undefined;
      if (next === undefined) break;
      if (next === 'again') continue;
      if (next === 'signIn') { await putBack(); report.error = SIGN_IN_ERROR; break; }
      let send = next.send;
      let verdict = await next.verdict;
      if (verdict === 'signIn') {
        // The server took nothing: the rows stay exactly as they were (no attempt counted, no backoff).
        await putBack();
        report.error = SIGN_IN_ERROR;
        break;
      }
      if (verdict.kind === 'tooLarge' && batchSize > 1) {
        await putBack();
        batchSize = Math.max(1, Math.floor(batchSize / 2));
        await write(send.map(({ row }) => ({ ...row, state: 'saved' as const })));
        ctx.inFlight.remove(send.map(({ row }) => row.clientId));
        ctx.pending.unshift(...send.map(({ row }) => row));
        continue;
      }
      if (verdict.kind === 'results') {
        // The next POST starts before this batch's answers are written (they are written while it is on the
        // wire), unless the next batch has files to upload first: on a slow link that takes minutes, and this
        // batch's answers (its official numbers) are shown at once.
        const overlap = ahead !== undefined && !(await ahead.catch(() => [])).some((s) => s.submission.attachments?.length);
        let failed: { error: unknown } | undefined;
        if (overlap) posted = await launch().catch((error: unknown) => { failed = { error }; return undefined; });
        await settleResults(send, verdict, ctx);
        if (failed) throw failed.error;
        continue;
      }
      if (verdict.kind === 'rejected' || verdict.kind === 'tooLarge') {
        const error = verdict.kind === 'rejected' ? verdict.error : { key: 'api.tooLarge' };
        await write(send.map(({ row }) => ({ ...row, state: 'attention' as const, lastError: error })));
        ctx.inFlight.remove(send.map(({ row }) => row.clientId));
        report.attention += send.length;
        continue;
      }
      // A failure one of the records may cause: count it, and split the batch once it keeps failing.
      await putBack();
      if (verdict.suspect) {
        const left = await isolatePoison(send, verdict, ctx);
        if (left === 'signIn') { report.error = SIGN_IN_ERROR; break; }
        if (left.items.length === 0) continue;
        send = left.items;
        verdict = left.verdict;
      }
      // Transient: keep every record, back off globally (full jitter), stop this replay.
      const retryAfterMs = verdict.retryAfterMs;
      await backOff(send.map(({ row }) => row), (attempts) => backoffDelay(attempts, random, retryAfterMs), now(), verdict.error);
      report.error = verdict.error;
      break;
    }
  } finally {
    ctx.inFlight.clear(); // however the replay ended, nothing of it is on the wire any more
  }
  // Opportunistically free the space of files confirmed long enough ago (never an unsent one's).
  await pruneAttachments(now()).catch(() => undefined);
  report.waiting = await waitingCount();
  return report;
}
