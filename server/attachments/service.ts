/**
 * Attachments on the server: resumable, content-addressed uploads; the check that a synced grievance's
 * attachments are all here; linking them in the grievance's transaction; serving them to those who may
 * see them; pruning what nothing refers to.
 *
 * An upload belongs to (blob, kiosk, device): its partial file is that device's own, so two devices never
 * write into one file, and a blob counts as held by a kiosk only once that kiosk has sent all of its bytes
 * (attachment_holders). Bytes are stored once per blob, whoever sent them. Chunks of one upload are
 * handled one at a time (an in-process lock: one server process per DATA_DIR).
 */
import { createHash } from 'node:crypto';
import type { Account } from '../../src/domain/accounts';
import { dimensionsAllowed, imageComplete, imageDimensions, SNIFF_BYTES, sniffType } from '../../src/domain/attachment-sniff';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES, type AttachmentType, type UploadStatus } from '../../src/domain/attachments';
import type { MessageKey } from '../../src/domain/messages';
import type { GrievanceSubmission } from '../../src/domain/schemas';
import { ApiProblem } from '../errors';
import type { AuditLog } from '../store/audit';
import type { Db, Queryable } from '../store/db';
import { WORKFLOW_COLUMNS, type WorkflowRow } from '../store/workflow';
import { viewerOf } from '../workflow/visibility';
import { type BlobStore, GapError, OverlapError } from './blob-store';
import { createAttachmentQuota } from './quota';

/** Who is uploading: an operator on a device. */
export interface Uploader { accountId: string; kioskCode: string; deviceId: string; ip: string }

export interface Chunk {
  /** Parsed Content-Range (null when missing or malformed; `emptyTotal` when it says the file has 0 bytes). */
  range: { start: number; end: number; total: number } | null;
  emptyTotal?: boolean;
  body: Buffer;
  /** The Content-Type sent, when it names one of the accepted types (it must then match the content). */
  declaredType?: AttachmentType;
}

export interface ServedAttachment { bytes: number; type: AttachmentType; stream: NodeJS.ReadableStream }

/** Partial uploads are dropped after this long without a new chunk (and are not resumed once older). */
export const PARTIAL_MAX_AGE_MS = 24 * 3600_000;

const problem = (status: number, key: MessageKey) => new ApiProblem(status, key);

/** Whether `data` is a whole file the server accepts under the name `sha256`: its type, or why not. */
export function checkWhole(sha256: string, data: Buffer, declaredType?: AttachmentType): AttachmentType | { status: number; key: MessageKey; reason: string } {
  if (createHash('sha256').update(data).digest('hex') !== sha256) return { status: 422, key: 'err.attachmentHash', reason: 'hash' };
  const type = sniffType(data.subarray(0, SNIFF_BYTES));
  if (!type || (declaredType && declaredType !== type)) return { status: 415, key: 'err.attachmentType', reason: 'type' };
  if (data.length > ATTACHMENT_TYPES[type].maxBytes) return { status: 413, key: 'err.attachmentTooLarge', reason: 'size' };
  if (ATTACHMENT_TYPES[type].kind === 'image') {
    const dims = imageDimensions(type, data);
    if (dims === null || dims === 'corrupt' || !imageComplete(type, data)) return { status: 422, key: 'err.attachmentCorrupt', reason: 'corrupt' };
    if (!dimensionsAllowed(dims)) return { status: 422, key: 'err.attachmentDimensions', reason: 'dimensions' };
  }
  return type;
}

