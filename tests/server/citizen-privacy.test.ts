/**
 * Citizens' privacy between kiosks (ACCEPTANCE "Hardening"): a kiosk that did not register a grievance
 * learns from its number, receipt or mobile alone only where it stands; with the citizen's matching mobile
 * it sees the citizen's view; it records feedback or a reopen only with the one-time code sent to the
 * citizen's mobile (6 digits, 10 minutes, 3 tries, limited per mobile and per kiosk, stored hashed), and
 * every lookup, code request and code check is in the audit log. Files follow the grievance view's rule.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CodeSent } from '../../src/domain/otp';
import { StatusLookup } from '../../src/domain/workflow-api';
import { logFileProvider } from '../../server/notifications/providers';
import { loadOtpService } from '../../server/otp/otp';
import { createAuditLog } from '../../server/store/audit';
import { sendDueNotifications } from '../../server/notifications/sender';
import type { Db } from '../../server/store/db';
import { upsertRules } from '../../server/workflow/routing';
import { png, sha256, uploadFile } from './attachment-files';
import { addAccount, BACKENDS, bearer, resetGrievances, signIn } from './harness';
import { snapshot, testClock, workflowHarness, type WorkflowHarness, type Who } from './workflow-fixtures';

const MOBILE = '9829012345';
const NAME = 'सुनीता देवी';
const QUESTION = 'Please bring the meter photo, Sunita ji';
const REMARKS = 'Handpump repaired at the house of Ramesh Meena';
const START = '2026-12-01T04:30:00.000Z';

for (const backend of BACKENDS) {
describe.skipIf(!backend.enabled)(`citizens' privacy between kiosks on ${backend.name}`, () => {
  const clock = testClock(START);
  let db: Db;
  let h: WorkflowHarness;
  /** A third kiosk, to show a code works only at the kiosk that asked for it. */
  let third: Record<string, string>;

  beforeAll(async () => {
    db = await backend.open();
    h = await workflowHarness(db, clock, ['l1', 'l1b', 'otherKiosk'], { security: { otpPerMobilePerHour: 3, otpPerKioskPerHour: 6 } });
    await addAccount(db, { id: 'op.third', name: 'Third', role: 'operator', kioskCode: 'K3000001' });
    third = bearer(await signIn(h.server, 'op.third'));
  });
  afterAll(async () => {
    await h?.close();
    await db?.query("DELETE FROM auth_sessions WHERE account_id = 'op.third'");
    await db?.query("DELETE FROM accounts WHERE id = 'op.third'");
    await db?.close();
  });
  beforeEach(async () => {
    await resetGrievances(db);
    clock.now = new Date(START);
    await upsertRules(db, [{ id: 'phed-jaipur', department: 'phed', district: 'jaipur', levels: { L1: 'ae.phed.jaipur' } }], clock.now);
  });

  const enc = encodeURIComponent;
  const headersOf = (who: Who | 'third') => (who === 'third' ? third : h.headers[who]);
  const lookup = async (who: Who | 'third', q: string, mobile?: string) => {
    const res = await h.server.get(`/api/status?q=${enc(q)}${mobile ? `&mobile=${enc(mobile)}` : ''}`, headersOf(who));
    expect(res.status).toBe(200);
    const text = await res.text();
    return { body: StatusLookup.parse(JSON.parse(text)), text };
  };
  const sendCode = (who: Who | 'third', q: string) => h.server.post('/api/status/code', { q }, headersOf(who));
  const verify = (who: Who | 'third', q: string, code: string) => h.server.post('/api/status/verify', { q, code }, headersOf(who));
  const feedback = (who: Who | 'third', number: string, body: Record<string, unknown>) =>
    h.server.post(`/api/grievances/${number}/feedback`, { actionId: ulid(), ...body }, headersOf(who));
  /** The code in the latest text queued for the citizen (the only 6-digit number in it). */
  const latestCode = async () => {
    const [row] = await db.query<{ body: string }>("SELECT body FROM notifications WHERE kind = 'otp' ORDER BY id DESC LIMIT 1");
    return row.body.match(/(?<!\d)\d{6}(?!\d)/)![0];
  };
  /** A grievance registered at Meena's kiosk, asked about and disposed by its officer: it has notes, remarks, a name. */
  const disposedGrievance = async () => {
    const [number] = await h.register({ mobile: MOBILE, name: NAME });
    await h.ok('l1', number, { type: 'request-info', question: QUESTION });
    await h.ok('l1', number, { type: 'dispose', outcome: 'relief', remarks: REMARKS });
    const [{ receipt_number: receipt }] = await db.query<{ receipt_number: string }>('SELECT receipt_number FROM grievances WHERE number = $1', [number]);
    return { number, receipt };
  };

  describe('status lookup', () => {
    it('another kiosk, by number, receipt or mobile alone: status, department, district, level and dates; nothing about the citizen', async () => {
      const { number, receipt } = await disposedGrievance();
      for (const q of [number, receipt, MOBILE, '+91 98290-12345', '०९८२९०१२३४५']) {
        const { body, text } = await lookup('otherKiosk', q);
        expect(body.results, q).toHaveLength(1);
        expect(body.results[0], q).toEqual({
          view: 'limited', number: q === number ? number : null, status: 'disposed', departmentCode: 'phed', districtCode: 'jaipur', level: 'L1',
          registeredAt: expect.any(String), updatedAt: expect.any(String), disposedAt: expect.any(String),
        });
        for (const secret of [receipt, MOBILE, 'XXXXXX', NAME, 'Sunita', 'Ramesh', REMARKS, QUESTION, 'ae.phed'])
          expect(text, `${q} shows ${secret}`).not.toContain(secret);
        if (q !== number) expect(text).not.toContain(number);
      }
    });

    it("with the citizen's matching mobile, another kiosk sees the citizen's view (a wrong one: still the limited view)", async () => {
      const { number, receipt } = await disposedGrievance();
      for (const mobile of [MOBILE, '०९८२९०१२३४५']) {
        const { body } = await lookup('otherKiosk', number, mobile);
        expect(body.results[0]).toMatchObject({ view: 'citizen', receiptNumber: receipt, mobile: 'XXXXXX2345', remarks: REMARKS, canGiveFeedback: false, canReopen: false });
        expect(JSON.stringify(body)).toContain(QUESTION); // the history the citizen is told
      }
      expect((await lookup('otherKiosk', receipt, '9829012346')).body.results[0].view).toBe('limited');
    });

    it('the kiosk that registered it sees the citizen view and may act for the citizen', async () => {
      const { number } = await disposedGrievance();
      expect((await lookup('operator', number)).body.results[0]).toMatchObject({ view: 'citizen', mobile: 'XXXXXX2345', canGiveFeedback: true, canReopen: true });
    });
  });

  describe('feedback and reopen from another kiosk', () => {
    it('are refused without the code, and change nothing', async () => {
      const { number } = await disposedGrievance();
      const before = await snapshot(db, number);
      const res = await feedback('otherKiosk', number, { satisfaction: 'satisfied' });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'wf.citizenCode' });
      const reopen = await h.server.post(`/api/grievances/${number}/reopen`, { actionId: ulid(), reason: 'Still no water here' }, h.headers.otherKiosk);
      expect(reopen.status).toBe(403);
      expect(await snapshot(db, number)).toEqual(before);
    });

    it('with the code sent to the citizen: the citizen view opens, feedback and a reopen are accepted; the code is in the notifications log, stored hashed', async () => {
      const { number, receipt } = await disposedGrievance();
      const sent = await sendCode('otherKiosk', receipt);
      expect(sent.status).toBe(200);
      const answer = CodeSent.parse(await sent.json());
      expect(answer).toEqual({ sent: true, expiresAt: new Date(clock.now.getTime() + 10 * 60_000).toISOString(), tries: 3 });
      expect(JSON.stringify(answer)).not.toMatch(/2345/);
      const code = await latestCode();
      const [stored] = await db.query<{ code_hash: string; grievance_number: string }>('SELECT code_hash, grievance_number FROM otp_codes');
      expect(stored.grievance_number).toBe(number);
      expect(stored.code_hash).not.toContain(code);

      // The log file a district office reads (no gateway): one line with the code, the mobile masked.
      const dir = mkdtempSync(join(tmpdir(), 'sampark-otp-'));
      try {
        expect(await sendDueNotifications({ db, provider: logFileProvider(join(dir, 'notifications.log')), clock: clock.at })).toMatchObject({ failed: 0, retried: 0 });
        const lines = readFileSync(join(dir, 'notifications.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
        const line = lines.find((l) => l.kind === 'otp')!;
        expect(line).toMatchObject({ to: 'XXXXXX2345', number, channel: 'sms' });
        expect(line.body).toContain(code);
        expect(JSON.stringify(lines)).not.toContain(MOBILE);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      // Once sent, the code is blotted out of the stored text.
      const [after] = await db.query<{ body: string }>("SELECT body FROM notifications WHERE kind = 'otp'");
      expect(after.body).not.toContain(code);

      const opened = await verify('otherKiosk', receipt, code);
      expect(opened.status).toBe(200);
      expect(StatusLookup.parse(await opened.json()).results[0]).toMatchObject({ view: 'citizen', receiptNumber: receipt, canGiveFeedback: true, canReopen: true });
      const fb = await feedback('otherKiosk', number, { satisfaction: 'not_satisfied', code });
      expect(fb.status).toBe(200);
      const reopen = await h.server.post(`/api/grievances/${number}/reopen`, { actionId: ulid(), reason: 'Still no water here', code }, h.headers.otherKiosk);
      expect(reopen.status).toBe(200);
      expect(await reopen.json()).toMatchObject({ status: 'reopened' });
    });

    it('a code asked for by mobile opens every grievance of that mobile, only at the kiosk that asked', async () => {
      const first = await disposedGrievance();
      const second = await disposedGrievance();
      expect((await sendCode('otherKiosk', MOBILE)).status).toBe(200);
      const code = await latestCode();
      const opened = await verify('otherKiosk', MOBILE, code);
      expect(StatusLookup.parse(await opened.json()).results.map((r) => [r.view, r.number]).sort()).toEqual([['citizen', first.number], ['citizen', second.number]].sort());
      expect((await feedback('otherKiosk', second.number, { satisfaction: 'satisfied', code })).status).toBe(200);
      // Another kiosk holding the same digits has no code of its own.
      const elsewhere = await feedback('third', first.number, { satisfaction: 'satisfied', code });
      expect(elsewhere.status).toBe(403);
      expect(await elsewhere.json()).toMatchObject({ error: 'otp.none' });
      expect((await verify('third', MOBILE, code)).status).toBe(403);
    });
  });

  describe('the code', () => {
    it('works for 10 minutes; a message that could not be sent in time is dropped', async () => {
      const { receipt, number } = await disposedGrievance();
      await sendCode('otherKiosk', receipt);
      const code = await latestCode();
      clock.advance(10 * 60_000 + 1);
      const late = await verify('otherKiosk', receipt, code);
      expect(late.status).toBe(403);
      expect(await late.json()).toMatchObject({ error: 'otp.expired' });
      expect((await feedback('otherKiosk', number, { satisfaction: 'satisfied', code })).status).toBe(403);
      const dir = mkdtempSync(join(tmpdir(), 'sampark-otp-'));
      try {
        await sendDueNotifications({ db, provider: logFileProvider(join(dir, 'notifications.log')), clock: clock.at });
        const [row] = await db.query<{ status: string; body: string }>("SELECT status, body FROM notifications WHERE kind = 'otp'");
        expect(row.status).toBe('failed');
        expect(row.body).not.toContain(code);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('allows 3 tries: the third wrong one kills it, and then even the right one is refused', async () => {
      const { receipt, number } = await disposedGrievance();
      await sendCode('otherKiosk', receipt);
      const code = await latestCode();
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push((await (await verify('otherKiosk', receipt, wrong)).json() as { error: string }).error);
      expect(answers).toEqual(['otp.wrong', 'otp.wrong', 'otp.locked']);
      expect((await (await verify('otherKiosk', receipt, code)).json() as { error: string }).error).toBe('otp.locked');
      expect((await feedback('otherKiosk', number, { satisfaction: 'satisfied', code })).status).toBe(403);
      // A new code starts afresh, and replaces the old one.
      await sendCode('otherKiosk', receipt);
      const fresh = await latestCode();
      expect((await verify('otherKiosk', receipt, fresh)).status).toBe(200);
    });

    it('is limited per mobile and per kiosk per hour, with Retry-After', async () => {
      const { receipt } = await disposedGrievance();
      for (let i = 0; i < 3; i++) expect((await sendCode('otherKiosk', receipt)).status).toBe(200);
      const fourth = await sendCode('third', receipt); // another kiosk, the same citizen's mobile
      expect(fourth.status).toBe(429);
      expect(await fourth.json()).toMatchObject({ error: 'otp.tooMany' });
      expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(3000);
      // Per kiosk: 6 an hour, whatever the mobiles.
      const others = await h.register(...['9414000001', '9414000002', '9414000003'].map((mobile) => ({ mobile })));
      for (const n of others) expect((await sendCode('otherKiosk', n)).status).toBe(200);
      expect((await sendCode('otherKiosk', others[0])).status).toBe(429);
      // An hour later, both limits have passed.
      clock.advance(3600_000 + 1);
      expect((await sendCode('otherKiosk', receipt)).status).toBe(200);
    });

    it('is sent only for what exists: an unknown number or mobile sends nothing', async () => {
      const res = await sendCode('otherKiosk', '9414999999');
      expect(res.status).toBe(404);
      expect(await db.query("SELECT id FROM notifications WHERE kind = 'otp'")).toHaveLength(0);
    });
  });

  it('the code module serves the citizen chatbot too: a code for a purpose, to a mobile with no grievance yet', async () => {
    const audit = createAuditLog(db, clock.at);
    const otp = await loadOtpService(db, audit, { perMobilePerHour: 3, perRequesterPerHour: 20 });
    const caller = { actorId: 'chatbot', actorRole: 'system' };
    const req = { requester: 'chat:conv-1', subject: { mobile: '9414012345' }, caller };
    expect(await db.transaction((tx) => otp.issue(tx, { ...req, purpose: 'register', lang: 'en' }, clock.now))).toMatchObject({ ok: true });
    const dir = mkdtempSync(join(tmpdir(), 'sampark-otp-'));
    try {
      await sendDueNotifications({ db, provider: logFileProvider(join(dir, 'notifications.log')), clock: clock.at });
      const [line] = readFileSync(join(dir, 'notifications.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(line).toMatchObject({ kind: 'otp', number: null, to: 'XXXXXX2345', lang: 'en' });
      const code = String(line.body).match(/(?<!\d)\d{6}(?!\d)/)![0];
      // A code for registering opens neither feedback nor another conversation.
      expect(await db.transaction((tx) => otp.check(tx, { ...req, wanted: 'feedback', code }, clock.now))).toMatchObject({ ok: false, reason: 'otp.none' });
      expect(await db.transaction((tx) => otp.check(tx, { ...req, requester: 'chat:conv-2', wanted: 'register', code }, clock.now))).toMatchObject({ ok: false, reason: 'otp.none' });
      expect(await db.transaction((tx) => otp.check(tx, { ...req, wanted: 'register', code }, clock.now))).toEqual({ ok: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.query("DELETE FROM notifications WHERE mobile = '9414012345'");
    }
  });

  it('every status lookup, code request and code check is audited, with the mobile masked', async () => {
    const { receipt, number } = await disposedGrievance();
    const [{ from }] = await db.query<{ from: string }>('SELECT coalesce(max(id), 0)::text AS from FROM audit_log');
    await lookup('otherKiosk', MOBILE);
    await lookup('otherKiosk', number, MOBILE);
    await sendCode('otherKiosk', receipt);
    await verify('otherKiosk', receipt, '000000').catch(() => undefined);
    await verify('otherKiosk', receipt, await latestCode());
    await feedback('otherKiosk', number, { satisfaction: 'satisfied', code: await latestCode() });
    const rows = await db.query<{ action: string; actor_id: string; target: string | null; details: Record<string, unknown> }>(
      "SELECT action, actor_id, target, details FROM audit_log WHERE id > $1::bigint AND (action LIKE '%status%' OR action LIKE '%otp%') ORDER BY id", [from]);
    expect(rows.map((r) => r.action)).toEqual(['status.lookup', 'status.lookup', 'otp.request', 'otp.check', 'otp.check', 'status.lookup', 'otp.check']);
    expect(rows.every((r) => r.actor_id === 'op.asha')).toBe(true);
    expect(rows.map((r) => r.details.ok ?? null)).toEqual([null, null, null, false, true, null, true]);
    expect(JSON.stringify(rows)).not.toContain(MOBILE);
    expect(JSON.stringify(rows)).toContain('XXXXXX2345');
  });

  it("a grievance's files are scoped like the grievance view: its kiosk and its officers, not another kiosk or an L1 officer who never held it", async () => {
    const file = png(6, 6);
    await uploadFile(h.server.url, h.headers.operator, file);
    const [number] = await h.register({ mobile: MOBILE, attachments: [{ sha256: sha256(file), bytes: file.length, type: 'image/png' }] });
    const get = (who: Who) => h.server.get(`/api/attachments/${sha256(file)}`, h.headers[who]);
    expect((await get('operator')).status).toBe(200);
    expect((await get('l1')).status).toBe(200);
    expect((await get('l1b')).status).toBe(404); // same department, district and level, never its holder
    expect((await get('otherKiosk')).status).toBe(404);
    // Even with the citizen's code: the code opens the status, not the evidence.
    await sendCode('otherKiosk', number);
    expect((await verify('otherKiosk', number, await latestCode())).status).toBe(200);
    expect((await get('otherKiosk')).status).toBe(404);
  });
});
}
