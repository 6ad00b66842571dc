/**
 * `prune-attachments [--dry-run] [--older-than-hours N]`: removes attachment files that no grievance
 * refers to (uploaded, but the grievance never came), files no row describes, and partial uploads
 * abandoned for a day. A blob a grievance refers to is never removed.
 */
import { parseArgs } from 'node:util';
import { attachmentsDirFromEnv, createFsBlobStore } from '../../attachments/blob-store';
import { pruneAttachments } from '../../attachments/service';
import { type CliCommand, UsageError } from '../command';
import { withDatabase } from '../open-database';

export const pruneAttachmentsCommand: CliCommand = {
  name: 'prune-attachments',
  usage: 'prune-attachments [--dry-run] [--older-than-hours N]',
  summary: 'remove attachment files no grievance refers to, older than N hours (default 24), and abandoned partial uploads; --dry-run only lists them',
  async run(args, io) {
    let values: { 'dry-run'?: boolean; 'older-than-hours'?: string };
    try {
      ({ values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean' }, 'older-than-hours': { type: 'string' } }, strict: true, allowPositionals: false }));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const hours = values['older-than-hours'] ?? '24';
    if (!/^\d{1,6}$/.test(hours)) throw new UsageError(`--older-than-hours must be a whole number, not "${hours}"`, false);
    const dryRun = values['dry-run'] === true;
    const now = new Date();
    const report = await withDatabase(io.env, (db) =>
      pruneAttachments(db, createFsBlobStore(attachmentsDirFromEnv(io.env)), { before: new Date(now.getTime() - Number(hours) * 3600_000), dryRun, now }));
    const verb = dryRun ? 'would remove' : 'removed';
    for (const b of report.blobs) io.stdout.write(`${verb} ${b.sha256} ${b.bytes} bytes (no grievance refers to it)\n`);
    for (const sha of report.orphanFiles) io.stdout.write(`${verb} ${sha} (file without a database row)\n`);
    const total = report.blobs.reduce((n, b) => n + b.bytes, 0);
    io.stdout.write(`${dryRun ? 'Dry run, nothing changed: would remove' : 'Removed'} ${report.blobs.length} unreferenced attachment(s) (${total} bytes), `
      + `${report.orphanFiles.length} file(s) without a row and ${report.partials} abandoned partial upload(s).\n`);
    return 0;
  },
};
