/**
 * Notifications: written to the outbox with what they announce, in the citizen's language, and sent
 * later by providers that may fail: retried with backoff, given up after the last attempt, never holding
 * up the workflow. The log-file provider masks the mobile number; the HTTP provider posts to a gateway.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxCounts, type DueNotification } from '../../server/notifications/outbox';
import { httpProvider, logFileProvider, type NotificationProvider, providerFromEnv } from '../../server/notifications/providers';
import { backoffMs, sendDueNotifications } from '../../server/notifications/sender';
import { notificationText } from '../../server/notifications/templates';
import { departmentByCode } from '../../src/domain/reference';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { resetGrievances } from './harness';
import { testClock, workflowHarness, type WorkflowHarness } from './workflow-fixtures';

const clock = testClock('2026-12-01T04:30:00.000Z');
let db: Db;
let h: WorkflowHarness;
const tmp = mkdtempSync(join(tmpdir(), 'sampark-notify-'));

beforeAll(async () => {
  db = await openMemoryDb();
  h = await workflowHarness(db, clock, ['l1']);
});
afterAll(async () => {
  await h?.close();
  await db?.close();
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => resetGrievances(db));

/** A provider that fails the first `failures` sends, recording every attempt. */
function flaky(failures: number): NotificationProvider & { sent: DueNotification[]; attempts: number } {
  const p = {
    name: 'flaky', sent: [] as DueNotification[], attempts: 0,
    async send(m: DueNotification) {
      p.attempts++;
      if (p.attempts <= failures) throw new Error('gateway timeout');
      p.sent.push(m);
    },
  };
  return p;
}

describe('the outbox', () => {
  it('holds an SMS in the citizen\'s language on registration, with the official number', async () => {
    const [hi] = await h.register({ lang: 'hi' });
    const [en] = await h.register({ lang: 'en' });
    const rows = await db.query<{ grievance_number: string; kind: string; channel: string; lang: string; body: string; status: string }>(
      'SELECT grievance_number, kind, channel, lang, body, status FROM notifications ORDER BY id');
    expect(rows).toEqual([
      { grievance_number: hi, kind: 'registered', channel: 'sms', lang: 'hi', status: 'pending', body: notificationText('registered', 'hi', { number: hi, departmentCode: 'phed' }) },
      { grievance_number: en, kind: 'registered', channel: 'sms', lang: 'en', status: 'pending', body: notificationText('registered', 'en', { number: en, departmentCode: 'phed' }) },
    ]);
    expect(rows[0].body).toBe(`राजस्थान सम्पर्क: आपका परिवाद दर्ज हो गया है। परिवाद संख्या ${hi} (${departmentByCode('phed')!.hi})। स्थिति किसी भी ई-मित्र पर या 181 पर पूछें।`);
    expect(rows[1].body).toBe(`Rajasthan Sampark: your grievance is registered. Grievance number ${en} (${departmentByCode('phed')!.en}). Ask its status at any e-Mitra or call 181.`);
    expect(notificationText('disposed', 'en', { number: '2618000000012', departmentCode: 'phed', outcome: 'interim-relief', reopenWindowDays: 30 }))
      .toBe('Rajasthan Sampark: grievance 2618000000012 has been disposed: interim relief given. Within 30 days, tell any e-Mitra or 181 whether you are satisfied; if not, you can have it reopened.');
  });
});

