/**
 * Network back → 1,000 queued grievances confirmed (issue 16), in the real app in Chromium against the
 * bench's server behind the fault proxy: batched (and one request per grievance), clean and with 30% of
 * sync POSTs faulted; the batched runs REPLAY_ROUNDS times, the median recorded. Prints where the time
 * went: when each POST left, the server's time on each, and the CPU the server's process and Chromium's
 * processes used meanwhile.
 */
import type { Browser, Page } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { faultSchedule, type FaultProxy, RETRY_AFTER_S } from '../tests/support/fault-proxy';
import { syncServerMs } from './bench-server';
import { openApp, registerMany, states } from './browser';
import type { Result } from './run';

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * CPU seconds used so far by this process (server, fault proxy, driver), by every Chromium process and by
 * every PostgreSQL process of this machine (Linux /proc; 0 elsewhere): where a replay's time goes when client and server share this machine's 2 cores.
 */
function cpuSeconds(): { node: number; chromium: number; pg: number; byType: Record<string, number> } {
  const u = process.cpuUsage();
  let chromium = 0, pg = 0;
  const byType: Record<string, number> = {};
  const pids = existsSync('/proc') ? readdirSync('/proc').filter((d) => /^\d+$/.test(d)) : [];
  for (const pid of pids) {
    let stat: string;
    try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { continue; } // ended meanwhile
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const postgres = comm === 'postgres';
    if (!postgres && !/chrom/.test(comm)) continue;
    const f = stat.slice(close + 2).split(' ');
    // utime + stime, and cutime + cstime (children that ended and were reaped: a PostgreSQL backend whose
    // connection closed is counted in the postmaster's), in clock ticks (100 a second).
    const secs = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
    if (postgres) { pg += secs; continue; }
    chromium += secs;
    let type = 'browser';
    try { type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser'; } catch { /* ended */ }
    byType[type] = (byType[type] ?? 0) + secs;
  }
  return { node: (u.user + u.system) / 1e6, chromium, pg, byType };
}

/**
 * Waits in the page until `n` outbox rows are confirmed: one IndexedDB connection, the count on the `state`
 * index re-read after each committed write the service worker announces (Dexie's `x-storagemutated-1`
 * broadcast, which the lite engine sends too) and every 250 ms besides. Answers false after `timeoutMs`.
 * (Polling from Node, a connection opened per count every 25 ms, was itself work on IndexedDB's one
 * backend during the replay it timed.)
 */
const waitSynced = (page: Page, n: number, timeoutMs: number): Promise<boolean> => page.evaluate(`new Promise((resolve, reject) => {
  // A string, not a function: tsx's keepNames would wrap the named helpers in one that does not exist in the page.
  const open = indexedDB.open('sampark-kiosk');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const idb = open.result;
    const channel = new BroadcastChannel('x-storagemutated-1');
    let busy = false, again = false;
    const finish = (ok) => { clearInterval(timer); clearTimeout(limit); channel.close(); idb.close(); resolve(ok); };
    const check = () => {
      if (busy) { again = true; return; }
      busy = true;
      const req = idb.transaction('outbox').objectStore('outbox').index('state').count('synced');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        busy = false;
        if (req.result >= ${n}) finish(true);
        else if (again) { again = false; check(); }
      };
    };
    channel.onmessage = check;
    const timer = setInterval(check, 250);
    const limit = setTimeout(() => finish(false), ${timeoutMs});
    check();
  };
})`);

/**
 * Registers 1,000 grievances offline in a fresh browser profile, lets the network back and times until the
 * last one is confirmed on the device, with only the app's own triggers (Background Sync, the online event,
 * the timer after a backoff). The batch size is the one the server advertises (SYNC_BATCH), so every
 * trigger uses it.
 */
async function networkBack(browser: Browser, url: string, proxy: FaultProxy, batch: number, faults: boolean, from: number): Promise<{ ms: number; requests: number; demandedMs: number }> {
  process.env.SYNC_BATCH = String(batch);
  const app = await openApp(browser, url);
  try {
    await app.setOffline(true);
    await registerMany(app.page, 1000, from);
    const schedule = faults ? faultSchedule(7, 0.3, ['500', '502', '503', '429', 'reset', 'drop-after-commit']) : () => 'ok' as const;
    const sent: number[] = []; // when each sync POST reached the proxy (ms after t0), to see where the time goes
    proxy.setSchedule(() => { sent.push(Date.now() - t0); return schedule(); });
    const before = proxy.applied.length;
    const serverBefore = syncServerMs.length;
    const cpu0 = cpuSeconds();
    const t0 = Date.now();
    await app.setOffline(false);
    if (!(await waitSynced(app.page, 1000, 300_000))) throw new Error(`not all confirmed after 300 s: ${JSON.stringify(await states(app.page))}`);
    const ms = Date.now() - t0;
    const cpu1 = cpuSeconds();
    console.log(`    batch ${batch}${faults ? ', 30% faults' : ''}: ${ms} ms; sync POSTs at ${sent.length > 24 ? `${sent.slice(0, 12).join(', ')} … ${sent.at(-1)}` : sent.join(', ')} ms (${proxy.applied.slice(before).filter((f) => f !== 'ok').join(' ') || 'no faults'}); the server's time on them ${Math.round(syncServerMs.slice(serverBefore).reduce((a, b) => a + b, 0))} ms (${syncServerMs.slice(serverBefore).map((x) => Math.round(x)).join(', ')}); CPU meanwhile: this process (server, proxy, driver) ${round(cpu1.node - cpu0.node)} s, Chromium ${round(cpu1.chromium - cpu0.chromium)} s (${Object.keys(cpu1.byType).map((k) => `${k} ${round(cpu1.byType[k] - (cpu0.byType[k] ?? 0))}`).join(', ')})${cpu1.pg > cpu0.pg ? `, PostgreSQL ${round(cpu1.pg - cpu0.pg)} s` : ''}`);
    // What the server demanded (Retry-After of each busy answer): no client may send sooner.
    const demandedMs = proxy.applied.slice(before).reduce((t, f) => t + (f === '503' || f === '429' ? RETRY_AFTER_S[f] * 1000 : 0), 0);
    return { ms, requests: proxy.applied.length - before, demandedMs };
  } finally {
    delete process.env.SYNC_BATCH;
    proxy.setSchedule(() => 'ok');
    await app.close();
  }
}

/** Rounds of the batched replay, clean and faulted (REPLAY_ROUNDS, default 3): the median is recorded; this machine's runs vary by ±15 %. */
const ROUNDS = Math.max(1, Number(process.env.REPLAY_ROUNDS ?? 3));
const median = <T extends { ms: number }>(runs: T[]): T => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)];

