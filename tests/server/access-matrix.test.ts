/**
 * Who may call what: every route of the registry (as listed by /api/openapi.json) called as no one, as
 * each role, as an operator of another kiosk, as officers of another department and of another district,
 * and as a disabled operator, with the answer each must get. A route added without a row here fails the
 * test, so the table grows with the API (issue 7's officer routes will add rows where place matters).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, type GrievanceScope, inScope, Session } from '../../src/domain/accounts';
import { ApiError, SyncResponse } from '../../src/domain/schemas';
import { setDisabled } from '../../server/store/accounts';
import { upsertRules } from '../../server/workflow/routing';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { contentRange } from '../../src/domain/attachments';
import { HANDOVER_MEDIA_TYPE } from '../../src/domain/handover';
import { handoverFile, newSpki } from './handover-files';
import { png, sha256, uploadFile } from './attachment-files';
import { ulid } from 'ulidx';
import { DEVICE, submission, submissions } from './fixtures';
import { addAccount, bearer, MEENA, PASSWORD, resetGrievances, signIn, startServer, type TestServer } from './harness';

const CALLERS = {
  nobody: undefined,
  operator: MEENA,
  otherKioskOperator: { id: 'op.asha', name: 'Asha', role: 'operator', kioskCode: 'K2000001' },
  officer: { id: 'ae.phed.jaipur', name: 'Officer', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' },
  otherDepartmentOfficer: { id: 'ae.energy.jaipur', name: 'Officer', role: 'officer', level: 'L1', departments: ['energy'], district: 'jaipur' },
  otherDistrictOfficer: { id: 'ae.phed.kota', name: 'Officer', role: 'officer', level: 'L2', departments: ['phed'], district: 'kota' },
  nodal: { id: 'nodal.phed', name: 'Nodal', role: 'nodal', departments: ['phed'] },
  secretary: { id: 'secy.water', name: 'Secretary', role: 'secretary', departments: ['phed', 'water-resources'] },
  admin: { id: 'admin', name: 'Admin', role: 'admin' },
  minister: { id: 'minister.water', name: 'Minister', role: 'minister', departments: ['phed'] },
  disabledOperator: { id: 'op.former', name: 'Former', role: 'operator', kioskCode: 'K1023456' },
  agent: { id: 'agent.181', name: 'Agent', role: 'agent' },
} satisfies Record<string, Account | undefined>;
type Caller = keyof typeof CALLERS;
const NAMES = Object.keys(CALLERS) as Caller[];

/** What a caller sends: its session (none for `nobody`). */
interface Call { caller: Caller; session?: Session; headers: Record<string, string> }
type Check = number | ((res: Response, body: unknown) => void);
interface Row {
  /** Runs after the reset and the fresh sign-ins, before the calls (e.g. an upload and a grievance to fetch). */
  setup?(url: string, sessions: Partial<Record<Caller, Session>>): Promise<void>;
  /** A Uint8Array body is sent as it is (set its content-type in `headers`); anything else as JSON. */
  request(call: Call): { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; body?: unknown; headers?: Record<string, string> };
  expect: Record<Caller, Check>;
}
const all = (status: number, except: Partial<Record<Caller, Check>> = {}): Record<Caller, Check> =>
  ({ ...Object.fromEntries(NAMES.map((n) => [n, status])), ...except }) as Record<Caller, Check>;

/** The WhatsApp webhook not set up: 403 with its own key, whoever calls (a token is no signature). */
const webhookRefused = (key: string): Record<Caller, Check> => Object.fromEntries(NAMES.map((n) => [n, (res: Response, body: unknown) => {
  expect(res.status).toBe(403);
  expect((body as { error: string }).error).toBe(key);
}])) as Record<Caller, Check>;

/** Every created: the operator's own kiosk. Every refused on kioskCode: another kiosk's operator replaying them. */
const syncAnswer = (expected: 'created' | 'otherKiosk') => (res: Response, body: unknown) => {
  expect(res.status).toBe(200);
  const { results } = SyncResponse.parse(body);
  if (expected === 'created') expect(results.map((r) => r.status)).toEqual(['created', 'created']);
  else for (const r of results) expect(r).toMatchObject({ status: 'invalid', errors: [{ path: 'kioskCode', code: 'err.otherKiosk' }] });
};

const MATRIX_PNG = png(8, 8);

