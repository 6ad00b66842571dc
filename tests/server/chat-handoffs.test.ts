/**
 * The 181 desk over HTTP: a conversation handed to 181 is listed for an agent, opened with what was said
 * (masked), a grievance registered from it reaches the routed officer with channel `chat`, and it is closed
 * with a note (audited). Only agents and admins may call these routes. On PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandoffDetail, HandoffList, HandoffRegistered } from '../../src/domain/handoffs';
import { Queue } from '../../src/domain/workflow-api';
import type { Db } from '../../server/store/db';
import { addAccount, BACKENDS, bearer, signIn } from './harness';
import { chatHarness, type ChatHarness } from './chat-support';

const AGENT = { id: 'agent.181', name: 'Sunita 181', role: 'agent' } as const;
const ADMIN = { id: 'admin.181', name: 'Admin 181', role: 'admin' } as const;

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`the 181 desk for hand-offs, on ${backend.name}`, () => {
    let db: Db;
    let c: ChatHarness;
    let agent: Record<string, string>;
    let admin: Record<string, string>;
    beforeAll(async () => {
      db = await backend.open();
      c = await chatHarness(db, { chat: { perAddressPerMin: 10_000 } });
      await forget();
      await addAccount(db, AGENT);
      await addAccount(db, ADMIN);
      agent = bearer(await signIn(c.h.server, AGENT.id));
      admin = bearer(await signIn(c.h.server, ADMIN.id));
    });
    afterAll(async () => {
      await c?.close();
      if (db) await forget();
      await db?.close();
    });

    const forget = async () => {
      await db.query('DELETE FROM auth_sessions WHERE account_id = ANY($1::text[])', [[AGENT.id, ADMIN.id]]);
      await db.query('DELETE FROM accounts WHERE id = ANY($1::text[])', [[AGENT.id, ADMIN.id]]);
    };
    const handOff = async (id: string, lines: string[], lang: 'hi' | 'en' = 'en') => {
      for (const l of lines) await c.say(id, l, lang);
      const human = await c.say(id, lang === 'hi' ? '181 से बात करें' : 'Talk to 181', lang);
      return human.all.match(/(C[0-9A-F]{10})/)![1];
    };

    it('an agent lists open hand-offs, opens one (masked), registers its grievance for the routed officer and closes it with a note', async () => {
      const ref = await handOff('chat-ho-1', ['my mobile is 9829068888', 'bijli 5 din se nahi aa rahi, koi sunta nahi']);
      const list = HandoffList.parse(await (await c.h.server.get('/api/handoffs', agent)).json());
      const item = list.items.find((i) => i.ref === ref)!;
      expect(item).toMatchObject({ status: 'open', grievanceNumber: null, lang: 'en' });
      expect(item.preview).toContain('bijli');

      const opened = await c.h.server.get(`/api/handoffs/${ref}`, agent);
      expect(opened.status).toBe(200);
      const detail = HandoffDetail.parse(await opened.json());
      expect(JSON.stringify(detail.transcript)).toContain('XXXXXX8888');
      expect(JSON.stringify(detail.transcript)).not.toContain('9829068888');

      const reg = await c.h.server.post(`/api/handoffs/${ref}/grievance`, {
        name: 'Ramesh Kumar', mobile: '9829068888', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'energy',
        description: 'No electricity in the village for five days', address: 'Khora Bisal', consent: true,
      }, agent);
      const body = await reg.json();
      expect(reg.status, JSON.stringify(body)).toBe(200);
      const { number, receiptNumber } = HandoffRegistered.parse(body);
      expect(receiptNumber).toMatch(/^K8000000001-/);
      const [g] = await db.query<{ channel: string; holder_id: string }>('SELECT channel, holder_id FROM grievances WHERE number = $1', [number]);
      expect(g).toEqual({ channel: 'chat', holder_id: 'ae.energy.jaipur' });
      const queue = Queue.parse(await (await c.h.server.get('/api/officer/queue', c.h.headers.energy)).json());
      expect(queue.items.map((i) => i.number)).toContain(number);
      // One grievance per hand-off.
      const again = await c.h.server.post(`/api/handoffs/${ref}/grievance`, {
        name: 'Ramesh Kumar', mobile: '9829068888', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'energy', description: 'No electricity in the village for five days', consent: true,
      }, agent);
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: string }).error).toBe('handoff.hasGrievance');

      const closed = await c.h.server.post(`/api/handoffs/${ref}/close`, { note: 'Called back; grievance registered for energy.' }, agent);
      expect(closed.status).toBe(200);
      expect(HandoffDetail.parse(await closed.json())).toMatchObject({ status: 'closed', closedBy: AGENT.id, grievanceNumber: number, note: 'Called back; grievance registered for energy.' });
      const twice = await c.h.server.post(`/api/handoffs/${ref}/close`, { note: 'Again and again' }, agent);
      expect(twice.status).toBe(409);
      expect(HandoffList.parse(await (await c.h.server.get('/api/handoffs', agent)).json()).items.map((i) => i.ref)).not.toContain(ref);
      expect(HandoffList.parse(await (await c.h.server.get('/api/handoffs?status=closed', agent)).json()).items.map((i) => i.ref)).toContain(ref);

      const audit = await db.query<{ action: string; actor_id: string; details: Record<string, unknown> }>(
        "SELECT action, actor_id, details FROM audit_log WHERE target = $1 OR (action = 'grievance.register' AND target = $2) ORDER BY id", [ref, number]);
      expect(audit.map((a) => a.action)).toEqual(['chat.handoff', 'chat.handoff.open', 'grievance.register', 'chat.handoff.close']);
      expect(audit.find((a) => a.action === 'grievance.register')).toMatchObject({ actor_id: AGENT.id, details: { via: '181', handoff: ref } });
    });

    it('only agents and admins; bad input is a 4xx a person can act on', async () => {
      const ref = await handOff('chat-ho-2', ['मुझे किसी इंसान से बात करनी है'], 'hi');
      for (const who of ['operator', 'l1', 'energy'] as const) {
        expect((await c.h.server.get('/api/handoffs', c.h.headers[who])).status).toBe(403);
        expect((await c.h.server.get(`/api/handoffs/${ref}`, c.h.headers[who])).status).toBe(403);
        expect((await c.h.server.post(`/api/handoffs/${ref}/close`, { note: 'not mine to close' }, c.h.headers[who])).status).toBe(403);
      }
      expect((await c.h.server.get('/api/handoffs')).status).toBe(401);
      expect((await c.h.server.get(`/api/handoffs/${ref}`, admin)).status).toBe(200);
      expect(HandoffList.parse(await (await c.h.server.get('/api/handoffs?status=all', admin)).json()).items.map((i) => i.ref)).toContain(ref);
      expect((await c.h.server.get('/api/handoffs?status=maybe', agent)).status).toBe(400);
      const bad = await c.h.server.get('/api/handoffs/C123', agent);
      expect(bad.status).toBe(400);
      expect((await c.h.server.get('/api/handoffs/C0000000000', agent)).status).toBe(404);
      const short = await c.h.server.post(`/api/handoffs/${ref}/close`, { note: 'ok' }, agent);
      expect(short.status).toBe(400);
      expect(JSON.stringify(await short.json() as unknown)).toContain('handoff.note');
      const noConsent = await c.h.server.post(`/api/handoffs/${ref}/grievance`, { name: 'A B', mobile: '12', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'energy', description: 'short' }, agent);
      expect(noConsent.status).toBe(400);
      const [row] = await db.query<{ status: string; grievance_number: string | null }>('SELECT status, grievance_number FROM chat_handoffs WHERE ref = $1', [ref]);
      expect(row).toEqual({ status: 'open', grievance_number: null });
    });
  });
}
