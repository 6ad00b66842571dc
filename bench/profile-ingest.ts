/**
 * Where a server process spends its time under peak sync load (issue 14): one `npm run serve` process on
 * a fresh PostgreSQL database, run with `node --cpu-prof`, driven closed-loop by `PROFILE_KIOSKS` kiosks
 * (default 16) × `PROFILE_PER_KIOSK` grievances (default 500) with bodies serialised before the clock starts.
 * Prints the rate, the CPU seconds of the server, of the PostgreSQL backends and of this client, the rows each
 * grievance writes, and the top self-time functions of the server during the timed run. Needs BENCH_DATABASE_URL or TEST_DATABASE_URL.
 *   npx tsx bench/profile-ingest.ts
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../server/store/open-db';
import { freshDatabase, startServerProcess } from '../tests/support/server-process';
import { makeKiosks, runStorm, signInAll } from '../tests/support/storm';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function processCpuS(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/**
 * CPU seconds the PostgreSQL backends serving `database` use while it runs (PostgreSQL on this machine:
 * its processes are read from /proc, matched by the "postgres: <user> <database> …" title each backend
 * gives itself). Polled every 20 ms; a backend's time is counted from when it is first seen. Zero when
 * PostgreSQL runs elsewhere.
 */
export function watchPostgresCpu(database: string): { stop(): number } {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  const poll = () => {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!title.startsWith('postgres: ') || title.split(' ')[2] !== database) continue;
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        const key = `${pid}@${fields[19]}`; // pid and start time: a reused pid is another backend
        const ticks = Number(fields[11]) + Number(fields[12]);
        if (!first.has(key)) first.set(key, ticks);
        last.set(key, ticks);
      } catch { /* gone meanwhile */ }
    }
  };
  poll();
  const timer = setInterval(poll, 20);
  return {
    stop() {
      poll();
      clearInterval(timer);
      let ticks = 0;
      for (const [k, v] of last) ticks += v - (first.get(k) ?? v);
      return ticks / 100;
    },
  };
}

/**
 * The `top` functions by self time, and self time grouped by package or source folder; only the samples
 * taken inside `window` (µs on the monotonic clock V8 and process.hrtime share on Linux) when given.
 */
export function summarise(profile: Profile, top = 25, window?: [number, number]): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window[0] || at > window[1])) return;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const area = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const file = url.replace(/^file:\/\/.*?\/(node_modules|server|src)\//, '$1/');
    fn.set(`${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`, (fn.get(`${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`) ?? 0) + us);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (/\/(server|src)\/([^/]+)/.exec(url)?.slice(1, 3).join('/')) ?? (url.startsWith('node:') ? 'node core' : functionName.startsWith('(') ? functionName : 'other');
    area.set(pkg, (area.get(pkg) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const lines = [`total sampled ${(total / 1e6).toFixed(1)} s`, '-- by package / folder'];
  for (const [k, us] of [...area].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`${pct(us)}  ${k}`);
  lines.push('-- top self time');
  for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${pct(us)}  ${k}`);
  return lines.join('\n');
}

async function main() {
  const base = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const kioskCount = Number(process.env.PROFILE_KIOSKS || 16);
  const perKiosk = Number(process.env.PROFILE_PER_KIOSK || 500);
  const fresh = await freshDatabase(base, 'prof');
  const dir = mkdtempSync(join(tmpdir(), 'sampark-prof-'));
  const server = await startServerProcess({ DATABASE_URL: fresh.url, LOGIN_PER_ADDRESS_PER_MIN: '100000', API_PER_SESSION_PER_MIN: '100000', LOG_LEVEL: 'error' }, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...(process.env.PROFILE_NODE_ARGS?.split(' ').filter(Boolean) ?? [])]);
  const db = await openDb({ kind: 'postgres', url: fresh.url });
  // To try a schema change before changing a migration: SQL run on the migrated database before the run.
  if (process.env.PROFILE_SETUP_SQL) await db.exec(process.env.PROFILE_SETUP_SQL);
  let window: [number, number] | undefined;
  try {
    const warm = await makeKiosks(db, 4, 100, 'warm');
    const kiosks = await makeKiosks(db, kioskCount, perKiosk);
    await signInAll([...warm, ...kiosks], [server.url]);
    await runStorm({ kiosks: warm, urls: [server.url] });
    const serverCpu0 = processCpuS(server.pid);
    const client0 = process.cpuUsage();
    const pgCpu = watchPostgresCpu(new URL(fresh.url).pathname.slice(1));
    const from = Number(process.hrtime.bigint() / 1000n);
    const r = await runStorm({ kiosks, urls: [server.url] });
    window = [from, Number(process.hrtime.bigint() / 1000n)];
    const postgresCpu = pgCpu.stop();
    const client = process.cpuUsage(client0);
    const serverCpu = processCpuS(server.pid) - serverCpu0;
    const n = kioskCount * perKiosk;
    console.log(`rate ${Math.round(n / (r.elapsedMs / 1000))} grievances/s (${n} in ${(r.elapsedMs / 1000).toFixed(2)} s, ${r.requests} requests, ${r.shed} shed)`);
    const perBatch = (cpuS: number) => `${((1000 * cpuS) / r.requests).toFixed(1)} ms a request`;
    // What each grievance costs the database: rows inserted per table (and the indexes each row updates);
    // the backends report their counts within a second of a transaction ending.
    await new Promise((r) => setTimeout(r, 1_500));
    const rows = await db.query<{ relname: string; ins: string; upd: string; idx: string }>(
      `SELECT t.relname, t.n_tup_ins::text AS ins, t.n_tup_upd::text AS upd, (SELECT count(*) FROM pg_index i WHERE i.indrelid = t.relid)::text AS idx
         FROM pg_stat_user_tables t WHERE t.schemaname = 'public' AND (t.n_tup_ins > 0 OR t.n_tup_upd > 0) ORDER BY t.n_tup_ins DESC`);
    // Per grievance stored (the counters may trail by a moment; their ratios do not).
    const stored = Number(rows.find((t) => t.relname === 'grievances')?.ins ?? 0) || 1;
    console.log(`rows per grievance stored: ${rows.filter((t) => Number(t.ins) >= stored / 2 || Number(t.upd) >= stored / 2)
      .map((t) => `${t.relname} ${(Number(t.ins) / stored).toFixed(2)} inserted${Number(t.upd) ? ` ${(Number(t.upd) / stored).toFixed(2)} updated` : ''} (${t.idx} indexes)`).join(', ')}`);
    console.log(`CPU: server ${serverCpu.toFixed(2)} s (${perBatch(serverCpu)}), PostgreSQL backends ${postgresCpu.toFixed(2)} s (${perBatch(postgresCpu)}), client ${((client.user + client.system) / 1e6).toFixed(2)} s`);
  } finally {
    await db.close();
    await server.stop();
    await fresh.drop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  console.log(summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile, Number(process.env.PROFILE_TOP || 30), window));
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) main().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
