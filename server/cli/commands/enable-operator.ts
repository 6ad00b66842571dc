/** `enable-operator --id ID`: a disabled account may sign in again (its old sessions stay ended). */
import { createAuditLog } from '../../store/audit';
import { setDisabled } from '../../store/accounts';
import { cliActor, flags } from '../accounts';
import type { CliCommand } from '../command';
import { withDatabase } from '../open-database';

export const enableOperatorCommand: CliCommand = {
  name: 'enable-operator',
  usage: 'enable-operator --id ID',
  summary: 'let a disabled account sign in again',
  async run(args, io) {
    const { id } = flags(args, ['id'] as const, ['id']);
    const result = await withDatabase(io.env, async (db) => {
      const now = new Date();
      const r = await setDisabled(db, id!, false, now);
      if (r) await createAuditLog(db, () => now).append({ ...cliActor(), action: 'account.enable', target: r.account.id });
      return r;
    });
    if (!result) {
      io.stderr.write(`No operator with ID "${id}".\n`);
      return 1;
    }
    io.stdout.write(`enabled operator ${result.account.id}\n`);
    return 0;
  },
};
