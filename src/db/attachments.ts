/**
 * Attachments on this device, in domain verbs: stored with their grievance (in its transaction), read for
 * the receipt and the outbox, marked confirmed when every grievance that names them is, and pruned (the
 * blob only; the thumbnail and the metadata stay) a while after that. An unsent blob is never deleted.
 */
import { db, type AttachmentRow } from './db';
import { outboxRows } from './outbox';
import type { PreparedAttachment } from '../media/attachment-rules';
import type { AttachmentRef } from '../domain/attachments';
import { getSetting, RETENTION_DEFAULT_DAYS } from './settings';

export type { AttachmentRow };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The reference a grievance carries for a prepared file (what the server checks). */
export const refOf = (a: PreparedAttachment): AttachmentRef => ({ sha256: a.sha256, bytes: a.bytes, type: a.type, name: a.name });

/**
 * Stores the files of grievance `clientId`; call inside the registering readwrite transaction (which must
 * include `attachments`). A file already here (the same bytes attached before) gains a referrer and, if it
 * had been pruned, its blob back; it is unconfirmed again until this grievance is confirmed too.
 */
export async function storeAttachmentsIn(clientId: string, files: readonly PreparedAttachment[], now: number): Promise<void> {
  if (files.length === 0) return;
  const existing = await db.attachments.bulkGet(files.map((f) => f.sha256));
  await db.attachments.bulkPut(files.map((f, i): AttachmentRow => {
    const had = existing[i];
    return {
      sha256: f.sha256, blob: f.blob, bytes: f.bytes, type: f.type, name: had?.name ?? f.name,
      thumbnail: f.thumbnail ?? had?.thumbnail, clientIds: [...new Set([...(had?.clientIds ?? []), clientId])],
      createdAt: had?.createdAt ?? now, ...(had?.uploadedAt !== undefined && { uploadedAt: had.uploadedAt }),
    };
  }));
}

/** What the receipt and the outbox show for one grievance, in the order it lists its files. */
export interface AttachmentView {
  sha256: string;
  name?: string;
  type: AttachmentRow['type'];
  bytes: number;
  thumbnail?: string;
  /** The bytes themselves, while still on the device (for playback of a voice note). */
  blob?: Blob;
}

export async function attachmentsOf(clientId: string): Promise<AttachmentView[]> {
  return db.transaction('r', db.grievances, db.attachments, async () => {
    const refs = (await db.grievances.get(clientId))?.submission.attachments ?? [];
    const rows = await db.attachments.bulkGet(refs.map((r) => r.sha256));
    return refs.map((r, i) => ({ sha256: r.sha256, name: r.name, type: r.type, bytes: r.bytes, thumbnail: rows[i]?.thumbnail, blob: rows[i]?.blob }));
  });
}

/** The stored rows (with blobs) of these files, in order; undefined where one is missing. */
export const attachmentRows = (sha256s: readonly string[]) => db.attachments.bulkGet([...sha256s]);

/** Notes that the server holds the whole file (informational: the upload asks the server anyway). */
export const markUploaded = (sha256: string, now: number) => db.attachments.update(sha256, { uploadedAt: now });

/**
 * After grievances were confirmed: each of their files whose grievances are now all synced gets
 * `confirmedAt`. Call inside the replay's transaction (which must include outbox and attachments), after
 * the outbox rows were written.
 */
export async function markConfirmedIn(clientIds: readonly string[], now: number): Promise<void> {
  if (clientIds.length === 0) return;
  const rows = await db.attachments.where('clientIds').anyOf([...clientIds]).distinct().toArray();
  for (const row of rows) {
    const referrers = await outboxRows(row.clientIds);
    if (referrers.every((r) => r?.state === 'synced')) await db.attachments.update(row.sha256, { confirmedAt: now });
  }
}

/**
 * Frees the space of files whose grievances were all confirmed more than `retentionDays` ago (the setting,
 * else RETENTION_DEFAULT_DAYS): the blob goes, the thumbnail and metadata stay. Returns how many bytes.
 */
export async function pruneAttachments(now = Date.now(), retentionDays?: number): Promise<number> {
  const days = retentionDays ?? (await getSetting<number>('attachmentRetentionDays').catch(() => undefined)) ?? RETENTION_DEFAULT_DAYS;
  const cutoff = now - days * DAY_MS;
  return db.transaction('rw', db.attachments, db.outbox, async () => {
    const due = await db.attachments.where('confirmedAt').below(cutoff).filter((r) => r.blob !== undefined).toArray();
    let freed = 0;
    for (const row of due) {
      // Belt and braces: a referrer that is not synced (a new grievance named the same file) keeps it.
      const referrers = await outboxRows(row.clientIds);
      if (!referrers.every((r) => r?.state === 'synced')) continue;
      const { blob: _dropped, ...kept } = row;
      await db.attachments.put({ ...kept, prunedAt: now });
      freed += row.bytes;
    }
    return freed;
  });
}

/** For the storage figures: files whose bytes are on this device, their size, and how much of it is unconfirmed. */
export async function attachmentFigures(): Promise<{ files: number; bytes: number; unconfirmedBytes: number }> {
  const out = { files: 0, bytes: 0, unconfirmedBytes: 0 };
  await db.attachments.each((r) => {
    if (!r.blob) return;
    out.files++;
    out.bytes += r.bytes;
    if (r.confirmedAt === undefined) out.unconfirmedBytes += r.bytes;
  });
  return out;
}
