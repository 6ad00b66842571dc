/**
 * The grievance lifecycle as one explicit state machine, shared by the server (which enforces it on every
 * action, whatever a client sends) and the UI (which offers only what `allowedActions` allows).
 *
 *   registered ─assign─▶ assigned ─start─▶ in_progress ─dispose─▶ disposed ─feedback: satisfied─▶ closed
 *   assigned | in_progress | reopened ─transfer / escalate─▶ assigned     disposed ─close─▶ closed
 *   disposed | closed ─reopen (within the window)─▶ reopened ─assign / transfer / escalate─▶ assigned
 *
 * TRANSITIONS is the table: for each action, the states it may start from, the states it may lead to, and
 * who may take it, as a relation to the grievance (its holder, a nodal officer or secretary of its
 * department and place, an operator on behalf of the citizen, an admin, or the system itself).
 * `apply(state, command, actor, now)` is pure: it answers the next state and the event to record, or a
 * message key saying why not. Where the grievance goes (an officer, a level, a department) is decided by
 * the server's routing and handed in as `command.to`; this module only checks that the move is allowed.
 *
 * The clock (time limit) starts at each assignment to a level, not at registration: see `ClockEffect`.
 */
import * as z from 'zod/mini';
import { type Account, DepartmentCode, inScope, type Level, LEVELS, operatorKey, type Role } from './accounts';
import type { MessageKey } from './messages';
import { ClientId, OperatorId } from './schemas';
import { freeText } from './text';
import { OtpCode } from './otp';

export const STATUSES = ['registered', 'assigned', 'in_progress', 'disposed', 'closed', 'reopened'] as const;
export type Status = (typeof STATUSES)[number];
/** With an officer and the clock running. */
export const OPEN_STATUSES: readonly Status[] = ['assigned', 'in_progress', 'reopened'];
/** Not yet disposed: what reviews and pendency reports count. */
export const PENDING_STATUSES: readonly Status[] = ['registered', 'assigned', 'in_progress', 'reopened'];

