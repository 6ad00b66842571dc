/**
 * Keeping the daily rollups (issue 11 item 5) without any work on the ingest: a fold, run by a job (once across
 * processes) and before every report, takes the events written since the last fold (report_rollup_state's
 * watermark), and folds each grievance they touch again from its present row and whole history
 * (./rollup-facts.ts): its previous facts are taken out of report_rollups and the new ones put in, in one
 * transaction with the watermark, so the rollups are always exactly the sum of the facts of the events up to it.
 *
 * The watermark is safe on PostgreSQL with many writers: the highest event id is read under a SHARE lock on
 * grievance_events, which waits for the transactions writing events to end (and holds new ones back only for
 * that read), so no event with a lower id can commit after it. Every grievance the server takes in gets a
 * register event in the ingest's transaction; grievances numbered since the last fold are folded too.
 */
import type { Db, Queryable } from '../store/db';
import { COUNTS, type Fact, type FactEvent, type FactGrievance, grievanceFacts, type OverdueStretch } from './rollup-facts';

const CHUNK = 5000;
const KEY = ['day', 'department_code', 'district_code', 'holder_id'] as const;
const ADD = COUNTS.map((c) => `${c} = report_rollups.${c} + excluded.${c}`).join(', ');
const FACT_COLUMNS = `grievance_number text, day date, department_code text, district_code text, holder_id text, ${COUNTS.map((c) => `${c} int`).join(', ')}, m_first_at timestamptz, received_at timestamptz`;
const FACT_NAMES = `grievance_number, day, department_code, district_code, holder_id, ${COUNTS.join(', ')}, m_first_at, received_at`;
const STRETCH_COLUMNS = 'grievance_number text, from_day date, to_day date, department_code text, district_code text, holder_id text, status text, due timestamptz, received_at timestamptz';

/**
 * Takes out the facts of `numbers` (and their sums), then puts in `facts` (and adds them); the same for the overdue
 * stretches. `scratch`: the tables are empty and the sums are made once at the end (./rollups.ts sumFacts).
 */
async function replaceFacts(q: Queryable, numbers: string[], facts: Fact[], overdue: OverdueStretch[], scratch: boolean): Promise<void> {
  if (scratch) {
    await q.query(`INSERT INTO report_facts (${FACT_NAMES}) SELECT ${FACT_NAMES} FROM jsonb_to_recordset($1::jsonb) AS r(${FACT_COLUMNS})`, [JSON.stringify(facts)]);
    if (overdue.length > 0) await q.query(`INSERT INTO report_overdue SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${STRETCH_COLUMNS})`, [JSON.stringify(overdue)]);
    return;
  }
  // The facts taken out (sign -1) or put in (+1), summed into the rollups and the totals.
  const sumInto = (rows: string, sign: string) => `
    r AS (INSERT INTO report_rollups (${KEY.join(', ')}, ${COUNTS.join(', ')})
          SELECT ${KEY.join(', ')}, ${COUNTS.map((c) => `${sign}sum(${c})::int`).join(', ')} FROM ${rows} GROUP BY ${KEY.join(', ')}
          ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET ${ADD}),
    t AS (INSERT INTO report_totals (department_code, district_code, holder_id, pending, overdue)
          SELECT department_code, district_code, holder_id, ${sign}sum(pending_delta)::int, ${sign}sum(overdue_delta)::int FROM ${rows} GROUP BY 1, 2, 3
          ON CONFLICT (department_code, district_code, holder_id)
          DO UPDATE SET pending = report_totals.pending + excluded.pending, overdue = report_totals.overdue + excluded.overdue)
    SELECT 1`;
  await q.query(`WITH old AS (DELETE FROM report_facts WHERE grievance_number = ANY($1::text[]) RETURNING *), ${sumInto('old', '-')}`, [numbers]);
  await q.query(`
    WITH new AS (INSERT INTO report_facts (${FACT_NAMES}) SELECT ${FACT_NAMES} FROM jsonb_to_recordset($1::jsonb) AS r(${FACT_COLUMNS}) RETURNING *),
    ${sumInto('new', '')}`, [JSON.stringify(facts)]);
  await q.query('DELETE FROM report_overdue WHERE grievance_number = ANY($1::text[])', [numbers]);
  if (overdue.length > 0) {
    await q.query(`
      INSERT INTO report_overdue (grievance_number, from_day, to_day, department_code, district_code, holder_id, status, due, received_at)
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${STRETCH_COLUMNS})`, [JSON.stringify(overdue)]);
  }
}

