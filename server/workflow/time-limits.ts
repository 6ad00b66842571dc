/**
 * Time limits: the days a grievance may stay at one level before it is escalated, per department and
 * category (table time_limits, migration 5). The clock starts at each assignment to a level (routing,
 * escalation, reopen, transfer to another department), never at registration. The days are working days
 * in India time (src/domain/working-days.ts: no weekly offs, no holidays of the `holidays` table). The table
 * is seeded from reference/time-limits.json the first time it is read empty, and edited with `admin
 * time-limits set` or the admin screen.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { departmentByCode } from '../../src/domain/reference';
import { addWorkingDays } from '../../src/domain/working-days';
import type { Queryable } from '../store/db';

export const DEFAULT_TIME_LIMITS_FILE = new URL('../../reference/time-limits.json', import.meta.url);
/** When neither the table nor the file says anything. */
export const FALLBACK_DAYS = 30;

const Days = z.int().check(z.minimum(1), z.maximum(365));
export const TimeLimitsFile = z.object({
  default: Days,
  departments: z.record(z.string(), z.object({ default: z.optional(Days), categories: z.optional(z.record(z.string(), Days)) })),
});

export interface LimitRow { department: string; category: string; days: number }

/** The rows a time-limits file stands for ('' = any); throws on an unknown department or category. */
export function limitRowsOf(json: unknown): LimitRow[] {
  const file = TimeLimitsFile.parse(json);
  const rows: LimitRow[] = [{ department: '', category: '', days: file.default }];
  for (const [code, d] of Object.entries(file.departments)) {
    const dept = departmentByCode(code);
    if (!dept) throw new Error(`time limits: unknown department "${code}"`);
    if (d.default !== undefined) rows.push({ department: code, category: '', days: d.default });
    for (const [cat, days] of Object.entries(d.categories ?? {})) {
      if (!dept.categories.some((c) => c.code === cat)) throw new Error(`time limits: "${cat}" is not a category of ${code}`);
      rows.push({ department: code, category: cat, days });
    }
  }
  return rows;
}

export interface TimeLimits {
  /** Days allowed at a level: the category's, else the department's, else the default. */
  days(department: string, category: string | null): number;
  /** When a clock started at `from` runs out: that many working days later. */
  dueAt(from: Date, department: string, category: string | null): Date;
}

/** The limits of `rows`, counted in working days with `holidays` (India-time dates, YYYY-MM-DD) off. */
export function timeLimits(rows: readonly LimitRow[], holidays: ReadonlySet<string> = new Set()): TimeLimits {
  const map = new Map(rows.map((r) => [`${r.department}/${r.category}`, r.days]));
  const days = (d: string, c: string | null) => (c !== null ? map.get(`${d}/${c}`) : undefined) ?? map.get(`${d}/`) ?? map.get('/') ?? FALLBACK_DAYS;
  return { days, dueAt: (from, d, c) => addWorkingDays(from, days(d, c), holidays) };
}

/** Writes rows (replacing those with the same department and category). */
export async function upsertTimeLimits(q: Queryable, rows: readonly LimitRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO time_limits (department_code, category_code, days, updated_at)
     SELECT department, category, days, $2::timestamptz FROM jsonb_to_recordset($1::jsonb) AS r(department text, category text, days int)
     ON CONFLICT (department_code, category_code) DO UPDATE SET days = excluded.days, updated_at = excluded.updated_at`,
    [JSON.stringify(rows), now.toISOString()]);
}

/** Every row, seeding the table from `file` first when it is empty. */
export async function loadTimeLimitRows(q: Queryable, file: URL = DEFAULT_TIME_LIMITS_FILE): Promise<LimitRow[]> {
  const read = () => q.query<LimitRow>(
    `SELECT department_code AS department, category_code AS category, days FROM time_limits ORDER BY department_code, category_code`);
  const rows = await read();
  if (rows.length > 0) return rows;
  const seed = limitRowsOf(JSON.parse(readFileSync(file, 'utf8')));
  // Only into an empty table: a concurrent seeder or an admin's edits are never overwritten.
  await q.query(
    `INSERT INTO time_limits (department_code, category_code, days, updated_at)
     SELECT department, category, days, now() FROM jsonb_to_recordset($1::jsonb) AS r(department text, category text, days int)
      WHERE NOT EXISTS (SELECT 1 FROM time_limits)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(seed)]);
  return read();
}

/** The holidays (India-time dates) from `from` on: the only ones a clock starting now can meet. */
export async function loadHolidayDates(q: Queryable, from: Date = new Date(Date.now() - 86_400_000)): Promise<Set<string>> {
  const rows = await q.query<{ day: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM holidays WHERE day >= $1::date`, [from.toISOString().slice(0, 10)]);
  return new Set(rows.map((r) => r.day));
}

export async function loadTimeLimits(q: Queryable, now?: Date): Promise<TimeLimits> {
  const rows = await loadTimeLimitRows(q); // one after the other: `q` may be a transaction's single connection
  return timeLimits(rows, await loadHolidayDates(q, now && new Date(now.getTime() - 86_400_000)));
}
