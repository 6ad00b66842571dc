/** `time-limits list | set --department CODE [--category CODE] --days N`: days allowed at each level before escalation. */
import { parseArgs } from 'node:util';
import { departmentByCode } from '../../../src/domain/reference';
import { createAuditLog } from '../../store/audit';
import { loadTimeLimitRows, upsertTimeLimits } from '../../workflow/time-limits';
import { cliActor } from '../accounts';
import { type CliCommand, UsageError } from '../command';
import { withDatabase } from '../open-database';

const USAGE = 'time-limits list | time-limits set --department CODE|* [--category CODE] --days N';

export const timeLimitsCommand: CliCommand = {
  name: 'time-limits',
  usage: USAGE,
  summary: 'the days a grievance may stay at one level before it is escalated, per department and category (seeded from reference/time-limits.json; * is the default for all)',
  async run(args, io) {
    const [sub, ...rest] = args;
    let values: Record<string, string | undefined>;
    try {
      ({ values } = parseArgs({ args: rest, options: { department: { type: 'string' }, category: { type: 'string' }, days: { type: 'string' } }, strict: true, allowPositionals: false }));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (sub === 'list') {
      const rows = await withDatabase(io.env, (db) => loadTimeLimitRows(db));
      for (const r of rows) io.stdout.write(`${JSON.stringify({ department: r.department || '*', category: r.category || '*', days: r.days })}\n`);
      return 0;
    }
    if (sub !== 'set') throw new UsageError(`Use: ${USAGE}`);
    const department = values.department === '*' ? '' : values.department;
    const category = values.category ?? '';
    const days = Number(values.days);
    if (department === undefined) throw new UsageError('time-limits set needs --department (or * for all)');
    const dept = department ? departmentByCode(department) : undefined;
    if (department && !dept) throw new UsageError(`--department: no department "${department}"`, false);
    if (category && (!dept || !dept.categories.some((c) => c.code === category))) throw new UsageError(`--category: "${category}" is not a category of ${department || 'a department'}`, false);
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new UsageError(`--days must be a whole number from 1 to 365, not "${values.days ?? ''}"`, false);
    await withDatabase(io.env, async (db) => {
      await loadTimeLimitRows(db); // seeds the table first, so this row is not the only one
      await upsertTimeLimits(db, [{ department, category, days }], new Date());
      await createAuditLog(db).append({ ...cliActor(), action: 'time-limit.set', target: `${department || '*'}/${category || '*'}`, details: { days } });
    });
    io.stdout.write(`time limit for ${department || 'all departments'}${category ? `/${category}` : ''}: ${days} day${days === 1 ? '' : 's'} at each level\n`);
    return 0;
  },
};
