/**
 * The DATA_DIR lock under a race: several processes find the same stale lock at the same moment (left by
 * a dead holder, by an older version, half-written, or with a takeover a dead process had begun) and
 * exactly one of them must end up holding it, round after round. Each contender is a real process
 * (tests/support/lock-racer.ts) that tries as soon as it reads the round's directory.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirBusyError, lockHolder, lockPath } from '../../server/data-dir-lock';

const ROOT = join(import.meta.dirname, '..', '..');
const CONTENDERS = 6;
const ROUNDS = 120;
const DEAD = 2 ** 22 + 1; // above Linux's largest pid: no such process

type Kind = 'dead holder' | 'older version' | 'half-written' | 'dead claimant';
const KINDS: Kind[] = ['dead holder', 'older version', 'half-written', 'dead claimant'];

/** A DATA_DIR whose lock was left behind in the way `kind` says. */
function staleDir(base: string, round: number, kind: Kind): string {
  const dir = join(base, `r${round}`);
  mkdirSync(dir);
  const path = lockPath(dir);
  const record = (nonce?: string) => JSON.stringify({ pid: DEAD, role: 'server', port: 8080, startedAt: '2026-01-01T00:00:00Z', ...(nonce && { nonce }) });
  if (kind === 'older version') writeFileSync(path, record());
  if (kind === 'half-written') writeFileSync(path, '');
  if (kind === 'dead holder' || kind === 'dead claimant') writeFileSync(path, record(`n${round}`));
  if (kind === 'dead claimant') writeFileSync(`${path}.n${round}.claim1`, String(DEAD)); // died while taking it over
  return dir;
}

/** A contender process and its answers, one line per directory sent. */
function contender() {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'tests/support/lock-racer.ts'], { cwd: ROOT });
  const lines: string[] = [];
  let waiting: ((line: string) => void) | undefined;
  let rest = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    rest += chunk;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n')) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      if (waiting) { const w = waiting; waiting = undefined; w(line); } else lines.push(line);
    }
  });
  const next = () => new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : (waiting = resolve)));
  return { child, next };
}

describe('the DATA_DIR lock', () => {
  let base: string;
  let racers: ReturnType<typeof contender>[] = [];
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'sampark-lock-race-'));
    racers = Array.from({ length: CONTENDERS }, contender);
    for (const r of racers) expect(await r.next()).toBe('ready');
  }, 120_000);
  afterAll(() => {
    for (const r of racers) r.child.kill();
    rmSync(base, { recursive: true, force: true });
  });

  it(`is taken over by exactly one of ${CONTENDERS} processes racing for a stale lock, in each of ${ROUNDS} rounds`, async () => {
    const winners: Record<Kind, number> = { 'dead holder': 0, 'older version': 0, 'half-written': 0, 'dead claimant': 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const kind = KINDS[round % KINDS.length];
      const dir = staleDir(base, round, kind);
      for (const r of racers) r.child.stdin.write(`${dir}\n`); // all at once: each tries as soon as it reads it
      const answers = await Promise.all(racers.map((r) => r.next()));
      expect(answers.filter((a) => a === 'ok').length, `round ${round} (${kind}): ${answers.join(', ')}`).toBe(1);
      expect(answers.filter((a) => a !== 'ok' && a !== 'busy')).toEqual([]);
      const holder = lockHolder(dir);
      expect(racers.map((r) => r.child.pid)).toContain(holder?.pid);
      expect(readdirSync(dir)).toEqual(['sampark.lock']); // every claim and scratch file was cleaned up
      winners[kind]++;
    }
    expect(Object.values(winners).every((n) => n === ROUNDS / KINDS.length)).toBe(true);
  }, 300_000);

  it('refuses a live holder, takes over its own stale lock, and leaves nothing behind when released', () => {
    const dir = join(base, 'single');
    const first = acquireDataDirLock(dir, 'server', 8080);
    expect(() => acquireDataDirLock(dir, 'admin')).toThrow(DataDirBusyError); // held by this very process: no previous life
    first.setPort(9090);
    expect(lockHolder(dir)).toMatchObject({ pid: process.pid, role: 'server', port: 9090 });
    first.release();
    expect(readdirSync(dir)).toEqual([]);
    // A lock with our own pid that we do not hold was left by a previous life of this process (pid 1 in a container).
    writeFileSync(lockPath(dir), JSON.stringify({ pid: process.pid, role: 'server', port: 1, startedAt: '2026-01-01T00:00:00Z', nonce: 'old' }));
    const again = acquireDataDirLock(dir, 'admin');
    expect(lockHolder(dir)).toMatchObject({ pid: process.pid, role: 'admin' });
    again.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});
