/**
 * The reconnect storm, as a client: many kiosks, each signed in before the outage with a day of queued
 * grievances, all sending at once to several server processes (as a load balancer would spread them).
 * Each kiosk follows the device's protocol (src/sync/replay.ts): batches of the server's size, one request
 * at a time, a batch resent until the server answers 200 (a lost answer only brings a `duplicate`), and a
 * 503/429 waits exactly its Retry-After before the next try. A server that refuses connections (killed) is
 * taken out of the rotation, as a balancer's health check would.
 *
 * Used by tests/server/scale-storm.test.ts (CI size) and bench/scale.ts (50 kiosks × 200).
 */
import { SyncResponse, type GrievanceSubmission, type SyncResult } from '../../src/domain/schemas';
import { receiptNumber } from '../../src/domain/numbers';
import { Session } from '../../src/domain/accounts';
import { upsertAccount } from '../../server/store/accounts';
import type { Db } from '../../server/store/db';
import { deviceId, submission } from '../server/fixtures';

export interface Kiosk { index: number; kioskCode: string; operatorId: string; deviceId: string; queued: GrievanceSubmission[]; token?: string }

export const STORM_PASSWORD = 'storm-password-1';

/** `count` kiosks with `perKiosk` queued grievances each, and their operator accounts in `db`. */
let nextKiosk = 0;

export async function makeKiosks(db: Db, count: number, perKiosk: number, label = 'storm'): Promise<Kiosk[]> {
  const created = new Date('2026-11-28T10:15:00+05:30');
  const depts = ['phed', 'energy', 'revenue', 'food', 'lsg'];
  const kiosks: Kiosk[] = [];
  for (let i = 0; i < count; i++) {
    const n = nextKiosk++;
    const kioskCode = `K${2_000_000 + n}`;
    const operatorId = `${label}.op${n}`;
    const device = deviceId();
    await upsertAccount(db, { id: operatorId, name: `Storm Operator ${i}`, role: 'operator', kioskCode }, STORM_PASSWORD, new Date());
    const queued = Array.from({ length: perKiosk }, (_, k) => submission({
      kioskCode, operatorId, deviceId: device, receiptNumber: receiptNumber(kioskCode, created, device, k + 1),
      departmentCode: depts[k % depts.length], categoryCode: undefined,
    }));
    kiosks.push({ index: i, kioskCode, operatorId, deviceId: device, queued });
  }
  return kiosks;
}

/** Signs every kiosk in (before the outage), spread over `urls`. */
export async function signInAll(kiosks: Kiosk[], urls: string[]): Promise<void> {
  await Promise.all(kiosks.map(async (k) => {
    const res = await fetch(`${urls[k.index % urls.length]}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operatorId: k.operatorId, password: STORM_PASSWORD, deviceId: k.deviceId }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${k.operatorId}: ${res.status} ${await res.text()}`);
    k.token = Session.parse(await res.json()).accessToken;
  }));
}

export interface StormReport {
  elapsedMs: number;
  /** Sync requests sent, 200s among them, and 503/429 answers. */
  requests: number;
  ok: number;
  shed: number;
  /** Shed answers without a usable Retry-After (must stay 0: load shedding is honest). */
  shedWithoutRetryAfter: number;
  /** Connection errors and other failures that were retried (a killed server). */
  networkErrors: number;
  /** Other statuses seen (must stay empty). */
  unexpected: string[];
  /** Each 200's wall time, ms. */
  latencies: number[];
  /** The final answer per clientId. */
  results: Map<string, SyncResult>;
  /** Each Retry-After wait: what the server asked and how long the kiosk waited before its next try (ms). */
  waits: { askedS: number; waitedMs: number }[];
}

export interface StormOptions {
  kiosks: Kiosk[];
  /** The servers; one that refuses connections is dropped from the rotation. */
  urls: string[];
  batch?: number;
  /** Called after each 200 (e.g. to kill a server mid-storm). */
  onProgress?(okRequests: number): void;
  /** Gives up on a batch after this many tries (a test must end). */
  maxTries?: number;
  /**
   * Checks each answer against the SyncResponse schema (default). The benchmark turns it off so that the
   * client, on the same cores as the servers, costs little: the answers are then only JSON-parsed.
   */
  checkAnswers?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runStorm(o: StormOptions): Promise<StormReport> {
  const batch = o.batch ?? 100;
  const maxTries = o.maxTries ?? 200;
  const alive = [...o.urls];
  let turn = 0;
  const report: StormReport = {
    elapsedMs: 0, requests: 0, ok: 0, shed: 0, shedWithoutRetryAfter: 0, networkErrors: 0, unexpected: [], latencies: [], results: new Map(), waits: [],
  };
  const pick = () => {
    if (alive.length === 0) throw new Error('no server left');
    return alive[turn++ % alive.length];
  };

  // Every request body serialised before the clock starts: the figure is about the servers.
  const bodies = new Map(o.kiosks.map((k) => [k, Array.from({ length: Math.ceil(k.queued.length / batch) }, (_, b) =>
    JSON.stringify({ grievances: k.queued.slice(b * batch, (b + 1) * batch) }))]));
  const check = o.checkAnswers !== false;

  async function kiosk(k: Kiosk) {
    for (const [b, body] of bodies.get(k)!.entries()) {
      const from = b * batch;
      for (let tries = 1; ; tries++) {
        if (tries > maxTries) throw new Error(`${k.kioskCode}: batch at ${from} not accepted after ${maxTries} tries`);
        const url = pick();
        const t0 = performance.now();
        report.requests++;
        let res: Response;
        try {
          res = await fetch(`${url}/api/sync/grievances`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${k.token}` }, body });
        } catch (err) {
          report.networkErrors++;
          if (connectionRefused(err) && alive.includes(url) && alive.length > 1) alive.splice(alive.indexOf(url), 1);
          await sleep(50); // the device backs off too; the batch is resent as it was
          continue;
        }
        if (res.status === 200) {
          const answer: unknown = await res.json();
          const { results } = check ? SyncResponse.parse(answer) : (answer as SyncResponse);
          report.latencies.push(performance.now() - t0);
          report.ok++;
          for (const r of results) if (r.clientId) report.results.set(r.clientId, r);
          o.onProgress?.(report.ok);
          break;
        }
        await res.arrayBuffer().catch(() => undefined);
        if (res.status === 503 || res.status === 429) {
          report.shed++;
          const askedS = Number(res.headers.get('retry-after'));
          if (!Number.isFinite(askedS) || askedS < 0 || res.headers.get('retry-after') === null) {
            report.shedWithoutRetryAfter++;
            await sleep(1000);
            continue;
          }
          const t = performance.now();
          await sleep(askedS * 1000);
          report.waits.push({ askedS, waitedMs: performance.now() - t });
          continue;
        }
        if (res.status >= 500) { report.networkErrors++; await sleep(50); continue; } // e.g. a proxy's 502 while a server dies
        report.unexpected.push(`${res.status}`);
        throw new Error(`${k.kioskCode}: sync answered ${res.status}`);
      }
    }
  }

  const t0 = performance.now();
  await Promise.all(o.kiosks.map(kiosk));
  report.elapsedMs = performance.now() - t0;
  return report;
}

function connectionRefused(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } })?.cause;
  return cause?.code === 'ECONNREFUSED';
}

/** The p-th percentile (0–100) of `xs`. */
export const percentile = (xs: readonly number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
