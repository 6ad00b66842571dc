/**
 * The outbox's second line of defence (src/sync/poison.ts): a record the server keeps failing on is split
 * out of its batch and set aside, alone, while the rest go in; failures that say nothing about a record
 * (busy, network, a server that fails everything) never split a batch or blame a record.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { registerGrievance } from '../../src/db/grievances';
import { replay } from '../../src/sync/replay';
import { bisect, BLIND_GROUPS, POISON_KEY, POISON_STRIKES, resendPoisoned, type GroupAnswer } from '../../src/sync/poison';
import { judgeResponse } from '../../src/sync/policy';
import { parseIntake } from '../../src/domain/intake';
import { fakeServer, type Fault, OPERATOR, seedSession } from './fake-server';

const register = (i: number, description = `गाँव में बिजली नहीं आ रही है, शिकायत क्रमांक ${i}`) => {
  const r = parseIntake({ name: 'परिवादी', mobile: `98765${String(i).padStart(5, '0')}`, areaType: 'rural', districtCode: 'ajmer', departmentCode: 'energy', description, consent: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return registerGrievance(r.value, { kioskCode: OPERATOR.kioskCode, operatorId: OPERATOR.id, lang: 'hi' });
};
const poisoned = (i: number) => register(i, `POISON: गाँव में बिजली नहीं आ रही है ${i}`);
const now = () => 1_000_000;
const byId = async () => Object.fromEntries((await db.outbox.toArray()).map((r) => [r.clientId, r]));

beforeEach(async () => {
  await db.delete();
  await db.open();
  await seedSession();
});

describe('outbox', () => {
  describe('bisect', () => {
    /** A post that fails every group holding one of `bad`, and records the groups it saw. */
    const poster = (bad: number[], seen: number[][] = []) => async (g: number[]): Promise<GroupAnswer> => {
      seen.push(g);
      return g.some((x) => bad.includes(x)) ? 'fault' : 'ok';
    };
    const ids = (n: number) => Array.from({ length: n }, (_, i) => i);

    it('finds one bad record in a batch of 100 with two groups a level', async () => {
      const seen: number[][] = [];
      const r = await bisect(ids(100), poster([37], seen));
      expect(r).toEqual({ lone: [37], unresolved: [], accepted: true });
      expect(seen.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(100)));
      expect(seen.filter((g) => !g.includes(37)).flat().sort((a, b) => a - b)).toEqual(ids(100).filter((x) => x !== 37));
    });
    it('finds several bad records, each alone', async () => {
      expect((await bisect(ids(40), poster([0, 13, 39]))).lone.sort((a, b) => a - b)).toEqual([0, 13, 39]);
    });
    it('stops when a whole level of groups fails and nothing went in: the server fails everything', async () => {
      const seen: number[][] = [];
      const r = await bisect(ids(100), poster(ids(100), seen));
      expect(r.lone).toEqual([]);
      expect(r.unresolved.sort((a, b) => a - b)).toEqual(ids(100));
      expect(seen).toHaveLength(2 + BLIND_GROUPS);
    });
    it('hands back what it did not decide when a group gets another answer', async () => {
      let n = 0;
      const r = await bisect(ids(8), async (g) => (++n === 2 ? 'stop' : g.includes(1) ? 'fault' : 'ok'));
      expect(r.accepted).toBe(false);
      expect(r.unresolved.sort()).toEqual(ids(8)); // the failed half (split for the next level) and the untried one
    });
  });

  describe('which answers may be a record\'s doing', () => {
    it('500 and 502 without Retry-After; never 503, 429, 504 or any answer with Retry-After', () => {
      const suspect = (status: number, retry?: number) => { const v = judgeResponse(status, {}, ['a'], retry); return v.kind === 'transient' && !!v.suspect; };
      expect([suspect(500), suspect(502)]).toEqual([true, true]);
      expect([suspect(500, 1000), suspect(503), suspect(503, 1000), suspect(429), suspect(504), suspect(408)]).toEqual([false, false, false, false, false, false]);
    });
  });

  describe('a record the server keeps failing on', () => {
    it('is split out after POISON_STRIKES failures of its batch; the others go in; alone it ends in Needs attention', async () => {
      const good = [await register(1), await register(2), await register(3), await register(4)];
      const bad = await poisoned(5);
      const server = fakeServer();
      for (let i = 1; i < POISON_STRIKES; i++) {
        const r = await replay('manual', { fetch: server.fetch, now });
        expect(r).toMatchObject({ synced: 0, error: { key: 'server' } });
      }
      expect(server.log.map((l) => l.ids.length)).toEqual(Array(POISON_STRIKES - 1).fill(5)); // not split yet
      const split = await replay('manual', { fetch: server.fetch, now });
      expect(split).toMatchObject({ synced: 4, attention: 0 });
      let rows = await byId();
      for (const g of good) expect(rows[g.clientId].state).toBe('synced');
      expect(rows[bad.clientId]).toMatchObject({ state: 'saved', alone: 1 });
      // From now on it goes alone, after its own wait (a manual replay ignores it), until set aside.
      const before = server.log.length;
      for (let i = 1; i < POISON_STRIKES; i++) await replay('manual', { fetch: server.fetch, now });
      expect(server.log.slice(before).map((l) => l.ids)).toEqual(Array(POISON_STRIKES - 1).fill([bad.clientId]));
      rows = await byId();
      expect(rows[bad.clientId]).toMatchObject({ state: 'attention', lastError: { key: POISON_KEY }, alone: POISON_STRIKES });
      expect(server.stored.size).toBe(4);
      // Nothing is sent any more, until a person says "Send again": one more try, alone.
      await replay('manual', { fetch: server.fetch, now });
      expect(server.log.length).toBe(before + POISON_STRIKES - 1);
      expect(await resendPoisoned(bad.clientId)).toBe(true);
      await replay('manual', { fetch: server.fetch, now });
      expect(server.log.at(-1)!.ids).toEqual([bad.clientId]);
      expect((await db.outbox.get(bad.clientId))?.state).toBe('attention');
    });

    it('a single-record batch is set aside after POISON_STRIKES failures while the server is otherwise well', async () => {
      const bad = await poisoned(1);
      const server = fakeServer();
      for (let i = 0; i < POISON_STRIKES; i++) await replay('manual', { fetch: server.fetch, now });
      expect(server.log).toHaveLength(POISON_STRIKES);
      expect(await db.outbox.get(bad.clientId)).toMatchObject({ state: 'attention', lastError: { key: POISON_KEY } });
    });

    it('is never blamed while /api/health does not answer ok', async () => {
      const bad = await poisoned(1);
      await register(2);
      const server = fakeServer();
      server.health.ok = false;
      for (let i = 0; i < 2 * POISON_STRIKES; i++) await replay('manual', { fetch: server.fetch, now });
      expect(server.log.every((l) => l.ids.length === 2)).toBe(true); // never split
      const row = await db.outbox.get(bad.clientId);
      expect(row).toMatchObject({ state: 'saved' });
      expect(row?.alone).toBeUndefined();
    });
  });

  describe('failures that say nothing about a record', () => {
    for (const fault of ['503-retry', 'network'] as Fault[]) {
      it(`${fault} many times in a row: the batch stays whole and nobody is set aside`, async () => {
        for (let i = 0; i < 4; i++) await register(i);
        // A lost connection is retried at once, once, in each replay: two requests per replay.
        const perReplay = fault === 'network' ? 2 : 1;
        const server = fakeServer(Array(perReplay * 3 * POISON_STRIKES).fill(fault));
        for (let i = 0; i < 3 * POISON_STRIKES; i++) await replay('manual', { fetch: server.fetch, now });
        expect(server.log.map((l) => l.ids.length)).toEqual(Array(perReplay * 3 * POISON_STRIKES).fill(4));
        expect((await db.outbox.toArray()).every((r) => r.state === 'saved' && !r.strikes && !r.alone)).toBe(true);
      });
    }
    it('a server that answers 500 to everything (health ok): batches are tried in halves and quarters, nobody is set aside', async () => {
      for (let i = 0; i < 8; i++) await register(i);
      const server = fakeServer(Array(100).fill('500'));
      for (let i = 0; i < 3 * POISON_STRIKES; i++) await replay('manual', { fetch: server.fetch, now });
      expect((await db.outbox.toArray()).every((r) => r.state === 'saved' && !r.alone)).toBe(true);
      // Each replay after the third: the batch, its halves, its quarters, then it backs off.
      expect(server.log.length).toBeLessThanOrEqual(POISON_STRIKES + (2 * POISON_STRIKES + 1) * 7);
    });
  });
});
