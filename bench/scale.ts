/**
 * State scale (issue 14), on PostgreSQL: two `npm run serve` processes on one database.
 *   - one kiosk alone, 10 batches of 100 in a row to one server: the baseline;
 *   - the reconnect storm: 50 kiosks × 200 queued grievances, all at once, to both servers, one killed
 *     mid-storm: exactly 10,000 stored, each once, every Retry-After honoured; time, rate and shed rate;
 *   - peak ingest (grievances/s, closed loop, enough kiosks to saturate), then p99 sync latency with the
 *     load held at 80% of that peak (open loop);
 *   - the same peak on the embedded PGlite (one process by construction).
 * Needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a database `<name>_bench` is created next to it).
 * Run alone: `npx tsx bench/scale.ts` (or `npm run bench -- scale`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../server/store/open-db';
import { migrate } from '../server/store/migrations';
import type { Db } from '../server/store/db';
import { freshDatabase, startServerProcess, type ServerProcess } from '../tests/support/server-process';
import { makeKiosks, percentile, runStorm, signInAll, type Kiosk, type StormOptions } from '../tests/support/storm';
import { processCpuS } from './profile-ingest';

export interface ScaleResult { name: string; value: number; unit: string; better: 'lower' | 'higher'; baseline?: { name: string; value: number } }

const SERVER_ENV = { LOGIN_PER_ADDRESS_PER_MIN: '100000', API_PER_SESSION_PER_MIN: '100000', LOG_LEVEL: 'error' };
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

async function withServers<T>(env: Record<string, string>, n: number, fn: (servers: ServerProcess[]) => Promise<T>): Promise<T> {
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < n; i++) servers.push(await startServerProcess({ ...SERVER_ENV, ...env })); // one by one: migrations
    return await fn(servers);
  } finally {
    await Promise.all(servers.map((s) => s.child.exitCode === null && s.child.signalCode === null ? s.stop() : undefined));
  }
}

async function countStored(db: Db): Promise<{ rows: number; distinct: number }> {
  const [r] = await db.query<{ rows: number; distinct: number }>('SELECT count(*)::int AS rows, count(DISTINCT client_id)::int AS "distinct" FROM grievances');
  return r;
}

/** The storm client with answers only JSON-parsed (cheap: it shares the cores with the servers). */
const storm = (o: StormOptions) => runStorm({ checkAnswers: false, ...o });

/**
 * Kiosks sending as fast as answers come back (closed loop): grievances per second, and the CPU seconds
 * the servers (by pid) and this client used meanwhile, so the client's share of the 2 cores is known.
 */
async function peak(kiosks: Kiosk[], urls: string[], pids: number[] = []): Promise<{ rate: number; p99: number; serverCpuS: number; clientCpuS: number; seconds: number }> {
  const cpu0 = pids.map(processCpuS);
  const client0 = process.cpuUsage();
  const r = await storm({ kiosks, urls });
  const client = process.cpuUsage(client0);
  const n = kiosks.reduce((s, k) => s + k.queued.length, 0);
  return {
    rate: n / (r.elapsedMs / 1000), p99: percentile(r.latencies, 99), seconds: r.elapsedMs / 1000,
    serverCpuS: pids.reduce((sum, pid, i) => sum + processCpuS(pid) - cpu0[i], 0), clientCpuS: (client.user + client.system) / 1e6,
  };
}

