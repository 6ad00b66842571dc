/**
 * Workflow persistence: a grievance's lifecycle columns (migration 4) read and written as the state of
 * src/domain/workflow.ts, and its history in grievance_events (append-only). Callers hold the row lock
 * (`readGrievance(tx, number, { lock: true })`) for the whole of an action, so two actions on one
 * grievance take turns and the second sees the first's version.
 */
import type { Level } from '../../src/domain/accounts';
import type { HistoryEvent } from '../../src/domain/workflow-api';
import type { Outcome, Satisfaction, Status, WorkflowEvent, WorkflowState } from '../../src/domain/workflow';
import type { Queryable } from './db';

export interface WorkflowRow {
  number: string;
  client_id: string;
  receipt_number: string;
  kiosk_code: string;
  operator_id: string | null;
  status: Status;
  holder_id: string | null;
  level: Level | null;
  department_code: string;
  category_code: string | null;
  district_code: string;
  tehsil_code: string | null;
  /** The LGD block code (migration 20), when a block rather than a tehsil was chosen. */
  block_code?: string | null;
  /** Below the tehsil (migration 80): LGD codes of the gram panchayat, village or ward. */
  gram_panchayat_code?: string | null;
  village_code?: string | null;
  ward_code?: string | null;
  area_type: string;
  outcome: Outcome | null;
  satisfaction: Satisfaction | null;
  remarks: string | null;
  disposed_at: Date | null;
  closed_at: Date | null;
  reopen_count: number;
  escalation_count: number;
  version: number;
  assigned_at: Date | null;
  due_at: Date | null;
  warned_at: Date | null;
  created_at: Date;
  received_at: Date;
  lang: string;
  mobile: string;
  citizen_name: string;
  address: string | null;
  pin: string | null;
  jan_aadhaar_id: string | null;
  aadhaar_last4: string | null;
  description: string;
}

export const WORKFLOW_COLUMNS = `number, client_id, receipt_number, kiosk_code, operator_id, status, holder_id, level, department_code,
  category_code, district_code, tehsil_code, block_code, gram_panchayat_code, village_code, ward_code, area_type, outcome, satisfaction, remarks, disposed_at, closed_at, reopen_count,
  escalation_count, version, assigned_at, due_at, warned_at, created_at, received_at, lang, mobile, citizen_name, address, pin,
  jan_aadhaar_id, aadhaar_last4, description`;

/** One grievance by official number; `lock` takes its row lock until the transaction ends. */
export async function readGrievance(q: Queryable, number: string, opts: { lock?: boolean } = {}): Promise<WorkflowRow | undefined> {
  const [row] = await q.query<WorkflowRow>(`SELECT ${WORKFLOW_COLUMNS} FROM grievances WHERE number = $1${opts.lock ? ' FOR UPDATE' : ''}`, [number]);
  return row;
}

export function stateOf(r: WorkflowRow): WorkflowState {
  return {
    status: r.status, holderId: r.holder_id, level: r.level, departmentCode: r.department_code, categoryCode: r.category_code,
    districtCode: r.district_code, kioskCode: r.kiosk_code, outcome: r.outcome, satisfaction: r.satisfaction,
    disposedAt: r.disposed_at?.toISOString() ?? null, reopenCount: r.reopen_count, escalationCount: r.escalation_count, version: r.version,
  };
}

/** The lifecycle columns an action sets. */
export interface LifecycleUpdate {
  state: WorkflowState;
  assignedAt: Date | null;
  dueAt: Date | null;
  warnedAt: Date | null;
  remarks: string | null;
  closedAt: Date | null;
}

const updateRow = (number: string, u: LifecycleUpdate) => ({
  number, status: u.state.status, holder_id: u.state.holderId, level: u.state.level, department_code: u.state.departmentCode,
  category_code: u.state.categoryCode, outcome: u.state.outcome, satisfaction: u.state.satisfaction, disposed_at: u.state.disposedAt,
  reopen_count: u.state.reopenCount, escalation_count: u.state.escalationCount, version: u.state.version,
  assigned_at: u.assignedAt?.toISOString() ?? null, due_at: u.dueAt?.toISOString() ?? null, warned_at: u.warnedAt?.toISOString() ?? null,
  remarks: u.remarks, closed_at: u.closedAt?.toISOString() ?? null,
});

