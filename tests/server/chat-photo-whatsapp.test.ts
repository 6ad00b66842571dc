/**
 * A citizen's photo on WhatsApp (issue 13, 2a; server/chat/whatsapp-media.ts): with WHATSAPP_TOKEN, an image
 * message during a registration is fetched from a fake Graph API over real HTTP (a node:http server that
 * checks the bearer token: media id → url → bytes) and the grievance registered by WhatsApp carries it.
 * A Graph 500, a wrong type, a wrong token and a photo outside a registration are answered in plain words
 * with the webhook still 200. On PGlite and PostgreSQL.
 */
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFileProvider } from '../../server/notifications/providers';
import type { Db } from '../../server/store/db';
import { upsertRules } from '../../server/workflow/routing';
import { BACKENDS, resetGrievances, startServer, type TestServer } from './harness';
import { jpegHeader, pdf, sha256 } from './attachment-files';

const SECRET = 'test-app-secret';
const TOKEN = 'graph-token-123';
const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const payload = (from: string, message: Record<string, unknown>) => JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', messages: [{ from, id: 'wamid.1', timestamp: '1', ...message }] } }] }],
});

const PHOTO = jpegHeader(800, 600);
const FILES: Record<string, Buffer> = { 'media-ok': PHOTO, 'media-pdf': pdf() };

