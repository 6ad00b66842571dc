/**
 * Grievances on this device, in domain verbs: register one (one transaction: payload, outbox row, receipt
 * sequence and attachment blobs together), list an operator's own live with the others' as counts, read one.
 */
import { liveQuery, type Observable } from 'dexie';
import { ulid } from 'ulidx';
import { db, type OutboxRow, type OutboxState, POISON_KEY } from './db';
import { countIn, enqueueIn, OUTBOX_STATES, outboxRow, removeRow, rowsOfOperator, write } from './outbox';
import { getMetas, putMeta } from './meta';
import { deviceIdIn } from './device-id';
import { currentSessionIn, sessionOf } from './session';
import type { GrievanceSubmission, IntakeWithTriage } from '../domain/schemas';
import type { Lang } from '../domain/messages';
import { receiptNumber } from '../domain/numbers';
import { GrievanceAttachments } from '../domain/attachments';
import type { PreparedAttachment } from '../media/attachment-rules';
import { refOf, storeAttachmentsIn } from './attachments';
import { operatorKey } from '../domain/accounts';
import { AttachmentsRefused, NotCorrectable, NotSignedIn } from './errors';

export type { OutboxState, OutboxRow };
export type OutboxItem = OutboxRow;

export { OUTBOX_STATES };

export { AttachmentsRefused, NotCorrectable, NotSignedIn };

