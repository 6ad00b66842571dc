/**
 * Triage on the server (issue 6): the duplicate check (POST /api/grievances/similar: same citizen by
 * mobile or Aadhaar hash, 30 days, any kiosk; minimal, masked answer; rate limited; audited), the
 * suggestion stored with each grievance, the model for devices (GET /api/triage/model, ETag), and
 * `admin retrain`, which publishes a new model only if it is not worse: fed deliberately mislabelled
 * grievances it must refuse, fed correct ones it publishes and devices get it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import departments from '../../src/domain/reference/departments.json';
import { SimilarResponse } from '../../src/domain/duplicates';
import { ApiError, ServerConfig, SyncResponse, type GrievanceSubmission } from '../../src/domain/schemas';
import { sealDigits } from '../../src/domain/seal';
import { isValidation, parseCorpus } from '../../src/triage/corpus';
import builtIn from '../../src/triage/model.json';
import { usableModel } from '../../src/triage/model';
import { COMMANDS } from '../../server/cli/commands/index';
import { createAuditLog } from '../../server/store/audit';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { retrain } from '../../server/triage/retrain';
import { VALID_AADHAAR, submission } from './fixtures';
import { addAccount, bearer, MEENA, operatorHeaders, resetGrievances, signIn, startServer, type TestServer } from './harness';

const NOW = new Date('2026-11-28T12:00:00+05:30');
const DAY = 24 * 3600_000;
const iso = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString().replace('Z', '+00:00');
const ASHA = { id: 'op.asha', name: 'Asha', role: 'operator', kioskCode: 'K2000001' } as const;
const MOBILE = '9876543210';
const WATER = 'गाँव में पाँच दिन से पीने का पानी नहीं आ रहा है, हैंडपंप भी खराब है। कृपया जल्दी ठीक करवाएँ।';
const WATER_AGAIN = 'peene ka pani 5 din se nahi aa raha gaon me, handpump bhi kharab hai';
const PENSION = 'मेरी वृद्धावस्था पेंशन तीन महीने से नहीं आई है, बैंक में पैसा नहीं आया।';

/** Training texts of the corpus (never the held-out ones): the confirmed grievances of these tests. */
const corpusTexts = parseCorpus(readFileSync(new URL('../../src/triage/corpus/generated.jsonl', import.meta.url), 'utf8'), 'generated.jsonl')
  .filter((e) => !isValidation(e.id!));
const DEPARTMENTS = departments.departments.map((d) => d.code);

