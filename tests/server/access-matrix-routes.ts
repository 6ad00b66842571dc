/**
 * The access matrix's table (tests/server/access-matrix.test.ts): one row per route of the registry, how
 * each caller calls it, and the answer each must get.
 */
import { expect } from 'vitest';
import { upsertRules } from '../../server/workflow/routing';
import { contentRange } from '../../src/domain/attachments';
import { HANDOVER_MEDIA_TYPE } from '../../src/domain/handover';
import { handoverFile, newSpki } from './handover-files';
import { png, sha256, uploadFile } from './attachment-files';
import { ulid } from 'ulidx';
import { DEVICE, submission } from './fixtures';
import { bearer, PASSWORD } from './harness';
import { SyncResponse } from '../../src/domain/schemas';
import { adminOr, all, CALLERS, grievancePerCaller, handoffOf, handoffs, MATRIX_PNG, mine, NAMES, type Row, state, syncAnswer, webhookRefused } from './access-matrix-callers';

export const ROUTES: Record<string, Row> = {
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
      state.reviewId = ((await res.json()) as { items: { id: string }[] }).items[0].id;
    },
    request: ({ headers }) => ({ method: 'POST', path: `/api/reviews/${state.reviewId}`, body: { instruction: 'Send a tanker today' }, headers }),
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
    setup: async () => { await upsertRules(state.db, [{ id: 'phed-jaipur', department: 'phed', district: 'jaipur', levels: { L1: 'ae.phed.jaipur' } }], new Date()); },
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
    setup: async () => { await state.db.query(`INSERT INTO holidays (day, name_en, name_hi, updated_at) VALUES ('2027-08-15', 'Independence Day', 'स्वतंत्रता दिवस', now()) ON CONFLICT DO NOTHING`); },
    request: ({ headers }) => ({ method: 'POST', path: '/api/admin/holidays/remove', body: { date: '2027-08-15' }, headers }),
    expect: adminOr([]),
  },
  // Camp mode (issue 12): device keys and hand-over files for operators; events by admins and nodal officers.
  'POST /api/devices/key': {
    setup: async () => { for (const n of NAMES) state.keys[n] = await newSpki(); },
    request: ({ caller, headers }) => ({ method: 'POST', path: '/api/devices/key', body: { publicKey: state.keys[caller] }, headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: 200, otherKioskOperator: 200 }),
  },
  'POST /api/handover': {
    setup: async (url, sessions) => { state.file = await handoverFile(url, sessions.operator!); },
    request: ({ headers }) => ({ method: 'POST', path: '/api/handover', body: state.file, headers: { ...headers, 'content-type': HANDOVER_MEDIA_TYPE } }),
    expect: all(403, { nobody: 401, disabledOperator: 401, operator: 200, otherKioskOperator: 200, nodal: 200, admin: 200 }),
  },
  'GET /api/events/{id}/report': {
    setup: async () => {
      await state.db.query(`INSERT INTO camp_events (id, kind, name, event_date, district_code, venue, department_codes, officer_ids, operator_ids, created_by, created_at)
        VALUES ('01KB0000000000000000000000', 'camp', 'Khera camp', '2026-12-05', 'jaipur', 'School', '{phed}', '{}', '{op.meena}', 'admin', now()) ON CONFLICT DO NOTHING`);
    },
    request: ({ headers }) => ({ method: 'GET', path: '/api/events/01KB0000000000000000000000/report', headers }),
    expect: all(403, { nobody: 401, disabledOperator: 401, nodal: 200, secretary: 200, admin: 200 }),
  },
  'GET /api/events': { request: ({ headers }) => ({ method: 'GET', path: '/api/events', headers }), expect: all(200, { nobody: 401, disabledOperator: 401, agent: 403, minister: 403 }) }, // a minister has no grievance events
  'POST /api/events/{id}/tokens': {
    setup: async () => {
      await state.db.query(`INSERT INTO camp_events (id, kind, name, event_date, district_code, venue, department_codes, officer_ids, operator_ids, created_by, created_at)
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
