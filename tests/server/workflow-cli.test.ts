/**
 * The admin CLI's workflow commands on an embedded database in a temporary DATA_DIR: routing rules
 * (import the example file, list, set, remove, replace), time limits, the escalation sweep, and a server
 * on the same DATA_DIR routing by what the CLI set up, as an outside check would use it:
 * `create-operator --role officer --level L1 --department … --district …`, register, `export`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../server/store/open-db';
import { SyncResponse } from '../../src/domain/schemas';
import { submission } from './fixtures';
import { bearer, signIn, startServer, runAdmin, type AdminRun } from './harness';

const ROOT = join(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'sampark-workflow-cli-'));
const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir };
type Run = AdminRun;

const admin = (...argv: string[]): Promise<Run> => runAdmin(env, ...argv);
const lines = (s: string) => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('admin CLI: routing, time limits, escalation', () => {
  it('imports the example rules file, warning about accounts that do not exist yet', async () => {
    const r = await admin('routing', 'import', join(ROOT, 'reference/routing-rules.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`imported 10 rules from ${join(ROOT, 'reference/routing-rules.json')}\n`);
    expect(r.stderr).toContain('warning: rule phed-jaipur: L1 account "aen.phed.jaipur" is not an officer or nodal officer of phed (yet); routing skips it');
    const listed = lines((await admin('routing', 'list')).stdout);
    expect(listed.map((l) => l.id)).toContain('phed-jaipur-amber');
    expect(listed.find((l) => l.id === 'phed-jaipur-amber')).toEqual({ id: 'phed-jaipur-amber', department: 'phed', district: 'jaipur', place: '547', levels: { L1: 'aen.phed.amber' } });
    expect(lines((await admin('routing', 'list', '--department', 'energy')).stdout).map((l) => l.id)).toEqual(['energy-kota', 'energy-kota-transformer']);
  });

  it('sets, replaces and removes one rule; refuses bad codes and a rule with no level', async () => {
    expect(await admin('routing', 'set', '--id', 'phed-kota', '--department', 'phed', '--district', 'kota', '--l2', 'xen.phed.kota')).toMatchObject({
      code: 0, stdout: 'saved rule phed-kota (department phed, district kota: L2 xen.phed.kota)\n',
    });
    expect(await admin('routing', 'set', '--id', 'x', '--department', 'nope', '--l1', 'a')).toMatchObject({ code: 2, stderr: expect.stringContaining('--department: Choose a department from the list') });
    expect(await admin('routing', 'set', '--id', 'x', '--department', 'phed', '--category', 'power-cut', '--l1', 'a')).toMatchObject({ code: 2, stderr: expect.stringContaining('--category') });
    expect(await admin('routing', 'set', '--id', 'x', '--department', 'phed')).toMatchObject({ code: 2, stderr: expect.stringContaining('--l1..--l4') });
    expect(await admin('routing', 'remove', '--id', 'phed-kota')).toMatchObject({ code: 0, stdout: 'removed rule phed-kota\n' });
    expect(await admin('routing', 'remove', '--id', 'phed-kota')).toMatchObject({ code: 1 });
    expect(await admin('routing', 'frobnicate')).toMatchObject({ code: 2 });
  });

  it('refuses a bad rules file as a whole, and --replace drops the rules a file does not have', async () => {
    const bad = join(dataDir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ rules: [{ id: 'a', department: 'phed', levels: { L1: 'x' } }, { id: 'a', department: 'lsg', levels: { L1: 'y' } }] }));
    const r = await admin('routing', 'import', bad);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a valid rules file, nothing imported') });
    expect(lines((await admin('routing', 'list')).stdout)).toHaveLength(10);
    const small = join(dataDir, 'small.json');
    writeFileSync(small, JSON.stringify({ rules: [{ id: 'phed-jaipur', department: 'phed', district: 'jaipur', levels: { L1: 'aen.phed.jaipur' } }] }));
    expect((await admin('routing', 'import', small, '--replace')).stdout).toBe(`imported 1 rule from ${small}; removed 9\n`);
    expect(lines((await admin('routing', 'list')).stdout).map((l) => l.id)).toEqual(['phed-jaipur']);
  });

  it('lists and sets time limits', async () => {
    const listed = lines((await admin('time-limits', 'list')).stdout);
    expect(listed).toContainEqual({ department: 'phed', category: 'no-supply', days: 3 });
    expect(listed).toContainEqual({ department: '*', category: '*', days: 15 });
    expect(await admin('time-limits', 'set', '--department', 'phed', '--category', 'leak', '--days', '4')).toMatchObject({ code: 0, stdout: 'time limit for phed/leak: 4 days at each level\n' });
    expect(lines((await admin('time-limits', 'list')).stdout)).toContainEqual({ department: 'phed', category: 'leak', days: 4 });
    expect(await admin('time-limits', 'set', '--department', 'phed', '--days', '0')).toMatchObject({ code: 2 });
    expect(await admin('time-limits', 'set', '--department', 'phed', '--category', 'meter', '--days', '3')).toMatchObject({ code: 2 });
  });

  it('ACCEPTANCE end to end: an L1 officer made with create-operator receives the new grievance; the sweep and export see it', async () => {
    expect((await admin('create-operator', '--id', 'je.phed.kota', '--password', 'officer password', '--name', 'JE Kota', '--role', 'officer', '--level', 'L1', '--department', 'phed', '--district', 'kota')).code).toBe(0);
    expect((await admin('create-operator', '--id', 'op.meena', '--password', 'operator password', '--name', 'Meena', '--kiosk', 'K1023456')).code).toBe(0);
    const db = await openDb({ kind: 'embedded', dataDir });
    let number: string;
    try {
      const server = await startServer({ db });
      try {
        const auth = bearer(await signIn(server, 'op.meena', 'operator password'));
        const res = await server.post('/api/sync/grievances', { grievances: [submission({ districtCode: 'kota' })] }, auth);
        number = (SyncResponse.parse(await res.json()).results[0] as { number: string }).number;
        const officer = bearer(await signIn(server, 'je.phed.kota', 'officer password'));
        const queue = await (await server.get('/api/officer/queue', officer)).json() as { items: { number: string }[] };
        expect(queue.items.map((i) => i.number)).toEqual([number]);
      } finally {
        await server.close();
      }
    } finally {
      await db.close();
    }
    // Through `npm run admin` itself: the sweep has nothing to do yet, and export shows the lifecycle status.
    const run = (...args: string[]) => new Promise<Run>((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', 'admin', '--', ...args], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
    expect(await run('escalate')).toEqual({ code: 0, stdout: '{"routed":0,"escalated":0,"warned":0,"closed":0,"stuck":0}\n', stderr: '' });
    const exported = lines((await admin('export')).stdout);
    expect(exported.find((g) => g.number === number)).toMatchObject({ status: 'assigned', outcome: null, satisfaction: null, reopenCount: 0 });
  });
});
