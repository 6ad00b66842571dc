/**
 * The admin CLI and attachments, on an embedded DATA_DIR as in production: `export` lists each
 * grievance's attachments; `prune-attachments` (with --dry-run first) removes what no grievance refers to.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncResponse, type GrievanceSubmission } from '../../src/domain/schemas';
import { openDb } from '../../server/store/open-db';
import { entryArgs, ROOT } from '../support/bundles';
import { filesUnder, pdf, png, sha256, uploadFile } from './attachment-files';
import { submission } from './fixtures';
import { operatorHeaders, startServer } from './harness';

/** The admin CLI as its own process, on the test run's bundle (tests/support/bundles.ts). */
function admin(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entryArgs('admin'), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ATTACHMENTS_DIR: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('admin CLI and attachments on an embedded DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sampark-data-att-'));
  const attachments = join(dataDir, 'attachments');
  const env = { DATA_DIR: dataDir };
  const [photo, doc, unused] = [png(40, 30), pdf(5000), png(41, 30)];
  let withFiles: GrievanceSubmission;
  let without: GrievanceSubmission;

  beforeAll(async () => {
    const db = await openDb({ kind: 'embedded', dataDir });
    const server = await startServer({ db, attachmentsDir: attachments });
    try {
      const auth = await operatorHeaders(server, db);
      for (const f of [photo, doc, unused]) await uploadFile(server.url, auth, f);
      withFiles = submission({ attachments: [{ sha256: sha256(doc), bytes: doc.length, type: 'application/pdf', name: 'bijli-bill.pdf' }, { sha256: sha256(photo), bytes: photo.length, type: 'image/png' }] });
      without = submission();
      const res = await server.post('/api/sync/grievances', { grievances: [withFiles, without] }, auth);
      expect(SyncResponse.parse(await res.json()).results.map((r) => r.status)).toEqual(['created', 'created']);
    } finally {
      await server.close();
      await db.close();
    }
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('export lists each grievance\'s attachments as { sha256, bytes, type }, [] when none', async () => {
    const { code, stdout } = await admin(['export'], env);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { clientId: string; attachments: unknown });
    expect(lines.find((l) => l.clientId === withFiles.clientId)!.attachments).toEqual([
      { sha256: sha256(doc), bytes: doc.length, type: 'application/pdf' },
      { sha256: sha256(photo), bytes: photo.length, type: 'image/png' },
    ]);
    expect(lines.find((l) => l.clientId === without.clientId)!.attachments).toEqual([]);
  });

  it('prune-attachments --dry-run lists the unreferenced file and changes nothing; without it, removes only that', async () => {
    const before = filesUnder(attachments);
    expect(before).toHaveLength(3);
    const young = await admin(['prune-attachments', '--dry-run'], env); // default: older than 24 hours
    expect(young.code).toBe(0);
    expect(young.stdout).toContain('would remove 0 unreferenced');

    const dry = await admin(['prune-attachments', '--dry-run', '--older-than-hours', '0'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`would remove ${sha256(unused)} ${unused.length} bytes`);
    expect(dry.stdout).toContain('Dry run, nothing changed: would remove 1 unreferenced attachment(s)');
    expect(filesUnder(attachments)).toEqual(before);

    const real = await admin(['prune-attachments', '--older-than-hours', '0'], env);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toContain(`removed ${sha256(unused)}`);
    expect(filesUnder(attachments)).toEqual(before.filter((f) => !f.endsWith(sha256(unused))));

    const bad = await admin(['prune-attachments', '--older-than-hours', 'soon'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--older-than-hours must be a whole number');
  }, 60_000);
});
