/**
 * Real server processes (server/index.ts under tsx, as `npm run serve` runs it) for multi-process tests and
 * the scale benchmark; and a throw-away PostgreSQL database next to TEST_DATABASE_URL for each of them.
 * Node runs the server itself, one process, so the pid is the server's (the tsx command would start the
 * server as its child, out of reach of a SIGKILL): the test run's bundle of server/index.ts, or
 * `node --import tsx server/index.ts` without one (tests/support/bundles.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { entryArgs } from './bundles';

const ROOT = join(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  pid: number;
  /** What the process printed on standard output and error so far. */
  output(): string;
  exited: Promise<number | null>;
  /** SIGKILL: the process dies mid-whatever, as a crash or an OOM kill would. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the clean shutdown. */
  stop(): Promise<number | null>;
}

/** Starts one server and resolves once it prints its URL (PORT=0: a free port). */
/** `nodeArgs` go before the script (e.g. `--cpu-prof` to profile the server under load: bench/profile-ingest.ts). */
export function startServerProcess(env: Record<string, string>, nodeArgs: readonly string[] = []): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, ...entryArgs('server')], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', ...env },
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let out = '';
    let started = false;
    const onData = (d: Buffer) => {
      out += d;
      const m = !started && /http:\/\/(\S+):(\d+)/.exec(out);
      if (!m) return;
      started = true;
      resolve({
        child, url: `http://127.0.0.1:${m[2]}`, pid: child.pid!, exited, output: () => out,
        async kill() { child.kill('SIGKILL'); await exited; },
        async stop() { child.kill('SIGTERM'); return exited; },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d));
    void exited.then((code) => { if (!started) reject(new Error(`server exited with ${code}: ${out}`)); });
  });
}

/**
 * A fresh database named `<TEST_DATABASE_URL's>_<suffix>` on the same server (dropped first if a previous
 * run left it), so processes under test start from nothing without touching the shared test database.
 */
export async function freshDatabase(baseUrl: string, suffix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(baseUrl);
  const name = `${base.pathname.slice(1)}_${suffix}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unusable database name ${name}`);
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try { await c.query(sql); } finally { await c.end(); }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
