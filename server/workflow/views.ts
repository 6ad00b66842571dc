/**
 * What the workflow shows: an officer's queue, a grievance's detail (the officer's view with the whole
 * history, or the citizen-facing view for the kiosk that registered it; who sees which is ./visibility.ts),
 * and the kiosk's status lookup by official number, receipt number or mobile number, where another kiosk
 * sees only where a grievance stands unless it shows the citizen's mobile or code.
 */
import type { Account } from '../../src/domain/accounts';
import { asciiDigits } from '../../src/domain/digits';
import { maskAadhaar, maskMobile, normalizeMobile } from '../../src/domain/identity';
import { parseGrievanceNumber, RECEIPT_PATTERN } from '../../src/domain/numbers';
import { type Actor, allowedActions, check, OPEN_STATUSES, reopenUntil, type WorkflowConfig } from '../../src/domain/workflow';
import type { CitizenStatus, GrievanceDetail, HistoryEvent, LimitedStatus, Queue, StatusLookup, StatusResult } from '../../src/domain/workflow-api';
import { ApiProblem, fieldError } from '../errors';
import type { Queryable } from '../store/db';
import { attachmentsOf, eventsOf, readGrievance, stateOf, toHistoryEvent, WORKFLOW_COLUMNS, type WorkflowRow } from '../store/workflow';
import { viewerOf } from './visibility';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The grievances `account` holds that are still open, the soonest due first. */
export async function officerQueue(q: Queryable, account: Account, now: Date): Promise<Queue> {
  const rows = await q.query<WorkflowRow>(
    `SELECT ${WORKFLOW_COLUMNS} FROM grievances WHERE holder_id = $1 AND status = ANY($2::text[])
      ORDER BY due_at NULLS LAST, seq LIMIT 1000`, [account.id, [...OPEN_STATUSES]]);
  return {
    asOf: now.toISOString(),
    items: rows.map((r) => {
      const msLeft = r.due_at ? r.due_at.getTime() - now.getTime() : null;
      return {
        number: r.number, departmentCode: r.department_code, categoryCode: r.category_code, districtCode: r.district_code,
        tehsilCode: r.tehsil_code, areaType: r.area_type, status: r.status, level: r.level, receivedAt: r.received_at.toISOString(),
        assignedAt: iso(r.assigned_at), dueAt: iso(r.due_at), msLeft, warned: r.warned_at !== null, overdue: msLeft !== null && msLeft < 0,
        reopenCount: r.reopen_count, version: r.version, excerpt: r.description.slice(0, 140),
      };
    }),
  };
}

const CITIZEN_ACTIONS = new Set(['register', 'assign', 'start', 'transfer', 'request-info', 'dispose', 'feedback', 'reopen', 'close', 'escalate']);
/** The notes a citizen is told: what the officer asked, the disposal remarks, the reason they gave to reopen. */
const CITIZEN_NOTES = new Set(['request-info', 'dispose', 'reopen']);

/** The citizen-facing status, with what `actor` (an operator, perhaps holding the citizen's code) may record for the citizen now. */
export function citizenStatus(r: WorkflowRow, events: readonly HistoryEvent[], actor: Actor & { kind: 'account' }, now: Date, config: WorkflowConfig): CitizenStatus {
  const s = stateOf(r);
  const until = reopenUntil(s, config);
  return {
    number: r.number, receiptNumber: r.receipt_number, status: r.status, departmentCode: r.department_code, categoryCode: r.category_code,
    districtCode: r.district_code, level: r.level, mobile: maskMobile(r.mobile), registeredAt: r.received_at.toISOString(),
    updatedAt: events.at(-1)?.at ?? r.received_at.toISOString(), disposedAt: iso(r.disposed_at), outcome: r.outcome, remarks: r.remarks,
    satisfaction: r.satisfaction, reopenCount: r.reopen_count, reopenUntil: until?.toISOString() ?? null,
    canGiveFeedback: check(s, 'feedback', actor, now, config).ok, canReopen: check(s, 'reopen', actor, now, config).ok, version: r.version,
    history: events.filter((e) => CITIZEN_ACTIONS.has(e.action)).map((e) => ({
      at: e.at, action: e.action, status: (e.to as CitizenStatus['status'] | null), note: CITIZEN_NOTES.has(e.action) ? e.note : null,
    })),
  };
}

/** Where a grievance stands and nothing about its citizen: what any kiosk sees from a number, receipt or mobile alone. */
function limitedStatus(r: WorkflowRow, events: readonly HistoryEvent[], echoNumber: boolean): LimitedStatus {
  return {
    view: 'limited', number: echoNumber ? r.number : null, status: r.status, departmentCode: r.department_code, districtCode: r.district_code,
    level: r.level, registeredAt: r.received_at.toISOString(), updatedAt: events.at(-1)?.at ?? r.received_at.toISOString(), disposedAt: iso(r.disposed_at),
  };
}

