/**
 * First run: a server that starts with no admin account prints a one-time setup link (`/setup#<token>`);
 * the page behind it creates the first admin, after which every setup link is dead. Only the token's
 * SHA-256 is stored (table setup_tokens, migration 80), so the database alone does not open the door.
 * Several servers on one database (or restarts) each print their own link; the first admin made with any
 * of them ends them all.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SetupRequest } from '../../src/domain/admin';
import { hashPassword } from '../auth/passwords';
import { ApiProblem } from '../errors';
import type { AuditLog } from '../store/audit';
import type { Db, Queryable } from '../store/db';
import { findAccount } from '../store/accounts';

/** How long a printed link works (a server left waiting for days prints a new one when restarted). */
export const SETUP_TOKEN_TTL_MS = 7 * 86_400_000;
const LOCK_KEY = 7_261_815; // serialises the creation of the first admin across processes

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function hasAdmin(q: Queryable): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM accounts WHERE role = 'admin' AND NOT disabled LIMIT 1`);
  return rows.length > 0;
}

/** A new setup token when the product has no (enabled) admin yet; null otherwise. */
export async function issueSetupToken(db: Db, now: Date): Promise<string | null> {
  if (await hasAdmin(db)) return null;
  const token = randomBytes(32).toString('base64url');
  await db.query('DELETE FROM setup_tokens WHERE expires_at < $1::timestamptz', [now.toISOString()]);
  await db.query('INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES ($1, $2, $3)',
    [hashOf(token), now.toISOString(), new Date(now.getTime() + SETUP_TOKEN_TTL_MS).toISOString()]);
  return token;
}

/** Creates the first admin with a valid, unexpired setup token; the token and all others die with it. */
export async function completeSetup(db: Db, audit: AuditLog, req: SetupRequest, now: Date, ip: string): Promise<void> {
  const hash = await hashPassword(req.password);
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    if (await hasAdmin(tx)) throw new ApiProblem(409, 'setup.done');
    const valid = await tx.query('SELECT 1 FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2::timestamptz', [hashOf(req.token), now.toISOString()]);
    if (valid.length === 0) throw new ApiProblem(403, 'setup.token');
    if (await findAccount(tx, req.id)) throw new ApiProblem(409, 'admin.exists');
    await tx.query(
      `INSERT INTO accounts (id, name, role, department_codes, password_hash, created_at, updated_at) VALUES ($1, $2, 'admin', '{}', $3, $4, $4)`,
      [req.id, req.name, hash, now.toISOString()]);
    await tx.exec('DELETE FROM setup_tokens');
    await audit.append({ action: 'setup.admin-created', actorId: req.id, actorRole: 'admin', target: req.id, ip }, tx);
  });
}
