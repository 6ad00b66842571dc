/** `list-operators`: every account, one JSON object a line, without password hashes. */
import { listAccounts, toAccount } from '../../store/accounts';
import { flags } from '../accounts';
import type { CliCommand } from '../command';
import { withDatabase } from '../open-database';

export const listOperatorsCommand: CliCommand = {
  name: 'list-operators',
  usage: 'list-operators',
  summary: 'every account, one JSON object a line: id, name, role, kioskCode, level, departments, district, disabled, createdAt, updatedAt',
  async run(args, io) {
    flags(args, []);
    const rows = await withDatabase(io.env, (db) => listAccounts(db));
    for (const r of rows)
      io.stdout.write(`${JSON.stringify({ ...toAccount(r), disabled: r.disabled, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() })}\n`);
    return 0;
  },
};
