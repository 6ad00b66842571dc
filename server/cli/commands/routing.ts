/**
 * `routing list|set|remove|import`: the routing rules (server/workflow/routing.ts). `import FILE` loads a
 * rules file such as reference/routing-rules.json (all or nothing; `--replace` also deletes the rules the
 * file does not have). Accounts a rule names that cannot receive grievances are warned about, not
 * refused: the account may be created later, and routing skips it until then.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LEVELS } from '../../../src/domain/accounts';
import { cliActor, say } from '../accounts';
import { createAuditLog } from '../../store/audit';
import type { Db } from '../../store/db';
import { listRules, loadOfficers, removeRules, RoutingRule, RulesFile, upsertRules } from '../../workflow/routing';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { withDatabase } from '../open-database';

const USAGE = 'routing list [--department CODE] | routing set --id ID --department CODE [--category CODE] [--district CODE] [--place LGD] [--area rural|urban] [--l1 ACCOUNT] [--l2 ACCOUNT] [--l3 ACCOUNT] [--l4 ACCOUNT] [--note TEXT] | routing remove --id ID | routing import FILE [--replace]';

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>, positionals = 0) {
  try {
    const out = parseArgs({ args, options, strict: true, allowPositionals: positionals > 0 });
    if (out.positionals.length !== positionals) throw new Error(positionals ? 'routing import needs exactly one FILE' : 'unexpected argument');
    return out;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Why each account a rule names cannot receive its grievances (yet). */
async function warnings(db: Db, rules: readonly RoutingRule[]): Promise<string[]> {
  const officers = await loadOfficers(db, rules.map((r) => r.department));
  const byId = new Map(officers.map((o) => [o.id.toLowerCase(), o]));
  const out: string[] = [];
  for (const r of rules) {
    for (const level of LEVELS) {
      const id = r.levels[level];
      if (!id) continue;
      const o = byId.get(id.toLowerCase());
      if (!o) out.push(`rule ${r.id}: ${level} account "${id}" is not an officer or nodal officer of ${r.department} (yet); routing skips it`);
      else if (o.disabled) out.push(`rule ${r.id}: ${level} account "${id}" is disabled; routing skips it`);
      else if (o.district && r.district !== o.district) out.push(`rule ${r.id}: ${level} account "${id}" works in district ${o.district} only`);
      else if (o.role === 'officer' && o.level !== level) out.push(`rule ${r.id}: ${level} account "${id}" is an ${o.level} officer`);
    }
  }
  return out;
}

const describe = (r: RoutingRule) =>
  `${r.id} (${[`department ${r.department}`, r.category && `category ${r.category}`, r.district && `district ${r.district}`, r.place && `place ${r.place}`, r.area && `area ${r.area}`].filter(Boolean).join(', ')}: ${LEVELS.filter((l) => r.levels[l]).map((l) => `${l} ${r.levels[l]}`).join(', ')})`;

function ruleFromFlags(v: Record<string, string | boolean | undefined>): RoutingRule {
  const spec = {
    id: v.id, department: v.department, category: v.category, district: v.district, place: v.place, area: v.area, note: v.note,
    levels: Object.fromEntries(LEVELS.map((l) => [l, v[l.toLowerCase()]]).filter(([, a]) => a)),
  };
  const parsed = RoutingRule.safeParse(JSON.parse(JSON.stringify(spec)));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const field = String(i.path[0] ?? '');
    return `--${field === 'levels' ? 'l1..--l4 (at least one)' : field}: ${field === 'levels' ? 'name an account for a level' : say(i.message)}`;
  });
  throw new UsageError(`${[...new Set(problems)].join('; ')}.`, false);
}

async function audited(db: Db, action: string, target: string, details: Record<string, unknown>) {
  await createAuditLog(db).append({ ...cliActor(), action, target, details });
}

async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list': {
      const { values } = parse(rest, { department: { type: 'string' } });
      const rules = await withDatabase(io.env, (db) => listRules(db, values.department ? [String(values.department)] : undefined));
      for (const r of rules) io.stdout.write(`${JSON.stringify(r)}\n`);
      return 0;
    }
    case 'set': {
      const names = ['id', 'department', 'category', 'district', 'place', 'area', 'l1', 'l2', 'l3', 'l4', 'note'];
      const { values } = parse(rest, Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])));
      const rule = ruleFromFlags(values);
      const warned = await withDatabase(io.env, async (db) => {
        await upsertRules(db, [rule], new Date());
        await audited(db, 'routing.set', rule.id, rule);
        return warnings(db, [rule]);
      });
      io.stdout.write(`saved rule ${describe(rule)}\n`);
      for (const w of warned) io.stderr.write(`warning: ${w}\n`);
      return 0;
    }
    case 'remove': {
      const { values } = parse(rest, { id: { type: 'string' } });
      if (!values.id) throw new UsageError('routing remove needs --id');
      const removed = await withDatabase(io.env, async (db) => {
        const ids = await removeRules(db, [String(values.id)]);
        if (ids.length) await audited(db, 'routing.remove', ids[0], {});
        return ids;
      });
      if (removed.length === 0) {
        io.stderr.write(`No rule with id "${values.id}".\n`);
        return 1;
      }
      io.stdout.write(`removed rule ${removed[0]}\n`);
      return 0;
    }
    case 'import': {
      const { values, positionals } = parse(rest, { replace: { type: 'boolean' } }, 1);
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(positionals[0], 'utf8'));
      } catch (err) {
        throw new UsageError(`cannot read ${positionals[0]}: ${(err as Error).message}`, false);
      }
      const file = RulesFile.safeParse(json);
      if (!file.success) {
        const problems = file.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message.startsWith('err.') ? say(i.message) : i.message}`);
        throw new UsageError(`${positionals[0]} is not a valid rules file, nothing imported:\n  ${problems.join('\n  ')}`, false);
      }
      const rules = file.data.rules;
      const { removed, warned } = await withDatabase(io.env, async (db) => {
        const out = await db.transaction(async (tx) => {
          const stale = values.replace ? (await listRules(tx)).map((r) => r.id).filter((id) => !rules.some((r) => r.id === id)) : [];
          const gone = await removeRules(tx, stale);
          await upsertRules(tx, rules, new Date());
          return gone;
        });
        await audited(db, 'routing.import', positionals[0], { rules: rules.length, removed: out.length });
        return { removed: out, warned: await warnings(db, rules) };
      });
      io.stdout.write(`imported ${rules.length} rule${rules.length === 1 ? '' : 's'} from ${positionals[0]}${removed.length ? `; removed ${removed.length}` : ''}\n`);
      for (const w of warned) io.stderr.write(`warning: ${w}\n`);
      return 0;
    }
    default:
      throw new UsageError(sub ? `Unknown routing command "${sub}". Use: ${USAGE}` : `Use: ${USAGE}`);
  }
}

export const routingCommand: CliCommand = {
  name: 'routing',
  usage: USAGE,
  summary: 'the rules that send grievances to officers (department, category, place → the account at each level L1-L4): list, set one, remove one, or import a rules file (see reference/routing-rules.json)',
  run,
};
