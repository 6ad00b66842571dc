/**
 * The header's storage warnings (src/db/storage.ts storageAlerts): unsent grievances older than a day are
 * counted in place by the outbox (unsentOlderThan), synced ones never; little space left is flagged.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/db';
import { registerGrievance } from '../../src/db/grievances';
import { unsentOlderThan } from '../../src/db/outbox';
import { storageAlerts } from '../../src/db/storage';
import { parseIntake } from '../../src/domain/intake';
import { OPERATOR, seedSession } from './fake-server';

const DAY = 24 * 60 * 60 * 1000;
const register = async (i: number) => {
  const r = parseIntake({ name: 'परिवादी', mobile: `98765${String(i).padStart(5, '0')}`, areaType: 'rural', districtCode: 'ajmer',
    departmentCode: 'energy', description: `गाँव में बिजली नहीं आ रही है, शिकायत ${i}`, consent: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return registerGrievance(r.value, { kioskCode: OPERATOR.kioskCode, operatorId: OPERATOR.id, lang: 'hi' });
};
/** Makes a row look `days` old, in `state`. */
const age = (clientId: string, days: number, state: 'saved' | 'sending' | 'synced' | 'attention') =>
  db.outbox.update(clientId, { createdAt: new Date(Date.now() - days * DAY).toISOString(), state });

beforeEach(async () => {
  await db.delete();
  await db.open();
  await seedSession();
});
afterEach(() => vi.unstubAllGlobals());

describe('storage alerts', () => {
  it('counts unsent grievances older than a day, in every unsent state, and never a synced one', async () => {
    const rows = await Promise.all([1, 2, 3, 4, 5, 6].map(register));
    await age(rows[0].clientId, 2, 'saved');
    await age(rows[1].clientId, 3, 'sending');
    await age(rows[2].clientId, 5, 'attention');
    await age(rows[3].clientId, 9, 'synced'); // old but confirmed
    await age(rows[4].clientId, 0.5, 'saved'); // unsent but recent
    // rows[5]: saved just now
    expect(await unsentOlderThan(Date.now() - DAY)).toBe(3);
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 10, quota: 1_000_000_000 }) } });
    expect(await storageAlerts()).toEqual({ low: false, staleUnsent: 3 });
  });

  it('flags little space left: under 10% or under 50 MB of the quota', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 950, quota: 1000 }) } });
    expect((await storageAlerts()).low).toBe(true);
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 100 * 2 ** 20, quota: 120 * 2 ** 20 }) } });
    expect((await storageAlerts()).low).toBe(true);
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 100 * 2 ** 20, quota: 10 * 2 ** 30 }) } });
    expect(await storageAlerts()).toEqual({ low: false, staleUnsent: 0 });
    vi.stubGlobal('navigator', {}); // no estimate: nothing to warn about
    expect((await storageAlerts()).low).toBe(false);
  });
});
