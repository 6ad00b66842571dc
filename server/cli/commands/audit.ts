/** `audit [--limit N]`: the latest entries of the audit log, oldest first, one JSON object a line. */
import { recentAudit } from '../../store/audit';
import { flags } from '../accounts';
import { type CliCommand, UsageError } from '../command';
import { withDatabase } from '../open-database';

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: 'audit [--limit N]',
  summary: 'the latest N (default 100) audit log entries, oldest first, as JSON lines: id, at, actorId, actorRole, action, target, deviceId, ip, details',
  async run(args, io) {
    const { limit = '100' } = flags(args, ['limit'] as const);
    if (!/^\d{1,7}$/.test(limit) || Number(limit) < 1) throw new UsageError(`--limit must be a whole number from 1, not "${limit}"`);
    const entries = await withDatabase(io.env, (db) => recentAudit(db, Number(limit)));
    for (const e of entries) io.stdout.write(`${JSON.stringify(e)}\n`);
    return 0;
  },
};
