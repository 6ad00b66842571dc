/**
 * The leaders' reports against the issue 11 targets: `tsx bench/reports.ts [--seed N] [--months 12] [--live]` on
 * DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite), seeding N synthetic grievances first (./seed-reports.ts)
 * when asked. Times (median of 5, after one warm-up) the state's daily figures as JSON, SVG and PNG (today),
 * and the state's monthly report as JSON (last month), after folding the daily rollups in (timed once: the
 * first fold after seeding builds them for the whole history). Prints a table and returns the results.
 * Targets: daily JSON ≤ 200 ms, SVG ≤ 300 ms, PNG ≤ 1 s; monthly JSON ≤ 1 s (1,000,000 on PostgreSQL, 100,000 on PGlite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freshDatabase } from '../tests/support/server-process';
import { infographicSvg } from '../src/domain/infographic';
import { istDateOf } from '../src/domain/leader-reports';
import { dailyFigures as rollupDaily, liveDailyFigures } from '../server/reports/daily-figures';
import { liveMonthlyReport, monthlyReport as rollupMonthly } from '../server/reports/monthly';
import { foldRollups } from '../server/reports/rollups';
import { svgToPng } from '../server/reports/render-png';
import type { Db } from '../server/store/db';
import { migrate } from '../server/store/migrations';
import { dbLocationFromEnv, openDb } from '../server/store/open-db';
import { seedReports } from './seed-reports';

export interface ReportBench { name: string; ms: number; targetMs: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(f: () => Promise<unknown> | unknown, runs = 5): Promise<number> {
  await f();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return Math.round(median(out));
}

/** `live`: the reports read from the grievance and event tables (liveDailyFigures, liveMonthlyReport), as before the rollups. */
export async function benchReports(db: Db, now = new Date(), live = false): Promise<ReportBench[]> {
  const state = { departments: null, district: null };
  const dailyFigures = live ? liveDailyFigures : rollupDaily;
  const monthlyReport = live ? liveMonthlyReport : rollupMonthly;
  const tag = live ? ', live tables' : '';
  const date = istDateOf(now);
  const [y, m] = date.split('-').map(Number);
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return [
    { name: `daily figures JSON (state${tag})`, ms: await time(() => dailyFigures(db, state, date, now)), targetMs: 200 },
    { name: `daily infographic SVG (state${tag})`, ms: await time(async () => infographicSvg(await dailyFigures(db, state, date, now), 'hi')), targetMs: 300 },
    { name: `daily infographic PNG 1080×1350 (state${tag})`, ms: await time(async () => svgToPng(infographicSvg(await dailyFigures(db, state, date, now), 'hi'))), targetMs: 1000 },
    { name: `monthly report JSON (state, ${lastMonth}${tag})`, ms: await time(() => monthlyReport(db, state, lastMonth, now)), targetMs: 1000 },
  ];
}

/**
 * `npm run bench -- reports`: PGlite with REPORTS_BENCH_PGLITE grievances (100,000) in a temporary DATA_DIR, and
 * PostgreSQL with REPORTS_BENCH_PG (1,000,000) in a fresh `<name>_reports` database next to BENCH_DATABASE_URL
 * or TEST_DATABASE_URL (skipped without one), each seeded over 12 months, then dropped.
 */
export async function reportsBenchAll(record: (r: { name: string; value: number; unit: string; better: 'lower' }) => void): Promise<void> {
  const run = async (label: string, db: Db, count: number) => {
    await migrate(db);
    await seedReports(db, count, 12);
    const t = performance.now();
    await foldRollups(db);
    record({ name: `daily rollups built from scratch, ${label} ${count.toLocaleString('en-IN')}`, value: Math.round(performance.now() - t), unit: 'ms', better: 'lower' });
    for (const r of await benchReports(db)) record({ name: `${r.name}, ${label} ${count.toLocaleString('en-IN')} (target ≤ ${r.targetMs} ms)`, value: r.ms, unit: 'ms', better: 'lower' });
  };
  const dir = mkdtempSync(join(tmpdir(), 'sampark-reports-'));
  const embedded = await openDb({ kind: 'embedded', dataDir: dir, durable: false });
  try { await run('PGlite', embedded, Number(process.env.REPORTS_BENCH_PGLITE ?? 100_000)); } finally { await embedded.close(); rmSync(dir, { recursive: true, force: true }); }
  const base = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!base) { console.log('  (PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)'); return; }
  const fresh = await freshDatabase(base, 'reports');
  const pgDb = await openDb({ kind: 'postgres', url: fresh.url });
  try { await run('PostgreSQL', pgDb, Number(process.env.REPORTS_BENCH_PG ?? 1_000_000)); } finally { await pgDb.close(); await fresh.drop(); }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, months: { type: 'string', default: '12' }, live: { type: 'boolean', default: false } } });
  const location = dbLocationFromEnv(process.env);
  const db = await openDb(location);
  await migrate(db);
  if (values.seed) {
    const t = Date.now();
    await seedReports(db, Number(values.seed), Number(values.months), new Date(), 50_000, console.log);
    console.log(`seeded ${values.seed} in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const t = performance.now();
  const fold = await foldRollups(db);
  console.log(`folded ${fold.grievances} grievances into the daily rollups in ${Math.round(performance.now() - t)} ms`);
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grievances');
  console.log(`${location.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${n.toLocaleString('en-IN')} grievances`);
  if (values.live) for (const r of await benchReports(db, new Date(), true)) console.log(`  ${r.name}: ${r.ms} ms`);
  for (const r of await benchReports(db)) console.log(`  ${r.name}: ${r.ms} ms (target ≤ ${r.targetMs} ms) ${r.ms <= r.targetMs ? 'met' : 'NOT met'}`);
  await db.close();
}