/** A stand-in for graph.facebook.com: the media id's url, then its bytes, both only with the bearer token. */
function fakeGraph(): Promise<{ server: Server; url: string; calls: string[] }> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) { res.writeHead(401).end('{"error":{"message":"bad token"}}'); return; }
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const id = (req.url ?? '').split('/').pop()!;
    if (id === 'media-500') { res.writeHead(500).end('{"error":{}}'); return; }
    if (req.url?.startsWith('/files/')) {
      const bytes = FILES[id];
      if (!bytes) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(bytes.length) }).end(bytes);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ messaging_product: 'whatsapp', url: `${base}/files/${id}`, mime_type: 'image/jpeg', id, file_size: FILES[id]?.length ?? 10 }));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`, calls })));
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`WhatsApp photos on ${backend.name}`, () => {
    let db: Db;
    let server: TestServer;
    let graph: Awaited<ReturnType<typeof fakeGraph>>;
    const dir = mkdtempSync(join(tmpdir(), 'sampark-wa-photo-'));
    const log = join(dir, 'notifications.log');
    const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; to: string; body: string }) : []);
    const chatTo = (last4: string) => lines().filter((l) => l.kind === 'chat' && l.to === `XXXXXX${last4}`).map((l) => l.body);
    beforeAll(async () => {
      db = await backend.open();
      graph = await fakeGraph();
      server = await startServer({
        db, workflow: { notifyIntervalS: 3600, notifier: logFileProvider(log) },
        whatsapp: { verifyToken: 'verify-me', appSecret: SECRET, graph: { token: TOKEN, baseUrl: graph.url } },
      });
      await resetGrievances(db);
      await db.exec("DELETE FROM notifications WHERE kind IN ('chat', 'otp'); DELETE FROM chat_conversations");
      await upsertRules(db, [{ id: 'energy-jaipur', department: 'energy', district: 'jaipur', levels: { L1: 'ae.energy.jaipur' } }], new Date());
    });
    afterAll(async () => {
      await server?.close();
      await new Promise((done) => graph?.server.close(done));
      await db?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** One webhook message from `from`; the texts answered to that number by it. */
    async function send(from: string, message: Record<string, unknown>): Promise<string> {
      const last4 = from.slice(-4);
      const before = chatTo(last4).length;
      const body = payload(from, message);
      const res = await server.post('/api/chat/whatsapp', body, { 'x-hub-signature-256': sign(body) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ received: 1 });
      // Every reply is in the outbox when the webhook answers: wait until the sender has written them all.
      const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE kind = 'chat' AND mobile = $1", [from.slice(-10)]);
      await expect.poll(() => chatTo(last4).length, { timeout: 20_000, interval: 50 }).toBe(n);
      expect(n).toBeGreaterThan(before);
      return chatTo(last4).slice(before).join('\n');
    }
    const text = (from: string, body: string) => send(from, { type: 'text', text: { body } });
    const image = (from: string, id: string) => send(from, { type: 'image', image: { id, mime_type: 'image/jpeg' } });
    async function code(mobile: string): Promise<string> {
      const otp = () => lines().filter((l) => l.kind === 'otp' && l.to === `XXXXXX${mobile.slice(-4)}`);
      await expect.poll(() => otp().length, { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
      return otp().at(-1)!.body.match(/(?<!\d)\d{6}(?!\d)/)![0];
    }
    async function toPhotoQuestion(from: string) {
      await text(from, 'New grievance');
      let r = await text(from, 'No electricity in our village for five days, the transformer is burnt');
      if (/Is that right/.test(r)) r = await text(from, 'Yes');
      if (/Which district/.test(r)) r = await text(from, 'Jaipur');
      expect(r).toMatch(/village, locality or ward/);
      r = await text(from, 'Khora Bisal');
      expect(r).toMatch(/add a photo of the problem\?[\s\S]*\n1\. Add a photo\n2\. Skip/);
    }

    it('an image at the photo question is fetched with the token, kept, and the grievance registered by WhatsApp carries it', async () => {
      const from = '919829083333';
      await toPhotoQuestion(from);
      const r = await image(from, 'media-ok');
      expect(r).toContain('Photo received');
      expect(r).toContain('What is your name?');
      expect(graph.calls).toEqual([`GET /v21.0/media-ok Bearer ${TOKEN}`, `GET /files/media-ok Bearer ${TOKEN}`]);
      await text(from, 'Sita Devi');
      await text(from, '9829083333');
      const summary = await text(from, await code('9829083333'));
      expect(summary).toContain('Photo: 1 attached');
      const done = await text(from, 'Yes');
      const number = done.match(/(\d{4})-(\d{4})-(\d{4})-(\d)/)!.slice(1).join('');
      const [row] = await db.query<{ sha256: string; type: string; bytes: number; channel: string }>(
        `SELECT a.sha256, a.type, a.bytes, g.channel FROM grievances g JOIN grievance_attachments ga ON ga.client_id = g.client_id JOIN attachments a ON a.sha256 = ga.sha256
          WHERE g.number = $1`, [number]);
      expect(row).toEqual({ sha256: sha256(PHOTO), type: 'image/jpeg', bytes: PHOTO.length, channel: 'chat' });
    });

    it('a Graph 500, a wrong type, or a photo outside a registration: a plain answer, the webhook 200, nothing kept', async () => {
      const from = '919829084444';
      // Before any conversation: in Hindi, as a new conversation starts.
      expect(await image(from, 'media-ok')).toContain('केवल नया परिवाद दर्ज करते समय');
      await toPhotoQuestion(from);
      expect(await image(from, 'media-500')).toContain('could not be taken just now');
      expect(await image(from, 'media-pdf')).toContain('could not be taken just now');
      expect(await image(from, '../../etc/passwd')).toContain('could not be taken just now');
      expect(await db.query('SELECT 1 FROM chat_photos')).toEqual([]);
      const reasons = (await db.query<{ details: { reason?: string } }>("SELECT details FROM audit_log WHERE action = 'chat.whatsapp.image' ORDER BY id")).map((a) => a.details.reason);
      expect(reasons).toEqual(expect.arrayContaining(['chat.photoConversation', 'graph 500', 'chat.photoType', 'media id']));
      // The dialogue goes on: skip, and the name is asked.
      expect(await text(from, '2')).toContain('What is your name?');
    });

    it('a wrong token is a Graph 401: the citizen is told plainly, the webhook is 200', async () => {
      const wrong = await startServer({
        db, workflow: { notifyIntervalS: 3600, notifier: logFileProvider(log) },
        whatsapp: { verifyToken: 'verify-me', appSecret: SECRET, graph: { token: 'stale-token', baseUrl: graph.url } },
      });
      try {
        const from = '919829085555';
        const body = payload(from, { type: 'text', text: { body: 'New grievance' } });
        expect((await wrong.post('/api/chat/whatsapp', body, { 'x-hub-signature-256': sign(body) })).status).toBe(200);
        const img = payload(from, { type: 'image', image: { id: 'media-ok' } });
        const res = await wrong.post('/api/chat/whatsapp', img, { 'x-hub-signature-256': sign(img) });
        expect([res.status, await res.json()]).toEqual([200, { received: 1 }]);
        const [audit] = await db.query<{ details: { reason: string } }>("SELECT details FROM audit_log WHERE action = 'chat.whatsapp.image' ORDER BY id DESC LIMIT 1");
        expect(audit.details.reason).toBe('graph 401');
      } finally {
        await wrong.close();
      }
    });
  });
}
