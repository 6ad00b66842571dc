/**
 * Learning from operators (issue 6, item 6): a new triage model from the corpus plus the confirmed
 * grievances, published only if it is not worse than the current one.
 *
 * - Confirmed grievances: every grievance on the server whose description has at least `minChars`
 *   characters, labelled with its department and category as they stand (what the operator chose, or
 *   where an officer's transfer moved it: a correction of the operator is the best label there is).
 *   One in five is held out by a hash of its number (the same rule as the corpus), never trained on.
 * - Both models are scored with the same evaluate() on the same held-out texts: the corpus validation
 *   split and the two hand-written test sets ("reference"). The decision rests on the reference set only:
 *   its labels are curated, while held-out grievances carry the same labels as the ones trained on, so a
 *   model that learnt wrong labels would look *better* on them. Their scores are reported alongside.
 * - Not worse: reference top-1 and top-3 no more than `tolerance` below the current model's, no
 *   department's recall below min(70%, the current model's lowest), and the file within 300 KB gzip.
 * - Every attempt is stored in `triage_models` with its scores (the model itself only when published),
 *   and audited.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import departments from '../../src/domain/reference/departments.json' with { type: 'json' };
import { CORPUS_FILES, FINAL_TEST_FILE, isValidation, parseCorpus, TEST_FILE } from '../../src/triage/corpus';
import { evaluate, type LabelledExample, type Scores } from '../../src/triage/evaluate';
import type { ModelJson } from '../../src/triage/model';
import { trainModel, type Example } from '../../src/triage/train';
import { createTriage } from '../../src/triage/triage';
import type { AuditLog } from '../store/audit';
import type { Db } from '../store/db';
import { BUILT_IN, createTriageModels } from './models';

/** The model budget of issue 6. */
export const MAX_MODEL_GZIP_BYTES = 300 * 1024;
/** Shorter descriptions say too little to learn from ("bijli", "pani nahi"). */
export const DEFAULT_MIN_CHARS = 30;
/** How far below the current model's top-1 / top-3 a candidate may score and still count as not worse (noise of retraining). */
export const DEFAULT_TOLERANCE = 0.005;

export interface RetrainOptions {
  db: Db;
  audit?: AuditLog;
  /** Who the audit log names (the CLI: the operating-system user). */
  actor?: { actorId: string; actorRole: string };
  clock?: () => Date;
  minChars?: number;
  tolerance?: number;
  /** Score and report, store nothing. */
  dryRun?: boolean;
  log?: (line: string) => void;
  /** Where the corpus files are (default: src/triage/corpus of this checkout). */
  corpusDir?: URL;
}

/** The scores that matter, rounded, as stored and printed. */
export interface ScoreSummary {
  n: number;
  top1: number;
  top3: number;
  category: number;
  minRecall: { department: string; recall: number };
  recall: Record<string, number>;
}

