/**
 * Any text, NUL and lone surrogates included, in every free-text field of every route, through real
 * HTTP on PGlite and on PostgreSQL: never a 5xx. A sync batch holding such text among good records
 * stores the good ones and answers the others `invalid` with `err.unstorable` at their field; other
 * routes answer 400 with the same field message; accepted text is stored as the shared schema made it.
 * The second line of defence (a value the database refuses anyway fails only its own record) is proved
 * on the store itself, with records that never went through the schema.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type GrievanceSubmission, SyncResponse, type SyncResult } from '../../src/domain/schemas';
import { ReviewList } from '../../src/domain/workflow-api';
import { buildApp } from '../../server/app';
import type { Db } from '../../server/store/db';
import { createGrievanceStore } from '../../server/store/grievances';
import { loadAadhaarVault } from '../../server/aadhaar/vault';
import { upsertRules } from '../../server/workflow/routing';
import { asStored, hostileText, wellFormed, wtf8Query } from '../support/hostile-text';
import { png, sha256, uploadFile } from './attachment-files';
import { submission } from './fixtures';
import { BACKENDS, resetGrievances } from './harness';
import { testClock, workflowHarness, type WorkflowHarness } from './workflow-fixtures';

const RUNS = 25;
const pad = (s: string) => `${s} गाँव में पानी नहीं आ रहा`; // long enough for every minimum length

/** The field errors of a 400, as [path, code]. */
async function refusal(res: Response): Promise<[string, string][]> {
  const text = await res.text();
  expect(res.status, text).toBe(400);
  return (ApiError.parse(JSON.parse(text)).fields ?? []).map((f) => [f.path, f.code]);
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`free text the database cannot store, on ${backend.name}`, () => {
    const clock = testClock('2026-12-01T04:30:00.000Z');
    let db: Db;
    let h: WorkflowHarness;
    let photo: { sha256: string; bytes: number; type: 'image/png' };

    beforeAll(async () => {
      db = await backend.open();
      h = await workflowHarness(db, clock, ['l1', 'nodal', 'secretary']);
      await resetGrievances(db); // PostgreSQL keeps what other test files left
      await upsertRules(db, [{ id: 'phed-jaipur', department: 'phed', district: 'jaipur', levels: { L1: 'ae.phed.jaipur' } }], clock.now);
      const bytes = png(40, 30);
      await uploadFile(h.server.url, h.headers.operator, bytes);
      photo = { sha256: sha256(bytes), bytes: bytes.length, type: 'image/png' };
    });
    afterAll(async () => {
      await h?.close();
      await db?.close();
    });

    const column = async (table: string, col: string, where: string, value: string) =>
      (await db.query<Record<string, string>>(`SELECT ${col} AS v FROM ${table} WHERE ${where} = $1`, [value]))[0]?.v;

    it('sync: good records go in, records with unstorable text are invalid at their field, never a 5xx', async () => {
      await fc.assert(fc.asyncProperty(hostileText, async (s) => {
        const batch: GrievanceSubmission[] = [
          submission(),
          submission({ name: s }),
          submission({ address: s }),
          submission({ description: pad(s) }),
          submission({ attachments: [{ ...photo, name: `${s}.png` }] }),
        ];
        const res = await h.server.post('/api/sync/grievances', { grievances: batch }, h.headers.operator);
        expect(res.status, await res.clone().text()).toBe(200);
        const results = SyncResponse.parse(await res.json()).results;
        expect(results[0].status).toBe('created');
        const fields = ['name', 'address', 'description', 'attachments.0.name'] as const;
        for (const [k, path] of fields.entries()) {
          const r: SyncResult = results[k + 1];
          if (!wellFormed(s)) {
            expect(r.status).toBe('invalid');
            expect(r.status === 'invalid' && r.errors.map((e) => [e.path, e.code])).toContainEqual([path, path === 'attachments.0.name' ? 'err.attachmentName' : 'err.unstorable']);
          } else if (r.status === 'created') {
            const id = batch[k + 1].clientId;
            const stored = path === 'attachments.0.name'
              ? await column('grievance_attachments', 'name', 'client_id', id)
              : await column('grievances', { name: 'citizen_name', address: 'address', description: 'description' }[path], 'client_id', id);
            const sent = path === 'name' ? s : path === 'address' ? s : path === 'description' ? pad(s) : `${s}.png`;
            expect(stored).toBe(path === 'attachments.0.name' ? sent.normalize('NFC').trim() : asStored(sent));
          } else {
            expect(r.status).toBe('invalid'); // too short, digits in a name…: refused for what it says, not for storage
          }
        }
      }), { numRuns: RUNS });
    }, 300_000);

    it('workflow, status, duplicate check, reviews and sign-in: unstorable text is a 400 at its field, the rest is stored as sent, never a 5xx', async () => {
      const [open, disposed] = await h.register({}, {});
      await h.ok('l1', disposed, { type: 'dispose', outcome: 'relief', remarks: 'Handpump repaired and water restored' });
      const review = ReviewList.parse(await (await h.server.get('/api/reviews/today', h.headers.secretary)).json());

      await fc.assert(fc.asyncProperty(hostileText, async (s) => {
        const bad = !wellFormed(s);
        const expectField = async (res: Response, path: string, code = 'err.unstorable') => {
          if (bad) expect(await refusal(res)).toContainEqual([path, code]);
          else expect(res.status, await res.clone().text()).toBeLessThan(500);
          return res;
        };

        // An officer's question (repeatable: it stays in progress), stored in the history and the citizen's SMS.
        const asked = await h.act('l1', open, { type: 'request-info', question: pad(s) });
        if (bad) expect(asked.status).toBe(400);
        else {
          expect(asked.status, JSON.stringify(asked.body)).toBe(200);
          expect(await column('grievance_events', 'note', 'id', String((asked.body.event as { id: string }).id))).toBe(asStored(pad(s)));
        }
        // The citizen's feedback note at the kiosk (not satisfied: it stays disposed, so it can repeat).
        const fb = await expectField(await h.server.post(`/api/grievances/${disposed}/feedback`, { actionId: ulid(), satisfaction: 'not_satisfied', note: s }, h.headers.operator), 'note');
        if (!bad && fb.status === 200 && asStored(s)) {
          const body = (await fb.json()) as { event: { id: string } };
          expect(await column('grievance_events', 'note', 'id', String(body.event.id))).toBe(asStored(s));
        }
        // One-shot actions: refused for the text, or taken (then refused for the state): never a 5xx.
        const post = (who: 'l1' | 'nodal', action: Record<string, unknown>) =>
          h.server.post(`/api/grievances/${open}/actions`, { actionId: ulid(), expectedVersion: 0, action }, h.headers[who]);
        await expectField(await post('l1', { type: 'dispose', outcome: 'relief', remarks: pad(s) }), 'action.remarks');
        await expectField(await post('l1', { type: 'transfer', toDepartment: 'energy', reason: pad(s) }), 'action.reason');
        await expectField(await post('nodal', { type: 'escalate', reason: pad(s) }), 'action.reason');
        await expectField(await post('l1', { type: 'start', note: s }), 'action.note');
        await expectField(await h.server.post(`/api/grievances/${disposed}/reopen`, { actionId: ulid(), expectedVersion: 0, reason: pad(s) }, h.headers.operator), 'reason');
        if (review.items.length > 0) await expectField(await h.server.post(`/api/reviews/${review.items[0].id}`, { note: s, instruction: 'call the citizen' }, h.headers.secretary), 'note');
        await expectField(await h.server.post('/api/grievances/similar', { mobile: '9876543210', text: pad(s) }, h.headers.operator), 'text');
        await expectField(await h.server.get(`/api/status?q=${wtf8Query(s)}`, h.headers.operator), 'q', 'status.query');
        const login = await h.server.post('/api/auth/login', { operatorId: 'op.meena', password: s || 'x', deviceId: 'ABCDE' });
        expect(login.status).toBeLessThan(500);
      }), { numRuns: RUNS });
    }, 300_000);

    it('second line: a value the database refuses fails only its own record, in a batch that never went through the schema', async () => {
      const store = createGrievanceStore(db, { vault: await loadAadhaarVault(db), clock: clock.at });
      const good = [submission(), submission()];
      const records = [good[0], submission({ description: 'पानी नहीं\u0000 आ रहा है कई दिन से' }), submission({ name: 'सीता \uD800' }), good[1]];
      records.push({ ...records[1] }); // a repeat of a refused record in the same batch
      const results = await store.ingestBatch(records);
      expect(results.map((r) => r.status)).toEqual(['created', 'invalid', 'invalid', 'created', 'invalid']);
      expect(results[1]).toMatchObject({ status: 'invalid', errors: [{ path: '', code: 'err.unstorable' }] });
      expect(results[4]).toMatchObject({ status: 'invalid', errors: [{ path: '', code: 'err.unstorable' }] });
      const numbers = await db.query<{ client_id: string }>('SELECT client_id FROM grievances WHERE client_id = ANY($1::text[])', [records.map((r) => r.clientId)]);
      expect(numbers.map((r) => r.client_id).sort()).toEqual(
        records.filter((_, i) => results[i].status === 'created').map((r) => r.clientId).sort());
    }, 120_000);

    it('second line: any other route answers a value the database refuses with a 400, not a 500', async () => {
      const app = await buildApp({ db, attachmentsDir: mkdtempSync(join(tmpdir(), 'sampark-test-attachments-')) });
      app.get('/api/test/refused-value', async () => db.query('SELECT $1::int AS n', ['not a number']));
      const res = await app.inject({ method: 'GET', url: '/api/test/refused-value' });
      expect(res.statusCode).toBe(400);
      expect(ApiError.parse(res.json()).error).toBe('api.unstorable');
      await app.close();
    }, 120_000);
  });
}