/** Folds the grievances `numbers` again from their present rows and all their events. */
export async function refold(q: Queryable, numbers: string[], scratch = false): Promise<void> {
  const grievances = await q.query<FactGrievance>(`
    SELECT number, received_at, department_code, district_code, holder_id, status, due_at FROM grievances WHERE number = ANY($1::text[])`, [numbers]);
  const events = await q.query<FactEvent>(`
    SELECT grievance_number, at, action, from_status, to_status IS NOT NULL AS status_change,
           coalesce(action = 'dispose' AND details->>'withinLimit' = 'true', false) AS within,
           (action = 'dispose' AND details ? 'withinLimit') AS timed,
           CASE WHEN action = 'feedback' THEN details->>'satisfaction' END AS satisfaction,
           coalesce(action = 'feedback' AND details->>'verified' = 'true', false) AS verified,
           details ? 'dueBefore' AS clock, CASE WHEN details ? 'dueBefore' THEN (details->>'dueBefore')::timestamptz END AS due_before
      FROM grievance_events
     WHERE grievance_number = ANY($1::text[])
       AND (to_status IS NOT NULL OR details ? 'dueBefore' OR action IN ('dispose', 'feedback', 'reopen', 'escalate'))
     ORDER BY grievance_number, id`, [numbers]);
  const byNumber = new Map<string, FactEvent[]>();
  for (const e of events) {
    const list = byNumber.get(e.grievance_number);
    if (list) list.push(e);
    else byNumber.set(e.grievance_number, [e]);
  }
  const facts: Fact[] = [];
  const overdue: OverdueStretch[] = [];
  for (const g of grievances) {
    const made = grievanceFacts(g, byNumber.get(g.number) ?? []);
    facts.push(...made.facts);
    overdue.push(...made.overdue);
  }
  await replaceFacts(q, numbers, facts, overdue, scratch);
}

/** The rollups and totals made from all the facts at once (rows in day order, so a few days are a few pages). */
async function sumFacts(q: Queryable): Promise<void> {
  await q.query(`
    INSERT INTO report_rollups (${KEY.join(', ')}, ${COUNTS.join(', ')})
    SELECT ${KEY.join(', ')}, ${COUNTS.map((c) => `sum(${c})::int`).join(', ')} FROM report_facts GROUP BY ${KEY.join(', ')} ORDER BY ${KEY.join(', ')}`);
  await q.query(`
    INSERT INTO report_totals (department_code, district_code, holder_id, pending, overdue)
    SELECT department_code, district_code, holder_id, sum(pending_delta)::int, sum(overdue_delta)::int FROM report_facts GROUP BY 1, 2, 3`);
}

export interface FoldResult { grievances: number; eventId: string }

/** Folds in every event written since the last fold (nothing to do: two short reads). */
export async function foldRollups(db: Db): Promise<FoldResult> {
  const high = await db.transaction(async (tx) => {
    await tx.exec('LOCK TABLE grievance_events IN SHARE MODE');
    const [r] = await tx.query<{ id: string; seq: string }>(`
      SELECT (SELECT coalesce(max(id), 0) FROM grievance_events)::text AS id, (SELECT coalesce(max(seq), 0) FROM grievances)::text AS seq`);
    return r;
  });
  return db.transaction(async (tx) => {
    const [state] = await tx.query<{ event_id: string; seq: string }>('SELECT event_id::text, seq::text FROM report_rollup_state WHERE id = 1 FOR UPDATE');
    if (BigInt(high.id) <= BigInt(state.event_id) && BigInt(high.seq) <= BigInt(state.seq)) return { grievances: 0, eventId: state.event_id };
    const dirty = await tx.query<{ n: string }>(`
      SELECT grievance_number AS n FROM grievance_events WHERE id > $1::bigint AND id <= $2::bigint
      UNION SELECT number FROM grievances WHERE seq > $3::bigint AND seq <= $4::bigint`, [state.event_id, high.id, state.seq, high.seq]);
    const numbers = dirty.map((d) => d.n);
    // From scratch (a new or emptied database, a rebuild): facts only, then the sums in day order, once.
    const scratch = state.event_id === '0' && state.seq === '0';
    if (scratch) await tx.exec('TRUNCATE report_facts, report_rollups, report_overdue, report_totals');
    for (let i = 0; i < numbers.length; i += CHUNK) await refold(tx, numbers.slice(i, i + CHUNK), scratch);
    if (scratch) await sumFacts(tx);
    if (numbers.length >= 10_000) await tx.exec('ANALYZE report_facts; ANALYZE report_rollups; ANALYZE report_overdue; ANALYZE report_totals');
    const eventId = BigInt(high.id) > BigInt(state.event_id) ? high.id : state.event_id;
    const seq = BigInt(high.seq) > BigInt(state.seq) ? high.seq : state.seq;
    await tx.query('UPDATE report_rollup_state SET event_id = $1::bigint, seq = $2::bigint, folded_at = now() WHERE id = 1', [eventId, seq]);
    return { grievances: numbers.length, eventId };
  });
}

/** Empties the rollups and folds everything again (after a change to how they are made; the admin CLI, the bench). */
export async function rebuildRollups(db: Db): Promise<FoldResult> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT 1 FROM report_rollup_state WHERE id = 1 FOR UPDATE');
    await tx.exec('TRUNCATE report_facts, report_rollups, report_overdue, report_totals');
    await tx.query('UPDATE report_rollup_state SET event_id = 0, seq = 0, folded_at = NULL WHERE id = 1');
  });
  return foldRollups(db);
}
