/**
 * The replay loads the next batch while the current one is on the wire (src/sync/replay-grievances.ts).
 * When the current one fails, the next one goes back exactly as it was: nothing of it written (never
 * "sending"), no attempt counted, no backoff of its own, and it is sent once by a later replay. And the next
 * batch's POST does not wait for the batch before it to be written down as confirmed.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { registerGrievance } from '../../src/db/grievances';
import { replay } from '../../src/sync/replay';
import { parseIntake } from '../../src/domain/intake';
import { fakeServer, OPERATOR, seedSession } from './fake-server';

const register = (i: number) => {
  const r = parseIntake({ name: 'परिवादी', mobile: `98765${String(i).padStart(5, '0')}`, areaType: 'rural', districtCode: 'ajmer',
    departmentCode: 'energy', description: `गाँव में बिजली नहीं आ रही है, शिकायत क्रमांक ${i}`, consent: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return registerGrievance(r.value, { kioskCode: OPERATOR.kioskCode, operatorId: OPERATOR.id, lang: 'hi' });
};
let clock = 1_000_000;
const now = () => clock;

beforeEach(async () => {
  await db.delete();
  await db.open();
  await seedSession();
  clock = 1_000_000;
});

describe('the batch made ready ahead', () => {
  it('goes back as it was when the batch before it fails, and is sent once later', async () => {
    for (let i = 0; i < 250; i++) await register(i);
    const server = fakeServer(['ok', '503-retry']); // batch 1 goes in; batch 2 is refused while batch 3 was made ready
    const r1 = await replay('manual', { fetch: server.fetch, now, random: () => 1 });
    expect(r1).toMatchObject({ synced: 100, waiting: 150, error: { key: 'server' } });
    expect(server.log).toHaveLength(2);
    const rows = await db.outbox.toArray();
    expect(rows.filter((r) => r.state === 'sending')).toEqual([]);
    expect(rows.filter((r) => r.state === 'synced')).toHaveLength(100);
    const failed = rows.filter((r) => r.state === 'saved' && r.attempts === 1);
    expect(failed).toHaveLength(100);
    expect(failed.every((r) => r.nextAttemptAt > clock && r.lastError?.key === 'server')).toBe(true);
    const ahead = rows.filter((r) => r.state === 'saved' && r.attempts === 0);
    expect(ahead).toHaveLength(50);
    expect(ahead.every((r) => r.nextAttemptAt === 0 && r.lastError === undefined)).toBe(true);

    const r2 = await replay('manual', { fetch: server.fetch, now });
    expect(r2).toMatchObject({ synced: 150, waiting: 0 });
    expect(server.stored.size).toBe(250);
    expect(server.log.slice(2).map((l) => l.ids.length)).toEqual([100, 50]);
    expect((await db.outbox.toArray()).every((r) => r.state === 'synced')).toBe(true);
  });

  it('is sent in order after a batch that went in, every grievance once', async () => {
    for (let i = 0; i < 301; i++) await register(i);
    const server = fakeServer();
    const r = await replay('manual', { fetch: server.fetch, now });
    expect(r).toMatchObject({ requests: 4, synced: 301, waiting: 0 });
    const sent = server.log.flatMap((l) => l.ids);
    expect(sent).toEqual([...sent].sort());
    expect(new Set(sent).size).toBe(301);
  });

  it("goes out while the batch before it is still being written down as confirmed", async () => {
    for (let i = 0; i < 250; i++) await register(i);
    const server = fakeServer();
    // Writing down a batch's answers needs `attachments` (files confirmed with it); a transaction of ours
    // holds that store from the moment the first answer is on its way until the second POST has come.
    let secondPost!: () => void;
    const second = new Promise<void>((resolve) => { secondPost = resolve; });
    let holding: Promise<void> | undefined;
    let posts = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const res = await server.fetch(input as string, init);
      if (init?.method === 'POST' && String(input).endsWith('/api/sync/grievances')) {
        posts++;
        if (posts === 1) {
          let started!: () => void;
          const open = new Promise<void>((resolve) => { started = resolve; });
          holding = db.transaction('rw', db.attachments, async () => {
            started();
            let done = false;
            void second.then(() => { done = true; });
            while (!done) await db.attachments.get('none'); // keeps the transaction alive
          });
          await open;
        }
        if (posts === 2) secondPost();
      }
      return res;
    };
    const r = await replay('manual', { fetch, now });
    await holding;
    expect(r).toMatchObject({ requests: 3, synced: 250, waiting: 0 });
    expect(server.stored.size).toBe(250);
  });
});
