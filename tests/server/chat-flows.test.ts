/**
 * The citizen assistant's other paths over HTTP: feedback on a disposed grievance verified by the code
 * (satisfied closes it, not satisfied with a reason and a reopen), marked verified in the export;
 * registering a grievance by chat that reaches the routed officer with channel `chat`; changing one's
 * mind; common questions; hand-off to 181; the limits (429 with Retry-After). On PGlite and PostgreSQL.
 */
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from '../../src/domain/workflow-api';
import type { Db } from '../../server/store/db';
import { exportAll } from '../../server/store/grievances';
import { sweepConversations } from '../../server/chat/service';
import { pendingReport } from '../../server/reports/pending';
import { BACKENDS } from './harness';
import { chatHarness, type ChatHarness, wrongCode } from './chat-support';

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`citizen assistant, feedback and registration, on ${backend.name}`, () => {
    let db: Db;
    let c: ChatHarness;
    beforeAll(async () => {
      db = await backend.open();
      c = await chatHarness(db, { chat: { perAddressPerMin: 10_000 } });
    });
    afterAll(async () => {
      await c?.close();
      await db?.close();
    });
    const exported = async (number: string) => {
      for await (const g of exportAll(db)) if (g.number === number) return g;
      return undefined;
    };

    it('Hinglish feedback: not satisfied with a reason, reopened; verified in the export', async () => {
      const [number] = await c.h.register({ mobile: '9829061111' });
      await c.h.ok('l1', number, { type: 'dispose', outcome: 'relief', remarks: 'Handpump repaired' });
      const r1 = await c.say('chat-fb-1', 'mujhe feedback dena hai', 'hi');
      expect(r1.all).toContain('परिवाद संख्या');
      await c.say('chat-fb-1', `${number} 9829061111`, 'hi');
      const code = await c.code('9829061111');
      const r2 = await c.say('chat-fb-1', code, 'hi');
      expect(r2.all).toContain('निस्तारित');
      expect(r2.messages.at(-1)!.choices).toEqual(['संतुष्ट', 'संतुष्ट नहीं', 'मुख्य मेनू']);
      const r3 = await c.say('chat-fb-1', 'nahi', 'hi');
      expect(r3.all).toContain('संतुष्ट क्यों नहीं');
      const r4 = await c.say('chat-fb-1', 'handpump abhi bhi kharab hai, paani nahi aata', 'hi');
      expect(r4.all).toContain('सत्यापित');
      const r5 = await c.say('chat-fb-1', 'haan', 'hi');
      expect(r5.all).toContain('पुनः खोल दिया गया');
      const g = await exported(number);
      expect(g).toMatchObject({ status: 'reopened', satisfaction: 'not_satisfied', satisfactionVerified: true, reopenCount: 1 });
    });

    it('English feedback after a status: satisfied closes it; the kiosk\'s own click stays unverified', async () => {
      const figures = async () => (await pendingReport(db, { id: 'admin', name: 'Admin', role: 'admin' }, {}, new Date())).totals;
      const before = await figures();
      const [byChat, byKiosk] = await c.h.register({ mobile: '9829062222' }, { mobile: '9829062222' });
      await c.h.ok('l1', byChat, { type: 'dispose', outcome: 'relief', remarks: 'Repaired' });
      await c.h.ok('l1', byKiosk, { type: 'dispose', outcome: 'relief', remarks: 'Repaired' });
      const clicked = await c.h.server.post(`/api/grievances/${byKiosk}/feedback`, { actionId: ulid(), satisfaction: 'satisfied' }, c.h.headers.operator);
      expect(clicked.status).toBe(200);
      await c.say('chat-fb-2', `what is the status of ${byChat}? mobile +91 98290 62222`);
      const code = await c.code('9829062222');
      const told = await c.say('chat-fb-2', code);
      expect(told.all).toMatch(/\): disposed\. .*Disposal: relief given\./);
      const done = await c.say('chat-fb-2', 'Satisfied');
      expect(done.all).toMatch(/verified by your mobile code/);
      expect(await exported(byChat)).toMatchObject({ status: 'closed', satisfaction: 'satisfied', satisfactionVerified: true });
      expect(await exported(byKiosk)).toMatchObject({ status: 'closed', satisfaction: 'satisfied', satisfactionVerified: false });
      // The figures: both reached and satisfied, only the one by chat verified.
      const after = await figures();
      expect([after.reached - before.reached, after.satisfied - before.satisfied, after.reachedVerified - before.reachedVerified, after.satisfiedVerified - before.satisfiedVerified]).toEqual([2, 2, 1, 1]);
    });

    it('feedback for a mobile with two disposed grievances asks which one; a grievance not yet disposed cannot take it', async () => {
      const [a, b] = await c.h.register({ mobile: '9829063333' }, { mobile: '9829063333' });
      await c.h.ok('l1', a, { type: 'dispose', outcome: 'relief', remarks: 'Repaired' });
      await c.h.ok('l1', b, { type: 'dispose', outcome: 'rejected', remarks: 'Not our matter' });
      await c.say('chat-fb-3', 'Feedback on disposal');
      await c.say('chat-fb-3', '9829063333');
      const told = await c.say('chat-fb-3', await c.code('9829063333'));
      const pick = told.messages.at(-1)!;
      expect(pick.text).toMatch(/Which grievance/);
      expect(pick.choices).toHaveLength(3);
      const chosen = await c.say('chat-fb-3', pick.choices!.find((x) => x.replace(/-/g, '') === b)!);
      expect(chosen.all).toMatch(/Are you satisfied/);
      await c.say('chat-fb-3', 'no');
      await c.say('chat-fb-3', 'The officer did not even visit');
      await c.say('chat-fb-3', 'No');
      expect(await exported(b)).toMatchObject({ status: 'disposed', satisfaction: 'not_satisfied', satisfactionVerified: true });
      expect(await exported(a)).toMatchObject({ satisfaction: null });

      const [open] = await c.h.register({ mobile: '9829064444' });
      await c.say('chat-fb-4', `feedback ${open} 9829064444`);
      const r = await c.say('chat-fb-4', await c.code('9829064444'));
      expect(r.all).toMatch(/has not been disposed yet/);
    });

    it('registers by chat from one Hinglish sentence: energy in Jaipur, mobile proved by code, routed to the energy officer with channel chat', async () => {
      const r1 = await c.say('chat-reg-1', 'mere gaon khora bisal me 5 din se bijli nahi aa rahi', 'hi');
      expect(r1.all).toContain('ऊर्जा विभाग');
      expect(r1.messages.at(-1)!.choices).toContain('हाँ');
      let r = await c.say('chat-reg-1', 'हाँ', 'hi');
      // Only what is missing is asked: "gaon" says village; a village name is not in the gazetteer, so the district is asked.
      expect(r.all).toContain('जिला कौन सा');
      r = await c.say('chat-reg-1', 'jaipur', 'hi');
      expect(r.all).not.toContain('गाँव में है या शहर');
      expect(r.all).toContain('गाँव / मोहल्ले');
      r = await c.say('chat-reg-1', 'Khora Bisal', 'hi');
      expect(r.all).toContain('फ़ोटो जोड़ना चाहेंगे'); // optional (tests/server/chat-photo.test.ts)
      r = await c.say('chat-reg-1', 'छोड़ें', 'hi');
      expect(r.all).toContain('नाम क्या है');
      r = await c.say('chat-reg-1', 'Ramesh Kumar', 'hi');
      expect(r.all).toContain('मोबाइल');
      r = await c.say('chat-reg-1', '9829065555', 'hi');
      const code = await c.code('9829065555');
      r = await c.say('chat-reg-1', wrongCode(code), 'hi');
      expect(r.all).toContain('सही नहीं');
      r = await c.say('chat-reg-1', code, 'hi');
      expect(r.all).toContain('जयपुर');
      expect(r.all).toContain('Ramesh Kumar');
      r = await c.say('chat-reg-1', 'haan', 'hi');
      const number = r.all.match(/(\d{4})-(\d{4})-(\d{4})-(\d)/)!.slice(1).join('');
      const [row] = await db.query<{ channel: string; department_code: string; district_code: string; holder_id: string; kiosk_code: string }>(
        'SELECT channel, department_code, district_code, holder_id, kiosk_code FROM grievances WHERE number = $1', [number]);
      expect(row).toMatchObject({ channel: 'chat', department_code: 'energy', district_code: 'jaipur', holder_id: 'ae.energy.jaipur' });
      const queue = Queue.parse(await (await c.h.server.get('/api/officer/queue', c.h.headers.energy)).json());
      expect(queue.items.map((i) => i.number)).toContain(number);
      expect((await exported(number))!.channel).toBe('chat');
    });

    it('changing one\'s mind: a registration left for a status, then back to the menu; English registration with another department', async () => {
      await c.say('chat-mind-1', 'I want to file a complaint');
      await c.say('chat-mind-1', 'The handpump in our village has been broken for two weeks and there is no drinking water');
      const switched = await c.say('chat-mind-1', 'Grievance status');
      expect(switched.all).toMatch(/grievance number/);
      const menu = await c.say('chat-mind-1', 'menu');
      expect(menu.messages[0].choices).toContain('New grievance');

      let r = await c.say('chat-mind-2', 'New grievance');
      expect(r.all).toMatch(/Describe your problem/);
      r = await c.say('chat-mind-2', 'The road to our village school is full of potholes since the rains');
      if (/Is that right/.test(r.all)) r = await c.say('chat-mind-2', 'Another department');
      r = await c.say('chat-mind-2', 'Public Works');
      expect(r.all).toMatch(/Which district/);
      r = await c.say('chat-mind-2', 'Kota');
      // "village" in the description already said where: not asked again.
      expect(r.all).toMatch(/name of the village, locality or ward/);
      r = await c.say('chat-mind-2', 'Skip');
      expect(r.all).toMatch(/add a photo/);
      r = await c.say('chat-mind-2', 'Skip');
      r = await c.say('chat-mind-2', 'Sita Devi');
      r = await c.say('chat-mind-2', '9829066666');
      r = await c.say('chat-mind-2', await c.code('9829066666'));
      expect(r.all).toMatch(/Department: Public Works/);
      r = await c.say('chat-mind-2', 'No');
      expect(r.all).toMatch(/nothing was registered/);
      const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM grievances WHERE mobile = '9829066666'");
      expect(n).toBe(0);
    });

    it('answers common questions from the knowledge base and hands the conversation to 181 with the mobile masked', async () => {
      const docs = await c.say('chat-faq-1', 'kaun se documents chahiye?', 'hi');
      expect(docs.all).toContain('कोई दस्तावेज़ अनिवार्य नहीं');
      const days = await c.say('chat-faq-1', 'how long does it take to dispose?');
      expect(days.all).toMatch(/working days/);
      await c.say('chat-faq-1', 'my mobile is 9829067777');
      const human = await c.say('chat-faq-1', 'Talk to 181');
      const ref = human.all.match(/reference (C[0-9A-F]{10})/)![1];
      const [row] = await db.query<{ transcript: { from: string; text: string }[] }>('SELECT transcript FROM chat_handoffs WHERE ref = $1', [ref]);
      expect(row.transcript.length).toBeGreaterThan(4);
      expect(JSON.stringify(row.transcript)).toContain('XXXXXX7777');
      expect(JSON.stringify(row.transcript)).not.toContain('9829067777');
    });

    it('conversations are swept 30 days after their last message', async () => {
      await c.say('chat-sweep-1', 'hello');
      expect((await sweepConversations(db, new Date(Date.now() + 29 * 86_400_000))).conversations).toBe(0);
      expect((await sweepConversations(db, new Date(Date.now() + 31 * 86_400_000))).conversations).toBeGreaterThan(0);
      expect(await db.query("SELECT 1 FROM chat_conversations WHERE id = 'chat-sweep-1'")).toEqual([]);
    });

    it('bad input is a 400 a person can act on', async () => {
      for (const body of [{ conversationId: 'x', text: 'hi', lang: 'en' }, { conversationId: 'abcdefgh', text: 'hi', lang: 'fr' }, { conversationId: 'abcdefgh', text: 'a'.repeat(1001), lang: 'en' }, { conversationId: 'abcdefgh', text: 'a\u0000b', lang: 'en' }]) {
        const res = await c.h.server.post('/api/chat/messages', body);
        expect(res.status).toBe(400);
        expect(((await res.json()) as { message: string }).message.length).toBeGreaterThan(5);
      }
    });
  });
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`citizen assistant limits on ${backend.name}`, () => {
    let db: Db;
    let c: ChatHarness;
    beforeAll(async () => {
      db = await backend.open();
      c = await chatHarness(db, { chat: { perConversationPerMin: 3, perAddressPerMin: 5 } });
    });
    afterAll(async () => {
      await c?.close();
      await db?.close();
    });

    it('per conversation, then per address: 429 with Retry-After', async () => {
      for (let i = 0; i < 3; i++) await c.say('chat-limit-a', 'hello');
      const over = await c.h.server.post('/api/chat/messages', { conversationId: 'chat-limit-a', text: 'hello', lang: 'en' });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      await c.say('chat-limit-b', 'hello');
      const address = await c.h.server.post('/api/chat/messages', { conversationId: 'chat-limit-c', text: 'hello', lang: 'en' });
      expect(address.status).toBe(429);
      expect(Number(address.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
}