/** `batchedOnly` (`npm run bench -- replay-batched`): without the one-request-per-grievance run (minutes on a loaded machine). */
export async function replayComparison(browser: Browser, url: string, proxy: FaultProxy, record: (r: Result) => void, batchedOnly = false) {
  console.log(`network back → 1,000 queued grievances confirmed: batched${batchedOnly ? '' : ' vs one request per grievance'}, clean vs 30% faults; median of ${ROUNDS} rounds, clean and faulted alternating`);
  const single = batchedOnly ? undefined : await networkBack(browser, url, proxy, 1, false, 0);
  const cleanRuns: Awaited<ReturnType<typeof networkBack>>[] = [];
  const faultyRuns: Awaited<ReturnType<typeof networkBack>>[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    cleanRuns.push(await networkBack(browser, url, proxy, 100, false, 1000 + r * 10_000));
    faultyRuns.push(await networkBack(browser, url, proxy, 100, true, 2000 + r * 10_000));
  }
  const batched = median(cleanRuns);
  const faulty = median(faultyRuns);
  const list = (runs: { ms: number }[]) => runs.map((x) => round(x.ms / 1000, 2)).join(' / ');
  console.log(`    rounds: clean ${list(cleanRuns)} s; faulted ${list(faultyRuns)} s`);
  console.log(`    requests: one-per-grievance ${single?.requests ?? '-'}, batched ${batched.requests}, batched with faults ${faulty.requests}`);
  const s = (x: { ms: number }) => round(x.ms / 1000, 2);
  if (single) {
    record({ name: 'replay 1,000: one request per grievance', value: s(single), unit: 's', better: 'lower' });
    record({ name: 'replay 1,000: batched (100 per request)', value: s(batched), unit: 's', better: 'lower', baseline: { name: 'one request per grievance', value: s(single) } });
    record({ name: 'batched replay speed-up', value: round(single.ms / batched.ms, 1), unit: '×', better: 'higher' });
  } else record({ name: 'replay 1,000: batched (100 per request)', value: s(batched), unit: 's', better: 'lower' });
  record({ name: 'replay 1,000 batched under 30% faults', value: s(faulty), unit: 's', better: 'lower', baseline: { name: 'clean', value: s(batched) } });
  record({ name: 'throughput under 30% faults ÷ clean', value: round(batched.ms / faulty.ms, 2), unit: 'ratio', better: 'higher' });
  // The same, with the waits the server demanded (Retry-After, which every client must honour) taken out of
  // the faulted run: what the client's own handling of the faults costs.
  record({ name: 'throughput under 30% faults ÷ clean, less the Retry-After waits', value: round(batched.ms / (faulty.ms - faulty.demandedMs), 2), unit: 'ratio', better: 'higher', baseline: { name: 'Retry-After demanded', value: round(faulty.demandedMs / 1000, 1) } });
}
