/**
 * Grievances on this device, in domain verbs: register one (one transaction: payload, outbox row and
 * receipt sequence together), list them live, read one.
 */
import { liveQuery, type Observable } from 'dexie';
import { ulid } from 'ulidx';
import { db, type OutboxRow, type OutboxState } from './db';
import type { GrievanceSubmission, IntakeFields } from '../domain/schemas';
import type { Lang } from '../domain/messages';
import { receiptNumber } from '../domain/numbers';

export type { OutboxState, OutboxRow };
export type OutboxItem = OutboxRow;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return Array.from(bytes, (b) => CROCKFORD[b & 31]).join('');
}

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
    operatorId: s.operatorId, kioskCode: s.kioskCode, attempts: 0, nextAttemptAt: 0,
  };
}

/**
 * Saves a grievance on the device in one IndexedDB transaction and gives it a provisional receipt
 * number: kiosk code, local date, this device's id and the next value of its sequence. Readwrite
 * transactions on `meta` are serialised by IndexedDB, so two tabs never get the same number.
 */
export async function registerGrievance(
  fields: IntakeFields,
  ctx: { kioskCode: string; operatorId?: string; lang: Lang; now?: Date },
): Promise<OutboxItem> {
  const now = ctx.now ?? new Date();
  return db.transaction('rw', db.grievances, db.outbox, db.meta, async () => {
    let deviceId = (await db.meta.get('deviceId'))?.value as string | undefined;
    if (!deviceId) await db.meta.put({ key: 'deviceId', value: (deviceId = randomDeviceId()) });
    const seq = (((await db.meta.get('receiptSeq'))?.value as number | undefined) ?? 0) + 1;
    await db.meta.put({ key: 'receiptSeq', value: seq });
    const submission: GrievanceSubmission = {
      ...fields,
      clientId: ulid(now.getTime()),
      receiptNumber: receiptNumber(ctx.kioskCode, now, deviceId, seq),
      kioskCode: ctx.kioskCode,
      deviceId,
      ...(ctx.operatorId ? { operatorId: ctx.operatorId } : {}),
      createdAt: localIso(now),
      lang: ctx.lang,
    };
    const row = outboxRowOf(submission);
    await db.grievances.add({ clientId: submission.clientId, submission });
    await db.outbox.add(row);
    return row;
  });
}

/** Every grievance on this device, newest first, updating live (across tabs and the service worker). */
export function outboxItems(): Observable<OutboxItem[]> {
  return liveQuery(() => db.outbox.orderBy('createdAt').reverse().toArray());
}

export function getItem(clientId: string): Promise<OutboxItem | undefined> {
  return db.outbox.get(clientId);
}

export function countByState(items: OutboxItem[]): Record<OutboxState, number> {
  const c: Record<OutboxState, number> = { saved: 0, sending: 0, synced: 0, attention: 0 };
  for (const i of items) c[i.state]++;
  return c;
}
