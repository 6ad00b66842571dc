/**
 * The escalation sweep, run every ESCALATION_INTERVAL_S by the server and on demand by
 * `npm run admin -- escalate`. With the clock it is given (tests pass a fake one), in this order:
 *   1. routes grievances still `registered` (no officer could be found when they came in; one may exist now);
 *   2. escalates each open grievance whose time limit has passed to the next level (L1 → L2 → L3 → L4):
 *      the new level's clock starts now, so a grievance escalates one level per limit, never several at once;
 *   3. warns the holder (a `warn` event in the history, shown in the queue) once WARN_AT_FRACTION of the
 *      time at this level has passed;
 *   4. closes disposed grievances whose reopen window has passed.
 * Each escalation and close is an ordinary system action (src/domain/workflow.ts), taken with the version
 * the sweep read: if an officer acted in between, the sweep's action is stale and simply skipped.
 */
import { LEVELS } from '../../src/domain/accounts';
import { OPEN_STATUSES, SYSTEM, WARN_AT_FRACTION } from '../../src/domain/workflow';
import { ApiProblem } from '../errors';
import type { AuditLog } from '../store/audit';
import type { Db } from '../store/db';
import { appendEvents } from '../store/workflow';
import type { Workflow } from './service';

export interface SweepReport {
  routed: number;
  escalated: number;
  warned: number;
  closed: number;
  /** Overdue or unrouted, and nowhere to send them (no officer above, or none at all). */
  stuck: number;
}

export interface SweepDeps { db: Db; workflow: Workflow; audit: AuditLog; clock: () => Date; batch?: number }

const DAY_MS = 86_400_000;

export async function runEscalation(deps: SweepDeps): Promise<SweepReport> {
  const { db, workflow, clock } = deps;
  const batch = deps.batch ?? 500;
  const report: SweepReport = { routed: 0, escalated: 0, warned: 0, closed: 0, stuck: 0 };
  const open = [...OPEN_STATUSES];

  /** One system action; false when it was refused (stale, or no officer to send it to). */
  const system = async (number: string, version: number, action: Parameters<Workflow['act']>[1]['action']) => {
    try {
      await workflow.act(number, { action, expectedVersion: version }, SYSTEM);
      return true;
    } catch (err) {
      if (err instanceof ApiProblem) return false;
      throw err;
    }
  };

  const now = clock();
  const unrouted = await db.query<{ number: string; version: number }>(
    `SELECT number, version FROM grievances WHERE status = 'registered' ORDER BY seq LIMIT $1::int`, [batch]);
  for (const g of unrouted) {
    if (await system(g.number, g.version, { type: 'assign' })) report.routed++;
    else report.stuck++;
  }

  const overdue = await db.query<{ number: string; version: number; level: string }>(
    `SELECT number, version, level FROM grievances WHERE status = ANY($1::text[]) AND due_at <= $2::timestamptz AND level <> $3
      ORDER BY due_at LIMIT $4::int`, [open, now.toISOString(), LEVELS[LEVELS.length - 1], batch]);
  for (const g of overdue) {
    if (await system(g.number, g.version, { type: 'escalate', reason: `Not disposed within the time limit at ${g.level}` })) report.escalated++;
    else report.stuck++;
  }

  await db.transaction(async (tx) => {
    const warned = await tx.query<{ number: string; holder_id: string; level: string; status: 'assigned'; due_at: Date }>(
      `UPDATE grievances SET warned_at = $2::timestamptz
        WHERE status = ANY($1::text[]) AND warned_at IS NULL AND due_at > $2::timestamptz
          AND assigned_at + (due_at - assigned_at) * $3::float8 <= $2::timestamptz
       RETURNING number, holder_id, level, status, due_at`, [open, now.toISOString(), WARN_AT_FRACTION]);
    if (warned.length === 0) return;
    await appendEvents(tx, warned.map((g) => ({
      number: g.number, at: now.toISOString(), actorId: null, actorRole: 'system', action: 'warn', from: g.status, to: g.status,
      holderId: g.holder_id, level: g.level as 'L1', note: `Time limit at ${g.level} ends ${g.due_at.toISOString()}`,
      details: { dueAt: g.due_at.toISOString() },
    })));
    await deps.audit.append(warned.map((g) => ({ action: 'grievance.warn', actorRole: 'system', target: g.number, details: { holderId: g.holder_id, dueAt: g.due_at.toISOString() } })), tx);
    report.warned = warned.length;
  });

  const lapsed = await db.query<{ number: string; version: number }>(
    `SELECT number, version FROM grievances WHERE status = 'disposed' AND disposed_at < $1::timestamptz ORDER BY disposed_at LIMIT $2::int`,
    [new Date(now.getTime() - workflow.config.reopenWindowDays * DAY_MS).toISOString(), batch]);
  for (const g of lapsed) {
    if (await system(g.number, g.version, { type: 'close', note: 'The time to give feedback or reopen has passed' })) report.closed++;
  }
  return report;
}