export interface RetrainReport {
  version: string;
  current: { version: string; source: 'built-in' | 'published' };
  published: boolean;
  /** Why it was not published (empty when it was). */
  reasons: string[];
  gzipBytes: number;
  trainedOn: { corpus: number; grievances: number; heldOutGrievances: number; tooShort: number };
  reference: { candidate: ScoreSummary; current: ScoreSummary };
  grievances: { candidate: ScoreSummary; current: ScoreSummary } | null;
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
export const summary = (s: Scores): ScoreSummary => ({
  n: s.n, top1: r4(s.top1), top3: r4(s.top3), category: r4(s.category),
  minRecall: { department: s.minRecall.department, recall: r4(s.minRecall.recall) },
  recall: Object.fromEntries(Object.entries(s.recall).map(([d, v]) => [d, r4(v.recall)])),
});

type GrievanceRow = { number: string; description: string; department_code: string; category_code: string | null };

const categoriesOf = new Map(departments.departments.map((d) => [d.code, new Set(d.categories.map((c) => c.code))]));

/** The held-out split of confirmed grievances: one in five, by a hash of the official number (stable as grievances arrive). */
export const isHeldOutGrievance = (number: string) => isValidation(`grievance:${number}`);

/** Confirmed grievances with enough text, as labelled examples (unknown categories dropped to department only). */
export async function confirmedGrievances(db: Db, minChars: number): Promise<{ examples: LabelledExample[]; tooShort: number }> {
  const rows = await db.query<GrievanceRow>('SELECT number, description, department_code, category_code FROM grievances ORDER BY seq');
  const examples: LabelledExample[] = [];
  let tooShort = 0;
  for (const r of rows) {
    const text = r.description.trim();
    if (text.length < minChars) { tooShort++; continue; }
    if (!categoriesOf.has(r.department_code)) continue;
    const category = r.category_code && categoriesOf.get(r.department_code)!.has(r.category_code) ? r.category_code : null;
    examples.push({ id: `grievance:${r.number}`, text, department: r.department_code, category });
  }
  return { examples, tooShort };
}

export async function retrain(opts: RetrainOptions): Promise<RetrainReport> {
  const { db } = opts;
  const clock = opts.clock ?? (() => new Date());
  const log = opts.log ?? (() => {});
  const minChars = opts.minChars ?? DEFAULT_MIN_CHARS;
  const tolerance = opts.tolerance ?? DEFAULT_TOLERANCE;
  const dir = opts.corpusDir ?? new URL('../../src/triage/corpus/', import.meta.url);
  const read = (f: string) => parseCorpus(readFileSync(new URL(f, dir), 'utf8'), f);

  const corpus = CORPUS_FILES.flatMap(read);
  const reference = [...corpus.filter((e) => isValidation(e.id!)), ...read(TEST_FILE), ...read(FINAL_TEST_FILE)];
  const { examples: confirmed, tooShort } = await confirmedGrievances(db, minChars);
  const held = new Set(confirmed.filter((e) => isHeldOutGrievance(e.id!.slice('grievance:'.length))));
  const heldOut = [...held];
  const learnFrom = confirmed.filter((e) => !held.has(e));
  const train: Example[] = [...corpus.filter((e) => !isValidation(e.id!)), ...learnFrom];
  log(`training on ${train.length} texts: ${train.length - learnFrom.length} of the corpus and ${learnFrom.length} confirmed grievances ` +
    `(${heldOut.length} more held out, ${tooShort} shorter than ${minChars} characters left out)`);

  const t0 = performance.now();
  const draft = trainModel(train, { departments: departments.departments, version: 'triage-r000000000000', features: BUILT_IN.features });
  // The version names the weights: the same data and code give the same model and the same version.
  const version = `triage-r${createHash('sha256').update(JSON.stringify([draft.department, draft.category, draft.normFloor])).digest('hex').slice(0, 12)}`;
  const model: ModelJson = { ...draft, version, trainedOn: { ...draft.trainedOn, grievances: learnFrom.length }, createdAt: clock().toISOString() };
  const json = JSON.stringify(model);
  const gzipBytes = gzipSync(json).length;
  log(`trained ${version} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${json.length} bytes, ${gzipBytes} gzip`);

  const current = await createTriageModels(db, { cacheMs: 0 }).current();
  const candidate = createTriage(model);
  const ref = { candidate: summary(evaluate(candidate, reference)), current: summary(evaluate(current.triage, reference)) };
  const griev = heldOut.length ? { candidate: summary(evaluate(candidate, heldOut)), current: summary(evaluate(current.triage, heldOut)) } : null;

  const reasons: string[] = [];
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  if (ref.candidate.top1 < ref.current.top1 - tolerance) reasons.push(`top-1 ${pct(ref.candidate.top1)} is below the current ${pct(ref.current.top1)}`);
  if (ref.candidate.top3 < ref.current.top3 - tolerance) reasons.push(`top-3 ${pct(ref.candidate.top3)} is below the current ${pct(ref.current.top3)}`);
  const floor = Math.min(0.7, ref.current.minRecall.recall);
  if (ref.candidate.minRecall.recall < floor)
    reasons.push(`recall of ${ref.candidate.minRecall.department} ${pct(ref.candidate.minRecall.recall)} is below ${pct(floor)}`);
  if (gzipBytes > MAX_MODEL_GZIP_BYTES) reasons.push(`the model is ${gzipBytes} bytes gzip, over ${MAX_MODEL_GZIP_BYTES}`);
  if (learnFrom.length === 0) reasons.push('there are no confirmed grievances to learn from: the model would be the built-in one');
  const published = reasons.length === 0 && !opts.dryRun;

  const report: RetrainReport = {
    version, current: { version: current.version, source: current.source }, published, reasons, gzipBytes,
    trainedOn: { corpus: train.length - learnFrom.length, grievances: learnFrom.length, heldOutGrievances: heldOut.length, tooShort },
    reference: ref, grievances: griev,
  };
  if (!opts.dryRun) {
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO triage_models (version, features, model, published, scores, trained_on, created_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::timestamptz)
         ON CONFLICT (version) DO UPDATE SET published = triage_models.published OR excluded.published,
           model = coalesce(triage_models.model, excluded.model), scores = excluded.scores, created_at = excluded.created_at`,
        [version, model.features, published ? json : null, published, JSON.stringify({ tolerance, reasons, reference: ref, grievances: griev, current: report.current }),
          JSON.stringify(report.trainedOn), model.createdAt]);
      await opts.audit?.append({ ...opts.actor, action: 'triage.retrain', target: version, details: { published, reasons, current: current.version, top1: ref.candidate.top1, currentTop1: ref.current.top1 } }, tx);
    });
  }
  return report;
}
