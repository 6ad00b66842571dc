/**
 * What a replay is sending is told to the pages, not written (src/sync/in-flight.ts): each outbox row is
 * written once, with its answer. Here: the rows stay 'saved' in IndexedDB while their POST is on the wire
 * and a page hears their ids; the set empties when they are answered and whenever the replay ends (a
 * failure, a sign-in needed); a page forgets a set it has not heard again (a killed worker says nothing);
 * the outbox and header show them as sending (withInFlight, syncStatus's counts).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, type OutboxRow } from '../../src/db/db';
import { registerGrievance } from '../../src/db/grievances';
import { replay } from '../../src/sync/replay';
import { parseIntake } from '../../src/domain/intake';
import { IN_FLIGHT_REPEAT_MS, IN_FLIGHT_TTL_MS, inFlightAnnouncer, inFlightIds, useChannelName } from '../../src/sync/in-flight';
import { threadId } from 'node:worker_threads';
import { withInFlight } from '../../src/sync/client';
import { fakeServer, OPERATOR, seedSession } from './fake-server';

// Test files run as threads of one process, and a BroadcastChannel reaches them all: this file's own name.
const CHANNEL = `sampark-in-flight-test-${process.pid}-${threadId}`;
useChannelName(CHANNEL);

const register = (i: number) => {
  const r = parseIntake({ name: 'परिवादी', mobile: `98765${String(i).padStart(5, '0')}`, areaType: 'rural', districtCode: 'ajmer',
    departmentCode: 'energy', description: `गाँव में बिजली नहीं आ रही है, शिकायत क्रमांक ${i}`, consent: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return registerGrievance(r.value, { kioskCode: OPERATOR.kioskCode, operatorId: OPERATOR.id, lang: 'hi' });
};

/** What a page hears: every set, in order. */
function listen() {
  const heard: string[][] = [];
  const waiters: { ok: (ids: string[]) => boolean; resolve: () => void }[] = [];
  const sub = inFlightIds().subscribe((ids) => {
    heard.push([...ids].sort());
    for (const w of [...waiters]) if (w.ok([...ids])) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  });
  return {
    heard,
    /** Resolves when the set last heard, or a later one, is accepted by `ok`. */
    until: (ok: (ids: string[]) => boolean) => new Promise<void>((resolve) => {
      if (heard.length > 0 && ok(heard[heard.length - 1])) resolve();
      else waiters.push({ ok, resolve });
    }),
    stop: () => sub.unsubscribe(),
  };
}

/** A POST to the sync route held until `release()`; every other request goes straight to the fake server. */
function holdingFetch(server: ReturnType<typeof fakeServer>) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  let posted!: () => void;
  const arrived = new Promise<void>((resolve) => { posted = resolve; });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    if (init?.method === 'POST' && String(input).endsWith('/api/sync/grievances')) { posted(); await held; }
    return server.fetch(input as string, init);
  };
  return { fetch, release, arrived };
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  await seedSession();
});
afterEach(() => { vi.useRealTimers(); });

describe('a replay tells the pages what it is sending, and writes each row once', () => {
  it('the rows stay saved while on the wire; a page hears their ids, then an empty set once answered', async () => {
    const items = await Promise.all([0, 1, 2].map(register));
    const ids = items.map((i) => i.clientId).sort();
    const page = listen();
    const server = fakeServer();
    const held = holdingFetch(server);
    const run = replay('manual', { fetch: held.fetch });
    await held.arrived;
    await page.until((heard) => heard.length === 3);
    expect(page.heard.at(-1)).toEqual(ids);
    expect((await db.outbox.toArray()).map((r) => r.state)).toEqual(['saved', 'saved', 'saved']);
    held.release();
    expect(await run).toMatchObject({ synced: 3, waiting: 0 });
    await page.until((heard) => heard.length === 0);
    expect((await db.outbox.toArray()).map((r) => r.state)).toEqual(['synced', 'synced', 'synced']);
    expect(server.stored.size).toBe(3);
    page.stop();
  });

  it('a failed POST leaves the rows as a backoff writes them and the set empty', async () => {
    await Promise.all([0, 1].map(register));
    const page = listen();
    const server = fakeServer(['503-retry']);
    const emptied = (async () => { await page.until((h) => h.length === 2); await page.until((h) => h.length === 0); })();
    const r = await replay('manual', { fetch: server.fetch, random: () => 1 });
    expect(r).toMatchObject({ synced: 0, waiting: 2, error: { key: 'server' } });
    await emptied;
    const rows = await db.outbox.toArray();
    expect(rows.map((x) => [x.state, x.attempts])).toEqual([['saved', 1], ['saved', 1]]);
    page.stop();
  });

  it('a replay that meets a session ended on the server tells the pages nothing is being sent, and counts no attempt', async () => {
    await register(0);
    const page = listen();
    const server = fakeServer();
    server.revokeAll(OPERATOR.id); // e.g. a password reset on the server: only a sign-in helps
    const emptied = (async () => { await page.until((h) => h.length === 1); await page.until((h) => h.length === 0); })();
    expect(await replay('manual', { fetch: server.fetch })).toMatchObject({ synced: 0, waiting: 1, error: { key: 'auth.signin' } });
    await emptied;
    expect((await db.outbox.toArray()).map((x) => [x.state, x.attempts])).toEqual([['saved', 0]]);
    page.stop();
  });
});

