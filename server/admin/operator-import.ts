/**
 * Bulk import of kiosk operators from CSV (a district IT cell's spreadsheet): columns `id`, `name`,
 * `kiosk` and `password` (header names in any case; `operator id` and `kiosk code` also work), Devanagari
 * digits accepted in the kiosk code. Every row is checked with the shared Account and Password schemas and
 * reported with its line; a dry run writes nothing, and a real run writes all rows in one transaction or,
 * when any row is bad, none (the report says which to fix). An ID already used by an operator updates
 * that operator (name, kiosk, password: its devices are signed out); one used by another role is refused.
 */
import { parse } from 'csv-parse/sync';
import { Account, operatorKey, Password } from '../../src/domain/accounts';
import { CSV_MAX_ROWS, type ImportReport, type ImportRow } from '../../src/domain/admin';
import { asciiDigits } from '../../src/domain/digits';
import { hashPassword } from '../auth/passwords';
import { ApiProblem, fieldError, fieldErrorsFromZod } from '../errors';
import { listAccounts, revokeAccountSessions } from '../store/accounts';
import type { AuditLog } from '../store/audit';
import type { Db } from '../store/db';
import type { AdminCaller } from './accounts-admin';

const HEADERS: Record<string, 'id' | 'name' | 'kiosk' | 'password'> = {
  id: 'id', operatorid: 'id', name: 'name', kiosk: 'kiosk', kioskcode: 'kiosk', password: 'password',
};

function readCsv(text: string): { line: number; cells: Record<string, string> }[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true, skip_empty_lines: true, trim: true, info: true,
      columns: (header: string[]) => header.map((h) => HEADERS[h.toLowerCase().replace(/[\s_-]+/g, '')] ?? h),
    });
  } catch {
    throw new ApiProblem(400, 'admin.csv');
  }
  if (records.length > CSV_MAX_ROWS) throw new ApiProblem(400, 'admin.csv');
  const first = records[0]?.record ?? {};
  if (!['id', 'name', 'kiosk', 'password'].every((c) => c in first)) throw new ApiProblem(400, 'admin.csv');
  return records.map((r) => ({ line: r.info.lines, cells: r.record }));
}

type Checked = ImportRow & { account?: Account & { role: 'operator' }; password?: string };

export async function importOperators(deps: { db: Db; audit: AuditLog; clock: () => Date }, c: AdminCaller, csv: string, dryRun: boolean): Promise<ImportReport> {
  const { db, audit, clock } = deps;
  const rows = readCsv(csv);
  const existing = new Map((await listAccounts(db)).map((a) => [operatorKey(a.id), a]));
  const seen = new Set<string>();
  const checked: Checked[] = rows.map(({ line, cells }) => {
    const spec = { id: cells.id, name: cells.name, role: 'operator', kioskCode: asciiDigits(cells.kiosk ?? '').toUpperCase() };
    const account = Account.safeParse(spec, { reportInput: true });
    const password = Password.safeParse(cells.password, { reportInput: true });
    const errors = [
      ...(account.success ? [] : fieldErrorsFromZod(account.error.issues))
        .map((e) => (e.path === 'kioskCode' ? { ...e, path: 'kiosk' } : e))
        .filter((e, i, all) => all.findIndex((x) => x.path === e.path) === i), // one message per column
      ...(password.success ? [] : [fieldError('password', 'err.password')]),
    ];
    const key = operatorKey(cells.id ?? '');
    if (cells.id && seen.has(key)) errors.push(fieldError('id', 'admin.duplicateRow'));
    seen.add(key);
    const before = existing.get(key);
    if (before && before.role !== 'operator') errors.push(fieldError('id', 'admin.notOperator'));
    const outcome = errors.length > 0 ? 'error' : before ? 'update' : 'create';
    return { line, id: cells.id || null, outcome, errors, ...(errors.length === 0 && { account: account.data as Checked['account'], password: password.data }) };
  });
  const counts = { create: 0, update: 0, error: 0 };
  for (const r of checked) counts[r.outcome]++;
  const report = (applied: boolean): ImportReport => ({ dryRun, applied, counts, rows: checked.map(({ account: _, password: __, ...r }) => r) });
  if (dryRun || counts.error > 0) return report(false);

  const hashes = await Promise.all(checked.map((r) => hashPassword(r.password!)));
  const now = clock().toISOString();
  let signedOut = 0;
  await db.transaction(async (tx) => {
    const values = checked.map((r, i) => ({ id: existing.get(operatorKey(r.account!.id))?.id ?? r.account!.id, name: r.account!.name, kiosk: r.account!.kioskCode, hash: hashes[i] }));
    await tx.query(
      `INSERT INTO accounts (id, name, role, kiosk_code, department_codes, password_hash, created_at, updated_at)
       SELECT id, name, 'operator', kiosk, '{}', hash, $2::timestamptz, $2::timestamptz FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, kiosk text, hash text)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, kiosk_code = excluded.kiosk_code, password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
      [JSON.stringify(values), now]);
    for (const r of checked.filter((x) => x.outcome === 'update')) signedOut += await revokeAccountSessions(tx, existing.get(operatorKey(r.account!.id))!.id, 'account-changed', new Date(now));
    await audit.append({
      action: 'admin.account-import', actorId: c.account.id, actorRole: c.account.role, ip: c.ip, deviceId: c.deviceId,
      details: { created: counts.create, updated: counts.update, signedOut, ids: checked.map((r) => r.account!.id).slice(0, 50) },
    }, tx);
  });
  return report(true);
}