/** Camp mode's rows (tests/server/handover-files.ts): a fresh public key per caller, and a hand-over file. */
const matrixKeys: Partial<Record<Caller, string>> = {};
let matrixFile: Uint8Array<ArrayBuffer> = new Uint8Array();

/** Admin routes: 200 for an admin and the `also` roles, 403 for other signed-in callers. */
const adminOr = (also: Caller[], except: Partial<Record<Caller, Check>> = {}) =>
  all(403, { nobody: 401, disabledOperator: 401, admin: 200, ...Object.fromEntries(also.map((c) => [c, 200])), ...except });
let matrixDb: Db;

/** One open hand-off per caller (the 181 desk's rows). */
const handoffOf = (caller: Caller) => `C${String(NAMES.indexOf(caller)).padStart(10, '0')}`;
async function handoffs(): Promise<void> {
  await matrixDb.query('DELETE FROM chat_handoffs');
  for (const n of NAMES) {
    await matrixDb.query("INSERT INTO chat_handoffs (ref, conversation_id, transcript, lang, created_at) VALUES ($1, 'access-matrix', '[]'::jsonb, 'en', now())", [handoffOf(n)]);
  }
}

/**
 * The workflow rows: Meena registers one PHED grievance in Jaipur per caller (each is routed to the L1
 * officer ae.phed.jaipur), so every caller acts on a grievance of its own in the same state.
 */
