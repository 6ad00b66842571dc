/**
 * How many attachment bytes each kiosk may send per day (India time, ATTACHMENT_QUOTA_MB_PER_DAY): the
 * bytes a chunk adds to an upload are charged before they are written, atomically in the database (so
 * several server processes share one count), and refunded if the write then fails. Past the quota a chunk
 * is answered 429 `err.attachmentQuota` with Retry-After until the next India midnight; the device keeps
 * the files and its grievances and sends them then.
 */
import { istDate } from '../../src/domain/duplicates';
import { ApiProblem } from '../errors';
import type { Queryable } from '../store/db';

const IST_MS = 330 * 60_000;

/** Whole seconds from `now` to the next midnight in India (at least 1). */
export function secondsToIstMidnight(now: Date): number {
  const ist = now.getTime() + IST_MS;
  const next = Math.floor(ist / 86_400_000 + 1) * 86_400_000;
  return Math.max(1, Math.ceil((next - ist) / 1000));
}

export interface AttachmentQuota {
  /** Charges `bytes` to `kiosk` today, or throws the 429 when that would pass the quota. */
  charge(kiosk: string, bytes: number): Promise<void>;
  /** Gives back bytes charged for a write that did not happen. */
  refund(kiosk: string, bytes: number): Promise<void>;
}

export function createAttachmentQuota(db: Queryable, opts: { bytesPerDay: number; clock: () => Date }): AttachmentQuota {
  return {
    async charge(kiosk, bytes) {
      const now = opts.clock();
      const rows = await db.query(
        `INSERT INTO attachment_quota AS q (kiosk_code, day, bytes) SELECT $1, $2::date, $3::int8 WHERE $3::int8 <= $4::int8
         ON CONFLICT (kiosk_code, day) DO UPDATE SET bytes = q.bytes + EXCLUDED.bytes WHERE q.bytes + EXCLUDED.bytes <= $4::int8
         RETURNING bytes`, [kiosk, istDate(now), bytes, opts.bytesPerDay]);
      if (rows.length === 0) throw new ApiProblem(429, 'err.attachmentQuota', undefined, { 'retry-after': String(secondsToIstMidnight(now)) });
    },
    async refund(kiosk, bytes) {
      await db.query('UPDATE attachment_quota SET bytes = greatest(0, bytes - $3::int8) WHERE kiosk_code = $1 AND day = $2::date',
        [kiosk, istDate(opts.clock()), bytes]);
    },
  };
}
