/**
 * What one grievance adds to the daily rollups (issue 11 item 5): a pure function of the grievance's present
 * row and all its events, so that folding a grievance again (a late event, a transfer, a reopen) replaces
 * exactly what it added before. Each figure follows the live reports to the letter:
 *   per day (India time)  registered (received_at), disposed (once a day), dispose events within / against a
 *                         limit, feedback (satisfied, not satisfied, verified), reopen and escalate events;
 *   per month            the first disposal in the month (for the count, "within the limit" and the median);
 *   pending / overdue    "at the end of day D" as ./state-at.ts reads it back for the instant T (midnight after D):
 *                         status = from_status of the first status change (by id) at or after T, else the present
 *                         one; limit = dueBefore of the first clock change at or after T when the status changed
 *                         after T too, else the present due_at.
 *                         That is a step function of D that can only change on the day of the registration, of an
 *                         event, or of a limit; it is evaluated there and kept as deltas (a running sum gives the
 *                         figure), and the overdue stretches are kept whole for the "10 longest overdue".
 */
import { istDateOf, istMidnight, plusDays } from '../../src/domain/leader-reports';
import { PENDING_STATUSES, type Status } from '../../src/domain/workflow';

export interface FactGrievance {
  number: string; received_at: Date; department_code: string; district_code: string; holder_id: string | null; status: string; due_at: Date | null;
}
/** An event as the fold reads it: the predicates are evaluated in SQL exactly as the live reports write them. */
export interface FactEvent {
  grievance_number: string; at: Date; action: string; from_status: string | null; status_change: boolean;
  within: boolean; timed: boolean; satisfaction: string | null; verified: boolean; clock: boolean; due_before: Date | null;
}

export const COUNTS = ['registered', 'disposed', 'within', 'timed', 'feedback', 'satisfied', 'not_satisfied', 'verified',
  'reopened', 'escalated', 'm_disposed', 'm_within', 'pending_delta', 'overdue_delta'] as const;
export type Count = (typeof COUNTS)[number];

export type Fact = { grievance_number: string; day: string; department_code: string; district_code: string; holder_id: string;
  m_first_at: string | null; received_at: string | null } & Record<Count, number>;
export interface OverdueStretch {
  grievance_number: string; from_day: string; to_day: string | null; department_code: string; district_code: string; holder_id: string;
  status: string; due: string; received_at: string;
}

const PENDING = new Set<string>(PENDING_STATUSES as readonly Status[]);

export function grievanceFacts(g: FactGrievance, events: readonly FactEvent[]): { facts: Fact[]; overdue: OverdueStretch[] } {
  const holder = g.holder_id ?? '';
  const days = new Map<string, Fact>();
  const fact = (day: string): Fact => {
    let f = days.get(day);
    if (!f) {
      f = { grievance_number: g.number, day, department_code: g.department_code, district_code: g.district_code, holder_id: holder, m_first_at: null, received_at: null,
        ...(Object.fromEntries(COUNTS.map((c) => [c, 0])) as Record<Count, number>) };
      days.set(day, f);
    }
    return f;
  };
  fact(istDateOf(g.received_at)).registered = 1;

  const months = new Map<string, { first: Date; within: boolean }>();
  for (const e of events) {
    const day = istDateOf(e.at);
    if (e.action === 'dispose') {
      const f = fact(day);
      f.disposed = 1;
      if (e.within) f.within++;
      if (e.timed) f.timed++;
      const m = months.get(day.slice(0, 7));
      if (!m) months.set(day.slice(0, 7), { first: e.at, within: e.within });
      else {
        if (e.at < m.first) m.first = e.at;
        m.within ||= e.within;
      }
    } else if (e.action === 'feedback') {
      const f = fact(day);
      f.feedback++;
      if (e.satisfaction === 'satisfied') f.satisfied++;
      if (e.satisfaction === 'not_satisfied') f.not_satisfied++;
      if (e.verified) f.verified++;
    } else if (e.action === 'reopen') fact(day).reopened++;
    else if (e.action === 'escalate') fact(day).escalated++;
  }
  for (const m of months.values()) {
    const f = fact(istDateOf(m.first));
    Object.assign(f, { m_disposed: 1, m_within: m.within ? 1 : 0, m_first_at: m.first.toISOString(), received_at: g.received_at.toISOString() });
  }

  // Pending and overdue at the end of each day where they can change.
  const changes = events.filter((e) => e.status_change);
  const clocks = events.filter((e) => e.clock);
  const firstDay = istDateOf(g.received_at);
  const breaks = new Set<string>([firstDay]);
  for (const e of [...changes, ...clocks]) breaks.add(istDateOf(e.at));
  for (const due of [g.due_at, ...clocks.map((e) => e.due_before)]) if (due) breaks.add(istDateOf(due));
  const sorted = [...breaks].filter((d) => d >= firstDay).sort();
  const stateAt = (t: Date) => {
    const c = changes.find((e) => e.at >= t);
    const k = clocks.find((e) => e.at >= t);
    const status = c ? c.from_status : g.status;
    const due = c && k ? k.due_before : g.due_at; // as ./state-at.ts: a clock change counts only with a status change after t
    const pending = status !== null && PENDING.has(status);
    return { status: status ?? '', due, pending, overdue: pending && due !== null && due < t };
  };
  let prev = { pending: false, overdue: false };
  const overdue: OverdueStretch[] = [];
  let open: OverdueStretch | null = null;
  for (const day of sorted) {
    const s = stateAt(istMidnight(plusDays(day, 1)));
    if (s.pending !== prev.pending) fact(day).pending_delta += s.pending ? 1 : -1;
    if (s.overdue !== prev.overdue) fact(day).overdue_delta += s.overdue ? 1 : -1;
    const due = s.overdue ? s.due!.toISOString() : null;
    if (open && (due === null || open.status !== s.status || open.due !== due)) { open.to_day = day; open = null; }
    if (due !== null && !open) {
      open = { grievance_number: g.number, from_day: day, to_day: null, department_code: g.department_code, district_code: g.district_code,
        holder_id: holder, status: s.status, due, received_at: g.received_at.toISOString() };
      overdue.push(open);
    }
    prev = s;
  }
  return { facts: [...days.values()], overdue };
}
