/**
 * The evening infographic (issue 11): made once a day after DAILY_REPORT_AT (India time) in Hindi and
 * English, kept in daily_reports, and an SMS queued for each subscribed account; the CLI subscribes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../server/cli/commands/report';
import { parseReportAt, runDailyReport, storedDailyReport } from '../../server/reports/daily-job';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { addAccount, resetGrievances } from './harness';
import { decodePng, svgFigures } from './report-files';
import { testClock, workflowHarness, type WorkflowHarness } from './workflow-fixtures';

const IST = (local: string) => new Date(`${local}+05:30`).getTime();
const clock = testClock(IST('2026-12-10T10:00:00'));
let db: Db;
let h: WorkflowHarness;

beforeAll(async () => {
  db = await openMemoryDb();
  h = await workflowHarness(db, clock, ['l1', 'admin']);
  await addAccount(db, { id: 'secy.water', name: 'Secretary Water', role: 'secretary', departments: ['phed'] });
  await db.query(`INSERT INTO report_subscriptions (account_id, kind, mobile, lang, created_at) VALUES ('secy.water', 'daily', '9876500001', 'hi', now()), ('admin', 'daily', '9876500002', 'en', now())`);
});
afterAll(async () => {
  await h?.close();
  await db?.close();
});

describe('the evening infographic', () => {
  it('reads DAILY_REPORT_AT as HH:MM India time, 20:00 by default, off to turn it off; refuses anything else', () => {
    expect(parseReportAt(undefined)).toBe(1200);
    expect(parseReportAt('07:30')).toBe(450);
    expect(parseReportAt('off')).toBeNull();
    expect(() => parseReportAt('8pm')).toThrow(/HH:MM/);
    expect(() => parseReportAt('24:00')).toThrow(/HH:MM/);
  });

  it('is made once after the hour, in Hindi and English, kept, and each subscriber is sent an SMS', async () => {
    await resetGrievances(db);
    const numbers = await h.register({}, {}, {});
    await h.ok('l1', numbers[0], { type: 'dispose', outcome: 'relief', remarks: 'Pipeline repaired, supply restored' });
    const run = (local: string) => { clock.now = new Date(IST(local)); return runDailyReport({ db, clock: clock.at, atMinutes: 20 * 60 }); };

    expect(await run('2026-12-10T19:59:00')).toEqual({ date: '2026-12-10', made: false, notified: 0 });
    expect(await run('2026-12-10T20:04:00')).toEqual({ date: '2026-12-10', made: true, notified: 2 });
    expect(await run('2026-12-10T20:09:00')).toEqual({ date: '2026-12-10', made: false, notified: 0 });

    for (const lang of ['hi', 'en'] as const) {
      const stored = (await storedDailyReport(db, '2026-12-10', lang))!;
      expect(stored.figures).toMatchObject({ date: '2026-12-10', registered: 3, disposed: 1, pending: 2 });
      expect(svgFigures(stored.svg)).toMatchObject({ registered: '3', disposed: '1', pending: '2' });
      expect(decodePng(stored.png).width).toBe(1080);
    }
    const sms = await db.query<{ mobile: string; kind: string; lang: string; body: string }>("SELECT mobile, kind, lang, body FROM notifications WHERE kind = 'report-ready' ORDER BY mobile");
    expect(sms).toEqual([
      { mobile: '9876500001', kind: 'report-ready', lang: 'hi', body: expect.stringContaining('दर्ज 3, निस्तारित 1, लंबित 2') },
      { mobile: '9876500002', kind: 'report-ready', lang: 'en', body: expect.stringContaining('registered 3, disposed 1, pending 2') },
    ]);
  });

  it('on the 1st, also tells those subscribed to the monthly report that last month\'s is ready', async () => {
    await db.query(`INSERT INTO report_subscriptions (account_id, kind, mobile, lang, created_at) VALUES ('secy.water', 'monthly', '9876500003', 'en', now())`);
    clock.now = new Date(IST('2027-01-01T20:30:00'));
    expect(await runDailyReport({ db, clock: clock.at, atMinutes: 20 * 60 })).toEqual({ date: '2027-01-01', made: true, notified: 3 });
    const [sms] = await db.query<{ mobile: string; body: string }>("SELECT mobile, body FROM notifications WHERE kind = 'monthly-ready'");
    expect(sms).toEqual({ mobile: '9876500003', body: expect.stringContaining('monthly department-wise report for 2026-12 is ready') });
    expect(sms.body).toContain('/reports?month=2026-12');
  });

  it('the CLI refuses a bad mobile and an unknown account', async () => {
    const io = { stdout: process.stdout, stderr: process.stderr, env: {} };
    await expect(reportCommand.run(['subscribe', '--account', 'secy.water', '--mobile', '12345'], io)).rejects.toThrow(/10-digit/);
    await expect(reportCommand.run(['subscribe'], io)).rejects.toThrow(/--account/);
  });
});