/** Local wall-clock time with its offset, so a receipt shows the kiosk's date, not UTC's. */
export function localIso(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 19);
  return `${local}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

/** Builds the outbox row (the small, list-friendly part) of a submission. */
export function outboxRowOf(s: GrievanceSubmission): OutboxRow {
  return {
    clientId: s.clientId, state: 'saved', receiptNumber: s.receiptNumber, createdAt: s.createdAt,
    name: s.name, mobile: s.mobile, departmentCode: s.departmentCode, categoryCode: s.categoryCode,
    districtCode: s.districtCode, description: s.description.slice(0, 200), aadhaarLast4: s.aadhaarLast4,
    ...(s.tehsilCode ? { tehsilCode: s.tehsilCode } : {}), ...(s.blockCode ? { blockCode: s.blockCode } : {}),
    operatorId: s.operatorId, kioskCode: s.kioskCode, attempts: 0, nextAttemptAt: 0,
    ...(s.attachments?.length ? { attachmentCount: s.attachments.length } : {}),
  };
}

/**
 * Saves a grievance on the device in one IndexedDB transaction and gives it a provisional receipt
 * number: kiosk code, local date, this device's id and the next value of its sequence. Readwrite
 * transactions on `meta` are serialised by IndexedDB, so two tabs never get the same number.
 */
export async function registerGrievance(
  fields: IntakeWithTriage,
  ctx: { kioskCode: string; operatorId?: string; lang: Lang; now?: Date; attachments?: readonly PreparedAttachment[] },
): Promise<OutboxItem> {
  const now = ctx.now ?? new Date();
  checkAttachments(ctx.attachments);
  return db.transaction('rw', [db.grievances, db.outbox, db.meta, db.attachments], async () => {
    const [deviceId, receiptSeq] = await getMetas('deviceId', 'receiptSeq');
    return registerIn(fields, ctx, now, { deviceId, receiptSeq });
  });
}

/**
 * Registers a grievance as the operator signed in now: their kiosk code and operator ID are read in the
 * same transaction as the write, so a sign-out or a switch of operator in another tab cannot slip between.
 */
export async function registerForCurrentOperator(fields: IntakeWithTriage, ctx: { lang: Lang; now?: Date; attachments?: readonly PreparedAttachment[] }): Promise<OutboxItem> {
  const now = ctx.now ?? new Date();
  checkAttachments(ctx.attachments);
  return db.transaction('rw', [db.grievances, db.outbox, db.meta, db.session, db.attachments], async () => {
    // Every `meta` value the save needs in one request (each request is a round trip; see README "Benchmarks").
    const [current, event, deviceId, receiptSeq] = await getMetas('currentOperator', CAMP_EVENT_KEY, 'deviceId', 'receiptSeq');
    const s = current ? await sessionOf(current) : undefined;
    if (!s || s.locked || !s.kioskCode) throw new NotSignedIn();
    // The camp or Sampark Diwas chosen on this device (src/sync/events.ts), when this operator takes part in it.
    const eventId = event?.operators.includes(operatorKey(s.operatorId)) ? event.id : undefined;
    return registerIn(fields, { kioskCode: s.kioskCode, operatorId: s.operatorId, lang: ctx.lang, attachments: ctx.attachments, eventId }, now, { deviceId, receiptSeq });
  });
}

function checkAttachments(files: readonly PreparedAttachment[] = []): void {
  const p = GrievanceAttachments.safeParse(files.map(refOf));
  if (!p.success) throw new AttachmentsRefused(p.error.issues[0]?.message ?? 'err.invalid');
}

/**
 * The registration itself; runs inside a readwrite transaction on grievances, outbox, meta and attachments,
 * given the device id and the last receipt sequence number as read in that same transaction (so the next
 * number is unique: readwrite transactions on `meta` run one at a time). Its writes are issued together
 * and awaited once: they land in the same transaction either way, and a save costs one round trip to
 * IndexedDB for its writes instead of one per write.
 */
async function registerIn(
  fields: IntakeWithTriage,
  ctx: { kioskCode: string; operatorId?: string; lang: Lang; attachments?: readonly PreparedAttachment[]; eventId?: string },
  now: Date,
  stored: { deviceId?: string; receiptSeq?: number },
): Promise<OutboxItem> {
  const deviceId = stored.deviceId ?? await deviceIdIn(); // made here on the device's first save only
  const seq = (stored.receiptSeq ?? 0) + 1;
  const submission: GrievanceSubmission = {
    ...fields,
    clientId: ulid(now.getTime()),
    receiptNumber: receiptNumber(ctx.kioskCode, now, deviceId, seq),
    kioskCode: ctx.kioskCode,
    deviceId,
    ...(ctx.operatorId ? { operatorId: ctx.operatorId } : {}),
    createdAt: localIso(now),
    lang: ctx.lang,
    // The files' references go in the submission as it will be sent (and resent, unchanged); the blobs
    // are written in this same transaction, so a grievance never exists without its files or the reverse.
    ...(ctx.attachments?.length ? { attachments: ctx.attachments.map(refOf) } : {}),
    ...(ctx.eventId ? { eventId: ctx.eventId } : {}),
  };
  const row = outboxRowOf(submission);
  await Promise.all([
    putMeta('receiptSeq', seq),
    db.grievances.add({ clientId: submission.clientId, submission }),
    enqueueIn(row),
    storeAttachmentsIn(submission.clientId, ctx.attachments ?? [], now.getTime()),
  ]);
  return row;
}

/** `meta` key of the camp or Sampark Diwas chosen on this device for new grievances (a CampEvent; src/sync/events.ts). */
export const CAMP_EVENT_KEY = 'campEvent' as const;

/** What one operator of a shared kiosk sees: their own grievances in full, the others' only as counts. */
export interface OutboxView {
  own: OutboxItem[];
  others: Record<OutboxState, number>;
}

/** `operatorId`'s grievances on this device, newest first, and counts per state of everyone else's; live. */
export function outboxView(operatorId: string): Observable<OutboxView> {
  return liveQuery(async () => {
    const [own, ...all] = await Promise.all([
      rowsOfOperator(operatorId),
      ...OUTBOX_STATES.map(countIn),
    ]);
    own.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    const mine = countByState(own);
    const others = Object.fromEntries(OUTBOX_STATES.map((s, i) => [s, all[i] - mine[s]])) as Record<OutboxState, number>;
    return { own, others };
  });
}

export function countByState(items: OutboxItem[]): Record<OutboxState, number> {
  const c: Record<OutboxState, number> = { saved: 0, sending: 0, synced: 0, attention: 0 };
  for (const i of items) c[i.state]++;
  return c;
}

const sameOperator = (a?: string, b?: string) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** The signed-in operator's record in Needs attention, read inside a transaction that includes session, outbox and grievances. */
async function ownAttentionIn(clientId: string): Promise<{ row: OutboxRow; submission: GrievanceSubmission; operatorId: string; kioskCode: string }> {
  const s = await currentSessionIn();
  if (!s || s.locked || !s.kioskCode) throw new NotSignedIn();
  const row = await outboxRow(clientId);
  const g = await db.grievances.get(clientId);
  if (!row || !g || row.state !== 'attention' || !sameOperator(row.operatorId, s.operatorId)) throw new NotCorrectable();
  return { row, submission: g.submission, operatorId: s.operatorId, kioskCode: s.kioskCode };
}

/** The stored submission of the signed-in operator's record in Needs attention (to prefill the form), or undefined. */
export async function correctableSubmission(clientId: string): Promise<GrievanceSubmission | undefined> {
  return db.transaction('r', [db.session, db.meta, db.outbox, db.grievances], () =>
    ownAttentionIn(clientId).then((x) => x.submission, () => undefined));
}

/**
 * Replaces a record in Needs attention with the corrected fields, in one transaction. An `invalid` or
 * poison record (the server stored nothing) keeps its clientId; any other (a `conflict`: the server holds other content
 * under that clientId) gets a new clientId. Either way the receipt number the citizen holds, the time it
 * was registered and its attachments are kept, and the record is saved to be sent again.
 */
export async function correctGrievance(clientId: string, fields: IntakeWithTriage, ctx: { lang: Lang; now?: Date }): Promise<OutboxItem> {
  const now = ctx.now ?? new Date();
  return db.transaction('rw', [db.grievances, db.outbox, db.meta, db.session, db.attachments], async () => {
    const { row, submission: old, operatorId, kioskCode } = await ownAttentionIn(clientId);
    // The server stored nothing of an invalid record, nor of one it failed on every time (poison).
    const keepId = row.lastError?.key === 'invalid' || row.lastError?.key === POISON_KEY;
    const newId = keepId ? clientId : ulid(now.getTime());
    const submission: GrievanceSubmission = {
      ...fields,
      clientId: newId,
      receiptNumber: old.receiptNumber,
      kioskCode: old.kioskCode ?? kioskCode,
      deviceId: old.deviceId,
      operatorId,
      createdAt: old.createdAt,
      lang: ctx.lang,
      ...(old.attachments?.length ? { attachments: old.attachments } : {}),
      ...(old.eventId ? { eventId: old.eventId } : {}), // registered at a camp: corrected, still of that camp
    };
    const next = outboxRowOf(submission);
    if (!keepId) {
      await removeRow(clientId);
      await db.grievances.delete(clientId);
      const files = await db.attachments.where('clientIds').equals(clientId).toArray();
      await db.attachments.bulkPut(files.map((f) => ({ ...f, clientIds: [...new Set(f.clientIds.map((c) => (c === clientId ? newId : c)))] })));
    }
    await db.grievances.put({ clientId: newId, submission });
    await write([next]);
    return next;
  });
}

/**
 * Deletes a record in Needs attention from this device (after the operator confirmed): its outbox row, its
 * payload and the attachment blobs no other grievance refers to, in one transaction.
 */
export async function discardGrievance(clientId: string): Promise<void> {
  await db.transaction('rw', [db.grievances, db.outbox, db.meta, db.session, db.attachments], async () => {
    await ownAttentionIn(clientId);
    await removeRow(clientId);
    await db.grievances.delete(clientId);
    const files = await db.attachments.where('clientIds').equals(clientId).toArray();
    for (const f of files) {
      const rest = f.clientIds.filter((c) => c !== clientId);
      if (rest.length) await db.attachments.put({ ...f, clientIds: rest });
      else await db.attachments.delete(f.sha256);
    }
  });
}
