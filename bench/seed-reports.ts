/**
 * Seeds a database with synthetic grievances and their events for the leaders' reports (issue 11):
 * `tsx bench/seed-reports.ts --count 1000000 --months 12` on DATABASE_URL or DATA_DIR (PGlite), as the
 * server would have written them: a register and an assign event each, about 70% disposed within 0–20
 * days (with `withinLimit` and `dueBefore` on the dispose event, as the workflow keeps them), a third of those
 * with a citizen's feedback, a few reopened and escalated. Set-based SQL in batches; the rows are made
 * up (names, mobiles), spread over every department and district, ending at the present moment.
 */
import { parseArgs } from 'node:util';
import { DEPARTMENT_CODES, DISTRICT_CODES } from '../src/domain/reference';
import type { Db } from '../server/store/db';
import { migrate } from '../server/store/migrations';
import { dbLocationFromEnv, openDb } from '../server/store/open-db';

const DAY_S = 86_400;

/** Adds `count` grievances received over the `months` before `now`, numbered after any already there. */
export async function seedReports(db: Db, count: number, months: number, now = new Date(), batch = 50_000, log: (s: string) => void = () => {}): Promise<void> {
  const [{ base }] = await db.query<{ base: string }>('SELECT coalesce(max(seq), 0)::text AS base FROM grievances');
  const spanS = Math.round(months * 30.4 * DAY_S);
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    const p = [Number(base), from, to, now.toISOString(), spanS, [...DEPARTMENT_CODES], [...DISTRICT_CODES]];
    await db.transaction(async (tx) => {
      // Each grievance's facts from a hash of its index: reproducible, spread evenly.
      await tx.query(`
        WITH s AS (
          SELECT $1::bigint + i AS seq, i, (hashint8(i)::bigint + 2147483648) AS h1, (hashint8(i + 7919)::bigint + 2147483648) AS h2
            FROM generate_series($2::bigint, $3::bigint) AS i),
        f AS (
          SELECT seq, h1, h2,
                 $4::timestamptz - make_interval(secs => (h1 % $5::bigint)) AS received,
                 ($6::text[])[1 + (h1 % cardinality($6::text[]))] AS dept,
                 ($7::text[])[1 + (h2 % cardinality($7::text[]))] AS dist,
                 (h2 % 100) AS roll, make_interval(secs => (h2 % (20 * ${DAY_S}))) AS to_dispose
            FROM s)
        INSERT INTO grievances (client_id, seq, number, content_hash, receipt_number, kiosk_code, device_id, department_code, district_code,
                                area_type, citizen_name, mobile, description, lang, created_at, received_at, status, holder_id, level,
                                assigned_at, due_at, disposed_at, outcome, satisfaction, reopen_count, escalation_count, version)
        SELECT 'BENCH' || lpad(seq::text, 21, '0'), seq, 'B' || lpad(seq::text, 12, '0'), md5(seq::text), 'R' || seq, 'K1023456', 'bench-device',
               dept, dist, CASE WHEN h1 % 3 = 0 THEN 'urban' ELSE 'rural' END, 'Bench Citizen', '9' || lpad((h2 % 1000000000)::text, 9, '0'),
               'Synthetic grievance for the reports bench', 'hi', received, received,
               CASE WHEN roll < 70 AND received + to_dispose < $4::timestamptz THEN (CASE WHEN roll < 25 THEN 'closed' ELSE 'disposed' END)
                    WHEN roll >= 97 THEN 'reopened' ELSE 'assigned' END,
               'ae.' || dept || '.' || dist, CASE WHEN roll BETWEEN 90 AND 96 THEN 'L2' ELSE 'L1' END,
               received, CASE WHEN roll < 70 AND received + to_dispose < $4::timestamptz THEN NULL ELSE received + interval '7 days' END,
               CASE WHEN roll < 70 AND received + to_dispose < $4::timestamptz THEN received + to_dispose END,
               CASE WHEN roll < 70 AND received + to_dispose < $4::timestamptz THEN 'relief' END,
               CASE WHEN roll < 25 AND received + to_dispose < $4::timestamptz THEN 'satisfied' END,
               CASE WHEN roll >= 97 THEN 1 ELSE 0 END, CASE WHEN roll BETWEEN 90 AND 96 THEN 1 ELSE 0 END, 2
          FROM f`, p);
      await tx.query(`
        INSERT INTO grievance_events (grievance_number, at, actor_id, actor_role, action, from_status, to_status, holder_id, level, details)
        SELECT g.number, e.at, e.actor, e.role, e.action, e.from_s, e.to_s, g.holder_id, g.level, e.details
          FROM grievances g CROSS JOIN LATERAL (VALUES
                 (g.received_at, NULL, 'operator', 'register', NULL, 'registered', '{}'::jsonb, true),
                 (g.received_at, NULL, 'system', 'assign', 'registered', 'assigned', jsonb_build_object('dueBefore', NULL), true),
                 (g.disposed_at, g.holder_id, 'officer', 'dispose', 'assigned', 'disposed',
                  jsonb_build_object('dueBefore', g.received_at + interval '7 days', 'withinLimit', g.disposed_at <= g.received_at + interval '7 days', 'outcome', 'relief'), g.disposed_at IS NOT NULL),
                 (g.disposed_at + interval '1 day', 'op.bench', 'operator', 'feedback', 'disposed', 'closed',
                  jsonb_build_object('satisfaction', 'satisfied', 'cycle', 0), g.satisfaction = 'satisfied' AND g.disposed_at + interval '1 day' < $3::timestamptz),
                 (g.received_at + interval '8 days', NULL, 'system', 'escalate', 'assigned', 'assigned',
                  jsonb_build_object('dueBefore', g.received_at + interval '7 days'), g.escalation_count > 0 AND g.received_at + interval '8 days' < $3::timestamptz),
                 (g.received_at + interval '2 days', 'op.bench', 'operator', 'reopen', 'disposed', 'reopened',
                  jsonb_build_object('dueBefore', NULL, 'reopenCount', 1), g.reopen_count > 0 AND g.received_at + interval '2 days' < $3::timestamptz)
               ) AS e(at, actor, role, action, from_s, to_s, details, keep)
         WHERE g.seq BETWEEN $1::bigint AND $2::bigint AND e.keep`, [Number(base) + from, Number(base) + to, now.toISOString()]);
    });
    log(`  seeded ${to.toLocaleString('en-IN')} of ${count.toLocaleString('en-IN')}`);
  }
  // Vacuumed as autovacuum would do after a while: the pending count reads the covering index alone (index-only scan).
  await db.exec('VACUUM ANALYZE grievances');
  await db.exec('VACUUM ANALYZE grievance_events');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, months: { type: 'string', default: '12' } } });
  const db = await openDb(dbLocationFromEnv(process.env));
  await migrate(db);
  const t = Date.now();
  await seedReports(db, Number(values.count), Number(values.months), new Date(), 50_000, console.log);
  console.log(`seeded ${values.count} grievances over ${values.months} months in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await db.close();
}