describe('triage on the server', () => {
  let db: Db;
  let server: TestServer;
  let meena: Record<string, string>;
  let asha: Record<string, string>;
  let sealKey: string;

  beforeAll(async () => {
    db = await openMemoryDb();
    server = await startServer({ db, clock: () => NOW, triageModelCacheMs: 0, security: { similarPerAccountPerMin: 10_000, apiPerSessionPerMin: 10_000 } });
    meena = await operatorHeaders(server, db);
    await addAccount(db, ASHA);
    asha = bearer(await signIn(server, ASHA.id));
    sealKey = ServerConfig.parse(await (await server.get('/api/config')).json()).aadhaarKey;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await resetGrievances(db);
    await db.exec('TRUNCATE triage_models');
  });

  /**
   * `server.get`/`server.post`, each on a new connection. For the requests after a retrain: it runs in this
   * process, so it blocks the server's and the client's event loop alike for seconds (30 and more on a busy
   * machine); after that the server's keep-alive timer may close a pooled connection just as fetch reuses
   * it (ECONNRESET). A new connection to the listening server does not depend on which timer runs first.
   */
  const fresh: Pick<TestServer, 'get' | 'post'> = {
    get: (path, headers = {}) => onNewConnection('GET', path, headers),
    post: (path, body, headers = {}) => onNewConnection('POST', path, headers, body),
  };
  const onNewConnection = (method: string, path: string, headers: Record<string, string>, body?: unknown) => new Promise<Response>((resolve, reject) => {
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(server.url + path, { method, agent: false, headers: { ...(data !== undefined && { 'content-type': 'application/json' }), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const fields = Object.entries(res.headers).flatMap(([k, v]) => (v === undefined ? [] : [v].flat().map((x): [string, string] => [k, x])));
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: fields }));
      });
    });
    req.on('error', reject);
    req.end(data);
  });

  const sync = async (grievances: GrievanceSubmission[], via: Pick<TestServer, 'post'> = server) => {
    const numbers: string[] = [];
    for (let i = 0; i < grievances.length; i += 100) {
      const res = await via.post('/api/sync/grievances', { grievances: grievances.slice(i, i + 100) }, meena);
      expect(res.status).toBe(200);
      for (const r of SyncResponse.parse(await res.json()).results) {
        expect(r.status, JSON.stringify(r)).toBe('created');
        numbers.push((r as { number: string }).number);
      }
    }
    return numbers;
  };
  const similar = (body: unknown, headers = asha, via: Pick<TestServer, 'post'> = server) => via.post('/api/grievances/similar', body, headers);

  describe('POST /api/grievances/similar', () => {
    it("finds the citizen's similar grievance of the last 30 days from another kiosk, and nothing else", async () => {
      const [recent, , , , other] = await sync([
        submission({ mobile: MOBILE, description: WATER, createdAt: iso(2) }),
        submission({ mobile: MOBILE, description: PENSION, departmentCode: 'sje', categoryCode: undefined, createdAt: iso(3) }),
        submission({ mobile: MOBILE, description: WATER, createdAt: iso(40) }), // too old
        submission({ mobile: '9123456789', description: WATER, createdAt: iso(1) }), // another citizen
        submission({ mobile: MOBILE, description: WATER, createdAt: iso(29.9) }),
      ]);
      const res = await similar({ mobile: MOBILE, text: WATER_AGAIN });
      expect(res.status).toBe(200);
      const body = SimilarResponse.parse(await res.json());
      expect(body.modelVersion).toBe(builtIn.version);
      expect(body.items.map((i) => i.number).sort()).toEqual([recent, other].sort());
      const first = body.items.find((i) => i.number === recent)!;
      expect(first).toEqual({ number: recent, registeredOn: '2026-11-26', departmentCode: 'phed', categoryCode: 'no-supply', status: 'registered', score: first.score, match: 'mobile' });
      expect(first.score).toBeGreaterThanOrEqual(body.threshold);

      // another problem of the same citizen is not a duplicate
      expect(SimilarResponse.parse(await (await similar({ mobile: MOBILE, text: 'गाँव का ट्रांसफार्मर जल गया है, तीन दिन से बिजली नहीं' })).json()).items).toEqual([]);
    });

    it('answers only number, day, department, category, status and score: never the text, the name or the number', async () => {
      await sync([submission({ mobile: MOBILE, description: WATER, createdAt: iso(1), aadhaarLast4: '2346', aadhaarSealed: await sealDigits(sealKey, VALID_AADHAAR) })]);
      const res = await similar({ mobile: MOBILE, text: WATER_AGAIN });
      const text = await res.text();
      const { items } = SimilarResponse.parse(JSON.parse(text));
      expect(items).toHaveLength(1);
      expect(Object.keys(items[0]).sort()).toEqual(['categoryCode', 'departmentCode', 'match', 'number', 'registeredOn', 'score', 'status']);
      for (const secret of [MOBILE, '3210', 'सुनीता', 'हैंडपंप', '2346', VALID_AADHAAR, 'K1023456', 'op.meena']) expect(text).not.toContain(secret);
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('matches the same Aadhaar (by its keyed hash) under another mobile number; refuses a sealed Aadhaar that does not open', async () => {
      const [n] = await sync([submission({ mobile: '9123456789', description: WATER, createdAt: iso(5), aadhaarLast4: '2346', aadhaarSealed: await sealDigits(sealKey, VALID_AADHAAR) })]);
      const body = { mobile: '9000000001', text: WATER_AGAIN, aadhaarLast4: '2346', aadhaarSealed: await sealDigits(sealKey, VALID_AADHAAR) };
      const { items } = SimilarResponse.parse(await (await similar(body)).json());
      expect(items.map((i) => [i.number, i.match])).toEqual([[n, 'aadhaar']]);
      expect(SimilarResponse.parse(await (await similar({ ...body, mobile: '9123456789' })).json()).items[0].match).toBe('both');

      const wrong = await similar({ ...body, aadhaarLast4: '1111' });
      expect(wrong.status).toBe(400);
      expect(ApiError.parse(await wrong.json()).fields).toEqual([expect.objectContaining({ path: 'aadhaarLast4', code: 'err.aadhaar' })]);
      expect((await similar({ mobile: '9000000001', text: WATER_AGAIN, aadhaarLast4: '2346' })).status).toBe(400); // last 4 without the sealed number
    });

    it('audits every check, with the mobile number masked', async () => {
      const [n] = await sync([submission({ mobile: MOBILE, description: WATER, createdAt: iso(1) })]);
      await similar({ mobile: MOBILE, text: WATER_AGAIN });
      const rows = await db.query<{ actor_id: string; target: string; details: Record<string, unknown>; whole: string }>(
        `SELECT actor_id, target, details, a::text AS whole FROM audit_log a WHERE action = 'grievance.similar' ORDER BY id DESC LIMIT 1`);
      expect(rows[0]).toMatchObject({ actor_id: ASHA.id, target: 'XXXXXX3210', details: { aadhaar: false, candidates: 1, matches: [n], model: builtIn.version } });
      expect(rows[0].whole).not.toContain(MOBILE);
      expect(rows[0].whole).not.toContain('हैंडपंप');
    });

    it('is rate limited per account (429 with Retry-After), not per session or kiosk', async () => {
      const limited = await startServer({ db, clock: () => NOW, security: { similarPerAccountPerMin: 2 } });
      try {
        // (devices of their own: signing in again on a device would end the sessions the other tests use)
        const a = bearer(await signIn(limited, ASHA.id, undefined, 'ZZZZ1'));
        const a2 = bearer(await signIn(limited, ASHA.id, undefined, 'ZZZZ2')); // a second device: same account
        const m = bearer(await signIn(limited, MEENA.id, undefined, 'ZZZZ3'));
        const ask = (h: Record<string, string>) => limited.post('/api/grievances/similar', { mobile: MOBILE, text: WATER_AGAIN }, h);
        expect((await ask(a)).status).toBe(200);
        expect((await ask(a2)).status).toBe(200);
        const third = await ask(a);
        expect(third.status).toBe(429);
        expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(ApiError.parse(await third.json()).error).toBe('api.rateLimited');
        expect((await ask(m)).status).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });

  describe('the suggestion stored with each grievance', () => {
    it('keeps model version, suggestion, confidence and whether it was kept; refuses a record that contradicts the choice', async () => {
      const triage = { modelVersion: builtIn.version, suggestedDepartment: 'energy', suggestedCategory: 'transformer', confidence: 0.42, accepted: false } as const;
      const g = submission({ triage });
      await sync([g]);
      const [row] = await db.query<Record<string, unknown>>(
        'SELECT triage_model, triage_department, triage_category, triage_confidence, triage_accepted FROM grievances WHERE client_id = $1', [g.clientId]);
      expect(row).toEqual({ triage_model: builtIn.version, triage_department: 'energy', triage_category: 'transformer', triage_confidence: expect.closeTo(0.42, 5), triage_accepted: false });

      const bad = submission({ triage: { ...triage, accepted: true } });
      const res = await server.post('/api/sync/grievances', { grievances: [bad] }, meena);
      const [r] = SyncResponse.parse(await res.json()).results;
      expect(r).toMatchObject({ status: 'invalid', errors: [{ path: 'triage.accepted', code: 'err.invalid' }] });
    });
  });

  describe('GET /api/triage/model', () => {
    it('serves the current model with its version as ETag; 304 when the device has it; 404 for other feature code', async () => {
      const res = await server.get('/api/triage/model', { ...meena, 'accept-encoding': 'identity' });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe(`"${builtIn.version}"`);
      const m = await res.json();
      expect(usableModel(m, builtIn.features)?.version).toBe(builtIn.version);

      const again = await server.get(`/api/triage/model?features=${builtIn.features}`, { ...meena, 'if-none-match': `"${builtIn.version}"` });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');

      const other = await server.get('/api/triage/model?features=f-000000000000', meena);
      expect(other.status).toBe(404);
      expect(ApiError.parse(await other.json()).error).toBe('triage.noModel');
      expect((await server.get('/api/triage/model?features=../x', meena)).status).toBe(400);
    });

    it('is compressed for a device that takes gzip', async () => {
      const { request } = await import('node:http');
      const { status, encoding, body } = await new Promise<{ status?: number; encoding?: string; body: Buffer }>((resolve, reject) => {
        const req = request(`${server.url}/api/triage/model`, { headers: { ...meena, 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      expect(encoding).toBe('gzip');
      expect(body.length).toBeLessThan(300 * 1024);
      expect(JSON.parse(gunzipSync(body).toString('utf8')).version).toBe(builtIn.version);
    });
  });

  describe('admin retrain', () => {
    const audit = () => createAuditLog(db, () => NOW);

    it('does not publish a model made worse by deliberately mislabelled grievances', { timeout: 180_000 }, async () => {
      // Operators (or an attacker with an operator account) file 400 grievances under the wrong department.
      const wrong = corpusTexts.filter((_, i) => i % 4 === 1).slice(0, 400).map((e, i) => submission({
        mobile: `9${String(700000000 + i)}`, description: e.text, departmentCode: DEPARTMENTS[(DEPARTMENTS.indexOf(e.department) + 1) % DEPARTMENTS.length] as GrievanceSubmission['departmentCode'],
        categoryCode: undefined, createdAt: iso(1),
      }));
      await sync(wrong);
      const report = await retrain({ db, audit: audit(), clock: () => NOW });
      expect(report.trainedOn.grievances + report.trainedOn.heldOutGrievances + report.trainedOn.tooShort).toBe(400);
      expect(report.published).toBe(false);
      expect(report.reasons.join('; ')).toMatch(/top-1 .* is below the current/);
      expect(report.reference.candidate.top1).toBeLessThan(report.reference.current.top1 - 0.005);
      // on held-out grievances labelled the same wrong way the bad model even looks better (top-3): why they do not decide
      expect(report.grievances!.candidate.top3).toBeGreaterThan(report.grievances!.current.top3);
      const rows = await db.query<{ version: string; published: boolean; model: string | null }>('SELECT version, published, model FROM triage_models');
      expect(rows).toEqual([{ version: report.version, published: false, model: null }]);
      const res = await fresh.get('/api/triage/model', meena);
      expect(res.headers.get('etag')).toBe(`"${builtIn.version}"`);
      const [a] = await db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE action = 'triage.retrain' ORDER BY id DESC LIMIT 1`);
      expect(a.details).toMatchObject({ published: false });
    });

    it('publishes a model that is not worse, and devices and the duplicate check then use it', { timeout: 180_000 }, async () => {
      const right = corpusTexts.filter((_, i) => i % 9 === 4).slice(0, 120).map((e, i) => submission({
        mobile: `9${String(800000000 + i)}`, description: `Sir, ${e.text} कृपया कार्यवाही करें।`, departmentCode: e.department as GrievanceSubmission['departmentCode'],
        categoryCode: (e.category ?? undefined) as string | undefined, createdAt: iso(1),
      }));
      await sync([...right, submission({ description: 'पानी नहीं आ रहा है', createdAt: iso(1) })]);
      const report = await retrain({ db, audit: audit(), clock: () => NOW });
      expect(report.trainedOn.tooShort).toBe(1 + right.filter((g) => g.description.length < 30).length);
      expect(report.reasons).toEqual([]);
      expect(report.published).toBe(true);
      expect(report.version).toMatch(/^triage-r[0-9a-f]{12}$/);
      expect(report.reference.candidate.top1).toBeGreaterThanOrEqual(report.reference.current.top1 - 0.005);

      const res = await fresh.get(`/api/triage/model?features=${builtIn.features}`, { ...meena, 'if-none-match': `"${builtIn.version}"` });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe(`"${report.version}"`);
      const m = usableModel(await res.json(), builtIn.features);
      expect(m).toMatchObject({ version: report.version, trainedOn: { grievances: report.trainedOn.grievances } });
      expect((await fresh.get('/api/triage/model', { ...meena, 'if-none-match': `"${report.version}"` })).status).toBe(304);

      await sync([submission({ mobile: MOBILE, description: WATER, createdAt: iso(1) })], fresh);
      const body = SimilarResponse.parse(await (await similar({ mobile: MOBILE, text: WATER_AGAIN }, asha, fresh)).json());
      expect(body.modelVersion).toBe(report.version);
      expect(body.items).toHaveLength(1);
    });

    it('runs as `npm run admin -- retrain`, reports both models on the same held-out texts, and refuses bad flags', { timeout: 120_000 }, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sampark-retrain-'));
      try {
        let out = '';
        const io = { stdout: new Writable({ write(c, _e, cb) { out += String(c); cb(); } }), stderr: new Writable({ write(_c, _e, cb) { cb(); } }), env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir } };
        const command = COMMANDS.find((c) => c.name === 'retrain')!;
        await expect(command.run(['--tolerance', 'lots'], io)).rejects.toThrow(/--tolerance must be a number/);
        expect(await command.run(['--dry-run'], io)).toBe(0);
        expect(out).toMatch(/held-out reference texts/);
        expect(out).toMatch(new RegExp(`current ${builtIn.version} +n=\\d+ +top1 +\\d+\\.\\d%`));
        expect(out).toMatch(/new triage-r[0-9a-f]{12} +n=\d+/);
        expect(out).toMatch(/not published \(--dry-run\): there are no confirmed grievances/);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
});
