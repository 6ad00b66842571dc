/**
 * Slow and stalled clients: the sync route's load shedding counts only what it admitted (however many
 * it refuses), and the request timeout ends requests whose body never finishes arriving, so their slots
 * come back and a normal sync works again. Requests are held with real sockets that send only part of
 * their body (tests/support/slow-client.ts); the test waits for the server's own load-shedding events.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { securityOptionsFromEnv } from '../../server/security-options';
import type { Db } from '../../server/store/db';
import { ApiError } from '../../src/domain/schemas';
import { slowRequest, type SlowRequest } from '../support/slow-client';
import { submission } from './fixtures';
import { BACKENDS, loadShedding, operatorHeaders, startServer, syncBatch, type TestServer } from './harness';

const SYNC = '/api/sync/grievances';

describe('slow clients', () => {
  let db: Db;
  let server: TestServer | undefined;
  let held: SlowRequest[] = [];
  beforeAll(async () => {
    db = await BACKENDS[0].open();
  });
  afterAll(async () => {
    await db?.close();
  });
  afterEach(async () => {
    for (const h of held) h.destroy();
    held = [];
    await server?.close();
    server = undefined;
  });

  /** A server on the shared database with these limits, its load-shedding events, and slow sync requests to it. */
  async function start(security: Parameters<typeof startServer>[0]['security']) {
    const events = loadShedding(SYNC);
    server = await startServer({ db, security, onLoadShedding: events.on });
    const auth = await operatorHeaders(server, db);
    const hold = (n: number) => Array.from({ length: n }, () => {
      const body = JSON.stringify({ grievances: [submission()] });
      const r = slowRequest(server!.url, 'POST', SYNC, { 'content-type': 'application/json', ...auth }, body);
      held.push(r);
      return r;
    });
    return { events, auth, hold };
  }

  /** Resolves once `n` of `requests` have an answer; `answered[i]` tells which. */
  function answersOf(requests: SlowRequest[], n: number) {
    const answered = requests.map(() => false);
    let count = 0;
    const done = new Promise<void>((resolve) => requests.forEach((r, i) => void r.response.then(() => {
      answered[i] = true;
      if (++count === n) resolve();
    })));
    return { answered, done };
  }

  it('admits at most SYNC_MAX_INFLIGHT=4 of 30 slow requests, refuses the others, and releases each admitted one once', async () => {
    const { events, auth, hold } = await start({ syncMaxInFlight: 4 });
    const requests = hold(30);
    await events.until(() => events.counts.admitted + events.counts.refused === 30);
    expect(events.counts).toEqual({ admitted: 4, queued: 26, refused: 26, released: 0 });
    expect(events.seen.mostInFlight).toBe(4);

    // The others waited a moment for a slot, then were answered without their bodies: 503 api.busy.
    const first = answersOf(requests, 26);
    await first.done;
    const refused = requests.filter((_, i) => first.answered[i]);
    for (const r of refused) {
      const a = (await r.response)!;
      expect(a.status).toBe(503);
      expect(ApiError.parse(JSON.parse(a.body)).error).toBe('api.busy');
    }

    // The admitted ones finish their bodies and are handled normally; each frees its slot exactly once.
    const admitted = requests.filter((_, i) => !first.answered[i]);
    expect(admitted.length).toBe(4);
    for (const r of admitted) r.finish();
    expect((await Promise.all(admitted.map((r) => r.response))).map((a) => a?.status)).toEqual([200, 200, 200, 200]);
    await events.until(() => events.counts.released === 4);

    // Four free slots again, not more: of 5 new slow requests, 4 are admitted and 1 refused.
    const again = hold(5);
    await events.until(() => events.counts.admitted + events.counts.refused === 35);
    expect(events.counts).toEqual({ admitted: 8, queued: 27, refused: 27, released: 4 });
    for (const r of again) r.finish();
    await events.until(() => events.counts.released === 8);
    expect((await syncBatch(server!, [submission()], auth))[0].status).toBe('created');
    expect(events.counts).toEqual({ admitted: 9, queued: 27, refused: 27, released: 9 });
    expect(events.seen.mostInFlight).toBe(4);
  }, 120_000);

  it('ends requests whose body or headers never finish (REQUEST_TIMEOUT_S), frees their slots, and then syncs normally', async () => {
    const { events, auth, hold } = await start({ syncMaxInFlight: 8, requestTimeoutS: 1 });
    const bodies = hold(30);
    // Slowloris: connections that never finish their headers.
    const headers = Array.from({ length: 5 }, () => {
      const r = slowRequest(server!.url, 'POST', SYNC, { 'content-type': 'application/json', ...auth }, '{}', 20);
      held.push(r);
      return r;
    });
    await Promise.all([...bodies, ...headers].map((r) => r.closed)); // the server ends every one of them
    // Each was admitted in its turn and timed out (408 api.timeout), or waited too long for a turn (503 api.busy).
    const answers = await Promise.all(bodies.map((r) => r.response));
    for (const a of answers) expect([408, 503]).toContain(a?.status);
    const timedOut = answers.filter((a) => a?.status === 408);
    for (const a of timedOut) expect(ApiError.parse(JSON.parse(a!.body)).error).toBe('api.timeout');
    for (const s of await Promise.all(headers.map((r) => r.response))) expect([408, null]).toContain(s?.status ?? null);
    await events.until(() => events.counts.released === events.counts.admitted);
    expect(events.counts.admitted).toBe(timedOut.length);
    expect(events.counts.admitted + events.counts.refused).toBe(30);
    expect(events.seen.mostInFlight).toBeLessThanOrEqual(8);
    expect((await syncBatch(server!, [submission()], auth))[0].status).toBe('created');
  }, 120_000);

  it('reads REQUEST_TIMEOUT_S and SYNC_MAX_INFLIGHT from the environment', () => {
    expect(securityOptionsFromEnv({ REQUEST_TIMEOUT_S: '5', SYNC_MAX_INFLIGHT: '4' })).toEqual({ requestTimeoutS: 5, syncMaxInFlight: 4 });
    expect(() => securityOptionsFromEnv({ REQUEST_TIMEOUT_S: '0' })).toThrow(/REQUEST_TIMEOUT_S/);
  });
});