/** Sampark's disposal outcomes (DOMAIN.md §2), as codes. */
export const OUTCOMES = ['relief', 'interim-relief', 'rejected', 'false-case', 'filed', 'not-possible'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const SATISFACTIONS = ['satisfied', 'not_satisfied', 'unreachable'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const ACTION_TYPES = ['assign', 'start', 'transfer', 'request-info', 'dispose', 'feedback', 'reopen', 'close', 'escalate'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** Who an actor is to a grievance, for the purpose of one action. */
export const RELATIONS = ['system', 'holder', 'nodal', 'secretary', 'operator', 'admin'] as const;
export type Relation = (typeof RELATIONS)[number];

export interface Transition {
  from: readonly Status[];
  to: readonly Status[];
  by: readonly Relation[];
}

/** The state table. Anything not in it is refused. */
export const TRANSITIONS: Readonly<Record<ActionType, Transition>> = {
  assign: { from: ['registered', 'reopened'], to: ['assigned'], by: ['system', 'nodal', 'admin'] },
  start: { from: ['assigned', 'reopened'], to: ['in_progress'], by: ['holder'] },
  transfer: { from: ['assigned', 'in_progress', 'reopened'], to: ['assigned'], by: ['holder', 'nodal', 'admin'] },
  'request-info': { from: ['assigned', 'in_progress', 'reopened'], to: ['in_progress'], by: ['holder'] },
  dispose: { from: ['assigned', 'in_progress', 'reopened'], to: ['disposed'], by: ['holder'] },
  feedback: { from: ['disposed'], to: ['disposed', 'closed'], by: ['operator', 'admin'] },
  reopen: { from: ['disposed', 'closed'], to: ['reopened'], by: ['operator', 'admin'] },
  close: { from: ['disposed'], to: ['closed'], by: ['system', 'nodal', 'admin'] },
  escalate: { from: ['assigned', 'in_progress', 'reopened'], to: ['assigned'], by: ['system', 'nodal', 'secretary', 'admin'] },
};

/** Which account roles each relation can be held by (the system is no account). */
const ROLES_OF: Readonly<Record<Relation, readonly Role[]>> = {
  system: [], holder: ['officer', 'nodal'], nodal: ['nodal'], secretary: ['secretary'], operator: ['operator'], admin: ['admin'],
};

export interface WorkflowConfig {
  /** Days after disposal within which the citizen may reopen (REOPEN_WINDOW_DAYS on the server). */
  reopenWindowDays: number;
}
export const DEFAULT_WORKFLOW_CONFIG: WorkflowConfig = { reopenWindowDays: 30 };
/** The holder is warned when this share of the time limit has passed. */
export const WARN_AT_FRACTION = 0.8;

/** What the state machine needs to know about a grievance. */
export interface WorkflowState {
  status: Status;
  holderId: string | null;
  level: Level | null;
  departmentCode: string;
  categoryCode: string | null;
  districtCode: string;
  kioskCode: string;
  /** Of the latest disposal (kept through a reopen, replaced by the next disposal). */
  outcome: Outcome | null;
  /** The citizen's feedback on the latest disposal. */
  satisfaction: Satisfaction | null;
  disposedAt: string | null;
  reopenCount: number;
  escalationCount: number;
  /** +1 for each accepted action: what a device's `expectedVersion` is checked against. */
  version: number;
}

/**
 * Who acts. `citizenCode`: the operator holds a one-time code the citizen received on the grievance's
 * mobile (checked by the server), which lets a kiosk that did not register it act for the citizen.
 * `campEventId`: the officer is among the officers present at the camp where the grievance was registered
 * (checked by the server), which lets them dispose of it on the spot though they do not hold it (issue 12).
 */
export type Actor = { kind: 'system' } | { kind: 'account'; account: Account; citizenCode?: boolean; campEventId?: string };
export const SYSTEM: Actor = { kind: 'system' };

/** Where routing sends the grievance: an officer (or nodal officer) and the level it is then at. */
export interface Target {
  holderId: string;
  level: Level;
  /** A transfer to another department moves the grievance there (and to one of its categories, or none). */
  departmentCode?: string;
  categoryCode?: string | null;
}

/**
 * What happens to the time limit: `start` a new one now (assignment, escalation, reopen, transfer to another
 * department), `keep` the running one (a transfer within the department does not reset it), `stop` it.
 */
export type ClockEffect = 'start' | 'keep' | 'stop';

export interface WorkflowEvent {
  action: ActionType;
  at: string;
  actorId: string | null;
  actorRole: Role | 'system';
  from: Status;
  to: Status;
  holderId: string | null;
  level: Level | null;
  note: string | null;
  details: Record<string, unknown>;
}

export type RefusalKey = Extract<MessageKey, `wf.${string}`>;
export type Check = { ok: true; relation: Relation } | { ok: false; reason: RefusalKey };
export type Applied =
  | { ok: true; next: WorkflowState; event: WorkflowEvent; clock: ClockEffect; relation: Relation }
  | { ok: false; reason: RefusalKey };

// ---- Action bodies on the wire ----

const text = (min: number, max: number, key: MessageKey) => freeText(min, max, key);
const Note = z.optional(text(0, 1000, 'wf.note'));
const Reason = text(5, 1000, 'wf.reason');
export const CategoryCode = z.string({ error: 'err.category' }).check(z.regex(/^[a-z0-9-]{1,40}$/, 'err.category'));
export const Outcome = z.enum(OUTCOMES, { error: 'wf.outcome' });
export const Satisfaction = z.enum(SATISFACTIONS, { error: 'wf.satisfaction' });

/** To the officer named, or (without one) to whoever the routing rules choose. */
export const AssignAction = z.strictObject({ type: z.literal('assign'), toOfficerId: z.optional(OperatorId), note: Note });
export const StartAction = z.strictObject({ type: z.literal('start'), note: Note });
/** To another officer (of the same department, district and level) or to another department (routed afresh). */
export const TransferAction = z.strictObject({
  type: z.literal('transfer'),
  toOfficerId: z.optional(OperatorId),
  toDepartment: z.optional(DepartmentCode),
  toCategory: z.optional(CategoryCode),
  reason: Reason,
}).check(z.refine((a) => (a.toOfficerId === undefined) !== (a.toDepartment === undefined), { message: 'wf.transferTo', path: ['toOfficerId'] }));
export const RequestInfoAction = z.strictObject({ type: z.literal('request-info'), question: text(5, 1000, 'wf.question') });
export const DisposeAction = z.strictObject({ type: z.literal('dispose'), outcome: Outcome, remarks: text(5, 2000, 'wf.remarks') });
export const FeedbackAction = z.strictObject({ type: z.literal('feedback'), satisfaction: Satisfaction, note: Note });
export const ReopenAction = z.strictObject({ type: z.literal('reopen'), reason: Reason });
export const CloseAction = z.strictObject({ type: z.literal('close'), note: Note });
export const EscalateAction = z.strictObject({ type: z.literal('escalate'), reason: Reason });

/** One action as a device sends it. */
export const WorkflowAction = z.discriminatedUnion('type', [
  AssignAction, StartAction, TransferAction, RequestInfoAction, DisposeAction, FeedbackAction, ReopenAction, CloseAction, EscalateAction,
], { error: 'wf.actionType' });
export type WorkflowAction = z.infer<typeof WorkflowAction>;

/** An action as the state machine takes it: the device's body plus where routing sends the grievance. */
export type WorkflowCommand = WorkflowAction & { to?: Target };

/** A version number as the device last saw it. */
export const Version = z.int({ error: 'err.invalid' }).check(z.minimum(0, 'err.invalid'), z.maximum(1_000_000, 'err.invalid'));

/**
 * POST /api/grievances/:number/actions. `actionId` (a ULID made on the device) makes it idempotent: the
 * same actionId again answers what the first answered. `expectedVersion` is the grievance's version the
 * officer acted on; if it has moved on since, the action is refused as stale.
 */
export const ActionRequest = z.strictObject({ actionId: ClientId, expectedVersion: Version, action: WorkflowAction });
export type ActionRequest = z.infer<typeof ActionRequest>;

/**
 * POST /api/grievances/:number/feedback, by an operator for the citizen (expectedVersion optional). `code`:
 * the one-time code the citizen received (src/domain/otp.ts), needed at a kiosk that did not register it.
 */
export const FeedbackRequest = z.strictObject({ actionId: ClientId, expectedVersion: z.optional(Version), satisfaction: Satisfaction, note: Note, code: z.optional(OtpCode) });
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;
/** POST /api/grievances/:number/reopen, by an operator for the citizen (expectedVersion optional; `code` as for feedback). */
export const ReopenRequest = z.strictObject({ actionId: ClientId, expectedVersion: z.optional(Version), reason: Reason, code: z.optional(OtpCode) });
export type ReopenRequest = z.infer<typeof ReopenRequest>;

// ---- The machine ----

const DAY_MS = 86_400_000;
const levelIndex = (l: Level | null) => (l === null ? -1 : LEVELS.indexOf(l));
const sameId = (a: string | null, b: string) => a !== null && operatorKey(a) === operatorKey(b);

/** The level above `level` (L1 for none), or null at L4. */
export function nextLevel(level: Level | null): Level | null {
  return LEVELS[levelIndex(level) + 1] ?? null;
}

/** The last moment a reopen is accepted, or null when never disposed. */
export function reopenUntil(s: Pick<WorkflowState, 'disposedAt'>, config: WorkflowConfig = DEFAULT_WORKFLOW_CONFIG): Date | null {
  return s.disposedAt ? new Date(Date.parse(s.disposedAt) + config.reopenWindowDays * DAY_MS) : null;
}

function holds(relation: Relation, actor: Actor, s: WorkflowState): boolean {
  if (relation === 'system') return actor.kind === 'system';
  if (actor.kind !== 'account') return false;
  const a = actor.account;
  switch (relation) {
    case 'holder': return (a.role === 'officer' || a.role === 'nodal') && (sameId(s.holderId, a.id) || actor.campEventId !== undefined) && inScope(a, s);
    case 'nodal': return a.role === 'nodal' && inScope(a, s);
    case 'secretary': return a.role === 'secretary' && inScope(a, s);
    // The kiosk that registered it; any other kiosk only with the citizen's code (a citizen may walk into any e-Mitra).
    case 'operator': return a.role === 'operator' && (a.kioskCode === s.kioskCode || actor.citizenCode === true);
    case 'admin': return a.role === 'admin';
  }
}

/** Why `actor` may not take an action that `by` may take: the clearest reason first. */
function whyNot(by: readonly Relation[], actor: Actor): (s: WorkflowState) => RefusalKey {
  return (s) => {
    if (actor.kind === 'system') return 'wf.role';
    if (!by.some((r) => ROLES_OF[r].includes(actor.account.role))) return 'wf.role';
    if (actor.account.role === 'operator') return 'wf.citizenCode';
    if (!inScope(actor.account, s)) return 'wf.outOfScope';
    return 'wf.notHolder';
  };
}

const STATE_REFUSAL: Partial<Record<ActionType, RefusalKey>> = { feedback: 'wf.notDisposed', reopen: 'wf.reopenNotDisposed' };

/**
 * Whether `actor` may take an action of this type now: who they are to the grievance, its state, the
 * reopen window, the top level. What routing decides (the target) is checked by `apply`.
 */
export function check(s: WorkflowState, type: ActionType, actor: Actor, now: Date, config: WorkflowConfig = DEFAULT_WORKFLOW_CONFIG): Check {
  const t = TRANSITIONS[type];
  const relation = t.by.find((r) => holds(r, actor, s));
  if (!relation) return { ok: false, reason: whyNot(t.by, actor)(s) };
  if (!t.from.includes(s.status)) return { ok: false, reason: STATE_REFUSAL[type] ?? 'wf.state' };
  if (type === 'reopen') {
    const until = reopenUntil(s, config);
    if (!until || now.getTime() > until.getTime()) return { ok: false, reason: 'wf.reopenWindow' };
  }
  if (type === 'escalate' && nextLevel(s.level) === null) return { ok: false, reason: 'wf.topLevel' };
  return { ok: true, relation };
}

/** The actions `actor` may take now (what the UI offers). */
export function allowedActions(s: WorkflowState, actor: Actor, now: Date, config: WorkflowConfig = DEFAULT_WORKFLOW_CONFIG): ActionType[] {
  return ACTION_TYPES.filter((type) => check(s, type, actor, now, config).ok);
}

const noteOf = (c: WorkflowCommand): string | null => {
  switch (c.type) {
    case 'transfer': case 'reopen': case 'escalate': return c.reason;
    case 'request-info': return c.question;
    case 'dispose': return c.remarks;
    default: return c.note ?? null;
  }
};

/** Applies one command; pure. On refusal nothing is to be changed. */
export function apply(s: WorkflowState, command: WorkflowCommand, actor: Actor, now: Date, config: WorkflowConfig = DEFAULT_WORKFLOW_CONFIG): Applied {
  const c = check(s, command.type, actor, now, config);
  if (!c.ok) return c;
  const refuse = (reason: RefusalKey): Applied => ({ ok: false, reason });
  const to = command.to;
  let next: WorkflowState = { ...s, version: s.version + 1 };
  let clock: ClockEffect = 'keep';
  const details: Record<string, unknown> = {};

  switch (command.type) {
    case 'assign':
      if (!to) return refuse('wf.noTarget');
      next = { ...next, status: 'assigned', holderId: to.holderId, level: to.level };
      clock = 'start';
      break;
    case 'start':
      next.status = 'in_progress';
      break;
    case 'transfer': {
      if (!to) return refuse('wf.noTarget');
      const department = to.departmentCode ?? s.departmentCode;
      const moves = department !== s.departmentCode;
      if (!moves && sameId(s.holderId, to.holderId)) return refuse('wf.sameHolder');
      next = {
        ...next, status: 'assigned', holderId: to.holderId, level: to.level, departmentCode: department,
        categoryCode: moves ? (to.categoryCode ?? null) : s.categoryCode,
      };
      Object.assign(details, { fromHolderId: s.holderId }, moves && { fromDepartment: s.departmentCode, toDepartment: department });
      clock = moves ? 'start' : 'keep';
      break;
    }
    case 'request-info':
      next.status = 'in_progress';
      break;
    case 'dispose':
      next = { ...next, status: 'disposed', outcome: command.outcome, satisfaction: null, disposedAt: now.toISOString() };
      details.outcome = command.outcome;
      clock = 'stop';
      break;
    case 'feedback':
      next = { ...next, satisfaction: command.satisfaction, status: command.satisfaction === 'satisfied' ? 'closed' : 'disposed' };
      Object.assign(details, { satisfaction: command.satisfaction, cycle: s.reopenCount });
      clock = 'stop';
      break;
    case 'reopen': {
      const holderId = to?.holderId ?? s.holderId;
      if (!holderId) return refuse('wf.noTarget');
      next = { ...next, status: 'reopened', holderId, level: to?.level ?? s.level ?? 'L1', reopenCount: s.reopenCount + 1 };
      details.reopenCount = next.reopenCount;
      clock = 'start';
      break;
    }
    case 'close':
      next.status = 'closed';
      clock = 'stop';
      break;
    case 'escalate':
      if (!to) return refuse('wf.noTarget');
      if (levelIndex(to.level) <= levelIndex(s.level)) return refuse('wf.noTarget');
      next = { ...next, status: 'assigned', holderId: to.holderId, level: to.level, escalationCount: s.escalationCount + 1 };
      Object.assign(details, { fromLevel: s.level, toLevel: to.level, fromHolderId: s.holderId });
      clock = 'start';
      break;
  }

  const event: WorkflowEvent = {
    action: command.type,
    at: now.toISOString(),
    actorId: actor.kind === 'account' ? actor.account.id : null,
    actorRole: actor.kind === 'account' ? actor.account.role : 'system',
    from: s.status,
    to: next.status,
    holderId: next.holderId,
    level: next.level,
    note: noteOf(command),
    details,
  };
  return { ok: true, next, event, clock, relation: c.relation };
}

/**
 * What an account may see of a grievance: the officer's view (history, citizen's details) for its holder
 * and former holders, officers of its department and place at a higher level than it is at, the nodal
 * officer and secretary of its department, and admins; the citizen-facing view for operators of the kiosk
 * that registered it; nothing for anyone else.
 */
export function viewOf(account: Account, s: WorkflowState, formerHolders: readonly string[] = []): 'officer' | 'citizen' | null {
  switch (account.role) {
    case 'admin': return 'officer';
    case 'secretary': case 'nodal': return inScope(account, s) ? 'officer' : null;
    case 'officer':
      if (!inScope(account, s)) return null;
      if (sameId(s.holderId, account.id) || formerHolders.some((h) => sameId(h, account.id))) return 'officer';
      return levelIndex(account.level) > Math.max(levelIndex(s.level), 0) ? 'officer' : null;
    case 'operator': return account.kioskCode === s.kioskCode ? 'citizen' : null;
    case 'minister': case 'agent': return null;
  }
}
