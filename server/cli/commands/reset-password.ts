/** `reset-password --id ID --password PW`: a new password; every device the account was signed in on must sign in again. */
import { Password } from '../../../src/domain/accounts';
import { createAuditLog } from '../../store/audit';
import { resetPassword } from '../../store/accounts';
import { cliActor, flags, say, signedOutNote } from '../accounts';
import { type CliCommand, UsageError } from '../command';
import { withDatabase } from '../open-database';

export const resetPasswordCommand: CliCommand = {
  name: 'reset-password',
  usage: 'reset-password --id ID --password PW',
  summary: "set an account's password and sign it out everywhere",
  async run(args, io) {
    const { id, password } = flags(args, ['id', 'password'] as const, ['id', 'password']);
    if (!Password.safeParse(password).success) throw new UsageError(`--password: ${say('err.password')}.`, false);
    const result = await withDatabase(io.env, async (db) => {
      const now = new Date();
      const r = await resetPassword(db, id!, password!, now);
      if (r) await createAuditLog(db, () => now).append({ ...cliActor(), action: 'account.password', target: r.account.id, details: { signedOut: r.signedOut } });
      return r;
    });
    if (!result) {
      io.stderr.write(`No operator with ID "${id}".\n`);
      return 1;
    }
    io.stdout.write(`reset the password of operator ${result.account.id}${signedOutNote(result.signedOut)}\n`);
    return 0;
  },
};
