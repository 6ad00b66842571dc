/**
 * The holiday calendar (table holidays, migration 80): days on which no time limit runs, besides the
 * weekly offs of src/domain/working-days.ts. Admins keep it from the Holidays screen; every change is
 * audited. Clocks already running keep their due time; the next assignment counts with the new calendar.
 */
import type { Holiday } from '../../src/domain/admin';
import type { AuditLog } from '../store/audit';
import type { Queryable } from '../store/db';
import type { AdminCaller } from './accounts-admin';

export async function listHolidays(q: Queryable, year?: number): Promise<Holiday[]> {
  return q.query<Holiday>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS date, name_en AS en, name_hi AS hi FROM holidays
      WHERE $1::int IS NULL OR extract(year FROM day) = $1::int ORDER BY day`, [year ?? null]);
}

export async function saveHoliday(q: Queryable, audit: AuditLog, c: AdminCaller, h: Holiday, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO holidays (day, name_en, name_hi, updated_at) VALUES ($1::date, $2, $3, $4)
     ON CONFLICT (day) DO UPDATE SET name_en = excluded.name_en, name_hi = excluded.name_hi, updated_at = excluded.updated_at`,
    [h.date, h.en, h.hi, now.toISOString()]);
  await audit.append({ action: 'admin.holiday-set', actorId: c.account.id, actorRole: c.account.role, target: h.date, ip: c.ip, deviceId: c.deviceId, details: { en: h.en } });
}

/** Removes a holiday; false when there was none on that date. */
export async function removeHoliday(q: Queryable, audit: AuditLog, c: AdminCaller, date: string): Promise<boolean> {
  const rows = await q.query('DELETE FROM holidays WHERE day = $1::date RETURNING day', [date]);
  if (rows.length > 0) await audit.append({ action: 'admin.holiday-remove', actorId: c.account.id, actorRole: c.account.role, target: date, ip: c.ip, deviceId: c.deviceId });
  return rows.length > 0;
}
