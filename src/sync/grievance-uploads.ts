/**
 * The replay's first step for grievances with attachments: each file is uploaded (src/sync/upload.ts,
 * resumable and idempotent) before the grievance that names it is sent, so the server never sees a
 * grievance whose files it lacks. What a failure means for the grievance:
 *   - the server refused a file (type, size, corrupt) or the device lost it → Needs attention, with the
 *     server's own words; the rest of the queue goes on;
 *   - a passing failure of the server (5xx, busy) → this grievance waits with its own backoff; the rest go on;
 *   - the network itself is down → the replay pauses as after any transient failure (global backoff).
 */
import { attachmentRows, markUploaded } from '../db/attachments';
import type { OutboxRow, SyncError } from '../db/db';
import type { GrievanceSubmission } from '../domain/schemas';
import { backoffDelay } from './policy';
import { uploadAttachment, type UploadOptions } from './upload';

interface Item { row: OutboxRow; submission: GrievanceSubmission }

export interface FilesResult<T extends Item> {
  /** Grievances with every file complete on the server (or none): send them now. */
  ready: T[];
  /** New outbox rows of grievances that cannot go now: waiting with their own backoff, or needing attention. */
  held: OutboxRow[];
  /** How many of `held` need attention. */
  attention: number;
  /** The network failed: these grievances were not decided and the replay should pause. */
  offline?: { error: SyncError; items: T[] };
}

export type FilesOptions = Omit<UploadOptions, 'onProgress' | 'now'> & { now: () => number; random: () => number };

/** Uploads the files of `items` in order. Throws only AuthRequired (from the authorised fetch). */
export async function uploadFilesOf<T extends Item>(items: readonly T[], opts: FilesOptions): Promise<FilesResult<T>> {
  const out: FilesResult<T> = { ready: [], held: [], attention: 0 };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const refs = item.submission.attachments ?? [];
    if (refs.length === 0) { out.ready.push(item); continue; }
    const rows = await attachmentRows(refs.map((r) => r.sha256));
    let verdict: { kind: 'ready' } | { kind: 'attention'; error: SyncError } | { kind: 'wait'; error: SyncError; retryAfterMs?: number } = { kind: 'ready' };
    for (const [j, ref] of refs.entries()) {
      const stored = rows[j];
      if (!stored?.blob || stored.blob.size !== ref.bytes) { verdict = { kind: 'attention', error: { key: 'attachmentLost' } }; break; }
      const r = await uploadAttachment({ sha256: ref.sha256, bytes: ref.bytes, blob: stored.blob }, opts);
      if (r.kind === 'complete') { await markUploaded(ref.sha256, opts.now()); continue; }
      if (r.kind === 'rejected') { verdict = { kind: 'attention', error: r.error }; break; }
      if (r.network) { out.offline = { error: r.error, items: items.slice(i) }; return out; }
      verdict = { kind: 'wait', error: r.error, retryAfterMs: r.retryAfterMs };
      break;
    }
    if (verdict.kind === 'ready') out.ready.push(item);
    else if (verdict.kind === 'attention') {
      out.held.push({ ...item.row, state: 'attention', lastError: verdict.error });
      out.attention++;
    } else {
      const attempts = item.row.attempts + 1;
      out.held.push({ ...item.row, state: 'saved', attempts, nextAttemptAt: opts.now() + backoffDelay(attempts, opts.random, verdict.retryAfterMs), lastError: verdict.error });
    }
  }
  return out;
}