let perCaller: Partial<Record<Caller, string>> = {};
let reviewId = '';
async function grievancePerCaller(url: string, sessions: Partial<Record<Caller, Session>>, disposed = false): Promise<void> {
  const post = async (path: string, body: unknown, session: Session) =>
    fetch(url + path, { method: 'POST', headers: { ...bearer(session), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const res = await post('/api/sync/grievances', { grievances: submissions(NAMES.length) }, sessions.operator!);
  const numbers = SyncResponse.parse(await res.json()).results.map((r) => (r as { number: string }).number);
  perCaller = Object.fromEntries(NAMES.map((n, i) => [n, numbers[i]]));
  if (!disposed) return;
  for (const number of numbers) {
    const done = await post(`/api/grievances/${number}/actions`, { actionId: ulid(), expectedVersion: 1, action: { type: 'dispose', outcome: 'relief', remarks: 'Handpump repaired' } }, sessions.officer!);
    expect(done.status).toBe(200);
  }
}
const mine = (caller: Caller) => perCaller[caller]!;

const ROUTES: Record<string, Row> = {
  'GET /api/health': { request: () => ({ method: 'GET', path: '/api/health' }), expect: all(200) },
  'GET /api/config': { request: () => ({ method: 'GET', path: '/api/config' }), expect: all(200) },
  'GET /api/openapi.json': { request: () => ({ method: 'GET', path: '/api/openapi.json' }), expect: all(200) },
  // Open311: the services are public; filing and reading take an integrating system's api_key, which no token replaces.
  ...Object.fromEntries((['json', 'xml'] as const).flatMap((f) => [
    [`GET /open311/v2/services.${f}`, { request: () => ({ method: 'GET', path: `/open311/v2/services.${f}` }), expect: all(200) }],
    [`POST /open311/v2/requests.${f}`, { request: () => ({ method: 'POST', path: `/open311/v2/requests.${f}`, body: { api_key: 'not-a-key', service_code: 'phed', description: 'No water for a week in the ward.' } }), expect: all(403) }],
    [`GET /open311/v2/requests.${f}`, { request: () => ({ method: 'GET', path: `/open311/v2/requests.${f}?api_key=not-a-key` }), expect: all(403) }],
    [`GET /open311/v2/requests/{id}.${f}`, { request: () => ({ method: 'GET', path: `/open311/v2/requests/2601000000011.${f}?api_key=not-a-key` }), expect: all(403) }],
  ])),
  'POST /api/auth/login': {
    // Each caller signs in with its own account on a second device; no one has no account.
    request: ({ caller }) => ({
      method: 'POST', path: '/api/auth/login',
      body: { operatorId: CALLERS[caller]?.id ?? 'nobody', password: PASSWORD, deviceId: 'SGN00' },
    }),
    expect: all(200, { nobody: 401, disabledOperator: 401 }),
  },
  'POST /api/auth/refresh': {
    request: ({ session }) => ({
      method: 'POST', path: '/api/auth/refresh',
      body: { refreshToken: session?.refreshToken ?? `rt1.${'A'.repeat(22)}.${'B'.repeat(43)}`, deviceId: DEVICE },
    }),
    expect: all(200, { nobody: 401, disabledOperator: 401 }),
  },
  'GET /api/auth/me': { request: ({ headers }) => ({ method: 'GET', path: '/api/auth/me', headers }), expect: all(200, { nobody: 401, disabledOperator: 401 }) },
  'POST /api/auth/logout': {
    // Signing out works even for a disabled account: it only ends a session.
    request: ({ headers }) => ({ method: 'POST', path: '/api/auth/logout', body: {}, headers }),
    expect: all(200, { nobody: 401 }),
  },
  // Attachments: operators upload (each kiosk its own copy); reading needs a grievance in the caller's scope.
  'PUT /api/attachments/{sha256}': {
    request: ({ headers }) => ({
      method: 'PUT', path: `/api/attachments/${sha256(MATRIX_PNG)}`, body: MATRIX_PNG,
      headers: { ...headers, 'content-type': 'application/octet-stream', 'content-range': contentRange(0, MATRIX_PNG.length, MATRIX_PNG.length) },
    }),
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: 200, otherKioskOperator: 200 }),
  },
  'GET /api/attachments/{sha256}/status': {
    request: ({ headers }) => ({ method: 'GET', path: `/api/attachments/${sha256(MATRIX_PNG)}/status`, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: 200, otherKioskOperator: 200 }),
  },
  'GET /api/attachments/{sha256}': {
    // Meena uploads a photo with a grievance of her kiosk, PHED, Jaipur.
    async setup(url, sessions) {
      const auth = bearer(sessions.operator!);
      await uploadFile(url, auth, MATRIX_PNG);
      const res = await fetch(`${url}/api/sync/grievances`, {
        method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ grievances: [submission({ attachments: [{ sha256: sha256(MATRIX_PNG), bytes: MATRIX_PNG.length, type: 'image/png' }] })] }),
      });
      expect(SyncResponse.parse(await res.json()).results[0].status).toBe('created');
    },
    request: ({ headers }) => ({ method: 'GET', path: `/api/attachments/${sha256(MATRIX_PNG)}`, headers }),
    expect: all(200, { nobody: 401, disabledOperator: 401, otherKioskOperator: 404, otherDepartmentOfficer: 404, otherDistrictOfficer: 404, agent: 404, minister: 404 }), // a minister reads figures, not grievances
  },
  // The workflow: officers and reviewers by role, department and place; operators for the citizen.
  'GET /api/officer/queue': {
    setup: (url, sessions) => grievancePerCaller(url, sessions),
    request: ({ headers }) => ({ method: 'GET', path: '/api/officer/queue', headers }),
    expect: all(403, {
      nobody: 401, disabledOperator: 401, nodal: 200, otherDistrictOfficer: 200, otherDepartmentOfficer: 200,
      officer: (res, body) => { expect(res.status).toBe(200); expect((body as { items: unknown[] }).items).toHaveLength(NAMES.length); },
    }),
  },
  'GET /api/grievances/{number}': {
    // Its holder, its department's nodal officer and secretary, an admin: the officer's view; its kiosk: the citizen's.
    setup: (url, sessions) => grievancePerCaller(url, sessions),
    request: ({ caller, headers }) => ({ method: 'GET', path: `/api/grievances/${mine(caller)}`, headers }),
    expect: all(200, {
      nobody: 401, disabledOperator: 401, otherKioskOperator: 403, otherDepartmentOfficer: 403, otherDistrictOfficer: 403, agent: 403, minister: 403,
      operator: (res, body) => { expect(res.status).toBe(200); expect(body).toMatchObject({ view: 'citizen', mobile: 'XXXXXX3210' }); },
    }),
  },
  'POST /api/grievances/{number}/actions': {
    // Everyone tries to start work on their grievance: only its holder may (others: wf.role, wf.outOfScope, wf.notHolder).
    setup: (url, sessions) => grievancePerCaller(url, sessions),
    request: ({ caller, headers }) => ({ method: 'POST', path: `/api/grievances/${mine(caller)}/actions`, body: { actionId: ulid(), expectedVersion: 1, action: { type: 'start' } }, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, officer: 200 }),
  },
  'POST /api/grievances/{number}/feedback': {
    // The registering kiosk's operator records the citizen's word; another kiosk's only with the citizen's code (wf.citizenCode).
    setup: (url, sessions) => grievancePerCaller(url, sessions, true),
    request: ({ caller, headers }) => ({ method: 'POST', path: `/api/grievances/${mine(caller)}/feedback`, body: { actionId: ulid(), satisfaction: 'not_satisfied' }, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: 200 }),
  },
  'POST /api/grievances/{number}/reopen': {
    setup: (url, sessions) => grievancePerCaller(url, sessions, true),
    request: ({ caller, headers }) => ({ method: 'POST', path: `/api/grievances/${mine(caller)}/reopen`, body: { actionId: ulid(), reason: 'Handpump broke again' }, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: 200 }),
  },
  'GET /api/status': {
    // Any kiosk's operator: its own kiosk's grievance in the citizen's view, another's only where it stands.
    setup: (url, sessions) => grievancePerCaller(url, sessions),
    request: ({ caller, headers }) => ({ method: 'GET', path: `/api/status?q=${mine(caller)}`, headers }),
    expect: all(403, {
      nobody: 401, disabledOperator: 401,
      operator: (res, body) => { expect(res.status).toBe(200); expect(body).toMatchObject({ results: [{ view: 'citizen', mobile: 'XXXXXX3210' }] }); },
      otherKioskOperator: (res, body) => { expect(res.status).toBe(200); expect(body).toMatchObject({ results: [{ view: 'limited' }] }); },
    }),
  },
  'POST /api/status/code': {
    setup: (url, sessions) => grievancePerCaller(url, sessions),
    request: ({ caller, headers }) => ({ method: 'POST', path: '/api/status/code', body: { q: mine(caller) }, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: 200, otherKioskOperator: 200 }),
  },
  'POST /api/status/verify': {
    // No code was sent: operators are told so (otp.none); other roles may not ask at all.
    setup: (url, sessions) => grievancePerCaller(url, sessions),
    request: ({ caller, headers }) => ({ method: 'POST', path: '/api/status/verify', body: { q: mine(caller), code: '123456' }, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401 }),
  },
  'GET /api/reviews/today': {
    setup: (url, sessions) => grievancePerCaller(url, sessions),
    request: ({ headers }) => ({ method: 'GET', path: '/api/reviews/today', headers }),
    expect: all(403, {
      nobody: 401, disabledOperator: 401,
      secretary: (res, body) => { expect(res.status).toBe(200); expect((body as { items: unknown[] }).items).toHaveLength(10); },
    }),
  },
  'POST /api/reviews/{id}': {
    async setup(url, sessions) {
      await grievancePerCaller(url, sessions);
      const res = await fetch(`${url}/api/reviews/today`, { headers: bearer(sessions.secretary!) });
      reviewId = ((await res.json()) as { items: { id: string }[] }).items[0].id;
    },
    request: ({ headers }) => ({ method: 'POST', path: `/api/reviews/${reviewId}`, body: { instruction: 'Send a tanker today' }, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, secretary: 200 }),
  },
  'GET /api/reports/reviews': {
    request: ({ headers }) => ({ method: 'GET', path: '/api/reports/reviews', headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, secretary: 200, admin: 200 }),
  },
  'GET /api/reports/pending': {
    // PHED's figures: its nodal officer, a secretary of PHED, an admin.
    setup: (url, sessions) => grievancePerCaller(url, sessions),
    request: ({ headers }) => ({ method: 'GET', path: '/api/reports/pending?department=phed', headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, nodal: 200, secretary: 200, admin: 200 }),
  },
  // Figures for leaders (issue 11): PHED's, for its nodal officer, a secretary of PHED, a minister of PHED and an admin.
  ...Object.fromEntries(['daily', 'daily.svg', 'daily.png', 'monthly', 'monthly.csv', 'monthly.xlsx', 'monthly.pdf'].map((r): [string, Row] => [`GET /api/reports/${r}`, {
    request: ({ headers }) => ({ method: 'GET', path: `/api/reports/${r}?department=phed${r.startsWith('monthly') ? '&month=2026-11' : ''}`, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, nodal: 200, secretary: 200, minister: 200, admin: 200 }),
  }])),
  // The secretary's report to ministers (a secretary their own, a minister their departments' secretaries) and the
  // state dashboard (admins; ministers their departments: PHED here) (issue 11, items 3 and 4).
  ...Object.fromEntries(['secretaries', 'secretaries.csv', 'secretaries.pdf'].map((r): [string, Row] => [`GET /api/reports/${r}`, {
    request: ({ headers }) => ({ method: 'GET', path: `/api/reports/${r}?from=2026-11-02`, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, secretary: 200, minister: 200, admin: 200 }),
  }])),
  ...Object.fromEntries(['dashboard', 'dashboard.csv', 'dashboard.xlsx'].map((r): [string, Row] => [`GET /api/reports/${r}`, {
    request: ({ headers }) => ({ method: 'GET', path: `/api/reports/${r}?department=phed`, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, minister: 200, admin: 200 }),
  }])),
  // Triage: any kiosk's operator may ask about a citizen's recent similar grievances, and fetch the model.
  'POST /api/grievances/similar': {
    setup: (url, sessions) => grievancePerCaller(url, sessions),
    request: ({ headers }) => ({ method: 'POST', path: '/api/grievances/similar', body: { mobile: '9876543210', text: 'गाँव में पीने का पानी नहीं आ रहा, हैंडपंप खराब है' }, headers }),
    expect: all(403, {
      nobody: 401, disabledOperator: 401, otherKioskOperator: 200,
      operator: (res, body) => { expect(res.status).toBe(200); expect((body as { items: unknown[] }).items).toHaveLength(NAMES.length); },
    }),
  },
  'GET /api/triage/model': {
    request: ({ headers }) => ({ method: 'GET', path: '/api/triage/model', headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: 200, otherKioskOperator: 200 }),
  },
  // First run and administration (issue 15). An admin exists here, so the setup link is spent for everyone.
  'GET /api/setup': { request: () => ({ method: 'GET', path: '/api/setup' }), expect: all(200) },
  'POST /api/setup': {
    request: () => ({ method: 'POST', path: '/api/setup', body: { token: 'A'.repeat(43), id: 'second.admin', name: 'Second', password: 'long enough password' } }),
    expect: all(409),
  },
  // The citizen assistant (issue 13): public, whoever calls; a token changes nothing.
  // The chat's photo (tests/server/chat-photo.test.ts): no sign-in, for a conversation registering a grievance.
  'POST /api/chat/conversations/{conversationId}/photo': {
    setup: async (url) => { await fetch(`${url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conversationId: 'access-matrix-photo', text: 'New grievance', lang: 'en' }) }); },
    request: ({ headers }) => ({ method: 'POST', path: '/api/chat/conversations/access-matrix-photo/photo', body: png(8, 8), headers: { ...headers, 'content-type': 'image/png' } }),
    expect: all(200),
  },
  'DELETE /api/chat/conversations/{conversationId}/photo': {
    // Its own conversation: the photo row's calls used up this minute's messages of the other one.
    setup: async (url) => { await fetch(`${url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conversationId: 'access-matrix-photo-2', text: 'New grievance', lang: 'en' }) }); },
    request: ({ headers }) => ({ method: 'DELETE', path: '/api/chat/conversations/access-matrix-photo-2/photo', headers }),
    expect: all(200),
  },
  'POST /api/chat/messages': { request: ({ headers }) => ({ method: 'POST', path: '/api/chat/messages', body: { conversationId: 'access-matrix', text: '', lang: 'en' }, headers }), expect: all(200) },
  // The WhatsApp webhook: not set up on this server, so refused to everyone (tests/server/chat-whatsapp.test.ts).
  'GET /api/chat/whatsapp': { request: () => ({ method: 'GET', path: '/api/chat/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1' }), expect: webhookRefused('chat.webhook') },
  'POST /api/chat/whatsapp': { request: ({ headers }) => ({ method: 'POST', path: '/api/chat/whatsapp', body: { object: 'whatsapp_business_account' }, headers }), expect: webhookRefused('chat.signature') },
  // The 181 desk (issue 13): agents and admins only; each caller on a hand-off of its own.
  'GET /api/handoffs': { request: ({ headers }) => ({ method: 'GET', path: '/api/handoffs', headers }), expect: adminOr(['agent']) },
  'GET /api/handoffs/{ref}': { setup: handoffs, request: ({ caller, headers }) => ({ method: 'GET', path: `/api/handoffs/${handoffOf(caller)}`, headers }), expect: adminOr(['agent']) },
  'POST /api/handoffs/{ref}/close': {
    setup: handoffs, request: ({ caller, headers }) => ({ method: 'POST', path: `/api/handoffs/${handoffOf(caller)}/close`, body: { note: 'Called the citizen back' }, headers }), expect: adminOr(['agent']),
  },
  'POST /api/handoffs/{ref}/grievance': {
    setup: handoffs,
    request: ({ caller, headers }) => ({ method: 'POST', path: `/api/handoffs/${handoffOf(caller)}/grievance`, headers,
      body: { name: 'Ramesh Kumar', mobile: '9829012345', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed', description: 'No water in the handpump for a week', consent: true } }),
    expect: adminOr(['agent']),
  },
  'GET /api/places/{district}': { request: () => ({ method: 'GET', path: '/api/places/jaipur' }), expect: all(200) },
  'GET /api/admin/accounts': { request: ({ headers }) => ({ method: 'GET', path: '/api/admin/accounts', headers }), expect: adminOr(['nodal']) },
  'POST /api/admin/accounts': {
    // A PHED officer in Jaipur: the district-less PHED nodal officer manages those too.
    request: ({ caller, headers }) => ({ method: 'POST', path: '/api/admin/accounts', headers,
      body: { account: { id: `new.${caller}`, name: 'New officer', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' }, password: 'long enough password' } }),
    expect: adminOr(['nodal']),
  },
  'POST /api/admin/accounts/{id}/actions': {
    request: ({ headers }) => ({ method: 'POST', path: '/api/admin/accounts/ae.phed.jaipur/actions', body: { type: 'sign-out' }, headers }),
    expect: adminOr(['nodal']),
  },
  'POST /api/admin/accounts/import': {
    request: ({ headers }) => ({ method: 'POST', path: '/api/admin/accounts/import', body: { csv: 'id,name,kiosk,password\nop.new,New,K7000001,long enough password\n', dryRun: true }, headers }),
    expect: adminOr([]),
  },
  'GET /api/admin/audit': { request: ({ headers }) => ({ method: 'GET', path: '/api/admin/audit?action=auth.&limit=5', headers }), expect: adminOr([]) },
  'GET /api/admin/reference': { request: ({ headers }) => ({ method: 'GET', path: '/api/admin/reference', headers }), expect: adminOr([]) },
  'GET /api/admin/routing': { request: ({ headers }) => ({ method: 'GET', path: '/api/admin/routing', headers }), expect: adminOr(['nodal']) },
  'POST /api/admin/routing': {
    request: ({ caller, headers }) => ({ method: 'POST', path: '/api/admin/routing', headers,
      body: { id: `r.${caller}`, department: 'phed', district: 'jaipur', place: `gp:${NAMES.indexOf(caller) + 1}`, levels: { L1: 'ae.phed.jaipur' } } }),
    expect: adminOr(['nodal']),
  },
  'POST /api/admin/routing/remove': {
    // One rule: the nodal officer (asked first) removes it, the admin then finds none.
    setup: async () => { await upsertRules(matrixDb, [{ id: 'phed-jaipur', department: 'phed', district: 'jaipur', levels: { L1: 'ae.phed.jaipur' } }], new Date()); },
    request: ({ headers }) => ({ method: 'POST', path: '/api/admin/routing/remove', body: { id: 'phed-jaipur' }, headers }),
    expect: adminOr(['nodal'], { admin: 404 }),
  },
  'POST /api/admin/routing/test': {
    request: ({ headers }) => ({ method: 'POST', path: '/api/admin/routing/test', body: { departmentCode: 'phed', districtCode: 'jaipur', areaType: 'rural' }, headers }),
    expect: adminOr(['nodal']),
  },
  'GET /api/admin/time-limits': { request: ({ headers }) => ({ method: 'GET', path: '/api/admin/time-limits', headers }), expect: adminOr([]) },
  'POST /api/admin/time-limits': { request: ({ headers }) => ({ method: 'POST', path: '/api/admin/time-limits', body: { department: 'phed', days: 7 }, headers }), expect: adminOr([]) },
  'GET /api/admin/holidays': { request: ({ headers }) => ({ method: 'GET', path: '/api/admin/holidays', headers }), expect: adminOr([]) },
  'POST /api/admin/holidays': {
    request: ({ headers }) => ({ method: 'POST', path: '/api/admin/holidays', body: { date: '2027-01-26', en: 'Republic Day', hi: 'गणतंत्र दिवस' }, headers }),
    expect: adminOr([]),
  },
  'POST /api/admin/holidays/remove': {
    setup: async () => { await matrixDb.query(`INSERT INTO holidays (day, name_en, name_hi, updated_at) VALUES ('2027-08-15', 'Independence Day', 'स्वतंत्रता दिवस', now()) ON CONFLICT DO NOTHING`); },
    request: ({ headers }) => ({ method: 'POST', path: '/api/admin/holidays/remove', body: { date: '2027-08-15' }, headers }),
    expect: adminOr([]),
  },
  // Camp mode (issue 12): device keys and hand-over files for operators; events by admins and nodal officers.
  'POST /api/devices/key': {
    setup: async () => { for (const n of NAMES) matrixKeys[n] = await newSpki(); },
    request: ({ caller, headers }) => ({ method: 'POST', path: '/api/devices/key', body: { publicKey: matrixKeys[caller] }, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: 200, otherKioskOperator: 200 }),
  },
  'POST /api/handover': {
    setup: async (url, sessions) => { matrixFile = await handoverFile(url, sessions.operator!); },
    request: ({ headers }) => ({ method: 'POST', path: '/api/handover', body: matrixFile, headers: { ...headers, 'content-type': HANDOVER_MEDIA_TYPE } }),
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: 200, otherKioskOperator: 200, nodal: 200, admin: 200 }),
  },
  'GET /api/events/{id}/report': {
    setup: async () => {
      await matrixDb.query(`INSERT INTO camp_events (id, kind, name, event_date, district_code, venue, department_codes, officer_ids, operator_ids, created_by, created_at)
        VALUES ('01KB0000000000000000000000', 'camp', 'Khera camp', '2026-12-05', 'jaipur', 'School', '{phed}', '{}', '{op.meena}', 'admin', now()) ON CONFLICT DO NOTHING`);
    },
    request: ({ headers }) => ({ method: 'GET', path: '/api/events/01KB0000000000000000000000/report', headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, nodal: 200, secretary: 200, admin: 200 }),
  },
  'GET /api/events': { request: ({ headers }) => ({ method: 'GET', path: '/api/events', headers }), expect: all(200, { nobody: 401, disabledOperator: 401, agent: 403, minister: 403 }) }, // a minister has no grievance events
  'POST /api/events/{id}/tokens': {
    setup: async () => {
      await matrixDb.query(`INSERT INTO camp_events (id, kind, name, event_date, district_code, venue, department_codes, officer_ids, operator_ids, created_by, created_at)
        VALUES ('01KB0000000000000000000000', 'camp', 'Khera camp', '2026-12-05', 'jaipur', 'School', '{phed}', '{}', '{op.meena}', 'admin', now()) ON CONFLICT DO NOTHING`);
    },
    request: ({ headers }) => ({ method: 'POST', path: '/api/events/01KB0000000000000000000000/tokens', headers,
      body: { deviceId: DEVICE, tokens: [{ id: '01KB0000000000000000000001', label: `${DEVICE}-001`, n: 1, issuedAt: Date.parse('2026-12-05T04:00:00Z') }] } }),
    // Operators and officers named in the event (here the operator), nodal officers and admins.
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: 200, nodal: 200, admin: 200 }),
  },
  'POST /api/events': {
    request: ({ headers }) => ({ method: 'POST', path: '/api/events', headers,
      body: { kind: 'camp', name: 'Khera camp', date: '2026-12-05', districtCode: 'jaipur', venue: 'School', departments: ['phed'], officers: [], operators: ['op.meena'] } }),
    expect: adminOr(['nodal']),
  },
  'POST /api/sync/grievances': {
    // Everyone sends two records of the operator's kiosk (K1023456), registered by that operator.
    request: ({ headers }) => ({ method: 'POST', path: '/api/sync/grievances', body: { grievances: [submission(), submission()] }, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: syncAnswer('created'), otherKioskOperator: syncAnswer('otherKiosk') }),
  },
};

describe('access matrix: every route × every kind of caller', () => {
  let db: Db;
  let server: TestServer;
  let documented: string[];

  beforeAll(async () => {
    db = await openMemoryDb();
    matrixDb = db;
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
