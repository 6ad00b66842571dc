/**
 * The WhatsApp Business webhook (server/chat/whatsapp.ts): verification by token, the signature over the
 * exact body, text and button replies into the same engine, replies queued as WhatsApp messages to the
 * sender and written by the log-file provider. On PGlite and PostgreSQL.
 */
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFileProvider } from '../../server/notifications/providers';
import type { Db } from '../../server/store/db';
import { BACKENDS, resetGrievances, startServer, type TestServer } from './harness';

const SECRET = 'test-app-secret';
const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const payload = (from: string, message: Record<string, unknown>) => JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', messages: [{ from, id: 'wamid.1', timestamp: '1', ...message }] } }] }],
});

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`WhatsApp webhook on ${backend.name}`, () => {
    let db: Db;
    let server: TestServer;
    const dir = mkdtempSync(join(tmpdir(), 'sampark-wa-'));
    const log = join(dir, 'notifications.log');
    const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; channel: string; to: string; body: string }) : [])
      .filter((l) => l.kind === 'chat');
    beforeAll(async () => {
      db = await backend.open();
      server = await startServer({ db, workflow: { notifyIntervalS: 3600, notifier: logFileProvider(log) }, whatsapp: { verifyToken: 'verify-me', appSecret: SECRET } });
      await resetGrievances(db);
      await db.exec("DELETE FROM notifications WHERE kind = 'chat'; DELETE FROM chat_conversations");
    });
    afterAll(async () => {
      await server?.close();
      await db?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('verification answers the challenge only for the right token', async () => {
      const ok = await server.get('/api/chat/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=12345');
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('12345');
      const wrong = await server.get('/api/chat/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=12345');
      expect(wrong.status).toBe(403);
    });

    it('a wrong or missing signature is refused and nothing is answered', async () => {
      const body = payload('919829081111', { type: 'text', text: { body: 'hello' } });
      for (const headers of [{}, { 'x-hub-signature-256': sign(`${body} `) }, { 'x-hub-signature-256': 'sha256=00' }] as Record<string, string>[]) {
        const res = await server.post('/api/chat/whatsapp', body, headers);
        expect(res.status).toBe(403);
      }
      expect(await db.query("SELECT 1 FROM notifications WHERE kind = 'chat'")).toEqual([]);
    });

    it('a text and then a button reply go to the engine; the replies go back on WhatsApp, choices numbered', async () => {
      const hello = payload('919829081111', { type: 'text', text: { body: 'नमस्ते' } });
      const r1 = await server.post('/api/chat/whatsapp', hello, { 'x-hub-signature-256': sign(hello) });
      expect(r1.status).toBe(200);
      expect(await r1.json()).toEqual({ received: 1 });
      await expect.poll(() => lines().length, { timeout: 20_000, interval: 50 }).toBe(1);
      expect(lines()[0]).toMatchObject({ channel: 'whatsapp', to: 'XXXXXX1111' });
      expect(lines()[0].body).toContain('राजस्थान सम्पर्क सहायक');
      expect(lines()[0].body).toMatch(/\n4\. सामान्य प्रश्न/);
      const pressed = payload('919829081111', { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'faq', title: '4' } } });
      const r2 = await server.post('/api/chat/whatsapp', pressed, { 'x-hub-signature-256': sign(pressed) });
      expect(await r2.json()).toEqual({ received: 1 });
      await expect.poll(() => lines().length, { timeout: 20_000, interval: 50 }).toBe(2);
      expect(lines()[1].body).toContain('किस बारे में जानना चाहेंगे');
    });

    it('a photo is not taken on WhatsApp yet: the citizen is told so, its media id is audited, nothing is fetched', async () => {
      const before = lines().length;
      const photo = payload('919829082222', { type: 'image', image: { id: 'media-4711', mime_type: 'image/jpeg' } });
      const r = await server.post('/api/chat/whatsapp', photo, { 'x-hub-signature-256': sign(photo) });
      expect(await r.json()).toEqual({ received: 1 });
      await expect.poll(() => lines().length, { timeout: 20_000, interval: 50 }).toBe(before + 1);
      expect(lines().at(-1)).toMatchObject({ channel: 'whatsapp', to: 'XXXXXX2222' });
      expect(lines().at(-1)!.body).toContain('फ़ोटो नहीं ली जाती');
      const [audit] = await db.query<{ details: { mediaId: string; fetched: boolean } }>("SELECT details FROM audit_log WHERE action = 'chat.whatsapp.image' ORDER BY id DESC LIMIT 1");
      expect(audit.details).toEqual({ mediaId: 'media-4711', fetched: false });
    });
  });
}
