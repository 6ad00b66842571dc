/**
 * The embedded database on disk (DATA_DIR), across restarts, and the admin CLI on it: `export` prints
 * exactly what is stored, masked; beside a running server the CLI works through its admin socket, and
 * refuses, changing nothing, when the DATA_DIR is held with no socket to go through.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerConfig, SyncResponse, type GrievanceSubmission, type SyncResult } from '../../src/domain/schemas';
import { sealDigits as sealAadhaar } from '../../src/domain/seal';
import { csvLine } from '../../server/cli/csv';
import { adminSocketPath } from '../../server/admin-socket';
import { lockPath } from '../../server/data-dir-lock';
import { openDb } from '../../server/store/open-db';
import { entryArgs, ROOT, type Entry } from '../support/bundles';
import { startServerProcess } from '../support/server-process';
import { VALID_AADHAAR, submission } from './fixtures';
import { operatorHeaders, startServer } from './harness';

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the admin CLI (or a second server) as its own process, on the test run's bundle (tests/support/bundles.ts). */
function run(entry: Entry, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entryArgs(entry), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
const admin = (args: string[], env: Record<string, string>) => run('admin', args, env);

describe('embedded database in DATA_DIR, and the admin CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sampark-data-'));
  const env = { DATA_DIR: dataDir };
  const sent: GrievanceSubmission[] = [];
  const answers: SyncResult[] = [];

  beforeAll(async () => {
    const db = await openDb({ kind: 'embedded', dataDir });
    const server = await startServer({ db });
    try {
      const { aadhaarKey } = ServerConfig.parse(await (await fetch(`${server.url}/api/config`)).json());
      sent.push(
        submission({ aadhaarLast4: '2346', aadhaarSealed: await sealAadhaar(aadhaarKey, VALID_AADHAAR) }),
        submission({ categoryCode: undefined, tehsilCode: '0512', areaType: 'urban', departmentCode: 'lsg', description: 'मोहल्ले की नाली, कई दिनों से "जाम" है, सड़क पर पानी।' }),
        submission({ mobile: '6123456789', districtCode: 'udaipur', blockCode: '629' }),
      );
      const res = await server.post('/api/sync/grievances', { grievances: sent }, await operatorHeaders(server, db));
      answers.push(...SyncResponse.parse(await res.json()).results);
    } finally {
      await server.close();
      await db.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps grievances, numbers and keys when the database is reopened', async () => {
    expect(answers.map((a) => a.status)).toEqual(['created', 'created', 'created']);
    const db = await openDb({ kind: 'embedded', dataDir });
    const server = await startServer({ db });
    try {
      const auth = await operatorHeaders(server, db);
      const [again] = SyncResponse.parse(await (await server.post('/api/sync/grievances', { grievances: [sent[0]] }, auth)).json()).results;
      expect(again).toEqual({ ...answers[0], status: 'duplicate' }); // the sealed Aadhaar still opens: same keys
      const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grievances');
      expect(n).toBe(3);
    } finally {
      await server.close();
      await db.close();
    }
  });

  it('export prints exactly the stored grievances, one JSON object a line, masked', async () => {
    const { code, stdout, stderr } = await admin(['export'], env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.clientId).sort()).toEqual(sent.map((g) => g.clientId).sort());
    for (const [i, g] of sent.entries()) {
      const line = lines.find((l) => l.clientId === g.clientId)!;
      expect(line).toEqual({
        number: (answers[i] as { number: string }).number,
        clientId: g.clientId,
        receiptNumber: g.receiptNumber,
        kioskCode: g.kioskCode,
        departmentCode: g.departmentCode,
        categoryCode: g.categoryCode ?? null,
        districtCode: g.districtCode,
        tehsilCode: g.tehsilCode ?? null,
        blockCode: g.blockCode ?? null,
        areaType: g.areaType,
        mobile: `XXXXXX${g.mobile.slice(-4)}`,
        aadhaar: g.aadhaarLast4 ? `XXXX XXXX ${g.aadhaarLast4}` : null,
        createdAt: new Date(g.createdAt).toISOString(),
        receivedAt: (answers[i] as { receivedAt: string }).receivedAt,
        status: 'registered',
        outcome: null,
        satisfaction: null,
        satisfactionVerified: false,
        reopenCount: 0,
        attachments: [],
        channel: 'kiosk',
      });
    }
    expect(stdout).not.toContain(VALID_AADHAAR);
    for (const g of sent) expect(stdout).not.toContain(g.mobile);
  });

  it('export --format csv has a header row and one row per grievance, RFC 4180 quoted', async () => {
    const { code, stdout } = await admin(['export', '--format', 'csv'], env);
    expect(code).toBe(0);
    const rows = stdout.split('\r\n').filter(Boolean);
    expect(rows[0].split(',')).toEqual(expect.arrayContaining(['number', 'clientId', 'receiptNumber', 'departmentCode', 'categoryCode', 'districtCode', 'createdAt', 'receivedAt', 'status', 'outcome', 'satisfaction', 'reopenCount', 'attachments']));
    expect(rows).toHaveLength(4);
    for (const a of answers) expect(stdout).toContain((a as { number: string }).number);
    // No exported field needs quoting today; the quoting itself:
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', null, [], 0])).toBe('"a,b","say ""hi""","two\nlines",,[],0\r\n');
  });

  it('says how to use it, and exits 2, on an unknown command or bad flags', async () => {
    const [unknown, badFlag, badFormat] = await Promise.all([
      admin(['frobnicate'], env),
      admin(['export', '--verbose'], env),
      admin(['export', '--format', 'xml'], env),
    ]);
    for (const r of [unknown, badFlag, badFormat]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('Usage: npm run admin -- <command>');
    }
  });

  it('works beside a running server, through its admin socket, and alone again once it stops', async () => {
    const server = await startServerProcess(env);
    try {
      expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok' });
      expect(statSync(adminSocketPath(dataDir)).mode & 0o777).toBe(0o600); // only DATA_DIR's owner may connect

      const exported = await admin(['export'], env);
      expect(exported.stderr).toBe('');
      expect(exported.code).toBe(0);
      expect(exported.stdout.trimEnd().split('\n')).toHaveLength(3);

      // A write (in a transaction, on the server's open database) that the running server sees at once.
      const created = await admin(['create-operator', '--id', 'op.socket', '--password', 'socket-pass-1', '--name', 'Via Socket', '--kiosk', 'K1023456'], env);
      expect(created.code).toBe(0);
      const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operatorId: 'op.socket', password: 'socket-pass-1', deviceId: 'ABCDE' }) });
      expect(login.status).toBe(200);

      const second = await run('server', [], { ...env, PORT: '0', HOST: '127.0.0.1' });
      expect(second.code).toBe(2);
      expect(second.stderr).toContain('is using DATA_DIR');
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200); // not disturbed
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
    expect(existsSync(lockPath(dataDir))).toBe(false);
    expect(existsSync(adminSocketPath(dataDir))).toBe(false);
    const after = await admin(['export'], env);
    expect(after.code).toBe(0);
    expect(after.stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('refuses, changing nothing, when a live process holds the DATA_DIR and offers no admin socket', async () => {
    const holder = spawn('sleep', ['60']);
    try {
      writeFileSync(lockPath(dataDir), JSON.stringify({ pid: holder.pid, role: 'server', port: 8080, startedAt: '2026-01-01T00:00:00Z' }));
      const refused = await admin(['create-operator', '--id', 'op.refused', '--password', 'refused-pass-1', '--name', 'Refused', '--kiosk', 'K1023456'], env);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(new RegExp(`the server \\(pid ${holder.pid}, port 8080\\) is using DATA_DIR ${dataDir}; stop it or set DATABASE_URL`));
    } finally {
      holder.kill();
      rmSync(lockPath(dataDir), { force: true });
    }
    const list = await admin(['list-operators'], env);
    expect(list.stdout).not.toContain('op.refused');
  });

  it('treats a lock left by a dead process as stale', async () => {
    writeFileSync(lockPath(dataDir), JSON.stringify({ pid: 2 ** 22 + 1, role: 'server', port: 8080, startedAt: '2026-01-01T00:00:00Z' }));
    const r = await admin(['export'], env);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(existsSync(lockPath(dataDir))).toBe(false);
  });
});
