/**
 * Each secretary's daily review: 10 pending grievances of their departments a day (the date in India
 * Standard Time), made on the first request of the day and stored, so the list is the same all day.
 *
 * The list takes, in turn, the next grievance from each of four orderings, skipping any already taken,
 * so every concern gets places near the top:
 *   1. oldest (longest since registration),
 *   2. nearest escalation (soonest due at its level),
 *   3. reopened (a citizen was not satisfied),
 *   4. in a low-satisfaction category (under 60% satisfied of at least 3 citizens reached in 90 days),
 * and never a grievance that was on the secretary's previous list (yesterday's, or the last day they had one).
 * A list with nothing on it is not kept: a request later that day lists what has come in since.
 */
import type { Account, Level } from '../../src/domain/accounts';
import { PENDING_STATUSES, type Status } from '../../src/domain/workflow';
import { REVIEW_REASONS, type ReviewItem, type ReviewList, type ReviewMarkRequest } from '../../src/domain/workflow-api';
import { ApiProblem } from '../errors';
import type { AuditLog } from '../store/audit';
import type { Db, Queryable } from '../store/db';
import { appendEvents } from '../store/workflow';
import { istDate } from './scope';

export const REVIEW_LIST_SIZE = 10;
export const LOW_SATISFACTION = { below: 0.6, minReached: 3, days: 90 };
const DAY_MS = 86_400_000;

type Reason = (typeof REVIEW_REASONS)[number];
type ItemRow = {
  id: string | number; rank: number; reason: Reason; reviewed_at: Date | null; note: string | null; instruction: string | null;
  number: string; department_code: string; category_code: string | null; district_code: string; status: Status; level: Level | null;
  holder_id: string | null; received_at: Date; due_at: Date | null; reopen_count: number;
};

const ITEM_SQL = `
  SELECT r.id, r.secretary_id, r.rank, r.reason, r.reviewed_at, r.note, r.instruction, g.number, g.department_code, g.category_code, g.district_code,
         g.status, g.level, g.holder_id, g.received_at, g.due_at, g.reopen_count
    FROM reviews r JOIN grievances g ON g.number = r.grievance_number`;

const toItem = (r: ItemRow, now: Date): ReviewItem => ({
  id: String(r.id), rank: r.rank, reason: r.reason, reviewedAt: r.reviewed_at?.toISOString() ?? null, note: r.note, instruction: r.instruction,
  grievance: {
    number: r.number, departmentCode: r.department_code, categoryCode: r.category_code, districtCode: r.district_code, status: r.status,
    level: r.level, holderId: r.holder_id, receivedAt: r.received_at.toISOString(), dueAt: r.due_at?.toISOString() ?? null,
    reopenCount: r.reopen_count, ageDays: Math.floor((now.getTime() - r.received_at.getTime()) / DAY_MS),
  },
});

/** Four candidate lists (up to 10 each), excluding `exclude`. */
async function candidates(q: Queryable, departments: readonly string[], exclude: readonly string[], now: Date): Promise<Record<Reason, string[]>> {
  const where = (t = '') => `${t}department_code = ANY($1::text[]) AND ${t}status = ANY($2::text[]) AND NOT (${t}number = ANY($3::text[]))`;
  const base = where();
  const p = [[...departments], [...PENDING_STATUSES], [...exclude], REVIEW_LIST_SIZE];
  const numbers = async (sql: string, extra: unknown[] = []) => (await q.query<{ number: string }>(sql, [...p, ...extra])).map((r) => r.number);
  const oldest = await numbers(`SELECT number FROM grievances WHERE ${base} ORDER BY received_at, seq LIMIT $4`);
  const nearestEscalation = await numbers(`SELECT number FROM grievances WHERE ${base} AND due_at IS NOT NULL ORDER BY due_at, seq LIMIT $4`);
  const reopened = await numbers(`SELECT number FROM grievances WHERE ${base} AND reopen_count > 0 ORDER BY received_at, seq LIMIT $4`);
  const lowSatisfaction = await numbers(`
    WITH f AS (
      SELECT DISTINCT ON (e.grievance_number, e.details->>'cycle') g.department_code, coalesce(g.category_code, '') AS category,
             e.details->>'satisfaction' AS satisfaction
        FROM grievance_events e JOIN grievances g ON g.number = e.grievance_number
       WHERE e.action = 'feedback' AND g.department_code = ANY($1::text[]) AND e.at >= $5::timestamptz
       ORDER BY e.grievance_number, e.details->>'cycle', e.id DESC),
    low AS (
      SELECT department_code, category, count(*) FILTER (WHERE satisfaction = 'satisfied')::float8 / count(*) AS rate
        FROM f WHERE satisfaction IN ('satisfied', 'not_satisfied')
       GROUP BY department_code, category
      HAVING count(*) >= $6 AND count(*) FILTER (WHERE satisfaction = 'satisfied')::float8 / count(*) < $7)
    SELECT g.number FROM grievances g JOIN low ON low.department_code = g.department_code AND low.category = coalesce(g.category_code, '')
     WHERE ${where('g.')}
     ORDER BY low.rate, g.received_at, g.seq LIMIT $4`,
  [new Date(now.getTime() - LOW_SATISFACTION.days * DAY_MS).toISOString(), LOW_SATISFACTION.minReached, LOW_SATISFACTION.below]);
  return { oldest, nearestEscalation, reopened, lowSatisfaction };
}

