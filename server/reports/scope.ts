/** Which departments and district a report may cover for an account, given what it asked for. */
import type { Account } from '../../src/domain/accounts';
import { ApiProblem } from '../errors';

export interface ReportScope { departments: string[] | null; district: string | null }

/**
 * Admins see everything; a secretary their departments; a nodal officer their department (and district,
 * when they have one). Asking for more is refused (403 wf.outOfScope), not silently narrowed.
 */
export function reportScope(account: Account, asked: { department?: string; district?: string }): ReportScope {
  const outside = () => new ApiProblem(403, 'wf.outOfScope');
  switch (account.role) {
    case 'admin':
      return { departments: asked.department ? [asked.department] : null, district: asked.district ?? null };
    case 'secretary':
      if (asked.department && !account.departments.includes(asked.department)) throw outside();
      return { departments: asked.department ? [asked.department] : [...account.departments], district: asked.district ?? null };
    case 'nodal': {
      const dept = account.departments[0];
      if (asked.department && asked.department !== dept) throw outside();
      if (account.district && asked.district && asked.district !== account.district) throw outside();
      return { departments: [dept], district: account.district ?? asked.district ?? null };
    }
    default:
      throw new ApiProblem(403, 'auth.forbidden');
  }
}

const IST_OFFSET_MS = 5.5 * 3600_000;
/** The India Standard Time date of an instant, as YYYY-MM-DD. */
export const istDate = (d: Date) => new Date(d.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
/** The date `days` after a YYYY-MM-DD date. */
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
