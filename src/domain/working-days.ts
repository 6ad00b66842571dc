/**
 * Working days in India time: time limits count only days on which offices work, i.e. not the weekly
 * offs (Rajasthan's government offices work five days a week: Saturday and Sunday off) and not the
 * holidays of the calendar that admins keep (server table `holidays`). Shared by the server's due-date
 * computation and the admin screen that shows what a holiday does to a due date.
 */
import { istDate } from './duplicates';

const DAY_MS = 86_400_000;
/** Days of the week (0 = Sunday, as Date.getUTCDay) on which no time limit runs. */
export const WEEKLY_OFF: readonly number[] = [0, 6];

/** Whether an India-time date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  return !WEEKLY_OFF.includes(new Date(`${date}T00:00:00Z`).getUTCDay()) && !holidays.has(date);
}

/**
 * The instant `days` working days after `from`: the same India-time clock time on the `days`-th working
 * day after `from`'s date (assigned Friday 10:00 with 1 day: due Monday 10:00, or Tuesday when Monday is a
 * holiday). A clock started on a holiday therefore starts with the next working day.
 */
export function addWorkingDays(from: Date, days: number, holidays: ReadonlySet<string>): Date {
  let t = from.getTime();
  for (let counted = 0; counted < days;) {
    t += DAY_MS; // India has no daylight saving: a day is always 24 hours there
    if (isWorkingDay(istDate(new Date(t)), holidays)) counted++;
  }
  return new Date(t);
}
