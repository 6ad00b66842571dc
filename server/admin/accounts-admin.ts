/**
 * Accounts from the admin screens: who may manage whom (admins everyone; a nodal officer the officers of
 * their department, in their district when they have one), the list with each account's state, creating
 * an account, and the actions on one (disable, enable, reset password, sign out everywhere). The rows are
 * written by server/store/accounts.ts, the same code the admin CLI uses; every change is audited with the
 * signed-in admin as its actor.
 */
import type { Account } from '../../src/domain/accounts';
import { operatorKey } from '../../src/domain/accounts';
import type { AccountAction, AccountEntry } from '../../src/domain/admin';
import { ApiProblem } from '../errors';
import { type AccountRow, findAccount, listAccounts, resetPassword, revokeAccountSessions, setDisabled, toAccount, upsertAccount } from '../store/accounts';
import type { AuditLog } from '../store/audit';
import type { Db } from '../store/db';

/** Who a change is made by, for the scope check and the audit log. */
export interface AdminCaller { account: Account; ip: string; deviceId: string | null }

/** Whether `caller` may see and change `target`. */
export function mayManage(caller: Account, target: Account): boolean {
  if (caller.role === 'admin') return true;
  if (caller.role !== 'nodal' || target.role !== 'officer') return false;
  return target.departments[0] === caller.departments[0] && (!caller.district || target.district === caller.district);
}

const entryOf = (r: AccountRow, sessions: number): AccountEntry => ({
  account: toAccount(r), disabled: r.disabled, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), sessions,
});

async function liveSessions(db: Db, now: Date): Promise<Map<string, number>> {
  const rows = await db.query<{ account_id: string; n: number }>(
    `SELECT account_id, count(*)::int AS n FROM auth_sessions WHERE revoked_at IS NULL AND expires_at > $1::timestamptz GROUP BY account_id`, [now.toISOString()]);
  return new Map(rows.map((r) => [r.account_id, r.n]));
}

export function createAccountsAdmin(deps: { db: Db; audit: AuditLog; clock: () => Date }) {
  const { db, audit, clock } = deps;
  const audited = (c: AdminCaller, action: string, target: string, details: Record<string, unknown> = {}) =>
    audit.append({ action, actorId: c.account.id, actorRole: c.account.role, target, ip: c.ip, deviceId: c.deviceId, details });

  async function managed(c: AdminCaller, id: string): Promise<AccountRow> {
    const row = await findAccount(db, id);
    if (!row || !mayManage(c.account, toAccount(row))) throw new ApiProblem(404, 'admin.notFound'); // not even whether it exists
    return row;
  }

  return {
    async list(c: AdminCaller): Promise<AccountEntry[]> {
      const sessions = await liveSessions(db, clock());
      return (await listAccounts(db)).filter((r) => mayManage(c.account, toAccount(r))).map((r) => entryOf(r, sessions.get(r.id) ?? 0));
    },

    async create(c: AdminCaller, account: Account, password: string): Promise<AccountEntry> {
      if (!mayManage(c.account, account)) throw new ApiProblem(403, 'admin.scope');
      if (await findAccount(db, account.id)) throw new ApiProblem(409, 'admin.exists');
      await upsertAccount(db, account, password, clock());
      await audited(c, 'admin.account-create', account.id, { role: account.role });
      return entryOf((await findAccount(db, account.id))!, 0);
    },

    async act(c: AdminCaller, id: string, action: AccountAction): Promise<{ entry: AccountEntry; signedOut: number }> {
      const row = await managed(c, id);
      if (action.type === 'disable' && operatorKey(row.id) === operatorKey(c.account.id)) throw new ApiProblem(409, 'admin.self');
      const now = clock();
      let signedOut = 0;
      switch (action.type) {
        case 'disable': case 'enable': signedOut = (await setDisabled(db, row.id, action.type === 'disable', now))!.signedOut; break;
        case 'reset-password': signedOut = (await resetPassword(db, row.id, action.password, now))!.signedOut; break;
        case 'sign-out': signedOut = await revokeAccountSessions(db, row.id, 'signed-out-by-admin', now); break;
      }
      await audited(c, `admin.account-${action.type}`, row.id, { signedOut });
      const sessions = await liveSessions(db, now);
      return { entry: entryOf((await findAccount(db, row.id))!, sessions.get(row.id) ?? 0), signedOut };
    },
  };
}
export type AccountsAdmin = ReturnType<typeof createAccountsAdmin>;