describe('what a page was told', () => {
  it('is repeated every IN_FLIGHT_REPEAT_MS while a replay sends, and no more once it is empty', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const sent: unknown[] = [];
    const spy = new BroadcastChannel(CHANNEL);
    spy.onmessage = (e) => sent.push(e.data);
    const replaying = inFlightAnnouncer();
    replaying.add(['a', 'b']);
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'IN_FLIGHT', ids: ['a', 'b'] }]));
    replaying.add(['a']); // nothing new: nothing said
    vi.advanceTimersByTime(IN_FLIGHT_REPEAT_MS); // a long upload: said again, so the pages keep it
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    replaying.remove(['a']);
    await vi.waitFor(() => expect(sent.at(-1)).toEqual({ type: 'IN_FLIGHT', ids: ['b'] }));
    replaying.clear();
    await vi.waitFor(() => expect(sent.at(-1)).toEqual({ type: 'IN_FLIGHT', ids: [] }));
    const said = sent.length;
    vi.advanceTimersByTime(3 * IN_FLIGHT_REPEAT_MS);
    await new Promise((r) => setTimeout(r, 20)); // (real timers: only the interval is faked)
    expect(sent).toHaveLength(said);
    spy.close();
  });

  it('a set not heard again for IN_FLIGHT_TTL_MS is dropped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const page = listen();
    const ch = new BroadcastChannel(CHANNEL);
    ch.postMessage({ type: 'IN_FLIGHT', ids: ['a'] });
    await page.until((h) => h.length === 1);
    await vi.advanceTimersByTimeAsync(IN_FLIGHT_TTL_MS - 1);
    expect(page.heard.at(-1)).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(page.heard.at(-1)).toEqual([]);
    ch.postMessage({ type: 'IN_FLIGHT', ids: 'not a list' }); // not the message's shape: ignored
    ch.postMessage({ type: 'IN_FLIGHT', ids: ['b'] });
    await page.until((h) => h.length === 1 && h[0] === 'b');
    ch.close();
    page.stop();
  });
});

describe('withInFlight: the outbox as shown', () => {
  const row = (clientId: string, state: OutboxRow['state']) => ({ clientId, state }) as OutboxRow;
  it('shows saved rows being sent as sending, leaves answered ones as they are, and moves the others\' counts', () => {
    const view = { own: [row('a', 'saved'), row('b', 'saved'), row('c', 'synced')], others: { saved: 5, sending: 0, synced: 2, attention: 1 } };
    const shown = withInFlight(view, new Set(['a', 'c', 'x', 'y']));
    expect(shown.own.map((r) => r.state)).toEqual(['sending', 'saved', 'synced']);
    expect(shown.others).toEqual({ saved: 3, sending: 2, synced: 2, attention: 1 });
    expect(withInFlight(view, new Set())).toBe(view);
    expect(withInFlight({ ...view, others: { saved: 1, sending: 0, synced: 0, attention: 0 } }, new Set(['x', 'y'])).others)
      .toEqual({ saved: 0, sending: 1, synced: 0, attention: 0 }); // never below zero
  });
});
