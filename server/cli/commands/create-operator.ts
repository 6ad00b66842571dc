/**
 * `create-operator --id ID --password PW --name NAME [--kiosk KIOSK] [--role …] [--level L1…L4]
 * [--department CODE[,CODE…]] [--district CODE]`: creates the account, or updates the one with that ID
 * (any case). The rules per role are src/domain/accounts.ts's; prints one line.
 */
import { Account, Password, ROLE_FIELDS, ROLES, Role } from '../../../src/domain/accounts';
import { normalizeKioskCode } from '../../../src/domain/identity';
import { createAuditLog } from '../../store/audit';
import { upsertAccount } from '../../store/accounts';
import { cliActor, describeAccount, flags, say, signedOutNote } from '../accounts';
import { type CliCommand, UsageError } from '../command';
import { withDatabase } from '../open-database';

/** The flag that sets each Account field, for messages. */
const FLAG: Record<string, string> = { id: '--id', name: '--name', role: '--role', kioskCode: '--kiosk', level: '--level', departments: '--department', district: '--district' };

/** The account the flags describe, checked against the rules of its role; a UsageError names what is wrong. */
export function accountFromFlags(f: Partial<Record<'id' | 'name' | 'role' | 'kiosk' | 'level' | 'department' | 'district', string>>): Account {
  const role = Role.safeParse(f.role ?? 'operator');
  if (!role.success) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not "${f.role}".`, false);
  const spec: Record<string, unknown> = { id: f.id, name: f.name, role: role.data };
  if (f.kiosk !== undefined) spec.kioskCode = normalizeKioskCode(f.kiosk) ?? f.kiosk;
  if (f.level !== undefined) spec.level = f.level.toUpperCase();
  if (f.department !== undefined) spec.departments = [...new Set(f.department.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean))];
  if (f.district !== undefined) spec.district = f.district.trim().toLowerCase();

  const parsed = Account.safeParse(spec, { reportInput: true });
  if (parsed.success) return parsed.data;
  const needs = ROLE_FIELDS[role.data];
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => `${FLAG[k] ?? k} is not used for role ${role.data}`).join('; ');
    const field = String(issue.path[0] ?? '');
    const flag = FLAG[field] ?? field;
    if ('input' in issue && issue.input === undefined && spec[field] === undefined)
      return `${flag} is required for role ${role.data}`;
    if (field === 'departments' && issue.code === 'too_big') return `${flag} takes one department for role ${role.data}`;
    const shown = field === 'departments' ? f.department : field === 'kioskCode' ? f.kiosk : (spec[field] as string | undefined);
    return `${flag}: ${say(issue.message)}${shown !== undefined ? ` (got "${shown}")` : ''}`;
  });
  const hint = needs.required.length ? ` Role ${role.data} needs ${needs.required.map((k) => FLAG[k]).join(', ')}${needs.optional.length ? ` and may have ${needs.optional.map((k) => FLAG[k]).join(', ')}` : ''}.` : '';
  throw new UsageError(`${[...new Set(problems)].join('; ')}.${hint}`, false);
}

export const createOperatorCommand: CliCommand = {
  name: 'create-operator',
  usage: 'create-operator --id ID --password PW --name NAME [--kiosk KIOSK] [--role operator|officer|nodal|secretary|minister|agent|admin] [--level L1|L2|L3|L4] [--department CODE] [--district CODE]',
  summary: 'create an account, or update the one with this ID; an operator needs --kiosk; an officer --level and --department; a secretary may have several departments (comma-separated)',
  async run(args, io) {
    const f = flags(args, ['id', 'password', 'name', 'kiosk', 'role', 'level', 'department', 'district'] as const, ['id', 'password', 'name']);
    const account = accountFromFlags(f);
    if (!Password.safeParse(f.password).success) throw new UsageError(`--password: ${say('err.password')}.`, false);

    const line = await withDatabase(io.env, async (db) => {
      const now = new Date();
      const out = await upsertAccount(db, account, f.password!, now);
      await createAuditLog(db, () => now).append({
        ...cliActor(), action: out.created ? 'account.create' : 'account.update', target: out.account.id,
        details: { ...out.account, signedOut: out.signedOut },
      });
      return `${out.created ? 'created' : 'updated'} operator ${out.account.id} ${describeAccount(out.account)}${signedOutNote(out.signedOut)}`;
    });
    io.stdout.write(`${line}\n`);
    return 0;
  },
};
