/**
 * One batch of the outbox replay (src/sync/replay.ts): POST it, and write down in the outbox what the
 * answer means for each of its records. Split out of the replay so that the poison-record split
 * (src/sync/poison.ts) sends its smaller groups exactly as the replay sends a batch.
 */
import type { OutboxRow, SyncError } from '../db/db';
import type { GrievanceSubmission } from '../domain/schemas';
import { markConfirmedIn } from '../db/attachments';
import { settle, write } from '../db/outbox';
import { isAuthRequired } from './auth';
import { afterConfirmed, applyResult, attachmentMissing, backoffDelay, type BatchVerdict, judgeResponse, MAX_MISSING_ATTEMPTS, parseRetryAfter } from './policy';
import { networkErrorKey, type ReplayRun } from './replay-run';
import type { InFlight } from './in-flight';

/** A record ready to send: its outbox row (kept up to date as the replay goes) and its payload. */
export interface Item { row: OutboxRow; submission: GrievanceSubmission }

/** Counts a replay reports. */
export interface Tally { requests: number; synced: number; attention: number }

/** What one replay shares between its batches. */
export interface BatchContext {
  run: ReplayRun;
  now: () => number;
  random: () => number;
  tally: Tally;
  /** Rows still to send in this replay, oldest first (a resend after a missing file goes back in front). */
  pending: OutboxRow[];
  /** Set aside for the rest of this replay (they wait with their own backoff). */
  held: Set<string>;
  /** Grievances whose files the server reported missing once already in this replay. */
  missingRetried: Set<string>;
  /** Some batch got per-record answers in this replay: the server takes work. */
  accepted: boolean;
  /** The grievances being sent now, told to the pages (src/sync/in-flight.ts). */
  inFlight: InFlight;
}

/** POSTs `items` as one batch. 'signIn': only a sign-in can help, and the server took nothing. */
export async function postBatch(items: readonly Item[], ctx: BatchContext, netError?: SyncError): Promise<BatchVerdict | 'signIn'> {
  // The network failed during the uploads: there is no POST.
  if (netError) return { kind: 'transient', error: netError };
  try {
    ctx.tally.requests++;
    const res = await ctx.run.postJson('/api/sync/grievances', { grievances: items.map((s) => s.submission) });
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), ctx.now());
    const body: unknown = await res.json().catch(() => undefined);
    return judgeResponse(res.status, body, items.map((s) => s.row.clientId), retryAfterMs);
  } catch (e) {
    if (isAuthRequired(e)) return 'signIn';
    return { kind: 'transient', error: { key: networkErrorKey(e) } };
  }
}

/** Writes the server's answer for each record of a batch (synced, needs attention, or files to send again). */
export async function settleResults(items: readonly Item[], verdict: Extract<BatchVerdict, { kind: 'results' }>, ctx: BatchContext): Promise<void> {
  ctx.accepted = true;
  const nowIso = new Date(ctx.now()).toISOString();
  const rows = items.map(({ row }, i) => applyResult(row, verdict.results[i], nowIso));
  // Files the server says it lacks (lost, or pruned meanwhile): upload again and resend, at once the
  // first time, later after that, and after MAX_MISSING_ATTEMPTS a person looks (the row stays attention).
  const again: OutboxRow[] = [];
  items.forEach(({ row }, i) => {
    if (!attachmentMissing(verdict.results[i]) || row.attempts + 1 >= MAX_MISSING_ATTEMPTS) return;
    const attempts = row.attempts + 1;
    const first = !ctx.missingRetried.has(row.clientId);
    ctx.missingRetried.add(row.clientId);
    rows[i] = { ...row, state: 'saved', attempts, lastError: { key: 'err.attachmentMissing' }, nextAttemptAt: first ? 0 : ctx.now() + backoffDelay(attempts, ctx.random) };
    if (first) again.push(rows[i]); else ctx.held.add(row.clientId);
  });
  // Payloads are rewritten only where confirming changes them (the sealed Aadhaar dropped), never to mark them sent.
  const confirmed = items.filter((_, i) => rows[i].state === 'synced' && items[i].submission.aadhaarSealed)
    .map((s) => ({ clientId: s.row.clientId, submission: afterConfirmed(s.submission) }));
  const withFiles = items.filter((s, i) => rows[i].state === 'synced' && s.submission.attachments?.length).map((s) => s.row.clientId);
  await settle(rows, confirmed, nowIso, withFiles.length ? () => markConfirmedIn(withFiles, ctx.now()) : undefined);
  for (const r of rows) if (r.state === 'synced') ctx.tally.synced++; else if (r.state === 'attention') ctx.tally.attention++;
  ctx.inFlight.remove(rows.map((r) => r.clientId)); // answered: their rows say so now
  ctx.pending.unshift(...again);
}

/** Puts rows back exactly as they were before this attempt (nothing was sent, nothing is counted). */
export const restore = (items: readonly Item[]) => write(items.map(({ row }) => row));
