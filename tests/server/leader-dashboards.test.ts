/**
 * The secretary's report to ministers and the state dashboard (issue 11, items 3 and 4) against a
 * hand-made fixture on PGlite and PostgreSQL: reviews with instructions over three days (one day meeting
 * the target of ten), an officer acting after one instruction and before another, one never acted on;
 * who sees whom (a secretary only themself, a minister only their departments); bad input in words; the
 * CSV, PDF and XLSX parsed back; and (on PostgreSQL) the admin CLI's `report reviews`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../server/cli/commands/report';
import type { Db } from '../../server/store/db';
import { Dashboard, SecretaryReport } from '../../src/domain/leader-dashboards';
import { ReviewList } from '../../src/domain/workflow-api';
import { addAccount, BACKENDS, bearer, signIn } from './harness';
import { pdfSummary } from './report-files';
import { testClock, workflowHarness, type WorkflowHarness } from './workflow-fixtures';

const IST = (local: string) => new Date(`${local}+05:30`);
const MINISTER_STATE = { id: 'minister.state', name: 'Minister State', role: 'minister' } as const;
const MINISTER_POWER = { id: 'minister.power', name: 'Minister Energy', role: 'minister' as const, departments: ['energy'] };
const SECY_POWER = { id: 'secy.power', name: 'Secretary Energy', role: 'secretary' as const, departments: ['energy'] };
const START = { type: 'start', note: 'Looking into it' } as const;
const DISPOSE = { type: 'dispose', outcome: 'relief', remarks: 'Supply restored and checked on site' } as const;

for (const backend of BACKENDS.filter((b) => b.enabled)) {
  describe(`secretary's report and state dashboard on ${backend.name}`, () => {
    const clock = testClock(IST('2026-12-01T10:00:00').getTime());
    let db: Db;
    let h: WorkflowHarness;
    const as: Record<string, Record<string, string>> = {};
    let phed: string[];
    let energy: string[];
    const get = (url: string, who: Record<string, string>) => h.server.get(url, who);
    const json = async <T>(url: string, parse: { parse(x: unknown): T }, who = h.headers.admin) => {
      const res = await get(url, who);
      expect(res.status, await res.clone().text()).toBe(200);
      return parse.parse(await res.json());
    };
    const refused = async (url: string, who: Record<string, string>, status: number, key: string) => {
      const res = await get(url, who);
      const body = (await res.json()) as { error: string; message: string; fields?: { path: string; code: string; message: string }[] };
      expect(res.status, JSON.stringify(body)).toBe(status);
      return body.fields?.[0]?.code ?? body.error;
    };
    /** A review list of `numbers` for `secretary` on `date`, the first `done` of them reviewed at 11:00 that day. */
    const reviews = async (secretary: string, date: string, numbers: string[], done: number, instructions: Record<string, string> = {}) => {
      for (const [i, number] of numbers.entries()) {
        await db.query(
          `INSERT INTO reviews (secretary_id, review_date, rank, reason, grievance_number, reviewed_at, note, instruction, created_at)
           VALUES ($1, $2::date, $3, 'oldest', $4, $5, $6, $7, $8)`,
          [secretary, date, i + 1, number, i < done ? IST(`${date}T11:00:00`).toISOString() : null, i < done ? 'Seen' : null,
            i < done ? instructions[number] ?? null : null, IST(`${date}T08:00:00`).toISOString()]);
      }
    };

    beforeAll(async () => {
      db = await backend.open();
      h = await workflowHarness(db, clock, ['l1', 'secretary', 'admin']);
      // Grievances other test files left in this worker's database would join the review lists and the figures.
      await db.exec('TRUNCATE grievances CASCADE');
      // Secretaries and ministers other test files left in this database would join "everyone".
      const others = `SELECT id FROM accounts WHERE role IN ('secretary', 'minister') AND id <> 'secy.water'`;
      await db.query(`DELETE FROM auth_sessions WHERE account_id IN (${others})`);
      await db.query(`DELETE FROM accounts WHERE id IN (${others})`);
      await db.exec('TRUNCATE reviews');
      for (const a of [MINISTER_STATE, MINISTER_POWER, SECY_POWER]) {
        await addAccount(db, a);
        as[a.id] = bearer(await signIn(h.server, a.id));
      }
      phed = await h.register(...Array.from({ length: 12 }, () => ({})));
      energy = await h.register({ departmentCode: 'energy', categoryCode: 'power-cut', districtCode: 'jaipur' });
      await db.query(`UPDATE grievances SET due_at = $1`, [IST('2026-12-20T17:00:00').toISOString()]);

      clock.now = IST('2026-12-08T09:00:00');
      await h.ok('l1', phed[3], START); // before the review of the 8th: not acting on it
      await reviews('secy.water', '2026-12-08', phed.slice(0, 10), 10, { [phed[0]]: 'Visit the site', [phed[1]]: 'Call the citizen', [phed[2]]: 'Report by Friday', [phed[3]]: 'Check the meter' });
      clock.now = IST('2026-12-08T15:00:00');
      await h.ok('l1', phed[0], START); // after it: acted
      await reviews('secy.water', '2026-12-09', phed.slice(2, 12), 4);
      await reviews('secy.power', '2026-12-09', energy, 1, { [energy[0]]: 'Restore supply' });

      // Today (the 10th): the list through the API (not yesterday's: phed 0 and 1), reviewed through the API.
      clock.now = IST('2026-12-10T10:00:00');
      const list = ReviewList.parse(await (await get('/api/reviews/today', h.headers.secretary)).json());
      expect(list.items.map((i) => i.grievance.number).sort()).toEqual([phed[0], phed[1]].sort());
      for (const item of list.items) {
        const body = item.grievance.number === phed[1] ? { instruction: 'Dispose today' } : { note: 'Work started' };
        expect((await h.server.post(`/api/reviews/${item.id}`, body, h.headers.secretary)).status).toBe(200);
      }
      clock.now = IST('2026-12-10T11:00:00');
      await h.ok('l1', phed[1], DISPOSE);
      expect((await h.server.post(`/api/grievances/${phed[1]}/feedback`, { actionId: ulid(), satisfaction: 'satisfied' }, h.headers.operator)).status).toBe(200);
      await db.query(`UPDATE grievances SET due_at = $2 WHERE number = ANY($1::text[])`, [[phed[4], phed[5]], IST('2026-12-05T17:00:00').toISOString()]);
      clock.now = IST('2026-12-10T12:00:00');
    });
    afterAll(async () => {
      await h?.close();
      await db?.query(`DELETE FROM auth_sessions WHERE account_id = ANY($1::text[])`, [[MINISTER_STATE.id, MINISTER_POWER.id, SECY_POWER.id]]);
      await db?.query(`DELETE FROM accounts WHERE id = ANY($1::text[])`, [[MINISTER_STATE.id, MINISTER_POWER.id, SECY_POWER.id]]);
      await db?.exec('TRUNCATE reviews');
      await db?.close();
    });

    it("reports a secretary's reviews, instructions, the officer's action after each, and the days the target of ten was met", async () => {
      const r = await json('/api/reports/secretaries?from=2026-12-08&to=2026-12-10&secretary=secy.water', SecretaryReport);
      expect(r.secretaries.map((s) => s.id)).toEqual(['secy.water']);
      const s = r.secretaries[0];
      expect(s.days).toEqual([
        { date: '2026-12-08', reviewed: 10, target: 10, met: true },
        { date: '2026-12-09', reviewed: 4, target: 10, met: false },
        { date: '2026-12-10', reviewed: 2, target: 10, met: false },
      ]);
      expect({ daysMet: s.daysMet, reviewed: s.reviewed, instructions: s.instructions, acted: s.instructionsActedOn }).toEqual({ daysMet: 1, reviewed: 16, instructions: 5, acted: 3 });
      expect(s.items).toHaveLength(16);
      const item = (date: string, n: string) => s.items.find((i) => i.reviewDate === date && i.number === n)!;
      expect(item('2026-12-08', phed[0])).toMatchObject({ departmentCode: 'phed', districtCode: 'jaipur', ageDays: 7, status: 'in_progress', note: 'Seen', instruction: 'Visit the site', actedOn: { action: 'start', at: IST('2026-12-08T15:00:00').toISOString(), actorId: 'ae.phed.jaipur' } });
      expect(item('2026-12-08', phed[1]).actedOn).toMatchObject({ action: 'dispose', at: IST('2026-12-10T11:00:00').toISOString() });
      expect(item('2026-12-08', phed[2])).toMatchObject({ instruction: 'Report by Friday', actedOn: null });
      expect(item('2026-12-08', phed[3])).toMatchObject({ instruction: 'Check the meter', status: 'in_progress', actedOn: null }); // started before the review
      expect(item('2026-12-10', phed[1])).toMatchObject({ instruction: 'Dispose today', status: 'closed', ageDays: 9, actedOn: { action: 'dispose' } });
      expect(item('2026-12-10', phed[0])).toMatchObject({ note: 'Work started', instruction: null, actedOn: null });
      // A week (India time) with one day meeting the target; `to` defaults to `from` (a day).
      const week = await json('/api/reports/secretaries?from=2026-12-04&to=2026-12-10', SecretaryReport, h.headers.secretary);
      expect(week.secretaries[0].days.map((d) => d.met)).toEqual([false, false, false, false, true, false, false]);
      const day = await json('/api/reports/secretaries?from=2026-12-09', SecretaryReport, h.headers.secretary);
      expect(day.secretaries[0].days).toEqual([{ date: '2026-12-09', reviewed: 4, target: 10, met: false }]);
    });

    it('shows a secretary only themself, a minister only the secretaries of their departments, an admin anyone', async () => {
      const ids = async (url: string, who: Record<string, string>) => (await json(url, SecretaryReport, who)).secretaries.map((s) => s.id);
      const url = '/api/reports/secretaries?from=2026-12-09';
      expect(await ids(url, h.headers.secretary)).toEqual(['secy.water']);
      expect(await refused(`${url}&secretary=secy.power`, h.headers.secretary, 403, '')).toBe('wf.outOfScope');
      expect(await refused(`${url}&minister=minister.power`, h.headers.secretary, 403, '')).toBe('wf.outOfScope');
      expect(await ids(url, as['minister.power'])).toEqual(['secy.power']);
      expect((await json(url, SecretaryReport, as['minister.power'])).secretaries[0].items).toMatchObject([{ number: energy[0], instruction: 'Restore supply', actedOn: null }]);
      expect(await refused(`${url}&secretary=secy.water`, as['minister.power'], 403, '')).toBe('wf.outOfScope');
      expect(await ids(url, as['minister.state'])).toEqual(['secy.power', 'secy.water']);
      expect(await ids(url, h.headers.admin)).toEqual(['secy.power', 'secy.water']);
      expect(await ids(`${url}&minister=minister.power`, h.headers.admin)).toEqual(['secy.power']);
      expect(await refused(`${url}&secretary=nobody`, h.headers.admin, 400, '')).toBe('report.notSecretary');
      expect(await refused(`${url}&minister=secy.water`, h.headers.admin, 400, '')).toBe('report.notMinister');
      expect(await refused(url, h.headers.l1, 403, '')).toBe('auth.forbidden');
      expect(await refused(url, h.headers.operator, 403, '')).toBe('auth.forbidden');
    });

    it('refuses bad dates and ranges in words', async () => {
      const admin = h.headers.admin;
      const res = await get('/api/reports/secretaries?from=2026-12-11', admin);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { fields: { message: string }[] }).fields[0].message).toMatch(/today or earlier/);
      expect(await refused('/api/reports/secretaries?from=2026-12-01&to=2026-12-11', admin, 400, '')).toBe('report.date');
      expect(await refused('/api/reports/secretaries?from=2026-02-30', admin, 400, '')).toBe('report.date');
      expect(await refused('/api/reports/secretaries?from=10-12-2026', admin, 400, '')).toBe('report.date');
      expect(await refused('/api/reports/secretaries', admin, 400, '')).toBe('err.required');
      expect(await refused('/api/reports/secretaries?from=2026-12-10&to=2026-12-08', admin, 400, '')).toBe('report.order');
      expect(await refused('/api/reports/secretaries?from=2026-11-09&to=2026-12-10', admin, 400, '')).toBe('report.span');
      expect((await get('/api/reports/secretaries?from=2026-11-10&to=2026-12-10', admin)).status).toBe(200); // 31 days
      expect(await refused('/api/reports/secretaries?from=2026-12-09&secretary=a%20b', admin, 400, '')).toBe('report.who');
      expect(await refused('/api/reports/dashboard?district=jaipur', admin, 400, '')).toBe('report.drill');
      expect(await refused('/api/reports/dashboard?department=nope', admin, 400, '')).toBe('err.department');
    });

    it('writes the report as CSV and PDF', async () => {
      const csv = await get('/api/reports/secretaries.csv?from=2026-12-08&to=2026-12-10&secretary=secy.water', h.headers.secretary);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (await csv.text()).trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^kind,secretaryId,secretaryName,date,reviewed,target,met,/);
      expect(lines.filter((l) => l.startsWith('day,'))).toHaveLength(3);
      expect(lines.filter((l) => l.startsWith('review,'))).toHaveLength(16);
      expect(lines.find((l) => l.includes('Report by Friday'))).toMatch(/,no,,,$/);
      expect(lines).toContain('day,secy.water,Secretary Water,2026-12-08,10,10,true,,,,,,,,,,,,');
      for (const lang of ['hi', 'en']) {
        const pdf = await get(`/api/reports/secretaries.pdf?from=2026-12-08&to=2026-12-10&lang=${lang}`, as['minister.state']);
        expect(pdf.status).toBe(200);
        expect(pdf.headers.get('content-type')).toBe('application/pdf');
        const summary = pdfSummary(Buffer.from(await pdf.arrayBuffer()));
        expect(summary.pages).toBeGreaterThanOrEqual(1);
        expect(summary.fonts.join(' ')).toMatch(/NotoSansDevanagari/);
      }
    });

    it('shows the state dashboard per department, drills down to district and officer, and exports it', async () => {
      const d = await json('/api/reports/dashboard?lang=en', Dashboard);
      expect(d).toMatchObject({ level: 'department', department: null, departments: null, window: { from: '2026-11-11', to: '2026-12-10' } });
      const row = (k: string) => d.rows.find((r) => r.key === k)!;
      expect(row('phed')).toMatchObject({
        pending: 11, overdue: 2, oldestDays: 9, disposedTimed: 1, disposedWithinLimit: 1, withinLimitPct: 100, reached: 1, satisfied: 1, satisfactionPct: 100,
        reachedVerified: 0, satisfactionVerifiedPct: null, reviewDays: 30, reviewDaysMet: 1, compliancePct: 3.3,
      });
      expect(row('water-resources')).toMatchObject({ pending: 0, reviewDays: 30, reviewDaysMet: 1 });
      expect(row('energy')).toMatchObject({ pending: 1, overdue: 0, reviewDays: 30, reviewDaysMet: 0, compliancePct: 0 });
      expect(d.rows[0].key).toBe('phed'); // most overdue first
      expect(d.totals).toMatchObject({ pending: 12, overdue: 2, reviewDays: 60, reviewDaysMet: 1, compliancePct: 1.7 });

      const districts = await json('/api/reports/dashboard?department=phed', Dashboard);
      expect(districts).toMatchObject({ level: 'district', rows: [{ key: 'jaipur', name: 'जयपुर', pending: 11, overdue: 2, reviewDays: null }] });
      const officers = await json('/api/reports/dashboard?department=phed&district=jaipur', Dashboard);
      expect(officers).toMatchObject({ level: 'officer', rows: [{ key: 'ae.phed.jaipur', name: 'R K Gupta', pending: 11, overdue: 2, oldestDays: 9 }] });

      const csv = await get('/api/reports/dashboard.csv?department=phed&district=jaipur', as['minister.state']);
      expect(csv.status).toBe(200);
      const lines = (await csv.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe('level,key,name,pending,overdue,oldestReceivedAt,oldestDays,disposedTimed,disposedWithinLimit,withinLimitPct,reached,satisfied,satisfactionPct,reachedVerified,satisfiedVerified,satisfactionVerifiedPct,reviewDays,reviewDaysMet,compliancePct');
      expect(lines[1]).toMatch(/^officer,ae\.phed\.jaipur,R K Gupta,11,2,/);
      expect(lines[2]).toMatch(/^officer,total,,11,2,/);
      const xlsx = await get('/api/reports/dashboard.xlsx', h.headers.admin);
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('department')!;
      expect(sheet.getRow(1).getCell(1).value).toBe('key');
      const keys = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2).getCell(1).value);
      expect(keys).toEqual([...d.rows.map((r) => r.key), 'कुल']);
    });

    it('shows a minister the dashboard of their departments only; secretaries and officers not at all', async () => {
      const d = await json('/api/reports/dashboard', Dashboard, as['minister.power']);
      expect(d.departments).toEqual(['energy']);
      expect(d.rows.map((r) => r.key)).toEqual(['energy']);
      expect(d.totals).toMatchObject({ pending: 1, reviewDays: 30, reviewDaysMet: 0 });
      expect(await refused('/api/reports/dashboard?department=phed', as['minister.power'], 403, '')).toBe('wf.outOfScope');
      expect(await refused('/api/reports/dashboard.csv?department=phed', as['minister.power'], 403, '')).toBe('wf.outOfScope');
      expect((await json('/api/reports/dashboard?department=energy&district=jaipur', Dashboard, as['minister.power'])).totals).toMatchObject({ pending: 1 });
      expect((await json('/api/reports/dashboard', Dashboard, as['minister.state'])).rows.map((r) => r.key).sort()).toEqual(['energy', 'phed', 'water-resources']);
      expect(await refused('/api/reports/dashboard', h.headers.secretary, 403, '')).toBe('auth.forbidden');
      expect(await refused('/api/reports/dashboard', h.headers.l1, 403, '')).toBe('auth.forbidden');
    });

    it.runIf(backend.name.startsWith('PostgreSQL'))('writes the report from the admin CLI (report reviews)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'reviews-cli-'));
      try {
        const env = { DATABASE_URL: process.env.TEST_DATABASE_URL, REPORT_NOW: clock.now.toISOString() };
        const io = { stdout: { write: () => true } as unknown as NodeJS.WritableStream, stderr: process.stderr, env };
        const run = (...args: string[]) => reportCommand.run(['reviews', ...args], io);
        expect(await run('--secretary', 'secy.water', '--from', '2026-12-08', '--to', '2026-12-10', '--format', 'json', '--out', join(dir, 'r.json'))).toBe(0);
        const fromCli = SecretaryReport.parse(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')));
        const fromApi = await json('/api/reports/secretaries?from=2026-12-08&to=2026-12-10&secretary=secy.water', SecretaryReport);
        expect({ ...fromCli, generatedAt: '' }).toEqual({ ...fromApi, generatedAt: '' });
        expect(await run('--minister', 'minister.power', '--from', '2026-12-09', '--format', 'csv', '--out', join(dir, 'r.csv'))).toBe(0);
        expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toContain('review,secy.power,Secretary Energy,2026-12-09');
        expect(await run('--minister', 'minister.power', '--from', '2026-12-09', '--lang', 'en', '--format', 'pdf', '--out', join(dir, 'r.pdf'))).toBe(0);
        expect(pdfSummary(readFileSync(join(dir, 'r.pdf'))).pages).toBeGreaterThanOrEqual(1);
        await expect(run('--secretary', 'secy.water', '--from', '2026-12-11', '--format', 'json', '--out', join(dir, 'x.json'))).rejects.toThrow(/today or earlier/);
        await expect(run('--secretary', 'secy.water', '--from', '2026-11-01', '--to', '2026-12-10', '--format', 'json', '--out', join(dir, 'x.json'))).rejects.toThrow(/at most 31 days/);
        await expect(run('--from', '2026-12-09', '--format', 'json', '--out', join(dir, 'x.json'))).rejects.toThrow(/--secretary ID or --minister ID/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