/** Writes the lifecycle columns of several grievances in one statement. */
export async function saveLifecycles(q: Queryable, updates: readonly (LifecycleUpdate & { number: string })[]): Promise<void> {
  if (updates.length === 0) return;
  await q.query(
    `UPDATE grievances g SET status = r.status, holder_id = r.holder_id, level = r.level, department_code = r.department_code,
            category_code = r.category_code, outcome = r.outcome, satisfaction = r.satisfaction, disposed_at = r.disposed_at,
            reopen_count = r.reopen_count, escalation_count = r.escalation_count, version = r.version, assigned_at = r.assigned_at,
            due_at = r.due_at, warned_at = r.warned_at, remarks = r.remarks, closed_at = r.closed_at
       FROM jsonb_to_recordset($1::jsonb) AS r(number text, status text, holder_id text, level text, department_code text,
            category_code text, outcome text, satisfaction text, disposed_at timestamptz, reopen_count int, escalation_count int,
            version int, assigned_at timestamptz, due_at timestamptz, warned_at timestamptz, remarks text, closed_at timestamptz)
      WHERE g.number = r.number`,
    [JSON.stringify(updates.map((u) => updateRow(u.number, u)))]);
}

/** An event to append: a transition of the state machine, or a note (register, unrouted, warn, review). */
export type NewEvent = Omit<WorkflowEvent, 'action' | 'from' | 'to' | 'actorRole'> & {
  number: string;
  action: string;
  actorRole: string;
  from: Status | null;
  to: Status | null;
};

type EventRow = {
  id: string | number; grievance_number: string; at: Date; actor_id: string | null; actor_role: string; action: string;
  from_status: string | null; to_status: string | null; holder_id: string | null; level: Level | null; note: string | null; details: Record<string, unknown>;
};

export const toHistoryEvent = (r: EventRow): HistoryEvent => ({
  id: String(r.id), at: r.at.toISOString(), action: r.action, actorId: r.actor_id, actorRole: r.actor_role, from: r.from_status,
  to: r.to_status, holderId: r.holder_id, level: r.level, note: r.note, details: r.details,
});

/** Appends events in one statement, in the order given; answers them with their ids (unless `returning` is false: an ingest does not need them). */
export async function appendEvents(q: Queryable, events: readonly NewEvent[], opts: { returning?: boolean } = {}): Promise<HistoryEvent[]> {
  if (events.length === 0) return [];
  const rows = await q.query<EventRow>(
    `INSERT INTO grievance_events (grievance_number, at, actor_id, actor_role, action, from_status, to_status, holder_id, level, note, details)
     SELECT grievance_number, at, actor_id, actor_role, action, from_status, to_status, holder_id, level, note, details
       FROM jsonb_to_recordset($1::jsonb) AS r(grievance_number text, at timestamptz, actor_id text, actor_role text,
            action text, from_status text, to_status text, holder_id text, level text, note text, details jsonb, ord int)
      ORDER BY ord
     ${opts.returning === false ? '' : 'RETURNING id, grievance_number, at, actor_id, actor_role, action, from_status, to_status, holder_id, level, note, details'}`,
    [JSON.stringify(events.map((e, ord) => ({
      ord, grievance_number: e.number, at: e.at, actor_id: e.actorId, actor_role: e.actorRole, action: e.action, from_status: e.from,
      to_status: e.to, holder_id: e.holderId, level: e.level, note: e.note, details: e.details,
    })))]);
  return rows.map(toHistoryEvent).sort((a, b) => Number(a.id) - Number(b.id));
}

/** A grievance's history, oldest first. */
export async function eventsOf(q: Queryable, number: string): Promise<HistoryEvent[]> {
  const rows = await q.query<EventRow>(
    `SELECT id, grievance_number, at, actor_id, actor_role, action, from_status, to_status, holder_id, level, note, details
       FROM grievance_events WHERE grievance_number = $1 ORDER BY id`, [number]);
  return rows.map(toHistoryEvent);
}

/**
 * The attachments of a grievance as `{ sha256, bytes, type }`, in the order the citizen gave them
 * (tables of migration 10, server/attachments).
 */
export async function attachmentsOf(q: Queryable, clientId: string): Promise<{ sha256: string; bytes: number; type: string }[]> {
  return q.query(
    `SELECT a.sha256, a.bytes, a.type FROM grievance_attachments ga JOIN attachments a ON a.sha256 = ga.sha256
      WHERE ga.client_id = $1 ORDER BY ga.position`, [clientId]);
}