describe('the sender', () => {
  it('sends what is due, with the citizen\'s mobile read from the grievance', async () => {
    const [number] = await h.register({ mobile: '9829012345' });
    const p = flaky(0);
    expect(await sendDueNotifications({ db, provider: p, clock: clock.at })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(p.sent).toEqual([expect.objectContaining({ number, mobile: '9829012345', kind: 'registered', channel: 'sms', attempts: 1 })]);
    expect(await outboxCounts(db)).toEqual({ pending: 0, sent: 1, failed: 0 });
    expect(await sendDueNotifications({ db, provider: p, clock: clock.at })).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('retries a failure with backoff (30 s, 1 min, …), then sends', async () => {
    await h.register();
    const p = flaky(2);
    const start = clock.now.getTime();
    const at = (ms: number) => (clock.now = new Date(start + ms));
    at(0);
    expect(await sendDueNotifications({ db, provider: p, clock: clock.at })).toMatchObject({ retried: 1 });
    at(29_000);
    expect(await sendDueNotifications({ db, provider: p, clock: clock.at })).toMatchObject({ sent: 0, retried: 0 }); // not yet due
    at(30_000);
    expect(await sendDueNotifications({ db, provider: p, clock: clock.at })).toMatchObject({ retried: 1 });
    at(30_000 + 59_000);
    expect(await sendDueNotifications({ db, provider: p, clock: clock.at })).toMatchObject({ retried: 0, sent: 0 });
    at(90_000);
    expect(await sendDueNotifications({ db, provider: p, clock: clock.at })).toMatchObject({ sent: 1 });
    const [row] = await db.query<{ status: string; attempts: number; last_error: string | null }>('SELECT status, attempts, last_error FROM notifications');
    expect(row).toEqual({ status: 'sent', attempts: 3, last_error: null });
    expect([1, 2, 3, 7, 8, 20].map((n) => backoffMs(n))).toEqual([30_000, 60_000, 120_000, 1_920_000, 3_600_000, 3_600_000]); // at most an hour apart
  });

  it('gives up after the last attempt, and a failing gateway never blocks an officer', async () => {
    const [number] = await h.register();
    const p = flaky(1_000);
    for (let i = 0; i < 3; i++) {
      await sendDueNotifications({ db, provider: p, clock: clock.at, maxAttempts: 3, baseDelayMs: 0 });
    }
    const [row] = await db.query<{ status: string; attempts: number; last_error: string }>('SELECT status, attempts, last_error FROM notifications');
    expect(row).toEqual({ status: 'failed', attempts: 3, last_error: 'gateway timeout' });
    expect(await h.ok('l1', number, { type: 'dispose', outcome: 'rejected', remarks: 'Outside the scheme area' })).toMatchObject({ status: 'disposed' });
  });
});

describe('providers', () => {
  const message: DueNotification = { id: '7', number: '2618000000012', kind: 'registered', channel: 'sms', lang: 'hi', body: 'नमस्ते', mobile: '9876543210', attempts: 1 };

  it('the log file gets one JSON line per message, the mobile masked', async () => {
    const file = join(tmp, 'data', 'notifications.log');
    const p = logFileProvider(file);
    await p.send(message);
    await p.send({ ...message, id: '8' });
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ id: '7', to: 'XXXXXX3210', channel: 'sms', kind: 'registered', number: '2618000000012', body: 'नमस्ते' }),
      expect.objectContaining({ id: '8' }),
    ]);
    expect(readFileSync(file, 'utf8')).not.toContain('9876543210');
  });

  it('the HTTP gateway gets a POST with the token and an idempotency key; a non-2xx answer is a failure', async () => {
    const seen: { headers: IncomingMessage['headers']; body: unknown }[] = [];
    let status = 202;
    const gateway = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: JSON.parse(data) });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
      const p = providerFromEnv({ NOTIFY_HTTP_URL: url, NOTIFY_HTTP_TOKEN: 'secret-token' }, { kind: 'memory' });
      await p.send(message);
      expect(seen[0].headers).toMatchObject({ authorization: 'Bearer secret-token', 'idempotency-key': 'sampark-notification-7', 'content-type': 'application/json' });
      expect(seen[0].body).toEqual({ id: '7', to: '+919876543210', channel: 'sms', kind: 'registered', lang: 'hi', text: 'नमस्ते', grievanceNumber: '2618000000012' });
      status = 503;
      await expect(httpProvider({ url }).send(message)).rejects.toThrow('gateway answered 503');
    } finally {
      await new Promise((r) => gateway.close(r));
    }
  });

  it('chooses the log file in DATA_DIR, stdout on PostgreSQL, and refuses a bad NOTIFY_HTTP_URL', () => {
    expect(providerFromEnv({}, { kind: 'embedded', dataDir: '/srv/data' }).name).toBe('log file /srv/data/notifications.log');
    expect(providerFromEnv({}, { kind: 'postgres', url: 'postgres://x' }).name).toBe('standard output');
    expect(() => providerFromEnv({ NOTIFY_HTTP_URL: 'not a url' }, { kind: 'memory' })).toThrow('NOTIFY_HTTP_URL must be a URL');
  });
});