/** GET /api/grievances/:number for `account`: 404 when there is none, 403 (wf.outOfScope) when it is not theirs to see. */
export async function grievanceDetail(q: Queryable, number: string, account: Account, now: Date, config: WorkflowConfig): Promise<GrievanceDetail> {
  const r = await readGrievance(q, number);
  if (!r) throw new ApiProblem(404, 'wf.notFound');
  const view = await viewerOf(q, r, account);
  if (!view) throw new ApiProblem(403, 'wf.outOfScope');
  const events = await eventsOf(q, number);
  const s = stateOf(r);
  const actor = { kind: 'account', account } as const;
  const allowed = allowedActions(s, actor, now, config);
  if (view === 'citizen') return { view, ...citizenStatus(r, events, actor, now, config), allowedActions: allowed };
  return {
    view, number: r.number, receiptNumber: r.receipt_number, kioskCode: r.kiosk_code, status: r.status, version: r.version,
    departmentCode: r.department_code, categoryCode: r.category_code, districtCode: r.district_code, tehsilCode: r.tehsil_code, areaType: r.area_type,
    citizen: {
      name: r.citizen_name, mobile: r.mobile, address: r.address, pin: r.pin, janAadhaarId: r.jan_aadhaar_id,
      aadhaar: r.aadhaar_last4 ? maskAadhaar(r.aadhaar_last4) : null,
    },
    description: r.description, lang: r.lang, createdAt: r.created_at.toISOString(), receivedAt: r.received_at.toISOString(),
    holderId: r.holder_id, level: r.level, assignedAt: iso(r.assigned_at), dueAt: iso(r.due_at), warnedAt: iso(r.warned_at),
    outcome: r.outcome, remarks: r.remarks, satisfaction: r.satisfaction, disposedAt: iso(r.disposed_at), closedAt: iso(r.closed_at),
    reopenCount: r.reopen_count, escalationCount: r.escalation_count, reopenUntil: reopenUntil(s, config)?.toISOString() ?? null,
    allowedActions: allowed, events, attachments: await attachmentsOf(q, r.client_id),
  };
}

/** How a typed query is read: a 13-digit number (its check digit must be right), a receipt number, or a mobile number. */
export function readStatusQuery(raw: string): { by: StatusLookup['query']; value: string } {
  const typed = asciiDigits(raw).trim();
  const digits = typed.replace(/[\s-]/g, '');
  if (/^\d{13}$/.test(digits)) {
    const n = parseGrievanceNumber(digits);
    if (!n) throw new ApiProblem(400, 'api.invalid', [fieldError('q', 'status.checkDigit')]);
    return { by: 'number', value: n };
  }
  if (RECEIPT_PATTERN.test(typed.toUpperCase())) return { by: 'receipt', value: typed.toUpperCase() };
  const mobile = normalizeMobile(typed);
  if (mobile) return { by: 'mobile', value: mobile };
  throw new ApiProblem(400, 'api.invalid', [fieldError('q', 'status.query')]);
}

/** The grievances a typed query names (a mobile number: its latest 20), newest first. */
export async function findByQuery(q: Queryable, raw: string): Promise<{ by: StatusLookup['query']; value: string; rows: WorkflowRow[] }> {
  const { by, value } = readStatusQuery(raw);
  const column = by === 'number' ? 'number' : by === 'receipt' ? 'receipt_number' : 'mobile';
  return { by, value, rows: await q.query<WorkflowRow>(`SELECT ${WORKFLOW_COLUMNS} FROM grievances WHERE ${column} = $1 ORDER BY seq DESC LIMIT 20`, [value]) };
}

/**
 * What a kiosk is told about the grievances a query names. The kiosk that registered one sees the
 * citizen's view and may act for the citizen; another kiosk sees the citizen's view only when it shows the
 * citizen's mobile (`mobile`) and may act only with the citizen's code (`citizenCode`: checked by the
 * caller for every grievance found); otherwise the limited view.
 */
export async function lookupStatus(
  q: Queryable, found: { by: StatusLookup['query']; rows: readonly WorkflowRow[] }, account: Account, now: Date, config: WorkflowConfig,
  opts: { mobile?: string; citizenCode?: boolean } = {},
): Promise<StatusLookup> {
  const { by, rows } = found;
  const events = rows.length === 0 ? [] : await q.query<Parameters<typeof toHistoryEvent>[0]>(
    `SELECT id, grievance_number, at, actor_id, actor_role, action, from_status, to_status, holder_id, level, note, details
       FROM grievance_events WHERE grievance_number = ANY($1::text[]) ORDER BY id`, [rows.map((r) => r.number)]);
  const byNumber = new Map<string, HistoryEvent[]>();
  for (const e of events) (byNumber.get(e.grievance_number) ?? byNumber.set(e.grievance_number, []).get(e.grievance_number)!).push(toHistoryEvent(e));
  const shownMobile = opts.mobile ? normalizeMobile(opts.mobile) : null;
  const actor = { kind: 'account', account, ...(opts.citizenCode && { citizenCode: true }) } as const;
  return {
    query: by,
    results: rows.map((r): StatusResult => {
      const history = byNumber.get(r.number) ?? [];
      const citizen = (account.role === 'operator' && account.kioskCode === r.kiosk_code) || opts.citizenCode || (shownMobile !== null && shownMobile === r.mobile);
      return citizen ? { view: 'citizen', ...citizenStatus(r, history, actor, now, config) } : limitedStatus(r, history, by === 'number');
    }),
  };
}
