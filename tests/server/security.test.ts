/**
 * Server hardening besides sign-in itself: who may sync which records, load shedding of the sync route,
 * the append-only audit log, security headers on the app and the API, logs without personal data or
 * secrets, and the OpenAPI document's security.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../src/domain/accounts';
import { ApiError, SyncResponse, type SyncResult } from '../../src/domain/schemas';
import { setDisabled } from '../../server/store/accounts';
import type { Db, Queryable } from '../../server/store/db';
import { submission } from './fixtures';
import { addAccount, BACKENDS, bearer, countGrievances, loadShedding, MEENA, operatorHeaders, PASSWORD, removeAccounts, resetGrievances, signIn, startServer, type TestServer, syncBatch } from './harness';

const SYNC = '/api/sync/grievances';
const RAVI: Account = { id: 'op.ravi', name: 'Ravi Kumar', role: 'operator', kioskCode: 'K1023456' }; // same kiosk as Meena
const ASHA: Account = { id: 'op.asha', name: 'Asha Meghwal', role: 'operator', kioskCode: 'K2000001' }; // another kiosk
const OFFICER: Account = { id: 'xen.phed.jaipur', name: 'R K Gupta', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' };

const lastAuditId = async (db: Db) => Number((await db.query<{ m: string | null }>('SELECT max(id) AS m FROM audit_log'))[0].m ?? 0);
const auditSince = (db: Db, id: number) =>
  db.query<{ action: string; actor_id: string; target: string; details: Record<string, unknown> }>('SELECT action, actor_id, target, details FROM audit_log WHERE id > $1 ORDER BY id', [id]);

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`on ${backend.name}`, () => {
    let db: Db;
    let server: TestServer;
    let meena: Record<string, string>;

    beforeAll(async () => {
      db = await backend.open();
      server = await startServer({ db });
      meena = await operatorHeaders(server, db);
      for (const a of [RAVI, ASHA, OFFICER]) await addAccount(db, a);
    });
    afterAll(async () => {
      await server?.close();
      // The next test file on this worker's PostgreSQL database must not find these accounts: an L1 officer
      // left here took half of leader-dashboards' phed/jaipur grievances from its own officer (wf.notHolder).
      if (db) await removeAccounts(db, [RAVI, ASHA, OFFICER]);
      await db?.close();
    });
    beforeEach(() => resetGrievances(db));

    const sync = (grievances: unknown[], headers: Record<string, string>): Promise<SyncResult[]> => syncBatch(server, grievances, headers);

    describe('sync: each record must be of the caller\'s kiosk and registered by one of its operators', () => {
      it('stores the kiosk\'s own records, refuses the others one by one, and audits both', async () => {
        await addAccount(db, { id: 'op.gone', name: 'Former Operator', role: 'operator', kioskCode: 'K1023456' });
        await setDisabled(db, 'op.gone', true, new Date());
        const batch = [
          submission(), // by Meena, the caller
          submission({ operatorId: 'OP.RAVI' }), // another operator of this kiosk, any case: a shared kiosk
          submission({ operatorId: 'op.gone' }), // registered before that operator was disabled: still delivered
          submission({ kioskCode: 'K2000001', operatorId: ASHA.id }), // another kiosk's record
          submission({ operatorId: undefined }), // whose operator is not known
          submission({ operatorId: ASHA.id }), // an operator of another kiosk
          submission({ operatorId: OFFICER.id }), // not an operator
          submission({ operatorId: 'op.nobody' }), // no such account
        ];
        const from = await lastAuditId(db);
        const results = await sync(batch, meena);
        expect(results.map((r) => r.status)).toEqual(['created', 'created', 'created', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
        const errors = results.slice(3).map((r) => (r as Extract<SyncResult, { status: 'invalid' }>).errors.map((e) => [e.path, e.code]));
        expect(errors).toEqual([
          [['kioskCode', 'err.otherKiosk']], [['operatorId', 'err.operator']], [['operatorId', 'err.operator']],
          [['operatorId', 'err.operator']], [['operatorId', 'err.operator']],
        ]);
        expect(results.slice(3).every((r) => r.clientId !== null)).toBe(true);
        expect(await countGrievances(db)).toBe(3);
        const rows = await db.query<{ client_id: string; operator_id: string }>('SELECT client_id, operator_id FROM grievances ORDER BY seq');
        expect(rows.map((r) => r.operator_id)).toEqual(['op.meena', 'OP.RAVI', 'op.gone']);

        const audit = await auditSince(db, from);
        expect(audit.filter((e) => e.action === 'grievance.register').map((e) => [e.actor_id, e.target, e.details.operatorId])).toEqual(
          results.slice(0, 3).map((r, i) => [MEENA.id, (r as { number: string }).number, batch[i].operatorId]));
        expect(audit.filter((e) => e.action === 'sync.refused').map((e) => [e.target, e.details.reason])).toEqual([
          [batch[3].clientId, 'other-kiosk'], [batch[4].clientId, 'no-operator'], [batch[5].clientId, 'operator-not-of-kiosk'],
          [batch[6].clientId, 'operator-not-of-kiosk'], [batch[7].clientId, 'operator-not-of-kiosk'],
        ]);
        expect(audit.at(-1)).toMatchObject({ action: 'sync.batch', actor_id: MEENA.id, target: 'K1023456', details: { created: 3, invalid: 5, duplicate: 0, conflict: 0 } });
      });

      it("refuses a replay of another kiosk's records as a whole, record by record", async () => {
        const asha = bearer(await signIn(server, ASHA.id));
        const theirs = [submission(), submission()];
        const results = await sync(theirs, asha);
        expect(results.map((r) => [r.clientId, r.status])).toEqual(theirs.map((g) => [g.clientId, 'invalid']));
        expect(await countGrievances(db)).toBe(0);
      });

      it("never tells another kiosk the number of a grievance whose clientId it reuses", async () => {
        const mine = submission();
        await sync([mine], meena);
        const asha = bearer(await signIn(server, ASHA.id));
        const [r] = await sync([{ ...mine, kioskCode: ASHA.kioskCode, receiptNumber: mine.receiptNumber.replace('K1023456', ASHA.kioskCode), operatorId: ASHA.id }], asha);
        expect(r).toMatchObject({ clientId: mine.clientId, status: 'invalid', errors: [{ path: 'clientId', code: 'api.conflict' }] });
        expect(JSON.stringify(r)).not.toMatch(/"number"/);
      });

      it("refuses a record whose receipt number was made at another kiosk, and audits it", async () => {
        const forged = submission({ receiptNumber: submission().receiptNumber.replace('K1023456', 'K2000001') });
        const from = await lastAuditId(db);
        const results = await sync([submission(), forged], meena);
        expect(results.map((r) => r.status)).toEqual(['created', 'invalid']);
        expect(results[1]).toMatchObject({ clientId: forged.clientId, errors: [{ path: 'receiptNumber', code: 'err.receiptKiosk' }] });
        expect((await auditSince(db, from)).filter((e) => e.action === 'sync.refused').map((e) => [e.target, e.details.reason]))
          .toEqual([[forged.clientId, 'receipt-other-kiosk']]);
      });

      it('lets only operators sync', async () => {
        const res = await server.post(SYNC, { grievances: [submission()] }, bearer(await signIn(server, OFFICER.id)));
        expect(res.status).toBe(403);
        expect(ApiError.parse(await res.json()).error).toBe('auth.forbidden');
        expect(await countGrievances(db)).toBe(0);
      });
    });

    describe('audit log', () => {
      it('cannot be updated, deleted or truncated', async () => {
        await signIn(server, MEENA.id); // makes sure there is an entry
        const before = await db.query('SELECT * FROM audit_log ORDER BY id');
        expect(before.length).toBeGreaterThan(0);
        const attempts: ((q: Queryable) => Promise<unknown>)[] = [
          (q) => q.query(`UPDATE audit_log SET action = 'nothing' WHERE id = (SELECT min(id) FROM audit_log)`),
          (q) => q.query(`UPDATE audit_log SET details = '{}'::jsonb`),
          (q) => q.query('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)'),
          (q) => q.query('DELETE FROM audit_log'),
          (q) => q.exec('TRUNCATE audit_log'),
        ];
        for (const attempt of attempts) await expect(db.transaction(attempt)).rejects.toThrow(/append-only/);
        expect(await db.query('SELECT * FROM audit_log ORDER BY id')).toEqual(before);
      });
    });
  });
}

describe('sync load shedding', () => {
  let db: Db;
  let server: TestServer;
  let release: () => void = () => {};
  let gate: Promise<void> = Promise.resolve();
  const events = loadShedding(SYNC);

  beforeAll(async () => {
    db = await BACKENDS[0].open();
    // Transactions wait at the gate: sync requests stay in flight until the test opens it.
    const slow: Db = { ...db, transaction: async (fn) => { await gate; return db.transaction(fn); } };
    server = await startServer({ db: slow, security: { syncMaxInFlight: 2, syncMaxQueued: 1 }, onLoadShedding: events.on });
    await addAccount(db, MEENA);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('queues SYNC_MAX_QUEUED requests beyond SYNC_MAX_INFLIGHT, answers 503 api.busy with Retry-After past that, and takes work again once they finish', async () => {
    const auth = bearer(await signIn(server, MEENA.id));
    gate = new Promise((r) => (release = r));
    const admitted = events.counts.admitted;
    const first = [server.post(SYNC, { grievances: [submission()] }, auth), server.post(SYNC, { grievances: [submission()] }, auth)];
    await events.until(() => events.counts.admitted === admitted + 2); // both are in, and will wait at the gate
    const queuedBefore = events.counts.queued;
    const queued = server.post(SYNC, { grievances: [submission()] }, auth); // waits for a slot
    await events.until(() => events.counts.queued === queuedBefore + 1);
    const shed = await server.post(SYNC, { grievances: [submission()] }, auth);
    expect(shed.status).toBe(503);
    expect(ApiError.parse(await shed.json()).error).toBe('api.busy');
    const retryAfter = Number(shed.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(31);
    release();
    expect((await Promise.all([...first, queued])).map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await server.post(SYNC, { grievances: [submission()] }, auth)).status).toBe(200);
    expect(await countGrievances(db)).toBe(4);
  });

  it('sheds a queued request with 503 and Retry-After when no slot frees in time, never holding it open', async () => {
    const auth = bearer(await signIn(server, MEENA.id));
    gate = new Promise((r) => (release = r));
    const admitted = events.counts.admitted;
    const first = [server.post(SYNC, { grievances: [submission()] }, auth), server.post(SYNC, { grievances: [submission()] }, auth)];
    await events.until(() => events.counts.admitted === admitted + 2);
    const waited = await server.post(SYNC, { grievances: [submission()] }, auth); // the slots stay taken past its wait
    expect(waited.status).toBe(503);
    expect(Number(waited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    release();
    expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200]);
  });

  it('frees the slot of a request whose client went away', async () => {
    const auth = bearer(await signIn(server, MEENA.id));
    gate = new Promise((r) => (release = r));
    const [admitted, released] = [events.counts.admitted, events.counts.released];
    const aborts = [new AbortController(), new AbortController()];
    const gone = aborts.map((a) => fetch(`${server.url}${SYNC}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ grievances: [submission()] }), signal: a.signal,
    }).catch(() => undefined));
    await events.until(() => events.counts.admitted === admitted + 2);
    for (const a of aborts) a.abort();
    await Promise.all(gone);
    await events.until(() => events.counts.released === released + 2); // freed when the clients left, before the gate opens
    release();
    expect((await server.post(SYNC, { grievances: [submission()] }, auth)).status).toBe(200);
  });
});

describe('headers, logs and the API document', () => {
  let db: Db;
  let server: TestServer;
  const logged: string[] = [];
  let now = new Date('2026-11-28T09:00:00Z');
  const dist = mkdtempSync(join(tmpdir(), 'sampark-dist-'));

  beforeAll(async () => {
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Sampark</title><script type="module" src="/assets/app.js"></script>');
    db = await BACKENDS[0].open();
    server = await startServer({
      db, distDir: dist, clock: () => now, security: { loginPerAddressPerMin: 3 },
      logger: { level: 'trace', stream: { write: (line: string) => void logged.push(line) } },
    });
    await addAccount(db, MEENA);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('puts the security headers on the app, API answers, refusals and rate-limit answers', async () => {
    const session = await signIn(server, MEENA.id);
    const answers = [
      await server.get('/'), await server.get('/api/health'), await server.get('/api/auth/me', bearer(session)),
      await server.get('/api/auth/me'), await server.post(SYNC, { grievances: [] }, { authorization: 'Bearer x' }),
    ];
    for (let i = 0; i < 4; i++) answers.push(await server.post('/api/auth/login', {}));
    expect(answers.at(-1)!.status).toBe(429);
    for (const res of answers) {
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc, res.url).toBe("'self'"); // no inline script, no eval, no other origin
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      if (new URL(res.url).pathname.startsWith('/api/')) expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('never logs passwords, tokens, Authorization headers, bodies or full mobile numbers', async () => {
    now = new Date(now.getTime() + 60_000); // past the sign-in limit met above
    logged.length = 0;
    const session = await signIn(server, MEENA.id);
    await server.get('/api/auth/me', bearer(session));
    await server.post('/api/auth/refresh', { refreshToken: session.refreshToken, deviceId: 'QQQQQ' });
    await server.get('/api/status?mobile=9876543210&aadhaar=234123412346');
    const text = logged.join('');
    expect(text).toContain('incoming request'); // it does log requests…
    expect(text).toContain('XXXXXX3210');
    for (const secret of [PASSWORD, session.accessToken, session.refreshToken, session.refreshToken.split('.')[2], '9876543210', '234123412346'])
      expect(text).not.toContain(secret);
    expect(text.toLowerCase()).not.toContain('authorization');
  });

  it('documents the bearer scheme and which routes need it', async () => {
    const doc = (await (await server.get('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown>; 'x-roles'?: string[] }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const open = ['GET /api/health', 'GET /api/config', 'GET /api/openapi.json', 'POST /api/auth/login', 'POST /api/auth/refresh',
      'GET /api/setup', 'POST /api/setup', 'GET /api/places/{district}', // the setup link carries its own one-time token; places are public LGD data
      'POST /api/chat/messages', 'GET /api/chat/whatsapp', 'POST /api/chat/whatsapp',
      'POST /api/chat/conversations/{conversationId}/photo', 'DELETE /api/chat/conversations/{conversationId}/photo']; // citizens: no sign-in (rate-limited; the webhook checks its signature)
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (path.startsWith('/open311/')) {
          // Open311 clients carry an api_key (server/open311/api-keys.ts): to file a request, or to read their own back.
          expect(op.security.every((s) => JSON.stringify(s) === '{"apiKey":[]}'), name).toBe(true);
        } else if (open.includes(name)) {
          expect(op.security, name).toEqual([]);
        } else {
          expect(op.security, name).toEqual([{ bearer: [] }]);
          expect(Object.keys(op.responses), name).toEqual(expect.arrayContaining(['401', '403', '429']));
          expect(op['x-roles']?.length, name).toBeGreaterThan(0);
        }
      }
    }
    expect(doc.paths['/api/sync/grievances'].post['x-roles']).toEqual(['operator']);
    expect(Object.keys(doc.paths['/api/sync/grievances'].post.responses)).toContain('503');
  });
});
