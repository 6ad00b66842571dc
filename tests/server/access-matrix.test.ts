/**
 * Who may call what: every route of the registry (as listed by /api/openapi.json) called as no one, as
 * each role, as an operator of another kiosk, as officers of another department and of another district,
 * and as a disabled operator, with the answer each must get. A route added without a row here fails the
 * test, so the table grows with the API (issue 7's officer routes will add rows where place matters).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, type GrievanceScope, inScope, type Session } from '../../src/domain/accounts';
import { ApiError } from '../../src/domain/schemas';
import { setDisabled } from '../../server/store/accounts';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { addAccount, bearer, resetGrievances, signIn, startServer, type TestServer } from './harness';
import { type Caller, CALLERS, NAMES, state } from './access-matrix-callers';
import { ROUTES } from './access-matrix-routes';

describe('access matrix: every route × every kind of caller', () => {
  let db: Db;
  let server: TestServer;
  let documented: string[];

  beforeAll(async () => {
    db = await openMemoryDb();
    state.db = db;
    server = await startServer({ db, security: { loginPerAddressPerMin: 10_000 } });
    await Promise.all(Object.values(CALLERS).map((a) => a && addAccount(db, a)));
    const doc = (await (await server.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('has a row for every documented route, and no other', () => {
    expect(Object.keys(ROUTES).sort()).toEqual([...documented].sort());
  });

  /**
   * One sign-in per caller for the whole table (a sign-in is a scrypt hash: 12 of them per row were most of
   * this file's time), renewed for a caller whenever the server no longer takes its access token (a row
   * signed it out, or it is near its expiry), so every row starts with a working session for each caller.
   * The disabled operator keeps the session it had before being disabled, which disabling ended.
   */
  const sessions: Partial<Record<Caller, Session>> = {};
  const MARGIN_MS = 5 * 60_000;
  async function liveSessions(): Promise<Partial<Record<Caller, Session>>> {
    if (!sessions.disabledOperator) {
      await setDisabled(db, CALLERS.disabledOperator.id, false, new Date());
      sessions.disabledOperator = await signIn(server, CALLERS.disabledOperator.id);
      await setDisabled(db, CALLERS.disabledOperator.id, true, new Date());
      expect((await server.get('/api/auth/me', bearer(sessions.disabledOperator))).status).toBe(401);
    }
    await Promise.all(NAMES.map(async (name) => {
      const account = CALLERS[name];
      if (!account || name === 'disabledOperator') return;
      const had = sessions[name];
      const live = had && Date.parse(had.accessExpiresAt) - Date.now() > MARGIN_MS && (await server.get('/api/auth/me', bearer(had))).status === 200;
      if (!live) sessions[name] = await signIn(server, account.id);
    }));
    return sessions;
  }

  for (const [route, row] of Object.entries(ROUTES)) {
    it(route, async () => {
      await resetGrievances(db);
      await liveSessions();
      await row.setup?.(server.url, sessions);

      const answers: Record<string, number> = {};
      for (const caller of NAMES) {
        const session = sessions[caller];
        const r = row.request({ caller, session, headers: session ? bearer(session) : {} });
        const res = await fetch(server.url + r.path, {
          method: r.method,
          headers: { ...(r.body !== undefined && { 'content-type': 'application/json' }), ...r.headers },
          body: r.body === undefined ? undefined : r.body instanceof Uint8Array ? r.body : JSON.stringify(r.body),
        });
        const body: unknown = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : new Uint8Array(await res.arrayBuffer());
        answers[caller] = res.status;
        const check = row.expect[caller];
        if (typeof check === 'function') check(res, body);
        else expect(res.status, `${route} as ${caller}`).toBe(check);
        if (res.status >= 400 && !route.includes(' /open311/')) { // Open311 answers in GeoReport's own error form
          const error = ApiError.parse(body);
          if (res.status === 401) expect(error.error, `${route} as ${caller}`).toMatch(/^auth\./);
          // The route's role (auth.forbidden), or the workflow's: the grievance is not theirs (wf.*).
          if (res.status === 403) expect(error.error, `${route} as ${caller}`).toMatch(/^(auth\.forbidden|wf\.(role|outOfScope|notHolder|citizenCode)|otp\.none|admin\.scope|camp\.notTakingPart|chat\.(webhook|signature))$/);
        }
      }
      expect(Object.keys(answers)).toEqual(NAMES);
    });
  }
});

describe('scope: which grievances each account may see (src/domain/accounts.ts inScope)', () => {
  const g: GrievanceScope = { kioskCode: 'K1023456', departmentCode: 'phed', districtCode: 'jaipur' };
  const expected: Record<Exclude<Caller, 'nobody'>, boolean> = {
    operator: true, otherKioskOperator: false, officer: true, otherDepartmentOfficer: false, otherDistrictOfficer: false,
    nodal: true, secretary: true, admin: true, disabledOperator: true, // disabled is checked at sign-in, not here
    minister: false, // figures, not grievances
    agent: false, // the 181 desk's hand-offs, no grievances
  };
  for (const [name, result] of Object.entries(expected)) {
    it(`${name}: ${result ? 'in' : 'out of'} scope`, () => expect(inScope(CALLERS[name as Caller] as Account, g)).toBe(result));
  }
  it('a district-less nodal officer or secretary sees every district of their departments, no other department', () => {
    expect(inScope(CALLERS.nodal, { ...g, districtCode: 'kota' })).toBe(true);
    expect(inScope(CALLERS.secretary, { ...g, departmentCode: 'water-resources', districtCode: 'barmer' })).toBe(true);
    expect(inScope(CALLERS.secretary, { ...g, departmentCode: 'energy' })).toBe(false);
    expect(inScope(CALLERS.nodal, { ...g, departmentCode: 'energy' })).toBe(false);
  });
});