/** Links created grievances to their attachments, inside the transaction that creates them. */
export async function linkAttachments(tx: Queryable, created: readonly { record: GrievanceSubmission }[]): Promise<void> {
  const rows = created.flatMap(({ record }) => (record.attachments ?? []).map((a, position) =>
    ({ client_id: record.clientId, sha256: a.sha256, position, name: a.name ?? null })));
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO grievance_attachments (client_id, sha256, position, name)
     SELECT client_id, sha256, position, name FROM jsonb_to_recordset($1::jsonb) AS r(client_id text, sha256 text, position int, name text)`,
    [JSON.stringify(rows)]);
}

export function createAttachmentService(deps: { db: Db; blobs: BlobStore; audit: AuditLog; clock: () => Date; quotaBytesPerDay: number }) {
  const { db, blobs, audit, clock } = deps;
  const quota = createAttachmentQuota(db, { bytesPerDay: deps.quotaBytesPerDay, clock });

  /** Bytes received of an upload; one left alone past PARTIAL_MAX_AGE_MS has expired and is dropped first. */
  async function received(id: string): Promise<number> {
    const modified = await blobs.modified(id);
    if (modified && clock().getTime() - modified.getTime() > PARTIAL_MAX_AGE_MS) await blobs.discard(id);
    return blobs.size(id);
  }

  const uploadId = (sha256: string, u: Pick<Uploader, 'kioskCode' | 'deviceId'>) =>
    `${sha256}-${createHash('sha256').update(`${u.kioskCode}\n${u.deviceId}`).digest('hex').slice(0, 16)}`;

  const locks = new Map<string, Promise<unknown>>();
  async function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (locks.get(key) ?? Promise.resolve()).then(fn);
    const tail = run.catch(() => undefined);
    locks.set(key, tail);
    try {
      return await run;
    } finally {
      if (locks.get(key) === tail) locks.delete(key);
    }
  }

  /** The blob as the kiosk holds it: complete, checked, uploaded by that kiosk, and its file present. */
  async function heldBy(sha256: string, kioskCode: string): Promise<{ bytes: number; type: AttachmentType } | null> {
    const [row] = await db.query<{ bytes: number; type: AttachmentType }>(
      `SELECT a.bytes, a.type FROM attachments a JOIN attachment_holders h ON h.sha256 = a.sha256
        WHERE a.sha256 = $1 AND h.kiosk_code = $2`, [sha256, kioskCode]);
    return row && (await blobs.has(sha256)) ? row : null;
  }

  const complete = (sha256: string, held: { bytes: number; type: string }): UploadStatus =>
    ({ sha256, state: 'complete', received: held.bytes, bytes: held.bytes, type: held.type });

  /** Checks a fully received upload and moves it into place; on any failure the partial file is dropped. */
  async function finish(sha256: string, id: string, u: Uploader, declaredType?: AttachmentType): Promise<UploadStatus> {
    const data = await blobs.partial(id);
    const checked = checkWhole(sha256, data, declaredType);
    if (typeof checked !== 'string') {
      await blobs.discard(id);
      await audit.append({ action: 'attachment.refused', actorId: u.accountId, actorRole: 'operator', target: sha256, deviceId: u.deviceId, ip: u.ip, details: { reason: checked.reason, bytes: data.length } })
        .catch(() => undefined); // a failing audit write must not turn the 4xx into a 500
      throw problem(checked.status, checked.key);
    }
    await blobs.finalize(id, sha256); // the file first: a row never describes a missing file
    await record(sha256, data.length, checked, u);
    return complete(sha256, { bytes: data.length, type: checked });
  }

  /** The rows of a complete, checked blob, and that `u`'s kiosk holds it. */
  async function record(sha256: string, bytes: number, type: AttachmentType, u: Uploader): Promise<void> {
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO attachments (sha256, bytes, type, created_at, uploaded_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (sha256) DO NOTHING RETURNING sha256`, [sha256, bytes, type, now, u.accountId]);
      await tx.query(
        `INSERT INTO attachment_holders (sha256, kiosk_code, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sha256, kiosk_code) DO NOTHING`, [sha256, u.kioskCode, u.accountId, now]);
      await audit.append({ action: 'attachment.upload', actorId: u.accountId, actorRole: 'operator', target: sha256, deviceId: u.deviceId, ip: u.ip, details: { bytes: bytes, type, stored: inserted.length > 0 } }, tx);
    });
  }

  return {
    /** Where this device's upload of `sha256` stands. */
    async status(sha256: string, u: Uploader): Promise<UploadStatus> {
      const held = await heldBy(sha256, u.kioskCode);
      if (held) return complete(sha256, held);
      const have = await received(uploadId(sha256, u));
      return { sha256, state: have > 0 ? 'partial' : 'absent', received: have };
    },

    /** One chunk of an upload (see src/domain/attachments.ts for the protocol). */
    async put(sha256: string, u: Uploader, chunk: Chunk): Promise<UploadStatus> {
      const held = await heldBy(sha256, u.kioskCode);
      if (held) {
        // A repeat upload: nothing to store. This device may have begun its own copy while another device
        // of the kiosk finished the file first: its partial is no longer needed (after any chunk in flight).
        const id = uploadId(sha256, u);
        await serial(id, () => blobs.discard(id));
        return complete(sha256, held);
      }

      if (chunk.emptyTotal || chunk.body.length === 0) throw problem(400, 'err.attachmentEmpty');
      const { range, body } = chunk;
      if (!range || range.end - range.start + 1 !== body.length) throw problem(400, 'err.attachmentRange');
      if (range.total > ATTACHMENT_LIMITS.maxBytes) throw problem(413, 'err.attachmentTooLarge');
      if (range.start === 0) {
        // The first chunk carries the magic bytes: refuse a wrong type, an oversized file or an image bomb
        // before anything is written.
        if (body.length < Math.min(range.total, SNIFF_BYTES)) throw problem(400, 'err.attachmentRange');
        const type = sniffType(body.subarray(0, SNIFF_BYTES));
        if (!type || (chunk.declaredType && chunk.declaredType !== type)) throw problem(415, 'err.attachmentType');
        if (range.total > ATTACHMENT_TYPES[type].maxBytes) throw problem(413, 'err.attachmentTooLarge');
        if (ATTACHMENT_TYPES[type].kind === 'image') {
          const dims = imageDimensions(type, body);
          if (dims === 'corrupt') throw problem(422, 'err.attachmentCorrupt');
          if (dims && !dimensionsAllowed(dims)) throw problem(422, 'err.attachmentDimensions');
        }
      }

      const id = uploadId(sha256, u);
      return serial(id, async () => {
        const have = await received(id);
        if (have > range.total) {
          await blobs.discard(id); // chunks that disagree about the file's size: start again
          throw problem(409, 'err.attachmentOverlap');
        }
        // The bytes this chunk adds count against the kiosk's daily quota (what overlaps is not new).
        const adds = range.start <= have ? Math.max(0, range.end + 1 - have) : 0;
        if (adds > 0) await quota.charge(u.kioskCode, adds);
        let now: number;
        try {
          now = await blobs.append(id, range.start, body);
        } catch (err) {
          if (adds > 0) await quota.refund(u.kioskCode, adds);
          if (err instanceof GapError) throw problem(409, 'err.attachmentOffset');
          if (err instanceof OverlapError) {
            await blobs.discard(id);
            throw problem(409, 'err.attachmentOverlap');
          }
          throw err;
        }
        if (now < range.total) return { sha256, state: 'partial', received: now };
        return finish(sha256, id, u, chunk.declaredType);
      });
    },

    /**
     * For each record, whether every attachment it names is complete here, held by its kiosk, with the
     * size and type it states. Records without attachments pass.
     */
    async referencesPresent(records: readonly GrievanceSubmission[]): Promise<boolean[]> {
      const wanted = records.flatMap((r) => (r.attachments ?? []).map((a) => ({ sha256: a.sha256, kiosk: r.kioskCode })));
      if (wanted.length === 0) return records.map(() => true);
      const rows = await db.query<{ sha256: string; kiosk_code: string; bytes: number; type: string }>(
        `SELECT a.sha256, h.kiosk_code, a.bytes, a.type FROM attachments a JOIN attachment_holders h ON h.sha256 = a.sha256
          WHERE a.sha256 = ANY($1::text[]) AND h.kiosk_code = ANY($2::text[])`,
        [[...new Set(wanted.map((w) => w.sha256))], [...new Set(wanted.map((w) => w.kiosk))]]);
      const onDisk = new Map<string, boolean>();
      for (const r of rows) if (!onDisk.has(r.sha256)) onDisk.set(r.sha256, await blobs.has(r.sha256));
      const found = new Map(rows.map((r) => [`${r.sha256}/${r.kiosk_code}`, r]));
      return records.map((r) => (r.attachments ?? []).every((a) => {
        const row = found.get(`${a.sha256}/${r.kioskCode}`);
        return !!row && onDisk.get(a.sha256) === true && row.bytes === a.bytes && row.type === a.type;
      }));
    },

    /** Links created grievances to their attachments, inside the transaction that creates them. */
    link: linkAttachments,

    /**
     * The blob for `account`, or null when it is not here or not theirs to see: exactly those who may open
     * a grievance that refers to it (server/workflow/visibility.ts: the registering kiosk's operators, its
     * holder and former holders, officers above its level, nodal officers and secretaries of its
     * department and place; admins, also before a grievance refers to it).
     */
    async open(sha256: string, account: Account, ctx: { deviceId: string; ip: string }): Promise<ServedAttachment | null> {
      const [row] = await db.query<{ bytes: number; type: AttachmentType }>('SELECT bytes, type FROM attachments WHERE sha256 = $1', [sha256]);
      if (!row) return null;
      const referring = await db.query<WorkflowRow>(
        `SELECT ${WORKFLOW_COLUMNS} FROM grievances WHERE client_id IN (SELECT client_id FROM grievance_attachments WHERE sha256 = $1)`, [sha256]);
      let visible = account.role === 'admin'; // also a file no grievance refers to yet
      for (const g of referring) if (!visible && await viewerOf(db, g, account)) visible = true;
      if (!visible) return null;
      const file = await blobs.read(sha256);
      if (!file || file.bytes !== row.bytes) {
        file?.stream.destroy();
        return null;
      }
      await audit.append({ action: 'attachment.read', actorId: account.id, actorRole: account.role, target: sha256, deviceId: ctx.deviceId, ip: ctx.ip });
      return { bytes: row.bytes, type: row.type, stream: file.stream };
    },

    /**
     * Stores a whole file that arrived inside a hand-over file (already checked with checkWhole) as held by
     * `u.kioskCode`, the kiosk that registered it, exactly as if that kiosk had uploaded it.
     */
    async storeWhole(sha256: string, data: Buffer, type: AttachmentType, u: Uploader): Promise<void> {
      if (await heldBy(sha256, u.kioskCode)) return;
      if (!(await blobs.has(sha256))) {
        const id = uploadId(sha256, u);
        await serial(id, async () => {
          await blobs.discard(id);
          await blobs.append(id, 0, data);
          await blobs.finalize(id, sha256);
        });
      }
      await record(sha256, data.length, type, u);
    },

    /** Drops partial uploads older than a day; the app runs it hourly. */
    sweepPartials: () => blobs.sweep(PARTIAL_MAX_AGE_MS, clock()),
  };
}
export type AttachmentService = ReturnType<typeof createAttachmentService>;

