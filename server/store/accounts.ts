/**
 * Account persistence: the `accounts` table (migration 2) read and written with the shared rules of
 * src/domain/accounts.ts. Operator IDs are unique whatever their case (a unique index on lower(id)) and
 * kept as first typed. Password hashes never leave this module except to be verified.
 */
import type { Account } from '../../src/domain/accounts';
import { operatorKey } from '../../src/domain/accounts';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { Db, Queryable } from './db';

export interface AccountRow {
  id: string;
  name: string;
  role: Account['role'];
  kiosk_code: string | null;
  level: string | null;
  department_codes: string[];
  district_code: string | null;
  disabled: boolean;
  password_hash: string;
  created_at: Date;
  updated_at: Date;
}

export const ACCOUNT_COLUMNS = 'id, name, role, kiosk_code, level, department_codes, district_code, disabled, password_hash, created_at, updated_at';

/** The row as the shared Account shape (no secrets, no flags). */
export function toAccount(r: Pick<AccountRow, 'id' | 'name' | 'role' | 'kiosk_code' | 'level' | 'department_codes' | 'district_code'>): Account {
  switch (r.role) {
    case 'operator': return { id: r.id, name: r.name, role: r.role, kioskCode: r.kiosk_code! };
    case 'officer': return { id: r.id, name: r.name, role: r.role, level: r.level as 'L1', departments: [r.department_codes[0]], ...(r.district_code && { district: r.district_code }) };
    case 'nodal': return { id: r.id, name: r.name, role: r.role, departments: [r.department_codes[0]], ...(r.district_code && { district: r.district_code }) };
    case 'secretary': return { id: r.id, name: r.name, role: r.role, departments: [...r.department_codes] };
    case 'minister': return { id: r.id, name: r.name, role: r.role, ...(r.department_codes.length > 0 && { departments: [...r.department_codes] }) };
    case 'agent': return { id: r.id, name: r.name, role: r.role };
    case 'admin': return { id: r.id, name: r.name, role: r.role };
  }
}

/** The columns an Account sets, every one of them (a role change clears the previous role's fields). */
function columnsOf(a: Account) {
  return {
    kiosk_code: a.role === 'operator' ? a.kioskCode : null,
    level: a.role === 'officer' ? a.level : null,
    department_codes: 'departments' in a && a.departments ? [...a.departments] : [],
    district_code: (a.role === 'officer' || a.role === 'nodal') && a.district ? a.district : null,
  };
}

export async function findAccount(q: Queryable, id: string): Promise<AccountRow | undefined> {
  const [row] = await q.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE lower(id) = $1`, [operatorKey(id)]);
  return row;
}

export async function listAccounts(q: Queryable): Promise<AccountRow[]> {
  return q.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY lower(id)`);
}

/** Operator accounts among `ids` (any case), by their lower-cased id. */
export async function findOperators(q: Queryable, ids: readonly string[]): Promise<Map<string, { id: string; kioskCode: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<{ id: string; kiosk_code: string }>(
    `SELECT id, kiosk_code FROM accounts WHERE role = 'operator' AND lower(id) = ANY($1::text[])`, [[...new Set(ids.map(operatorKey))]]);
  return new Map(rows.map((r) => [operatorKey(r.id), { id: r.id, kioskCode: r.kiosk_code }]));
}

export type UpsertOutcome = { created: boolean; account: Account; signedOut: number };

/**
 * Creates the account, or updates the one with this id (any case; its stored spelling is kept). When an
 * update changes the password, the role or where the account works, its devices are signed out.
 */
export async function upsertAccount(db: Db, spec: Account, password: string, now: Date): Promise<UpsertOutcome> {
  const existing = await findAccount(db, spec.id);
  const cols = columnsOf(spec);
  if (!existing) {
    const hash = await hashPassword(password);
    await db.query(
      `INSERT INTO accounts (id, name, role, kiosk_code, level, department_codes, district_code, password_hash, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $9)`,
      [spec.id, spec.name, spec.role, cols.kiosk_code, cols.level, cols.department_codes, cols.district_code, hash, now.toISOString()]);
    return { created: true, account: spec, signedOut: 0 };
  }
  const samePassword = await verifyPassword(password, existing.password_hash);
  const before = columnsOf(toAccount(existing));
  const sameScope = existing.role === spec.role && JSON.stringify(before) === JSON.stringify(cols);
  const hash = samePassword ? existing.password_hash : await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx.query(
      `UPDATE accounts SET name = $2, role = $3, kiosk_code = $4, level = $5, department_codes = $6::text[], district_code = $7,
              password_hash = $8, updated_at = $9 WHERE id = $1`,
      [existing.id, spec.name, spec.role, cols.kiosk_code, cols.level, cols.department_codes, cols.district_code, hash, now.toISOString()]);
    const signedOut = samePassword && sameScope ? 0 : await revokeAccountSessions(tx, existing.id, 'account-changed', now);
    return { created: false, account: { ...spec, id: existing.id }, signedOut };
  });
}

/** Disables or enables an account; disabling also ends its sessions. Undefined when there is no such account. */
export async function setDisabled(db: Db, id: string, disabled: boolean, now: Date): Promise<{ account: AccountRow; signedOut: number } | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<AccountRow>(
      `UPDATE accounts SET disabled = $2, updated_at = $3 WHERE lower(id) = $1 RETURNING ${ACCOUNT_COLUMNS}`,
      [operatorKey(id), disabled, now.toISOString()]);
    if (!row) return undefined;
    return { account: row, signedOut: disabled ? await revokeAccountSessions(tx, row.id, 'disabled', now) : 0 };
  });
}

/** Sets a new password and ends every session of the account. Undefined when there is no such account. */
export async function resetPassword(db: Db, id: string, password: string, now: Date): Promise<{ account: AccountRow; signedOut: number } | undefined> {
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<AccountRow>(
      `UPDATE accounts SET password_hash = $2, updated_at = $3 WHERE lower(id) = $1 RETURNING ${ACCOUNT_COLUMNS}`,
      [operatorKey(id), hash, now.toISOString()]);
    if (!row) return undefined;
    return { account: row, signedOut: await revokeAccountSessions(tx, row.id, 'password-reset', now) };
  });
}

/** Ends every live session of an account; returns how many. */
export async function revokeAccountSessions(q: Queryable, accountId: string, reason: string, now: Date): Promise<number> {
  const rows = await q.query(
    `UPDATE auth_sessions SET revoked_at = $2, revoked_reason = $3 WHERE account_id = $1 AND revoked_at IS NULL RETURNING id`,
    [accountId, now.toISOString(), reason]);
  return rows.length;
}
