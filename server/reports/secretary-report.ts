/**
 * The secretary's report to ministers (issue 11, item 3): for a day or up to 31 days (India time), per
 * secretary: each grievance reviewed (number, department, district, age at the review, status now), the
 * note and instruction given, and whether an officer acted on it after the review (the first workflow
 * action of an officer or nodal officer on that grievance after the review: which and when, or not yet);
 * and per day the reviews done against the target of ten (server/reports/review-report.ts counts them).
 *
 * Who sees whom: a secretary their own report; a minister every secretary of the minister's departments
 * (a minister without departments: every secretary, as for the state figures); an admin everyone, or one
 * secretary, or a minister's secretaries. Anything else: 403.
 */
import type { Account } from '../../src/domain/accounts';
import { REVIEW_REPORT_MAX_DAYS, REVIEW_TARGET, type SecretaryReport, type SecretaryReportQuery } from '../../src/domain/leader-dashboards';
import { istDateOf } from '../../src/domain/leader-reports';
import { ApiProblem, fieldError } from '../errors';
import type { Queryable } from '../store/db';
import { reviewCounts } from './review-report';

/** The officers' actions that count as acting on a review (not feedback, reopening or the system's escalation). */
export const FOLLOW_UP_ACTIONS = ['assign', 'start', 'transfer', 'request-info', 'dispose', 'escalate', 'close'] as const;
const DAY_MS = 86_400_000;

/** `from`..`to` checked: real dates, not after today (India time), in order, at most 31 days. */
export function reportRange(asked: { from: string; to?: string }, now: Date): { from: string; to: string } {
  const today = istDateOf(now);
  const from = asked.from;
  const to = asked.to ?? from;
  if (from > today) throw new ApiProblem(400, 'api.invalid', [fieldError('from', 'report.date')]);
  if (to > today) throw new ApiProblem(400, 'api.invalid', [fieldError('to', 'report.date')]);
  if (to < from) throw new ApiProblem(400, 'api.invalid', [fieldError('to', 'report.order')]);
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > REVIEW_REPORT_MAX_DAYS) throw new ApiProblem(400, 'api.invalid', [fieldError('to', 'report.span')]);
  return { from, to };
}

type Who = { id: string; name: string; department_codes: string[] };

/** The secretaries `account` asked about and may see. */
async function secretariesFor(q: Queryable, account: Account, asked: { secretary?: string; minister?: string }): Promise<Who[]> {
  const outside = () => new ApiProblem(403, 'wf.outOfScope');
  let departments: string[] | null = null;
  let only: string | null = asked.secretary ?? null;
  switch (account.role) {
    case 'secretary':
      if (asked.minister || (only && only.toLowerCase() !== account.id.toLowerCase())) throw outside();
      only = account.id;
      break;
    case 'minister':
      if (asked.minister && asked.minister.toLowerCase() !== account.id.toLowerCase()) throw outside();
      departments = account.departments ?? null;
      break;
    case 'admin':
      if (asked.minister) {
        const [m] = await q.query<{ department_codes: string[] }>(`SELECT department_codes FROM accounts WHERE role = 'minister' AND lower(id) = lower($1)`, [asked.minister]);
        if (!m) throw new ApiProblem(400, 'api.invalid', [fieldError('minister', 'report.notMinister')]);
        departments = m.department_codes.length > 0 ? m.department_codes : null;
      }
      break;
    default:
      throw new ApiProblem(403, 'auth.forbidden');
  }
  const rows = await q.query<Who>(
    `SELECT id, name, department_codes FROM accounts
      WHERE role = 'secretary' AND ($1::text IS NULL OR lower(id) = lower($1)) AND ($2::text[] IS NULL OR department_codes && $2::text[])
      ORDER BY lower(id)`, [only, departments]);
  if (asked.secretary && rows.length === 0) {
    if (account.role === 'minister') throw outside();
    throw new ApiProblem(400, 'api.invalid', [fieldError('secretary', 'report.notSecretary')]);
  }
  return rows;
}

type ItemRow = {
  secretary_id: string; review_date: string; reviewed_at: Date; note: string | null; instruction: string | null; number: string;
  department_code: string; district_code: string; status: string; received_at: Date; f_action: string | null; f_at: Date | null; f_actor: string | null;
};

export async function secretaryReport(q: Queryable, account: Account, asked: SecretaryReportQuery, now: Date): Promise<SecretaryReport> {
  const { from, to } = reportRange(asked, now);
  const who = await secretariesFor(q, account, asked);
  const ids = who.map((w) => w.id);
  const counts = ids.length === 0 ? [] : await reviewCounts(q, from, to, ids);
  const items = ids.length === 0 ? [] : await q.query<ItemRow>(`
    SELECT r.secretary_id, r.review_date::text AS review_date, r.reviewed_at, r.note, r.instruction, g.number, g.department_code, g.district_code,
           g.status, g.received_at, f.action AS f_action, f.at AS f_at, f.actor_id AS f_actor
      FROM reviews r JOIN grievances g ON g.number = r.grievance_number
      LEFT JOIN LATERAL (
        SELECT e.action, e.at, e.actor_id FROM grievance_events e
         WHERE e.grievance_number = r.grievance_number AND e.at > r.reviewed_at
           AND e.actor_role IN ('officer', 'nodal') AND e.action = ANY($4::text[])
         ORDER BY e.at, e.id LIMIT 1) f ON true
     WHERE lower(r.secretary_id) = ANY($1::text[]) AND r.review_date BETWEEN $2::date AND $3::date AND r.reviewed_at IS NOT NULL
     ORDER BY r.review_date, r.reviewed_at, r.rank`, [ids.map((i) => i.toLowerCase()), from, to, [...FOLLOW_UP_ACTIONS]]);

  return {
    from, to, generatedAt: now.toISOString(), target: REVIEW_TARGET,
    secretaries: who.map((w) => {
      const mine = items.filter((i) => i.secretary_id.toLowerCase() === w.id.toLowerCase()).map((i) => ({
        reviewDate: i.review_date, reviewedAt: i.reviewed_at.toISOString(), number: i.number, departmentCode: i.department_code,
        districtCode: i.district_code, ageDays: Math.max(0, Math.floor((i.reviewed_at.getTime() - i.received_at.getTime()) / DAY_MS)),
        status: i.status, note: i.note, instruction: i.instruction,
        actedOn: i.f_action && i.f_at ? { action: i.f_action, at: i.f_at.toISOString(), actorId: i.f_actor } : null,
      }));
      const days = counts.filter((c) => c.secretaryId === w.id)
        .map((c) => ({ date: c.date, reviewed: c.reviewed, target: REVIEW_TARGET, met: c.reviewed >= REVIEW_TARGET }));
      const instructed = mine.filter((i) => i.instruction);
      return {
        id: w.id, name: w.name, departments: [...w.department_codes], days, daysMet: days.filter((d) => d.met).length,
        reviewed: days.reduce((n, d) => n + d.reviewed, 0), instructions: instructed.length,
        instructionsActedOn: instructed.filter((i) => i.actedOn).length, items: mine,
      };
    }),
  };
}