/** What `prune-attachments` found (and, without dry run, removed). */
export interface PruneReport { blobs: { sha256: string; bytes: number }[]; orphanFiles: string[]; partials: number }

/**
 * Blobs that no grievance refers to and that are older than `before` (rows and files), files that no row
 * describes, and partial uploads older than a day. A blob a grievance links to cannot be removed: the
 * link's foreign key makes a racing DELETE fail instead.
 */
export async function pruneAttachments(db: Db, blobs: BlobStore, opts: { before: Date; dryRun: boolean; now?: Date }): Promise<PruneReport> {
  const unreferenced = `FROM attachments a WHERE a.created_at < $1
      AND NOT EXISTS (SELECT 1 FROM grievance_attachments ga WHERE ga.sha256 = a.sha256)
      AND NOT EXISTS (SELECT 1 FROM chat_photos cp WHERE cp.sha256 = a.sha256)`; // a chat's photo waits for its registration
  const found = await db.query<{ sha256: string; bytes: number }>(`SELECT a.sha256, a.bytes ${unreferenced} ORDER BY a.sha256`, [opts.before.toISOString()]);
  const known = new Set((await db.query<{ sha256: string }>('SELECT sha256 FROM attachments')).map((r) => r.sha256));
  const orphanFiles: string[] = [];
  for await (const f of blobs.list()) if (!known.has(f.sha256) && f.modified < opts.before) orphanFiles.push(f.sha256);

  if (opts.dryRun) return { blobs: found, orphanFiles, partials: await blobs.sweep(PARTIAL_MAX_AGE_MS, opts.now, true) };
  const removed = await db.query<{ sha256: string; bytes: number }>(
    `DELETE ${unreferenced} AND a.sha256 = ANY($2::text[]) RETURNING a.sha256, a.bytes`, [opts.before.toISOString(), found.map((b) => b.sha256)]);
  for (const b of removed) await blobs.remove(b.sha256);
  for (const sha of orphanFiles) await blobs.remove(sha);
  const partials = await blobs.sweep(PARTIAL_MAX_AGE_MS, opts.now);
  return { blobs: removed.sort((a, b) => a.sha256.localeCompare(b.sha256)), orphanFiles, partials };
}
