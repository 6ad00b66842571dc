/**
 * `retrain [--min-chars N] [--tolerance X] [--dry-run]`: trains a triage model on the corpus plus the
 * confirmed grievances, prints both models' scores on the same held-out texts and publishes the new one
 * (devices fetch it from GET /api/triage/model) only if it is not worse. See server/triage/retrain.ts.
 * Exit code 0 whether or not it was published (the report says which and why); 1 on failure.
 */
import { parseArgs } from 'node:util';
import { createAuditLog } from '../../store/audit';
import { DEFAULT_MIN_CHARS, DEFAULT_TOLERANCE, retrain, type ScoreSummary } from '../../triage/retrain';
import { cliActor } from '../accounts';
import { type CliCommand, UsageError } from '../command';
import { withDatabase } from '../open-database';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const row = (name: string, s: ScoreSummary) =>
  `  ${name.padEnd(28)} n=${String(s.n).padEnd(5)} top1 ${pct(s.top1).padStart(6)}  top3 ${pct(s.top3).padStart(6)}  category ${pct(s.category).padStart(6)}  lowest recall ${s.minRecall.department} ${pct(s.minRecall.recall)}`;

export const retrainCommand: CliCommand = {
  name: 'retrain',
  usage: `retrain [--min-chars ${DEFAULT_MIN_CHARS}] [--tolerance ${DEFAULT_TOLERANCE}] [--dry-run]`,
  summary: 'train a triage model on the corpus and the confirmed grievances, compare it with the current one on the same held-out texts, publish it to devices only if it is not worse',
  async run(args, io) {
    let values: { 'min-chars'?: string; tolerance?: string; 'dry-run'?: boolean };
    try {
      ({ values } = parseArgs({ args, options: { 'min-chars': { type: 'string' }, tolerance: { type: 'string' }, 'dry-run': { type: 'boolean' } }, strict: true, allowPositionals: false }));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const minChars = values['min-chars'] === undefined ? DEFAULT_MIN_CHARS : Number(values['min-chars']);
    if (!Number.isInteger(minChars) || minChars < 10 || minChars > 4000) throw new UsageError(`--min-chars must be a whole number from 10 to 4000, not "${values['min-chars']}"`, false);
    const tolerance = values.tolerance === undefined ? DEFAULT_TOLERANCE : Number(values.tolerance);
    if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 0.2) throw new UsageError(`--tolerance must be a number from 0 to 0.2, not "${values.tolerance}"`, false);

    const log = (line: string) => io.stdout.write(`${line}\n`);
    const report = await withDatabase(io.env, (db) =>
      retrain({ db, audit: createAuditLog(db), actor: cliActor(), minChars, tolerance, dryRun: values['dry-run'], log }));
    log(`held-out reference texts (corpus validation split and hand-written test sets):`);
    log(row(`current ${report.current.version}`, report.reference.current));
    log(row(`new ${report.version}`, report.reference.candidate));
    if (report.grievances) {
      log(`held-out confirmed grievances (for information: their labels are of the same kind as those trained on):`);
      log(row(`current ${report.current.version}`, report.grievances.current));
      log(row(`new ${report.version}`, report.grievances.candidate));
    }
    if (report.published) log(`published ${report.version}: devices pick it up from GET /api/triage/model when online`);
    else if (values['dry-run'] && report.reasons.length === 0) log(`not published (--dry-run); it would have been`);
    else log(`not published${values['dry-run'] ? ' (--dry-run)' : ''}: ${report.reasons.join('; ')}`);
    return 0;
  },
};
