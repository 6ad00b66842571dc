/**
 * Figures for leaders (issue 11): the daily figures against a hand-computed fixture (a disposal the day
 * after registration, a reopen, an escalation, registrations either side of midnight India time), the
 * infographic's text against the JSON, the PNG decoded, the monthly report and its CSV/XLSX/PDF parsed
 * back, scope and bad input; and the "Done when" (12 grievances, 3 disposed → 12 / 3 / 9) on
 * PGlite and PostgreSQL, through the API and (on PostgreSQL) the admin CLI.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reportCommand } from '../../server/cli/commands/report';
import type { Db } from '../../server/store/db';
import { asciiDigits } from '../../src/domain/digits';
import { DailyFigures, MONTHLY_COLUMNS, MonthlyReport } from '../../src/domain/leader-reports';
import { addAccount, BACKENDS, bearer, resetGrievances, signIn } from './harness';
import { decodePng, pdfSummary, svgFigures } from './report-files';
import { testClock, workflowHarness, type WorkflowHarness } from './workflow-fixtures';

const IST = (local: string) => new Date(`${local}+05:30`);
const DISPOSE = { type: 'dispose', outcome: 'relief', remarks: 'Supply restored and checked on site' } as const;
const MINISTER = { id: 'minister.water', name: 'Minister Water', role: 'minister' } as const;
const MINISTER_POWER = { id: 'minister.power', name: 'Minister Energy', role: 'minister' as const, departments: ['energy'] };
const SECY_POWER = { id: 'secy.power', name: 'Secretary Energy', role: 'secretary' as const, departments: ['energy'] };

for (const backend of BACKENDS.filter((b) => b.enabled)) {
  describe(`figures for leaders on ${backend.name}`, () => {
    const clock = testClock(IST('2026-12-10T10:00:00').getTime());
    let db: Db;
    let h: WorkflowHarness;
    let minister: Record<string, string>;
    let power: Record<string, string>;
    let powerMinister: Record<string, string>;
    const get = async (url: string, headers = h.headers.admin) => h.server.get(url, headers);
    const json = async <T>(url: string, parse: { parse(x: unknown): T }, headers = h.headers.admin) => {
      const res = await get(url, headers);
      expect(res.status, await res.clone().text()).toBe(200);
      return parse.parse(await res.json());
    };
    const bytes = async (url: string, type: string) => {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      return Buffer.from(await res.arrayBuffer());
    };

    beforeAll(async () => {
      db = await backend.open();
      h = await workflowHarness(db, clock, ['l1', 'l2', 'energy', 'nodal', 'secretary', 'admin']);
      await addAccount(db, MINISTER);
      minister = bearer(await signIn(h.server, MINISTER.id));
      await addAccount(db, SECY_POWER);
      power = bearer(await signIn(h.server, SECY_POWER.id));
      await addAccount(db, MINISTER_POWER);
      powerMinister = bearer(await signIn(h.server, MINISTER_POWER.id));
    });
    afterAll(async () => {
      await h?.close();
      await db?.query('DELETE FROM auth_sessions WHERE account_id = ANY($1::text[])', [[MINISTER.id, SECY_POWER.id, MINISTER_POWER.id]]);
      await db?.query('DELETE FROM accounts WHERE id = ANY($1::text[])', [[MINISTER.id, SECY_POWER.id, MINISTER_POWER.id]]);
      await db?.close();
    });
    beforeEach(async () => {
      await resetGrievances(db);
      clock.now = IST('2026-12-10T10:00:00');
    });

    it('done when: 12 synced today (7 energy/Jaipur, 5 PHED/Ajmer), 3 disposed → 12 / 3 / 9 in JSON, both SVGs, the PNG and the monthly report', async () => {
      const energy = await h.register(...Array.from({ length: 7 }, () => ({ departmentCode: 'energy', categoryCode: 'power-cut', districtCode: 'jaipur' })));
      await h.register(...Array.from({ length: 5 }, () => ({ departmentCode: 'phed', categoryCode: 'no-supply', districtCode: 'ajmer' })));
      clock.advance(3600_000);
      for (const n of energy.slice(0, 3)) await h.ok('energy', n, DISPOSE);

      const daily = await json('/api/reports/daily', DailyFigures);
      expect(daily).toMatchObject({ date: '2026-12-10', registered: 12, disposed: 3, pending: 9, disposedWithinLimit: 100, reopened: 0 });
      expect(daily.topDepartments).toEqual([{ departmentCode: 'energy', registered: 7 }, { departmentCode: 'phed', registered: 5 }]);
      expect(daily.trend.at(-1)).toEqual({ date: '2026-12-10', registered: 12, disposed: 3 });
      for (const lang of ['hi', 'en'] as const) {
        const svg = (await bytes(`/api/reports/daily.svg?lang=${lang}`, 'image/svg+xml')).toString('utf8');
        expect(svgFigures(svg)).toMatchObject({ registered: '12', disposed: '3', pending: '9' });
        if (lang === 'hi') expect(svg).toContain('>१२<');
      }
      const png = decodePng(await bytes('/api/reports/daily.png', 'image/png'));
      expect(png).toMatchObject({ width: 1080, height: 1350 });

      const monthly = await json('/api/reports/monthly?month=2026-12', MonthlyReport);
      expect(monthly.rows.reduce((n, r) => n + r.registered, 0)).toBe(12);
      expect(monthly.rows.reduce((n, r) => n + r.disposed, 0)).toBe(3);
      expect(monthly.rows.find((r) => r.departmentCode === 'energy' && r.districtCode === 'jaipur'))
        .toMatchObject({ registered: 7, disposed: 3, pendingAtMonthEnd: 4, disposedWithinLimit: 3, medianDaysToDispose: 0 });
      expect(monthly.rows.find((r) => r.departmentCode === 'phed' && r.districtCode === 'ajmer')).toMatchObject({ registered: 5, disposed: 0, pendingAtMonthEnd: 5 });

      const csv = (await bytes('/api/reports/monthly.csv?month=2026-12', 'text/csv')).toString('utf8').trim().split('\r\n');
      expect(csv[0]).toBe(MONTHLY_COLUMNS.join(','));
      expect(csv.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual(['energy,jaipur,7,3,3,4', 'phed,ajmer,5,0,0,5']);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await bytes('/api/reports/monthly.xlsx?month=2026-12', 'spreadsheetml') as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('2026-12')!;
      expect(sheet.getRow(1).values).toEqual([undefined, ...MONTHLY_COLUMNS]);
      expect((sheet.getRow(2).values as unknown[]).slice(1, 7)).toEqual(['energy', 'jaipur', 7, 3, 3, 4]);
      expect(pdfSummary(await bytes('/api/reports/monthly.pdf?month=2026-12&lang=hi', 'application/pdf'))).toMatchObject({ pages: 1, fonts: expect.arrayContaining([expect.stringContaining('NotoSansDevanagari')]) });

      // Scope: the energy secretary sees energy only; another department is refused; the minister sees the state.
      expect(await json('/api/reports/daily', DailyFigures, power)).toMatchObject({ registered: 7, disposed: 3, pending: 4, scope: { departments: ['energy'] } });
      expect((await get('/api/reports/daily?department=phed', power)).status).toBe(403);
      expect((await get('/api/reports/monthly.csv?month=2026-12&department=phed', power)).status).toBe(403);
      expect((await json('/api/reports/monthly?month=2026-12', MonthlyReport, power)).rows.map((r) => r.departmentCode)).toEqual(['energy']);
      expect(await json('/api/reports/daily', DailyFigures, minister)).toMatchObject({ registered: 12, disposed: 3, pending: 9 });
      // A minister with departments sees only theirs, like their secretary.
      expect(await json('/api/reports/daily', DailyFigures, powerMinister)).toMatchObject({ registered: 7, disposed: 3, pending: 4, scope: { departments: ['energy'] } });
      expect((await json('/api/reports/monthly?month=2026-12', MonthlyReport, powerMinister)).rows.map((r) => r.departmentCode)).toEqual(['energy']);
      expect((await get('/api/reports/daily.png?department=phed', powerMinister)).status).toBe(403);
      expect((await get('/api/reports/daily', h.headers.l1)).status).toBe(403);

      if (backend.name.startsWith('PostgreSQL')) {
        // The admin CLI on the same database gives the same figures.
        const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
        try {
          const env = { DATABASE_URL: process.env.TEST_DATABASE_URL, REPORT_NOW: clock.now.toISOString() };
          const io = { stdout: { write: () => true } as unknown as NodeJS.WritableStream, stderr: process.stderr, env };
          expect(await reportCommand.run(['daily', '--format', 'json', '--out', join(dir, 'd.json')], io)).toBe(0);
          expect(JSON.parse(readFileSync(join(dir, 'd.json'), 'utf8'))).toMatchObject({ date: '2026-12-10', registered: 12, disposed: 3, pending: 9 });
          expect(await reportCommand.run(['daily', '--lang', 'en', '--format', 'png', '--out', join(dir, 'd.png')], io)).toBe(0);
          expect(decodePng(readFileSync(join(dir, 'd.png'))).width).toBeGreaterThanOrEqual(1080);
          expect(await reportCommand.run(['monthly', '--month', '2026-12', '--format', 'json', '--out', join(dir, 'm.json')], io)).toBe(0);
          expect(MonthlyReport.parse(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8'))).rows).toHaveLength(2);
          await expect(reportCommand.run(['daily', '--date', '2026-12-11', '--format', 'json', '--out', join(dir, 'x.json')], io)).rejects.toThrow(/today or earlier/);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    });

    it('counts by midnight India time: a disposal the day after registration, a reopen, an escalation, pending read back at the end of each day', async () => {
      const at = async <T>(local: string, f: () => Promise<T>) => { clock.now = IST(local); return f(); };
      const [g1] = await at('2026-12-09T23:50:00', () => h.register());    // 9th, ten minutes before midnight
      const [g3, g4] = await at('2026-12-09T10:00:00', () => h.register({}, {}));
      const [g2] = await at('2026-12-10T00:10:00', () => h.register());    // 10th, ten minutes after midnight
      await at('2026-12-09T12:00:00', () => h.ok('l1', g4, DISPOSE));    // disposed on the 9th
      await at('2026-12-10T09:00:00', async () => {
        expect((await h.server.post(`/api/grievances/${g4}/feedback`, { actionId: ulid(), satisfaction: 'not_satisfied' }, h.headers.operator)).status).toBe(200);
        expect((await h.server.post(`/api/grievances/${g4}/reopen`, { actionId: ulid(), reason: 'Still no water in the ward' }, h.headers.operator)).status).toBe(200);
      });
      await at('2026-12-10T11:00:00', () => h.ok('l1', g3, DISPOSE));     // registered the 9th, disposed the 10th
      await at('2026-12-10T12:00:00', async () => {
        expect((await h.server.post(`/api/grievances/${g3}/feedback`, { actionId: ulid(), satisfaction: 'satisfied' }, h.headers.operator)).status).toBe(200);
      });
      const [g5] = await at('2026-12-10T13:00:00', () => h.register());
      await at('2026-12-10T14:00:00', () => h.ok('nodal', g5, { type: 'escalate', reason: 'Drinking water: take it up at once' }));
      clock.now = IST('2026-12-10T18:00:00');
      expect([g1, g2]).toHaveLength(2);

      const d10 = await json('/api/reports/daily?date=2026-12-10', DailyFigures);
      expect(d10).toMatchObject({ registered: 2, disposed: 1, pending: 4, disposedWithinLimit: 100, satisfaction: 50, reopened: 1, escalated: 1 });
      const d9 = await json('/api/reports/daily?date=2026-12-09', DailyFigures);
      expect(d9).toMatchObject({ registered: 3, disposed: 1, pending: 2, satisfaction: null, reopened: 0, escalated: 0 });
      expect(d10.trend.slice(-2)).toEqual([{ date: '2026-12-09', registered: 3, disposed: 1 }, { date: '2026-12-10', registered: 2, disposed: 1 }]);

      // Two months on, nothing was escalated by a sweep: the four pending at the end of the day are past their limits.
      clock.now = IST('2027-02-08T10:00:00');
      expect((await json('/api/reports/daily?date=2027-02-07', DailyFigures)).topDistrictsOverdue).toEqual([{ districtCode: 'jaipur', overdue: 4 }]);
      const m = await json('/api/reports/monthly?month=2026-12', MonthlyReport);
      expect(m.rows).toEqual([{ departmentCode: 'phed', districtCode: 'jaipur', registered: 5, disposed: 2, disposedWithinLimit: 2, pendingAtMonthEnd: 4, medianDaysToDispose: 0.6, satisfied: 1, notSatisfied: 1, reopened: 1, escalated: 1 }]);
      expect(m.worstOverdue.map((w) => w.number).sort()).toEqual([g1, g2, g4, g5].sort());
      expect(m.officers.reduce((n, o) => n + o.pending, 0)).toBe(4);
    });

    it('refuses a future or malformed date, a bad month, an unknown department; answers an empty day and month honestly', async () => {
      for (const url of ['/api/reports/daily?date=2026-12-11', '/api/reports/daily?date=2026-02-30', '/api/reports/daily?date=yesterday', '/api/reports/daily.png?date=1999-12-31',
        '/api/reports/monthly?month=2027-01', '/api/reports/monthly?month=2026-13', '/api/reports/monthly.pdf', '/api/reports/daily?department=nowhere', '/api/reports/daily?lang=fr']) {
        const res = await get(url);
        expect(res.status, url).toBe(400);
        const body = await res.json() as { error: string; fields?: { message: string }[] };
        expect(body.fields?.[0]?.message, url).toBeTruthy();
      }
      expect(await json('/api/reports/daily?date=2026-01-05', DailyFigures)).toMatchObject({ registered: 0, disposed: 0, pending: 0, disposedWithinLimit: null, satisfaction: null, topDepartments: [] });
      expect((await json('/api/reports/monthly?month=2026-01', MonthlyReport)).rows).toEqual([]);
      expect((await bytes('/api/reports/monthly.csv?month=2026-01', 'text/csv')).toString('utf8')).toBe(`${MONTHLY_COLUMNS.join(',')}\r\n`);
    });
  });
}