/** Batches of 100 started at a fixed rate (open loop) for `seconds`: each request's latency, ms. */
async function steady(kiosks: Kiosk[], urls: string[], perSecond: number, seconds: number): Promise<{ latencies: number[]; shed: number; sent: number }> {
  const batchesPerS = perSecond / 100;
  const total = Math.round(batchesPerS * seconds);
  const latencies: number[] = [];
  let shed = 0;
  const bodies = Array.from({ length: total }, (_, i) => {
    const from = Math.floor(i / kiosks.length) * 100;
    return JSON.stringify({ grievances: kiosks[i % kiosks.length].queued.slice(from, from + 100) });
  }); // serialised before the clock starts
  const t0 = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / batchesPerS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const k = kiosks[i % kiosks.length];
    const body = bodies[i];
    inflight.push((async () => {
      const s = performance.now();
      const res = await fetch(`${urls[i % urls.length]}/api/sync/grievances`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${k.token}` }, body });
      await res.arrayBuffer();
      if (res.status === 200) latencies.push(performance.now() - s);
      else shed++;
    })());
  }
  await Promise.all(inflight);
  return { latencies, shed, sent: total };
}

export async function scaleBench(record: (r: ScaleResult) => void, parts = process.env.SCALE_PARTS?.split(',') ?? ['storm', 'peak', 'pglite']): Promise<void> {
  const base = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!base) { console.log('  (skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL database)'); return; }

  let soloRate: number | undefined; // the one-kiosk baseline, when the storm part ran: the ratios below are against it
  const againstSolo = () => (soloRate ? { baseline: { name: 'one kiosk alone', value: round(soloRate) } } : {});

  // 1 + 2: the baseline and the storm, in the same run on the same database.
  if (parts.includes('storm')) {
    const fresh = await freshDatabase(base, 'bench');
    await withServers({ DATABASE_URL: fresh.url }, 2, async ([a, b]) => {
      const db = await openDb({ kind: 'postgres', url: fresh.url });
      try {
        const [solo] = await makeKiosks(db, 1, 1000, 'solo');
        await signInAll([solo], [a.url]);
        const one = await storm({ kiosks: [solo], urls: [a.url] });
        soloRate = 1000 / (one.elapsedMs / 1000);
        record({ name: 'one kiosk alone, 10 × 100 in a row, one server (PostgreSQL)', value: round(soloRate), unit: 'grievances/s', better: 'higher' });

        const kiosks = await makeKiosks(db, 50, 200);
        await signInAll(kiosks, [a.url, b.url]);
        let killed = false;
        const stormed = await storm({
          kiosks, urls: [a.url, b.url],
          onProgress: (ok) => { if (!killed && ok >= 25) { killed = true; void b.kill(); } }, // a quarter of the batches in
        });
        const stored = await countStored(db);
        const stormRate = 10_000 / (stormed.elapsedMs / 1000);
        const honoured = stormed.waits.every((w) => w.waitedMs >= w.askedS * 1000 - 5);
        console.log(`  storm: ${stormed.requests} requests, ${stormed.shed} shed, ${stormed.networkErrors} network errors, stored ${stored.rows} rows / ${stored.distinct} distinct (of ${1000 + 10_000}), Retry-After honoured: ${honoured}, without Retry-After: ${stormed.shedWithoutRetryAfter}`);
        if (stored.rows !== 11_000 || stored.distinct !== 11_000) throw new Error(`storm stored ${stored.rows} rows, ${stored.distinct} distinct: not exactly once`);
        record({ name: 'reconnect storm, 50 kiosks × 200, 2 processes (one killed): time to all stored', value: round(stormed.elapsedMs / 1000, 2), unit: 's', better: 'lower' });
        record({ name: 'reconnect storm: rate', value: round(stormRate), unit: 'grievances/s', better: 'higher', ...againstSolo() });
        record({ name: 'reconnect storm: shed rate (503/429 ÷ requests)', value: round((100 * stormed.shed) / stormed.requests, 1), unit: '%', better: 'lower' });
        record({ name: 'reconnect storm: sync p99 latency', value: round(percentile(stormed.latencies, 99)), unit: 'ms', better: 'lower' });
      } finally {
        await db.close();
      }
    });
    await fresh.drop();
  }

  // 3: peak ingest on PostgreSQL with two processes, then p99 at 80% of it.
  if (parts.includes('peak')) {
    const fresh = await freshDatabase(base, 'bench');
    await withServers({ DATABASE_URL: fresh.url }, 2, async (servers) => {
      const db = await openDb({ kind: 'postgres', url: fresh.url });
      try {
        const urls = servers.map((s) => s.url);
        const warm = await makeKiosks(db, 8, 100, 'warm');
        await signInAll(warm, urls);
        await peak(warm, urls);
        const kiosks = await makeKiosks(db, 32, 600);
        await signInAll(kiosks, urls);
        const top = await peak(kiosks, urls, servers.map((s) => s.pid));
        record({ name: 'peak ingest, PostgreSQL, 2 processes, batches of 100', value: round(top.rate), unit: 'grievances/s', better: 'higher', ...againstSolo() });
        console.log(`  (during the peak: servers ${round(top.serverCpuS, 1)} CPU-s, this client ${round(top.clientCpuS, 1)} CPU-s, of ${round(2 * top.seconds, 1)} core-s on 2 cores; server CPU per batch of 100 ${round((1000 * top.serverCpuS) / (kiosks.length * 6), 1)} ms)`);
        const load = await makeKiosks(db, 40, 1000, 'load');
        await signInAll(load, urls);
        const at = Math.round(top.rate * 0.8);
        const s = await steady(load, urls, at, 4);
        record({ name: `sync p99 latency at 80% of peak (${at}/s), PostgreSQL`, value: round(percentile(s.latencies, 99)), unit: 'ms', better: 'lower' });
        record({ name: 'sync p50 latency at 80% of peak, PostgreSQL', value: round(percentile(s.latencies, 50)), unit: 'ms', better: 'lower' });
        if (s.shed > 0) console.log(`  (${s.shed} of ${s.sent} requests shed at 80% of peak)`);
      } finally {
        await db.close();
      }
    });
    await fresh.drop();
  }

  // 4: the embedded default: one process on PGlite.
  if (parts.includes('pglite')) {
    const dataDir = mkdtempSync(join(tmpdir(), 'sampark-bench-pglite-'));
    try {
      const db = await openDb({ kind: 'embedded', dataDir });
      await migrate(db);
      const kiosks = await makeKiosks(db, 16, 300);
      const warm = await makeKiosks(db, 4, 100, 'warm');
      await db.close();
      await withServers({ DATA_DIR: dataDir }, 1, async ([s]) => {
        await signInAll([...warm, ...kiosks], [s.url]);
        await peak(warm, [s.url]);
        const top = await peak(kiosks, [s.url], [s.pid]);
        record({ name: 'peak ingest, embedded PGlite, 1 process, batches of 100', value: round(top.rate), unit: 'grievances/s', better: 'higher', ...againstSolo() });
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  scaleBench((r) => console.log(`  ${r.name}: ${r.value} ${r.unit}${r.baseline ? `  (baseline ${r.baseline.name}: ${r.baseline.value})` : ''}`))
    .then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1); });
}