/** Round-robin over the four lists in REVIEW_REASONS order, each grievance once, up to `size`. Pure. */
export function interleave(lists: Record<Reason, readonly string[]>, size = REVIEW_LIST_SIZE): { number: string; reason: Reason }[] {
  const out: { number: string; reason: Reason }[] = [];
  const taken = new Set<string>();
  const next = Object.fromEntries(REVIEW_REASONS.map((r) => [r, 0])) as Record<Reason, number>;
  while (out.length < size) {
    let progressed = false;
    for (const reason of REVIEW_REASONS) {
      if (out.length >= size) break;
      const list = lists[reason];
      while (next[reason] < list.length && taken.has(list[next[reason]])) next[reason]++;
      if (next[reason] < list.length) {
        const number = list[next[reason]++];
        taken.add(number);
        out.push({ number, reason });
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  return out;
}

/** Today's list for a secretary: the stored one, or a new one made and stored now. */
export async function todaysReview(db: Db, account: Extract<Account, { role: 'secretary' }>, now: Date): Promise<ReviewList> {
  const date = istDate(now);
  const read = async () => (await db.query<ItemRow>(`${ITEM_SQL} WHERE r.secretary_id = $1 AND r.review_date = $2::date ORDER BY r.rank`, [account.id, date])).map((r) => toItem(r, now));
  let items = await read();
  if (items.length === 0) {
    await db.transaction(async (tx) => {
      const previous = await tx.query<{ number: string }>(
        `SELECT grievance_number AS number FROM reviews WHERE secretary_id = $1
            AND review_date = (SELECT max(review_date) FROM reviews WHERE secretary_id = $1 AND review_date < $2::date)`, [account.id, date]);
      const picked = interleave(await candidates(tx, account.departments, previous.map((r) => r.number), now));
      if (picked.length === 0) return;
      // Two first requests at once: the second's rows collide on (secretary, date, rank) and are dropped.
      await tx.query(
        `INSERT INTO reviews (secretary_id, review_date, rank, reason, grievance_number, created_at)
         SELECT $1, $2::date, rank, reason, number, $3::timestamptz FROM jsonb_to_recordset($4::jsonb) AS r(rank int, reason text, number text)
         ON CONFLICT DO NOTHING`,
        [account.id, date, now.toISOString(), JSON.stringify(picked.map((p, i) => ({ rank: i + 1, ...p })))]);
    });
    items = await read();
  }
  return { date, secretaryId: account.id, items };
}

/**
 * Marks an item of the secretary's own list reviewed, with a note and/or an instruction; the instruction
 * also goes into the grievance's history for its holder. Marking it again the same way is a no-op; with
 * different words it is refused (review.done).
 */
export async function markReviewed(
  db: Db, audit: AuditLog, account: Account, id: string, body: ReviewMarkRequest, now: Date, caller: { ip?: string; deviceId?: string },
): Promise<ReviewItem> {
  const note = body.note || null;
  const instruction = body.instruction || null;
  return db.transaction(async (tx) => {
    const [row] = await tx.query<ItemRow & { secretary_id: string }>(`${ITEM_SQL} WHERE r.id = $1::bigint FOR UPDATE OF r`, [id]);
    if (!row || row.secretary_id.toLowerCase() !== account.id.toLowerCase()) throw new ApiProblem(404, 'review.notFound');
    if (row.reviewed_at) {
      if (row.note === note && row.instruction === instruction) return toItem(row, now);
      throw new ApiProblem(409, 'review.done');
    }
    const [updated] = await tx.query<{ reviewed_at: Date }>(
      'UPDATE reviews SET reviewed_at = $2, note = $3, instruction = $4 WHERE id = $1::bigint RETURNING reviewed_at', [id, now.toISOString(), note, instruction]);
    await appendEvents(tx, [{
      number: row.number, at: now.toISOString(), actorId: account.id, actorRole: account.role, action: 'review', from: row.status, to: row.status,
      holderId: row.holder_id, level: row.level, note: instruction ?? note, details: { reviewId: String(row.id), ...(instruction && { instruction }), ...(note && { reviewNote: note }) },
    }]);
    await audit.append({ action: 'review.mark', actorId: account.id, actorRole: account.role, target: row.number, ip: caller.ip ?? null, deviceId: caller.deviceId ?? null, details: { reviewId: String(row.id), instruction: !!instruction } }, tx);
    return toItem({ ...row, reviewed_at: updated.reviewed_at, note, instruction }, now);
  });
}
