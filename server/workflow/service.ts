/**
 * The workflow on the server: every change to a grievance's lifecycle goes through here, whoever asks
 * (an officer, a kiosk for the citizen, the escalation sweep, the ingest).
 *
 * One action is one transaction on the grievance's locked row:
 *   1. a repeated actionId is answered from workflow_actions, exactly as the first time (accepted or
 *      refused); the same actionId with a different body is refused;
 *   2. the state machine (src/domain/workflow.ts) checks who may act on it at all (else 403);
 *   3. an `expectedVersion` that is not the grievance's version is refused as stale (409 wf.stale); then
 *      whether the action is possible in its state, within the reopen window, below L4;
 *   4. routing decides where it goes (assign, transfer, escalate, reopen to an officer no longer there);
 *   5. the new state, its event, an audit entry and the citizen's notification are written together.
 * A refusal changes nothing but the audit log (and the stored answer for its actionId); the system's own
 * refusals (a sweep finding no officer to escalate to) are not audited, as the sweep retries them.
 *
 * New grievances are routed inside the ingest's own transaction (onRegistered): a register event, then an
 * assign event saying how the officer was chosen, or an `unrouted` note when no one could be.
 */
import { type Account, inScope, type Level, operatorKey } from '../../src/domain/accounts';
import { message, type MessageKey } from '../../src/domain/messages';
import { departmentByCode } from '../../src/domain/reference';
import type { ApiError } from '../../src/domain/schemas';
import type { ActionResult } from '../../src/domain/workflow-api';
import {
  type Actor, apply, type Applied, check, DEFAULT_WORKFLOW_CONFIG, nextLevel, type RefusalKey, SYSTEM, type Target,
  type WorkflowAction, type WorkflowCommand, type WorkflowConfig, type WorkflowState,
} from '../../src/domain/workflow';
import { ApiProblem, apiError, fieldError } from '../errors';
import { kioskRequester, type OtpService } from '../otp/otp';
import { enqueueNotifications, type NotificationRequest } from '../notifications/outbox';
import { findAccount, toAccount } from '../store/accounts';
import type { AuditEntry, AuditLog } from '../store/audit';
import { canonicalJson, contentHash } from '../store/content-hash';
import type { Db, Queryable } from '../store/db';
import type { Created } from '../store/grievances';
import { appendEvents, type NewEvent, readGrievance, saveLifecycles, stateOf, type WorkflowRow } from '../store/workflow';
import { type Decision, loadRouting, type Place, placeFrom, VIA_REASON } from './routing';
import { loadTimeLimits } from './time-limits';

export interface Caller { ip?: string | null; deviceId?: string | null }

/**
 * One action as asked for: the body, and for devices an actionId and the version acted on; `code`: the
 * one-time code the citizen received, with which a kiosk that did not register it acts for the citizen.
 */
export interface ActRequest { actionId?: string; expectedVersion?: number; action: WorkflowAction; code?: string }

/** How routing chose, as recorded on the event: the UI shows `reason` (a message key) in either language. */
export interface RouteNote { via: Decision['via']; reason: MessageKey; ruleId?: string; skipped?: Decision['skipped'] }

const routeNote = (d: Decision): RouteNote => ({
  via: d.via, reason: VIA_REASON[d.via], ...(d.ruleId && { ruleId: d.ruleId }), ...(d.skipped.length > 0 && { skipped: d.skipped }),
});

const FORBIDDEN: ReadonlySet<MessageKey> = new Set(['wf.role', 'wf.outOfScope', 'wf.notHolder', 'wf.citizenCode']);
/** The HTTP status of a refusal: 403 for who you are (or a citizen's code that does not prove it), 404 for no such grievance, 409 for its state. */
export const refusalStatus = (key: MessageKey) => (FORBIDDEN.has(key) || key.startsWith('otp.') ? 403 : key === 'wf.notFound' ? 404 : 409);

type Outcome = { status: number; body: ActionResult | ApiError };
type Resolved = { to?: Target; route?: RouteNote } | { refused: RefusalKey };

class ActionIdTaken extends Error {}

