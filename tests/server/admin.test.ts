/**
 * First run and administration over real HTTP on a real database (issue 15): the one-time setup link,
 * accounts made and managed by an admin and, within their department and district, by a nodal officer,
 * the CSV import of kiosk operators with a dry run and a per-row report, the routing tester agreeing with
 * where a synced grievance really goes (down to the gram panchayat), a holiday moving a due date, the
 * audit log's filters, and the LGD places importer with the hand-made fixture (tests/fixtures/lgd-hand-made).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountEntry, AuditPage, DistrictLocalPlaces, ImportReport, RoutingAnswer, SetupStatus } from '../../src/domain/admin';
import { addWorkingDays } from '../../src/domain/working-days';
import { issueSetupToken } from '../../server/admin/first-run';
import { replaceDistrictPlaces, villagesOf, wardsOf } from '../../server/admin/lgd-places';
import type { Db } from '../../server/store/db';
import { BACKENDS, bearer, resetGrievances, runAdmin, signIn } from './harness';
import { testClock, workflowHarness, type WorkflowHarness } from './workflow-fixtures';

const FIXTURES = join(import.meta.dirname, '../fixtures/lgd-hand-made');
const ADMIN = { id: 'it.cell', name: 'District IT cell', password: 'a long admin password' };
const T0 = '2026-12-03T04:30:00.000Z'; // a Thursday, 10:00 India time

for (const backend of BACKENDS.filter((b) => b.enabled)) {
  describe(`administration on ${backend.name}`, () => {
    let db: Db;
    let h: WorkflowHarness;
    let admin: Record<string, string>;
    const clock = testClock(T0);
    const post = (path: string, body: unknown, headers = admin) => h.server.post(path, body, headers);
    const json = async <T>(res: Response, status = 200): Promise<T> => {
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(status);
      return body as T;
    };

    beforeAll(async () => {
      db = await backend.open();
      h = await workflowHarness(db, clock, ['l1', 'l2', 'nodal', 'kota']);
      // A shared PostgreSQL database may hold other files' admins: this file starts from "no admin yet".
      const gone = `SELECT id FROM accounts WHERE role = 'admin' OR id IN ('op.kavita', 'je.phed.amber', 'op.ramesh', 'op.sunita')`;
      await db.exec(`DELETE FROM auth_sessions WHERE account_id IN (${gone}); DELETE FROM accounts WHERE id IN (${gone});
        DELETE FROM setup_tokens; DELETE FROM holidays; DELETE FROM routing_rules`);
    }, 120_000);
    afterAll(async () => {
      // The accounts this file made would otherwise receive other files' grievances by default routing.
      const made = `SELECT id FROM accounts WHERE role = 'admin' OR id IN ('op.kavita', 'je.phed.amber', 'op.ramesh', 'op.sunita')`;
      await db?.exec(`DELETE FROM auth_sessions WHERE account_id IN (${made}); DELETE FROM accounts WHERE id IN (${made})`);
      await h?.close();
      await db?.close();
    });

    it('first run: a setup link creates the first admin once, then every link is dead', async () => {
      expect(SetupStatus.parse(await (await h.server.get('/api/setup')).json())).toEqual({ needed: true });
      const token = (await issueSetupToken(db, clock.now))!;
      const other = (await issueSetupToken(db, clock.now))!; // a second server (or restart) prints another link
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await h.server.post('/api/setup', { token: 'x'.repeat(43), id: ADMIN.id, name: ADMIN.name, password: ADMIN.password })).status).toBe(403);
      expect((await h.server.post('/api/setup', { token, id: ADMIN.id, name: ADMIN.name, password: 'short' })).status).toBe(400);
      await json(await h.server.post('/api/setup', { token, id: ADMIN.id, name: ADMIN.name, password: ADMIN.password }));
      expect((await h.server.post('/api/setup', { token: other, id: 'x.admin', name: 'X', password: ADMIN.password })).status).toBe(409);
      expect(await issueSetupToken(db, clock.now)).toBeNull();
      expect(SetupStatus.parse(await (await h.server.get('/api/setup')).json())).toEqual({ needed: false });
      admin = bearer(await signIn(h.server, ADMIN.id, ADMIN.password));
    });

    it('accounts: an admin creates an operator who signs in, disables, enables, resets, signs out everywhere; each change audited', async () => {
      const op = { id: 'op.kavita', name: 'Kavita', role: 'operator', kioskCode: 'K5550001' };
      const created = AccountEntry.parse(await json(await post('/api/admin/accounts', { account: op, password: 'kavita password 1' })));
      expect(created).toMatchObject({ account: op, disabled: false, sessions: 0 });
      expect((await post('/api/admin/accounts', { account: op, password: 'kavita password 1' })).status).toBe(409);
      await signIn(h.server, op.id, 'kavita password 1');
      const act = (body: unknown) => post(`/api/admin/accounts/${op.id}/actions`, body);
      expect(await json(await act({ type: 'sign-out' }))).toMatchObject({ signedOut: 1 });
      await json(await act({ type: 'disable' }));
      expect((await h.server.post('/api/auth/login', { operatorId: op.id, password: 'kavita password 1', deviceId: 'DEV02' })).status).toBe(401);
      await json(await act({ type: 'enable' }));
      await json(await act({ type: 'reset-password', password: 'kavita password 2' }));
      await signIn(h.server, op.id, 'kavita password 2');
      expect((await act({ type: 'reset-password', password: 'x' })).status).toBe(400);
      expect((await post(`/api/admin/accounts/${ADMIN.id}/actions`, { type: 'disable' })).status).toBe(409); // not oneself
      const audit = AuditPage.parse(await json(await h.server.get(`/api/admin/audit?target=${op.id}&action=admin.`, admin)));
      // Newest first; a shared PostgreSQL database keeps earlier runs' entries (the log is append-only).
      expect(audit.items.slice(0, 5).map((i) => i.action)).toEqual(['admin.account-reset-password', 'admin.account-enable', 'admin.account-disable', 'admin.account-sign-out', 'admin.account-create']);
      expect(audit.items.slice(0, 5).every((i) => i.actorId === ADMIN.id)).toBe(true);
      const paged = AuditPage.parse(await json(await h.server.get(`/api/admin/audit?target=${op.id}&limit=2`, admin)));
      expect(paged.items).toHaveLength(2);
      const rest = AuditPage.parse(await json(await h.server.get(`/api/admin/audit?target=${op.id}&limit=50&before=${paged.next}`, admin)));
      expect(rest.items[0].id < paged.items[1].id || Number(rest.items[0].id) < Number(paged.items[1].id)).toBe(true);
    });

    it('a nodal officer manages the officers of their department only', async () => {
      const nodal = h.headers.nodal; // PHED, state-wide
      const list = (await json<{ items: { account: { id: string } }[] }>(await h.server.get('/api/admin/accounts', nodal))).items.map((e) => e.account.id);
      expect(list).toEqual(expect.arrayContaining(['ae.phed.jaipur', 'xen.phed.jaipur', 'ae.phed.kota']));
      expect(list).not.toContain(ADMIN.id);
      expect(list).not.toContain('op.meena');
      const officer = { id: 'je.phed.amber', name: 'JE Amber', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' };
      await json(await post('/api/admin/accounts', { account: officer, password: 'a good password' }, nodal));
      expect((await post('/api/admin/accounts', { account: { ...officer, id: 'je.energy', departments: ['energy'] }, password: 'a good password' }, nodal)).status).toBe(403);
      expect((await post('/api/admin/accounts', { account: { id: 'op.x', name: 'X', role: 'operator', kioskCode: 'K1' }, password: 'a good password' }, nodal)).status).toBe(403);
      expect((await post(`/api/admin/accounts/${ADMIN.id}/actions`, { type: 'sign-out' }, nodal)).status).toBe(404);
    });

    it('imports kiosk operators from CSV: a dry run reports each bad row and writes nothing; a clean file goes in whole', async () => {
      const csv = ['ID,Name,Kiosk Code,Password', 'op.ramesh,Ramesh Kumar,K७००१,ramesh password', 'op.bad,,K7002,short', 'op.ramesh,Again,K7003,another password',
        'ae.phed.jaipur,Officer,K7004,officer password', '"op.sunita","Sunita, Devi",K7005,sunita password'].join('\r\n');
      const dry = ImportReport.parse(await json(await post('/api/admin/accounts/import', { csv, dryRun: true })));
      expect(dry).toMatchObject({ dryRun: true, applied: false, counts: { create: 2, update: 0, error: 3 } });
      expect(dry.rows.map((r) => [r.line, r.outcome, r.errors.map((e) => `${e.path}:${e.code}`)])).toEqual([
        [2, 'create', []],
        [3, 'error', ['name:err.accountName', 'password:err.password']],
        [4, 'error', ['id:admin.duplicateRow']],
        [5, 'error', ['id:admin.notOperator']],
        [6, 'create', []],
      ]);
      const refused = ImportReport.parse(await json(await post('/api/admin/accounts/import', { csv, dryRun: false })));
      expect(refused.applied).toBe(false);
      expect((await h.server.post('/api/auth/login', { operatorId: 'op.ramesh', password: 'ramesh password', deviceId: 'DEV03' })).status).toBe(401);
      const good = ['id,name,kiosk,password', 'op.ramesh,Ramesh Kumar,K७००१,ramesh password', '"op.sunita","Sunita, Devi",K7005,sunita password'].join('\n');
      expect(ImportReport.parse(await json(await post('/api/admin/accounts/import', { csv: good, dryRun: false })))).toMatchObject({ applied: true, counts: { create: 2 } });
      expect((await signIn(h.server, 'op.ramesh', 'ramesh password')).operator).toMatchObject({ kioskCode: 'K7001' });
      expect((await post('/api/admin/accounts/import', { csv: 'name\nx', dryRun: true })).status).toBe(400);
    });

    it('imports the LGD places of a district, serves them per district, and routes by gram panchayat as the tester says', async () => {
      const villages = readFileSync(join(FIXTURES, 'villages-FAKE.csv'), 'utf8');
      const wards = readFileSync(join(FIXTURES, 'wards-FAKE.csv'), 'utf8');
      if (backend.name.startsWith('PostgreSQL')) { // the CLI opens the database itself; PGlite here is in this process's memory
        const run = await runAdmin({ ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL }, 'import-places', '--district', 'jaipur', '--villages', join(FIXTURES, 'villages-FAKE.csv'), '--wards', join(FIXTURES, 'wards-FAKE.csv'));
        expect(run.stdout).toContain('jaipur: 2 gram panchayats, 3 villages, 2 wards');
      } else {
        await replaceDistrictPlaces(db, 'jaipur', [...villagesOf(villages, 'jaipur'), ...wardsOf(wards, 'jaipur')], { name: 'fixture', bytes: villages + wards }, 'test', clock.now);
      }
      expect(villagesOf(villages, 'kota').map((v) => v.en)).toEqual(['Namoona Kota', 'Namoona Dhani, Kota']);
      expect(() => villagesOf('a,b\n1,2\n', 'jaipur')).toThrow(/no column for code/);
      const places = DistrictLocalPlaces.parse(await json(await h.server.get('/api/places/jaipur')));
      expect(places.villages.find((v) => v.en === 'Namoona Khurd')).toMatchObject({ code: '9100002', hi: 'नमूना खुर्द', gp: '9200001', tehsil: '547' });
      expect(places.wards.map((w) => [w.en, w.hi])).toEqual([['Greater Jaipur ward 1', 'ग्रेटर जयपुर वार्ड 1'], ['Namoona Colony', 'ग्रेटर जयपुर वार्ड 2']]);
      expect(DistrictLocalPlaces.parse(await json(await h.server.get('/api/places/kota')))).toMatchObject({ version: '', villages: [], wards: [] });
    });

    it('the routing tester names who the real routing picks, down to the gram panchayat', async () => {
      // Default routing gives a district's L1 officers work by fewest open grievances (then by ID): start with none
      // open, whatever earlier tests (or, on a shared PostgreSQL, earlier files) left, so the pick is the same each run.
      await resetGrievances(db);
      const rule = { id: 'phed-gp-namoona', department: 'phed', district: 'jaipur', place: 'gp:9200001', levels: { L1: 'je.phed.amber' } };
      await json(await post('/api/admin/routing', rule));
      const probe = { departmentCode: 'phed', categoryCode: 'no-supply', districtCode: 'jaipur', areaType: 'rural', tehsilCode: '547' };
      const tested = async (p: object) => RoutingAnswer.parse(await json(await post('/api/admin/routing/test', p))).levels;
      expect((await tested({ ...probe, gramPanchayatCode: '9200001', villageCode: '9100002' }))[0]).toMatchObject({ holderId: 'je.phed.amber', holderName: 'JE Amber', via: 'rule', ruleId: rule.id });
      expect((await tested(probe))[0]).toMatchObject({ holderId: 'ae.phed.jaipur', via: 'district-officer' });
      expect((await tested(probe))[3]).toMatchObject({ level: 'L4', holderId: 'nodal.phed', via: 'nodal' });
      // The same grievances really go there.
      const [inGp, outside] = await h.register({ tehsilCode: '547', gramPanchayatCode: '9200001', villageCode: '9100002' }, { tehsilCode: '547' });
      const holder = async (n: string) => (await db.query<{ holder_id: string }>('SELECT holder_id FROM grievances WHERE number = $1', [n]))[0].holder_id;
      expect([await holder(inGp), await holder(outside)]).toEqual(['je.phed.amber', 'ae.phed.jaipur']);
      expect((await post('/api/admin/routing/test', { ...probe, districtCode: 'kota' }, h.headers.kota)).status).toBe(403);
      expect((await post('/api/admin/routing', { ...rule, id: 'same-match' })).status).toBe(409);
      await json(await post('/api/admin/routing/remove', { id: rule.id }));
    });

    it('a holiday moves the due date of the next assignment (working days, India time)', async () => {
      await json(await post('/api/admin/time-limits', { department: 'phed', category: 'no-supply', days: 1 }));
      const due = async () => {
        const [n] = await h.register();
        return (await db.query<{ due_at: Date }>('SELECT due_at FROM grievances WHERE number = $1', [n]))[0].due_at;
      };
      expect(await due()).toEqual(new Date('2026-12-04T04:30:00.000Z')); // Thursday + 1 working day: Friday
      await json(await post('/api/admin/holidays', { date: '2026-12-04', en: 'Test holiday', hi: 'परीक्षण अवकाश' }));
      expect(await due()).toEqual(new Date('2026-12-07T04:30:00.000Z')); // Friday off, then the weekend: Monday
      expect(addWorkingDays(clock.now, 1, new Set(['2026-12-04']))).toEqual(new Date('2026-12-07T04:30:00.000Z'));
      expect((await post('/api/admin/holidays', { date: '2026-02-30', en: 'x', hi: 'x' })).status).toBe(400);
      await json(await post('/api/admin/holidays/remove', { date: '2026-12-04' }));
      expect((await post('/api/admin/holidays/remove', { date: '2026-12-04' })).status).toBe(404);
      await json(await post('/api/admin/time-limits', { department: 'phed', category: 'no-supply', days: 3 }));
      const audit = AuditPage.parse(await json(await h.server.get('/api/admin/audit?action=admin.holiday', admin)));
      expect(audit.items.slice(0, 2).map((i) => [i.action, i.target])).toEqual([['admin.holiday-remove', '2026-12-04'], ['admin.holiday-set', '2026-12-04']]);
    });
  });
}
