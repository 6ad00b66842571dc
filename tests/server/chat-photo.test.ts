/**
 * The citizen's optional photo by chat (issue 13, 2a) over HTTP: the dialogue offers "Add a photo / Skip"
 * after the place (Hindi, English, Hinglish); a photo uploaded to POST /api/chat/conversations/:id/photo is
 * attached to the grievance the chat registers (same bytes, sniffed type, in the export, opened by its
 * officer); hostile inputs are 4xx in words and store nothing; Remove, replace, and the 30-day sweep (and prune-attachments leaving a waiting photo alone).
 * On PGlite and PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/domain/schemas';
import { createFsBlobStore } from '../../server/attachments/blob-store';
import { pruneAttachments } from '../../server/attachments/service';
import { sweepConversations } from '../../server/chat/service';
import type { Db } from '../../server/store/db';
import { exportAll } from '../../server/store/grievances';
import { BACKENDS } from './harness';
import { jpegHeader, pdf, png, sha256, webpHeader } from './attachment-files';
import { chatHarness, type ChatHarness } from './chat-support';

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`the chat's photo on ${backend.name}`, () => {
    let db: Db;
    let c: ChatHarness;
    beforeAll(async () => {
      db = await backend.open();
      c = await chatHarness(db, { chat: { perAddressPerMin: 10_000 } });
      await db.exec('DELETE FROM chat_photos');
    });
    afterAll(async () => {
      await c?.close();
      await db?.close();
    });

    const upload = (id: string, body: Uint8Array | string, type = 'image/png', method = 'POST') =>
      fetch(`${c.h.server.url}/api/chat/conversations/${id}/photo`, method === 'DELETE' ? { method } : { method, headers: { 'content-type': type }, body });
    const counts = async () => (await db.query<{ a: number; p: number }>(
      'SELECT (SELECT count(*)::int FROM attachments) AS a, (SELECT count(*)::int FROM chat_photos) AS p'))[0];

    /** A registration by chat up to the photo question. */
    async function toPhoto(id: string, lang: 'hi' | 'en', first: string) {
      let r = await c.say(id, first, lang);
      if (/Is that right|क्या यह सही/.test(r.all)) r = await c.say(id, lang === 'hi' ? 'हाँ' : 'Yes', lang);
      if (/Which district|जिला कौन सा/.test(r.all)) r = await c.say(id, 'Jaipur', lang);
      if (/village or in a town|गाँव में है या शहर/.test(r.all)) r = await c.say(id, lang === 'hi' ? 'गाँव' : 'Village', lang);
      expect(r.all).toMatch(/village, locality or ward|गाँव \/ मोहल्ले/);
      r = await c.say(id, 'Khora Bisal', lang);
      expect(r.messages.at(-1)).toMatchObject({ photo: true, choices: lang === 'hi' ? ['फ़ोटो जोड़ें', 'छोड़ें', 'मुख्य मेनू'] : ['Add a photo', 'Skip', 'Main menu'] });
      return r;
    }
    /** From the name question to the registered number. */
    async function finish(id: string, lang: 'hi' | 'en', mobile: string, expectPhoto: RegExp) {
      await c.say(id, 'Ramesh Kumar', lang);
      await c.say(id, mobile, lang);
      const summary = await c.say(id, await c.code(mobile), lang);
      expect(summary.all).toMatch(expectPhoto);
      const done = await c.say(id, lang === 'hi' ? 'हाँ' : 'Yes', lang);
      return done.all.match(/(\d{4})-(\d{4})-(\d{4})-(\d)/)!.slice(1).join('');
    }

    it('Hinglish: a photo uploaded at the question is attached to the grievance: same bytes, sniffed type, in the export, opened by its officer', async () => {
      const id = 'photo-conv-hi-1';
      await toPhoto(id, 'hi', 'mere gaon khora bisal me 5 din se bijli nahi aa rahi');
      // "Add a photo" before the photo arrived: asked again, nothing else happens.
      const early = await c.say(id, 'फ़ोटो जोड़ें', 'hi');
      expect(early.all).toContain('फ़ोटो अभी नहीं मिली');
      expect(early.messages.at(-1)!.photo).toBe(true);
      const image = png(40, 30);
      const res = await upload(id, image, 'application/octet-stream');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ sha256: sha256(image), bytes: image.length, type: 'image/png' });
      const got = await c.say(id, 'फ़ोटो जोड़ें', 'hi');
      expect(got.all).toContain('फ़ोटो मिल गई');
      expect(got.all).toContain('नाम क्या है');
      const number = await finish(id, 'hi', '9829071111', /फ़ोटो: 1 जुड़ी है/);

      const [row] = await db.query<{ sha256: string; type: string; bytes: number }>(
        `SELECT a.sha256, a.type, a.bytes FROM grievances g JOIN grievance_attachments ga ON ga.client_id = g.client_id JOIN attachments a ON a.sha256 = ga.sha256
          WHERE g.number = $1`, [number]);
      expect(row).toEqual({ sha256: sha256(image), type: 'image/png', bytes: image.length });
      let exported: { attachments: unknown[] } | undefined;
      for await (const g of exportAll(db)) if (g.number === number) exported = g;
      expect(exported!.attachments).toEqual([{ sha256: sha256(image), bytes: image.length, type: 'image/png' }]);
      // The routed officer opens it: the same bytes.
      const file = await c.h.server.get(`/api/attachments/${sha256(image)}`, c.h.headers.energy);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await file.arrayBuffer()).equals(image)).toBe(true);
      // Released from the conversation in the registering transaction; audited.
      expect(await db.query('SELECT 1 FROM chat_photos WHERE conversation_id = $1', [id])).toEqual([]);
      const actions = (await db.query<{ action: string }>('SELECT action FROM audit_log WHERE target = $1 ORDER BY id', [id])).map((a) => a.action);
      expect(actions).toContain('chat.photo');
    });

    it('English: skip registers without a photo; a photo replaced keeps the second; Remove takes it back', async () => {
      await toPhoto('photo-conv-en-1', 'en', 'No electricity in our village for five days, the transformer is burnt');
      const r = await c.say('photo-conv-en-1', 'Skip');
      expect(r.all).toMatch(/What is your name/);
      const number = await finish('photo-conv-en-1', 'en', '9829071112', /Photo: none/);
      expect(await db.query("SELECT 1 FROM grievance_attachments ga JOIN grievances g ON g.client_id = ga.client_id WHERE g.number = $1", [number])).toEqual([]);

      const id = 'photo-conv-en-2';
      await toPhoto(id, 'en', 'No electricity in our village for five days, the transformer is burnt');
      const first = png(20, 20);
      const second = jpegHeader(64, 48);
      expect((await upload(id, first)).status).toBe(200);
      expect((await upload(id, second, 'image/jpeg')).status).toBe(200);
      const [kept] = await db.query<{ sha256: string; type: string }>('SELECT sha256, type FROM chat_photos WHERE conversation_id = $1', [id]);
      expect(kept).toEqual({ sha256: sha256(second), type: 'image/jpeg' });
      // The replaced photo's blob is gone (nothing else refers to it).
      expect(await db.query('SELECT 1 FROM attachments WHERE sha256 = $1', [sha256(first)])).toEqual([]);
      expect((await c.say(id, 'Add a photo')).all).toMatch(/Photo received/);
      const removed = await upload(id, '', 'image/png', 'DELETE');
      expect(await removed.json()).toEqual({ removed: true });
      const number2 = await finish(id, 'en', '9829071113', /Photo: none/);
      expect(await db.query("SELECT 1 FROM grievance_attachments ga JOIN grievances g ON g.client_id = ga.client_id WHERE g.number = $1", [number2])).toEqual([]);
      expect(await db.query('SELECT 1 FROM attachments WHERE sha256 = $1', [sha256(second)])).toEqual([]);
    });

    it('Hindi words at the photo question: "nahi" skips; "haan" without a photo asks again', async () => {
      await toPhoto('photo-conv-hi-2', 'hi', 'हमारे गाँव में पाँच दिन से बिजली नहीं है, ट्रांसफार्मर जल गया');
      expect((await c.say('photo-conv-hi-2', 'haan', 'hi')).all).toContain('फ़ोटो अभी नहीं मिली');
      expect((await c.say('photo-conv-hi-2', 'nahi', 'hi')).all).toContain('नाम क्या है');
    });

    it('hostile inputs are 4xx in words and store nothing', async () => {
      const id = 'photo-conv-bad-1';
      await toPhoto(id, 'en', 'No electricity in our village for five days, the transformer is burnt');
      const before = await counts();
      const cases: [string, Uint8Array | string, string, number, string][] = [
        [id, randomBytes(5000), 'application/octet-stream', 415, 'chat.photoType'],
        [id, pdf(), 'application/octet-stream', 415, 'chat.photoType'],
        [id, webpHeader(100, 100).subarray(0, 20), 'image/webp', 422, 'err.attachmentCorrupt'],
        [id, png(700, 700), 'image/png', 413, 'chat.photoTooLarge'], // about 1.4 MB: over the kiosk's photo limit
        [id, Buffer.alloc(6 * 1024 * 1024, 1), 'application/octet-stream', 413, 'api.tooLarge'],
        [id, png(10, 10, { declared: { width: 50_000, height: 50_000 } }), 'image/png', 422, 'err.attachmentDimensions'],
        [id, png(30, 30).subarray(0, 200), 'image/png', 422, 'err.attachmentCorrupt'],
        [id, '', 'image/png', 400, 'err.attachmentEmpty'],
        [id, png(10, 10), 'text/plain', 415, 'api.mediaType'],
        ['unknown-conversation', png(10, 10), 'image/png', 404, 'chat.photoConversation'],
        ['bad id!', png(10, 10), 'image/png', 400, 'chat.conversation'],
      ];
      for (const [conv, body, type, status, key] of cases) {
        const res = await upload(encodeURIComponent(conv), body, type);
        const error = ApiError.parse(await res.json());
        expect([res.status, error.error], `${key}`).toEqual([status, key]);
        expect(error.message.length).toBeGreaterThan(10);
      }
      // A conversation not registering (at the menu): 409.
      await c.say('photo-conv-menu', 'hello');
      const menu = await upload('photo-conv-menu', png(10, 10));
      expect([menu.status, ApiError.parse(await menu.json()).error]).toEqual([409, 'chat.photoNotAsked']);
      expect(await counts()).toEqual(before);
      expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'chat.photo.refused' AND target = $1", [id]))[0].n).toBeGreaterThan(3);
    });

    it('the photo of a conversation that never registers is removed with it after 30 days', async () => {
      const id = 'photo-conv-sweep';
      await toPhoto(id, 'en', 'No electricity in our village for five days, the transformer is burnt');
      const image = png(12, 12);
      expect((await upload(id, image)).status).toBe(200);
      const dir = mkdtempSync(join(tmpdir(), 'sampark-photo-sweep-'));
      try {
        const blobs = createFsBlobStore(dir);
        // prune-attachments leaves a photo still waiting in its conversation alone.
        const report = await pruneAttachments(db, blobs, { before: new Date(Date.now() + 86_400_000), dryRun: true });
        expect(report.blobs.map((b) => b.sha256)).not.toContain(sha256(image));
        expect((await sweepConversations(db, new Date(Date.now() + 29 * 86_400_000), blobs)).photos).toBe(0);
        expect((await sweepConversations(db, new Date(Date.now() + 31 * 86_400_000), blobs)).photos).toBeGreaterThan(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect(await db.query('SELECT 1 FROM attachments WHERE sha256 = $1', [sha256(image)])).toEqual([]);
      expect(await db.query('SELECT 1 FROM chat_photos WHERE conversation_id = $1', [id])).toEqual([]);
    });
  });
}
