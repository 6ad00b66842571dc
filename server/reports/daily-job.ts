/**
 * The evening infographic: every day at DAILY_REPORT_AT (India time, default 20:00) the state's figures
 * are made in Hindi and English (JSON, SVG, PNG), kept in daily_reports for history, and an SMS tells each
 * account subscribed to them (report_subscriptions) that they are ready; on the 1st, those subscribed to the
 * monthly report are told that last month's is. The job runs every few minutes
 * through the jobs interface; the first round after the hour makes the day's report, later rounds (and
 * other processes) find it made and do nothing: the insert and the notifications are one transaction.
 */
import { infographicSvg } from '../../src/domain/infographic';
import { type DailyFigures, istDateOf } from '../../src/domain/leader-reports';
import { enqueueNotifications } from '../notifications/outbox';
import type { Db, Queryable } from '../store/db';
import { dailyFigures } from './daily-figures';
import { svgToPng } from './render-png';

/** "HH:MM" (India time) → minutes after midnight; "off" → null. */
export function parseReportAt(raw: string | undefined, name = 'DAILY_REPORT_AT'): number | null {
  if (raw === undefined || raw === '') return 20 * 60;
  if (raw === 'off') return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(raw);
  if (!m) throw new Error(`${name} must be a time HH:MM (India time, e.g. 20:00) or off, not "${raw}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export interface DailyReportRun { date: string; made: boolean; notified: number }

/** Makes today's report if it is past `atMinutes` (India time) and it is not made yet. */
export async function runDailyReport(deps: { db: Db; clock: () => Date; atMinutes: number }): Promise<DailyReportRun> {
  const now = deps.clock();
  const date = istDateOf(now);
  const istMinutes = Math.floor(((now.getTime() + 5.5 * 3600_000) % 86_400_000) / 60_000);
  if (istMinutes < deps.atMinutes) return { date, made: false, notified: 0 };
  const [done] = await deps.db.query('SELECT 1 FROM daily_reports WHERE report_date = $1::date AND scope = $2 LIMIT 1', [date, 'state']);
  if (done) return { date, made: false, notified: 0 };
  const figures = await dailyFigures(deps.db, { departments: null, district: null }, date, now);
  const made = (['hi', 'en'] as const).map((lang) => {
    const svg = infographicSvg(figures, lang);
    return { lang, svg, png: svgToPng(svg) };
  });
  return deps.db.transaction(async (tx) => {
    let inserted = 0;
    for (const m of made) {
      const rows = await tx.query(
        `INSERT INTO daily_reports (report_date, scope, lang, figures, svg, png, generated_at) VALUES ($1::date, 'state', $2, $3::jsonb, $4, $5, $6)
         ON CONFLICT DO NOTHING RETURNING lang`, [date, m.lang, JSON.stringify(figures), m.svg, m.png, now.toISOString()]);
      inserted += rows.length;
    }
    if (inserted === 0) return { date, made: false, notified: 0 }; // another process made it meanwhile
    return { date, made: true, notified: await notifySubscribers(tx, figures, now) + (date.endsWith('-01') ? await notifyMonthly(tx, date, now) : 0) };
  });
}

async function notifySubscribers(tx: Queryable, f: DailyFigures, now: Date): Promise<number> {
  const subs = await tx.query<{ mobile: string; lang: 'hi' | 'en' }>("SELECT mobile, lang FROM report_subscriptions WHERE kind = 'daily' ORDER BY account_id");
  await enqueueNotifications(tx, subs.map((s) => ({
    kind: 'report-ready' as const, lang: s.lang, mobile: s.mobile, reportDate: f.date, registered: f.registered, disposed: f.disposed, pending: f.pending,
    expiresAt: new Date(now.getTime() + 86_400_000), // tomorrow's report makes it stale
  })), now);
  return subs.length;
}

/** On the 1st (with that day's report, so once): last month's report is ready, to the accounts subscribed to it. */
async function notifyMonthly(tx: Queryable, date: string, now: Date): Promise<number> {
  const [y, m] = date.split('-').map(Number);
  const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const subs = await tx.query<{ mobile: string; lang: 'hi' | 'en' }>("SELECT mobile, lang FROM report_subscriptions WHERE kind = 'monthly' ORDER BY account_id");
  await enqueueNotifications(tx, subs.map((s) => ({ kind: 'monthly-ready' as const, lang: s.lang, mobile: s.mobile, month, link: `/reports?month=${month}` })), now);
  return subs.length;
}

/** A stored day's report: the figures, and the SVG and PNG in `lang`. */
export async function storedDailyReport(q: Queryable, date: string, lang: 'hi' | 'en'): Promise<{ figures: DailyFigures; svg: string; png: Buffer } | undefined> {
  const [row] = await q.query<{ figures: DailyFigures; svg: string; png: Uint8Array }>(
    "SELECT figures, svg, png FROM daily_reports WHERE report_date = $1::date AND scope = 'state' AND lang = $2", [date, lang]);
  return row && { figures: row.figures, svg: row.svg, png: Buffer.from(row.png) };
}
