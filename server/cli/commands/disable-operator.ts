/** `disable-operator --id ID`: the account can no longer sign in, and its tokens stop working at once. */
import { createAuditLog } from '../../store/audit';
import { setDisabled } from '../../store/accounts';
import { cliActor, flags, signedOutNote } from '../accounts';
import type { CliCommand } from '../command';
import { withDatabase } from '../open-database';

export const disableOperatorCommand: CliCommand = {
  name: 'disable-operator',
  usage: 'disable-operator --id ID',
  summary: 'stop an account from signing in and end its sessions (what it registered is still delivered)',
  async run(args, io) {
    const { id } = flags(args, ['id'] as const, ['id']);
    const result = await withDatabase(io.env, async (db) => {
      const now = new Date();
      const r = await setDisabled(db, id!, true, now);
      if (r) await createAuditLog(db, () => now).append({ ...cliActor(), action: 'account.disable', target: r.account.id, details: { signedOut: r.signedOut } });
      return r;
    });
    if (!result) {
      io.stderr.write(`No operator with ID "${id}".\n`);
      return 1;
    }
    io.stdout.write(`disabled operator ${result.account.id}${signedOutNote(result.signedOut)}\n`);
    return 0;
  },
};
