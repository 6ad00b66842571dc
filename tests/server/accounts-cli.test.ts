/**
 * The account commands of the admin CLI on an embedded database in a temporary DATA_DIR: create and
 * update (one line each), the rules per role, disable / enable / reset-password, list without hashes, the
 * audit log as JSON lines, and a server on the same DATA_DIR honouring what the CLI did. Most commands
 * run in-process through the same command objects `npm run admin` dispatches to; one goes through
 * `npm run admin` itself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Account } from '../../src/domain/accounts';
import { openDb } from '../../server/store/open-db';
import { DEVICE } from './fixtures';
import { startServer, runAdmin, type AdminRun } from './harness';

const ROOT = join(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'sampark-accounts-'));
const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir };

type Run = AdminRun;

const admin = (...argv: string[]): Promise<Run> => runAdmin(env, ...argv);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('admin CLI: accounts', () => {
  it('create-operator creates, printing one line, and updates the same ID in any case', async () => {
    expect(await admin('create-operator', '--id', 'K1023456-01', '--password', 'first password', '--name', 'Meena Sharma', '--kiosk', 'K1023456'))
      .toEqual({ code: 0, stdout: 'created operator K1023456-01 (operator, kiosk K1023456)\n', stderr: '' });
    expect(await admin('create-operator', '--id', 'k1023456-01', '--password', 'first password', '--name', 'Meena S.', '--kiosk', 'k1023456'))
      .toEqual({ code: 0, stdout: 'updated operator K1023456-01 (operator, kiosk K1023456)\n', stderr: '' });
  });

  it('creates each role with the fields it needs, and prints them', async () => {
    const lines = [
      await admin('create-operator', '--id', 'ae.phed.jaipur', '--password', 'officer password', '--name', 'R K Gupta', '--role', 'officer', '--level', 'L1', '--department', 'phed', '--district', 'jaipur'),
      await admin('create-operator', '--id', 'nodal.phed', '--password', 'nodal password', '--name', 'Nodal PHED', '--role', 'nodal', '--department', 'phed'),
      await admin('create-operator', '--id', 'secy.water', '--password', 'secretary password', '--name', 'Secretary', '--role', 'secretary', '--department', 'phed,water-resources'),
      await admin('create-operator', '--id', 'root', '--password', 'admin password', '--name', 'Admin', '--role', 'admin'),
    ].map((r) => [r.code, r.stdout]);
    expect(lines).toEqual([
      [0, 'created operator ae.phed.jaipur (officer L1, department phed, district jaipur)\n'],
      [0, 'created operator nodal.phed (nodal, department phed)\n'],
      [0, 'created operator secy.water (secretary, departments phed, water-resources)\n'],
      [0, 'created operator root (admin)\n'],
    ]);
  });

  it('refuses what a role does not allow or lacks, unknown codes and short passwords, changing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['--id', 'op.x', '--password', 'long enough', '--name', 'X'], /--kiosk is required for role operator/],
      [['--id', 'op.x', '--password', 'long enough', '--name', 'X', '--kiosk', 'Z12'], /--kiosk: Kiosk code is K followed by digits/],
      [['--id', 'op.x', '--password', 'short', '--name', 'X', '--kiosk', 'K1'], /--password: Password must be 8 to 256 characters/],
      [['--id', 'o.x', '--password', 'long enough', '--name', 'X', '--role', 'officer', '--department', 'phed'], /--level is required for role officer/],
      [['--id', 'o.x', '--password', 'long enough', '--name', 'X', '--role', 'officer', '--level', 'L5', '--department', 'phed'], /--level: An officer's level must be L1, L2, L3 or L4/],
      [['--id', 'o.x', '--password', 'long enough', '--name', 'X', '--role', 'officer', '--level', 'L1', '--department', 'phed,lsg'], /--department takes one department for role officer/],
      [['--id', 'o.x', '--password', 'long enough', '--name', 'X', '--role', 'officer', '--level', 'L1', '--department', 'water'], /--department: Choose a department from the list \(got "water"\)/],
      [['--id', 'o.x', '--password', 'long enough', '--name', 'X', '--role', 'officer', '--level', 'L1', '--department', 'phed', '--district', 'gotham'], /--district: Choose a district from the list/],
      [['--id', 'o.x', '--password', 'long enough', '--name', 'X', '--role', 'officer', '--level', 'L1', '--department', 'phed', '--kiosk', 'K1'], /--kiosk is not used for role officer/],
      [['--id', 's.x', '--password', 'long enough', '--name', 'X', '--role', 'secretary', '--district', 'jaipur', '--department', 'phed'], /--district is not used for role secretary/],
      [['--id', 'a.x', '--password', 'long enough', '--name', 'X', '--role', 'king'], /--role must be one of operator, officer, nodal, secretary, minister, agent, admin/],
      [['--id', 'bad id!', '--password', 'long enough', '--name', 'X', '--kiosk', 'K1'], /--id: Operator ID must be 1 to 64 characters/],
      [['--id', 'op.x', '--name', 'X', '--kiosk', 'K1'], /--password is required/],
    ];
    for (const [args, message] of cases) {
      const r = await admin('create-operator', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    const ids = (await admin('list-operators')).stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids.sort()).toEqual(['ae.phed.jaipur', 'K1023456-01', 'nodal.phed', 'root', 'secy.water'].sort());
  });

  it('list-operators prints every account as JSON lines the shared schema accepts, without password hashes', async () => {
    const { code, stdout } = await admin('list-operators');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/scrypt|password|hash/i);
    for (const line of stdout.trim().split('\n')) {
      const { disabled, createdAt, updatedAt, ...account } = JSON.parse(line) as Record<string, unknown>;
      expect(Account.safeParse(account).success, line).toBe(true);
      expect(typeof disabled).toBe('boolean');
      expect(Number.isNaN(Date.parse(String(createdAt)))).toBe(false);
      expect(Number.isNaN(Date.parse(String(updatedAt)))).toBe(false);
    }
  });

  it('disable, enable and reset-password act on the account (any case) and say so; an unknown ID fails', async () => {
    expect(await admin('disable-operator', '--id', 'K1023456-01')).toMatchObject({ code: 0, stdout: 'disabled operator K1023456-01\n' });
    expect((await admin('list-operators')).stdout).toMatch(/"id":"K1023456-01"[^\n]*"disabled":true/);
    expect(await admin('enable-operator', '--id', 'K1023456-01')).toMatchObject({ code: 0, stdout: 'enabled operator K1023456-01\n' });
    expect(await admin('reset-password', '--id', 'AE.PHED.JAIPUR', '--password', 'a new password')).toMatchObject({ code: 0, stdout: 'reset the password of operator ae.phed.jaipur\n' });
    expect(await admin('disable-operator', '--id', 'nobody')).toMatchObject({ code: 1, stdout: '', stderr: 'No operator with ID "nobody".\n' });
    expect(await admin('reset-password', '--id', 'root', '--password', 'short')).toMatchObject({ code: 2 });
  });

  it('audit prints the latest entries as JSON lines, oldest first, without any password', async () => {
    const { code, stdout } = await admin('audit', '--limit', '3');
    expect(code).toBe(0);
    const entries = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; action: string; actorId: string; target: string });
    expect(entries.map((e) => [e.action, e.target])).toEqual([
      ['account.disable', 'K1023456-01'], ['account.enable', 'K1023456-01'], ['account.password', 'ae.phed.jaipur'],
    ]);
    expect(entries.every((e) => e.actorId.startsWith('cli:'))).toBe(true);
    expect(Number(entries[0].id)).toBeLessThan(Number(entries[2].id));
    const all = (await admin('audit', '--limit', '1000')).stdout;
    expect(all).not.toMatch(/password\b(?!")|first password|a new password|officer password/);
    expect((await admin('audit', '--limit', 'ten')).code).toBe(2);
  });

  it('is honoured by a server on the same DATA_DIR: sign-in works, a disabled operator cannot, and a password reset signs out', async () => {
    const login = async (operatorId: string, password: string) => {
      const db = await openDb({ kind: 'embedded', dataDir });
      const server = await startServer({ db });
      try {
        return (await server.post('/api/auth/login', { operatorId, password, deviceId: DEVICE })).status;
      } finally {
        await server.close();
        await db.close();
      }
    };
    expect(await login('k1023456-01', 'first password')).toBe(200);
    expect(await login('ae.phed.jaipur', 'officer password')).toBe(401);
    expect(await login('ae.phed.jaipur', 'a new password')).toBe(200);
    await admin('disable-operator', '--id', 'K1023456-01');
    expect(await login('K1023456-01', 'first password')).toBe(401);
  });

  it('prints its one line through `npm run admin` too', async () => {
    const run = await new Promise<Run>((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', 'admin', '--', 'create-operator', '--id', 'K1023456-02', '--password', 'second password', '--name', 'Ravi', '--kiosk', 'K1023456'], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
    expect(run).toEqual({ code: 0, stdout: 'created operator K1023456-02 (operator, kiosk K1023456)\n', stderr: '' });
  });
});
