/** What the account commands share: flag parsing, the one-line description of an account, the audit actor. */
import { userInfo } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Account } from '../../src/domain/accounts';
import { message } from '../../src/domain/messages';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with string flags, strict; a missing `required` flag or a bad one is a UsageError. */
export function flags<K extends string>(args: string[], names: readonly K[], required: readonly K[] = []): Partial<Record<K, string>> {
  const options: Options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  for (const r of required) if (typeof values[r] !== 'string' || values[r] === '') throw new UsageError(`--${r} is required`);
  return values as Partial<Record<K, string>>;
}

/** The English text of a message key, for the CLI's errors. */
export const say = (key: string) => message(key, 'en').replace(/\.$/, '');

/** `(operator, kiosk K1023456)`, `(officer L1, department phed, district jaipur)`, `(secretary, departments phed, lsg)`. */
export function describeAccount(a: Account): string {
  switch (a.role) {
    case 'operator': return `(operator, kiosk ${a.kioskCode})`;
    case 'officer': return `(officer ${a.level}, department ${a.departments[0]}${a.district ? `, district ${a.district}` : ''})`;
    case 'nodal': return `(nodal, department ${a.departments[0]}${a.district ? `, district ${a.district}` : ''})`;
    case 'secretary': return `(secretary, department${a.departments.length > 1 ? 's' : ''} ${a.departments.join(', ')})`;
    case 'minister': return a.departments ? `(minister, department${a.departments.length > 1 ? 's' : ''} ${a.departments.join(', ')})` : '(minister, the state)';
    case 'agent': return '(agent, 181 helpline)';
    case 'admin': return '(admin)';
  }
}

/** `, signed out on 2 devices` when an action ended sessions. */
export const signedOutNote = (n: number) => (n > 0 ? `; signed out on ${n} device${n === 1 ? '' : 's'}` : '');

/** Who the audit log names for a CLI action: the operating-system user who ran it. */
export function cliActor(): { actorId: string; actorRole: string } {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch { /* no passwd entry (some containers) */ }
  return { actorId: `cli:${user}`, actorRole: 'cli' };
}