export const placeOf = (row: Pick<WorkflowRow, 'department_code' | 'category_code' | 'district_code' | 'tehsil_code' | 'block_code' | 'gram_panchayat_code' | 'village_code' | 'ward_code' | 'area_type'>): Place => placeFrom({
  departmentCode: row.department_code, categoryCode: row.category_code, districtCode: row.district_code, areaType: row.area_type,
  tehsilCode: row.tehsil_code, blockCode: row.block_code, gramPanchayatCode: row.gram_panchayat_code, villageCode: row.village_code, wardCode: row.ward_code,
});

export interface WorkflowDeps {
  db: Db;
  audit: AuditLog;
  clock: () => Date;
  config?: Partial<WorkflowConfig>;
  /** Checks a citizen's one-time code sent with feedback or a reopen (without it, no code is accepted). */
  otp?: OtpService;
}

export type Workflow = ReturnType<typeof createWorkflow>;

/** Routing's inputs for one ingest batch (see prepareRouting). */
export interface PreparedRouting { routing: Awaited<ReturnType<typeof loadRouting>>; limits: Awaited<ReturnType<typeof loadTimeLimits>> }

export function createWorkflow(deps: WorkflowDeps) {
  const { db, audit, clock } = deps;
  const config: WorkflowConfig = { ...DEFAULT_WORKFLOW_CONFIG, ...deps.config };

  /** An active officer or nodal account that may hold this grievance (its department and district). */
  async function holderCandidate(q: Queryable, id: string, s: WorkflowState): Promise<Account | undefined> {
    const row = await findAccount(q, id);
    if (!row || row.disabled || (row.role !== 'officer' && row.role !== 'nodal')) return undefined;
    const account = toAccount(row);
    return inScope(account, s) ? account : undefined;
  }

  async function routeTo(q: Queryable, place: Place, level: Level): Promise<Resolved> {
    const d = (await loadRouting(q, [place.departmentCode])).decide(place, level);
    if (!d.holderId) return { refused: 'wf.noTarget' };
    return { to: { holderId: d.holderId, level }, route: routeNote(d) };
  }

  /** Where the action sends the grievance (routing, or the officer named), or why nowhere. */
  async function resolve(q: Queryable, row: WorkflowRow, s: WorkflowState, action: WorkflowAction): Promise<Resolved> {
    switch (action.type) {
      case 'assign': {
        if (!action.toOfficerId) return routeTo(q, placeOf(row), 'L1');
        const o = await holderCandidate(q, action.toOfficerId, s);
        if (!o) return { refused: 'wf.target' };
        return { to: { holderId: o.id, level: o.role === 'officer' ? o.level : (s.level ?? 'L1') } };
      }
      case 'transfer': {
        if (action.toOfficerId) {
          const o = await holderCandidate(q, action.toOfficerId, s);
          // Lateral only: to an officer at the grievance's level (or a nodal officer); upwards is escalation.
          if (!o || (o.role === 'officer' && o.level !== s.level)) return { refused: 'wf.target' };
          return { to: { holderId: o.id, level: s.level ?? 'L1' } };
        }
        const department = action.toDepartment!;
        if (department === s.departmentCode) return { refused: 'wf.target' };
        const category = action.toCategory ?? null;
        if (category && !departmentByCode(department)?.categories.some((c) => c.code === category))
          throw new ApiProblem(400, 'api.invalid', [fieldError('action.toCategory', 'err.category')]);
        const routed = await routeTo(q, { ...placeOf(row), departmentCode: department, categoryCode: category }, 'L1');
        if ('refused' in routed) return routed;
        return { to: { ...routed.to!, departmentCode: department, categoryCode: category }, route: routed.route };
      }
      case 'escalate': {
        const level = nextLevel(s.level);
        return level ? routeTo(q, placeOf(row), level) : { refused: 'wf.topLevel' };
      }
      case 'reopen':
        // Back to the officer who disposed it, unless they can no longer hold it.
        if (s.holderId && (await holderCandidate(q, s.holderId, s))) return {};
        return routeTo(q, placeOf(row), s.level ?? 'L1');
      default:
        return {};
    }
  }

  /** Writes an accepted action: state, clock, event, audit, notification. */
  async function commit(q: Queryable, row: WorkflowRow, applied: Extract<Applied, { ok: true }>, req: ActRequest, actor: Actor, now: Date, caller: Caller, route?: RouteNote): Promise<ActionResult> {
    const { next, event, clock: effect } = applied;
    const action = req.action;
    let { assigned_at: assignedAt, due_at: dueAt, warned_at: warnedAt } = row;
    if (effect === 'start') {
      assignedAt = now;
      dueAt = (await loadTimeLimits(q, now)).dueAt(now, next.departmentCode, next.categoryCode);
      warnedAt = null;
    } else if (effect === 'stop') {
      dueAt = null;
      warnedAt = null;
    }
    await saveLifecycles(q, [{
      number: row.number, state: next, assignedAt, dueAt, warnedAt,
      remarks: action.type === 'dispose' ? action.remarks : row.remarks,
      closedAt: next.status === 'closed' ? now : next.status === 'reopened' ? null : row.closed_at,
    }]);
    // Whether the satisfaction stands on the citizen's own code (chat, or another kiosk with the code); a new disposal clears it.
    if (action.type === 'feedback' || action.type === 'dispose') {
      await q.query('UPDATE grievances SET satisfaction_verified = $2 WHERE number = $1', [row.number, action.type === 'dispose' ? null : actor.kind === 'account' && actor.citizenCode === true]);
    }
    const [saved] = await appendEvents(q, [{
      ...event, number: row.number,
      note: event.note ?? (route && actor.kind === 'system' ? message(route.reason, 'en') : null),
      details: {
        ...event.details, ...(route && { route }), ...(req.actionId && { actionId: req.actionId }),
        // Where the clock starts or stops, the time limit it replaced; a disposal, whether it was within it. The leaders'
        // figures count disposals within the limit and overdue grievances at the end of past days from these (server/reports/daily-figures.ts).
        ...(effect !== 'keep' && { dueBefore: row.due_at?.toISOString() ?? null }),
        ...(action.type === 'dispose' && row.due_at && { withinLimit: now.getTime() <= row.due_at.getTime() }),
        ...(action.type === 'feedback' && { verified: actor.kind === 'account' && actor.citizenCode === true }),
        // Disposed on the spot at a camp by an officer present there (the camp report counts these).
        ...(action.type === 'dispose' && actor.kind === 'account' && actor.campEventId && { campEventId: actor.campEventId }),
      },
    }]);
    await audit.append({
      action: `grievance.${action.type}`, target: row.number, ...who(actor, caller),
      details: { from: event.from, to: event.to, holderId: next.holderId, level: next.level, version: next.version, ...(route && { via: route.via }), ...(req.actionId && { actionId: req.actionId }) },
    }, q);
    const notify: NotificationRequest['kind'] | null =
      action.type === 'dispose' ? 'disposed' : action.type === 'reopen' ? 'reopened' : action.type === 'request-info' ? 'info-requested' : null;
    if (notify) {
      await enqueueNotifications(q, [{
        kind: notify, lang: row.lang === 'en' ? 'en' : 'hi', number: row.number, departmentCode: next.departmentCode,
        outcome: next.outcome, reopenWindowDays: config.reopenWindowDays,
      }], now);
    }
    return { number: row.number, status: next.status, version: next.version, holderId: next.holderId, level: next.level, dueAt: dueAt?.toISOString() ?? null, event: saved };
  }

  /**
   * An operator of another kiosk acting for the citizen with a code: the code is checked (a wrong one
   * counts a try) and, if right, the operator acts as the citizen's; the registering kiosk needs none.
   */
  async function withCitizenCode(q: Queryable, row: WorkflowRow, req: ActRequest, actor: Actor, now: Date, caller: Caller): Promise<Actor | MessageKey> {
    if (actor.kind !== 'account' || actor.account.role !== 'operator' || actor.account.kioskCode === row.kiosk_code || !req.code) return actor;
    if (req.action.type !== 'feedback' && req.action.type !== 'reopen') return actor;
    if (!deps.otp) return 'otp.none';
    const checked = await deps.otp.check(q, {
      wanted: 'feedback', requester: kioskRequester(actor.account.kioskCode), subject: { mobile: row.mobile, number: row.number }, code: req.code,
      caller: { actorId: actor.account.id, actorRole: actor.account.role, deviceId: caller.deviceId, ip: caller.ip }, use: req.action.type,
    }, now);
    return checked.ok ? { ...actor, citizenCode: true } : checked.reason;
  }

  /**
   * An officer disposing of a grievance registered at a camp where they are among the officers present
   * (issue 12: on the spot, on a camp device) acts as its holder would, within their department and district.
   */
  async function atCamp(q: Queryable, row: WorkflowRow, req: ActRequest, actor: Actor): Promise<Actor> {
    if (req.action.type !== 'dispose' || actor.kind !== 'account' || (actor.account.role !== 'officer' && actor.account.role !== 'nodal')) return actor;
    const [ev] = await q.query<{ id: string }>(
      'SELECT e.id FROM grievances g JOIN camp_events e ON e.id = g.event_id WHERE g.number = $1 AND $2 = ANY(e.officer_ids)',
      [row.number, operatorKey(actor.account.id)]);
    return ev ? { ...actor, campEventId: ev.id } : actor;
  }

  async function decide(q: Queryable, row: WorkflowRow, req: ActRequest, asked: Actor, now: Date, caller: Caller): Promise<Outcome> {
    const refused = (key: MessageKey): Outcome => ({ status: refusalStatus(key), body: apiError(key) });
    const coded = await withCitizenCode(q, row, req, asked, now, caller);
    if (typeof coded === 'string') return refused(coded);
    const actor = await atCamp(q, row, req, coded);
    const s = stateOf(row);
    const allowed = check(s, req.action.type, actor, now, config);
    // Who you are first (an outsider learns nothing of the grievance's state), then staleness, then the state.
    if (!allowed.ok && FORBIDDEN.has(allowed.reason)) return refused(allowed.reason);
    if (req.expectedVersion !== undefined && req.expectedVersion !== s.version) return refused('wf.stale');
    if (!allowed.ok) return refused(allowed.reason);
    const r = await resolve(q, row, s, req.action);
    if ('refused' in r) return refused(r.refused);
    const applied = apply(s, { ...req.action, to: r.to } as WorkflowCommand, actor, now, config);
    if (!applied.ok) return refused(applied.reason);
    return { status: 200, body: await commit(q, row, applied, req, actor, now, caller, r.route) };
  }

  /**
   * Takes one action on grievance `number`; answers the ActionResult or throws the ApiProblem of the
   * refusal. Idempotent on `actionId` (see the module comment).
   */
  async function act(number: string, req: ActRequest, actor: Actor, caller: Caller = {}): Promise<ActionResult> {
    const actorId = actor.kind === 'account' ? operatorKey(actor.account.id) : null;
    const hash = contentHash({ number, actorId, expectedVersion: req.expectedVersion ?? null, action: req.action });
    let out: Outcome;
    try {
      out = await db.transaction(async (tx): Promise<Outcome> => {
        const row = await readGrievance(tx, number, { lock: true });
        if (!row) return { status: 404, body: apiError('wf.notFound') };
        if (req.actionId) {
          const [prior] = await tx.query<{ request_hash: string; status_code: number; result: ActionResult | ApiError }>(
            'SELECT request_hash, status_code, result FROM workflow_actions WHERE action_id = $1', [req.actionId]);
          if (prior) return prior.request_hash === hash ? { status: prior.status_code, body: prior.result } : { status: 409, body: apiError('wf.actionConflict') };
        }
        const now = clock();
        const outcome = await decide(tx, row, req, actor, now, caller);
        if (outcome.status !== 200 && actor.kind === 'account') { // the sweep's own retries are not news
          await audit.append({
            action: 'grievance.refused', target: number, ...who(actor, caller),
            details: { type: req.action.type, reason: (outcome.body as ApiError).error, version: row.version, ...(req.actionId && { actionId: req.actionId }) },
          }, tx);
        }
        if (req.actionId) {
          const stored = await tx.query(
            `INSERT INTO workflow_actions (action_id, grievance_number, actor_id, request_hash, status_code, result, at)
             VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT (action_id) DO NOTHING RETURNING action_id`,
            [req.actionId, number, actorId ?? 'system', hash, outcome.status, JSON.stringify(outcome.body), now.toISOString()]);
          if (stored.length === 0) throw new ActionIdTaken(); // the same id, at the same moment, on another grievance
        }
        return outcome;
      });
    } catch (err) {
      if (err instanceof ActionIdTaken) throw new ApiProblem(409, 'wf.actionConflict');
      throw err;
    }
    if (out.status !== 200) throw new ApiProblem(out.status, (out.body as ApiError).error as MessageKey);
    // Keys sorted at every level, so a replay (read back from jsonb, which orders keys its own way) is byte for byte the first answer.
    return JSON.parse(canonicalJson(out.body)) as ActionResult;
  }

  /**
   * Routes grievances just created by an ingest, in its transaction: loads rules, officers and limits
   * once for the batch, then one UPDATE, one INSERT of events, one of audit entries and one of
   * notifications, whatever the batch size.
   */
  /**
   * What routing needs for these grievances (rules, officers and their loads, time limits), read before the
   * ingest's transaction and alongside its other reads: a rule changed in between is a race either way.
   */
  async function prepareRouting(records: readonly { departmentCode: string }[]): Promise<PreparedRouting> {
    const [routing, limits] = await Promise.all([loadRouting(db, records.map((r) => r.departmentCode), { parallel: true }), loadTimeLimits(db, clock())]);
    return { routing, limits };
  }

  async function onRegistered(q: Queryable, created: readonly Created[], by: Caller & { actorId: string; actorRole: string }, prepared?: PreparedRouting): Promise<void> {
    if (created.length === 0) return;
    const { routing, limits } = prepared ?? { routing: await loadRouting(q, created.map((c) => c.record.departmentCode)), limits: await loadTimeLimits(q, new Date(created[0].receivedAt)) };
    const events: NewEvent[] = [];
    const updates: Parameters<typeof saveLifecycles>[1][number][] = [];
    const audits: AuditEntry[] = [];
    for (const c of created) {
      const r = c.record;
      const now = new Date(c.receivedAt);
      events.push({
        number: c.number, at: c.receivedAt, actorId: r.operatorId ?? by.actorId, actorRole: 'operator', action: 'register', from: null, to: 'registered',
        holderId: null, level: null, note: null, details: { kioskCode: r.kioskCode, receiptNumber: r.receiptNumber, deviceId: r.deviceId },
      });
      const s: WorkflowState = {
        status: 'registered', holderId: null, level: null, departmentCode: r.departmentCode, categoryCode: r.categoryCode ?? null,
        districtCode: r.districtCode, kioskCode: r.kioskCode, outcome: null, satisfaction: null, disposedAt: null, reopenCount: 0, escalationCount: 0, version: 0,
      };
      const place = placeFrom(r);
      const d = routing.decide(place, 'L1');
      const route = routeNote(d);
      if (!d.holderId) {
        events.push({ number: c.number, at: c.receivedAt, actorId: null, actorRole: 'system', action: 'unrouted', from: 'registered', to: 'registered', holderId: null, level: null, note: message(route.reason, 'en'), details: { route } });
        audits.push({ action: 'grievance.unrouted', actorRole: 'system', target: c.number, details: { department: r.departmentCode, district: r.districtCode } });
        continue;
      }
      const applied = apply(s, { type: 'assign', to: { holderId: d.holderId, level: 'L1' } }, SYSTEM, now, config);
      if (!applied.ok) throw new Error(`routing a new grievance was refused: ${applied.reason}`);
      events.push({ ...applied.event, number: c.number, note: message(route.reason, 'en'), details: { ...applied.event.details, route } });
      updates.push({
        number: c.number, state: applied.next, assignedAt: now, dueAt: limits.dueAt(now, r.departmentCode, r.categoryCode ?? null),
        warnedAt: null, remarks: null, closedAt: null,
      });
      audits.push({ action: 'grievance.assign', actorRole: 'system', target: c.number, details: { holderId: d.holderId, level: 'L1', via: d.via, ...(d.ruleId && { ruleId: d.ruleId }), version: 1 } });
    }
    await saveLifecycles(q, updates);
    await appendEvents(q, events, { returning: false });
    await audit.append(audits, q);
    await enqueueNotifications(q, created.map((c) => ({
      kind: 'registered' as const, lang: c.record.lang, number: c.number, departmentCode: c.record.departmentCode,
    })), new Date(created[0].receivedAt));
  }

  return { config, act, prepareRouting, onRegistered };
}

/** The audit log's actor fields for an actor. */
function who(actor: Actor, caller: Caller): Pick<AuditEntry, 'actorId' | 'actorRole' | 'deviceId' | 'ip'> {
  return actor.kind === 'account'
    ? { actorId: actor.account.id, actorRole: actor.account.role, deviceId: caller.deviceId ?? null, ip: caller.ip ?? null }
    : { actorId: null, actorRole: 'system', deviceId: null, ip: null };
}
