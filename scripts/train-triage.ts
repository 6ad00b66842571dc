/**
 * Trains the triage model from src/triage/corpus/ and writes src/triage/model.json (checked in; the
 * worker and the CLI import it). Run: `npx tsx scripts/train-triage.ts` after changing the corpus or the
 * feature/training code; tests/unit/triage-model.test.ts fails while model.json is stale.
 * Prints validation scores (one text in five held out) and scores on the hand-written test set.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import departments from '../src/domain/reference/departments.json';
import { trainModel } from '../src/triage/train';
import { createTriage } from '../src/triage/triage';
import { evaluate, type Scores } from '../src/triage/evaluate';
import { CORPUS_FILES, FEATURE_INPUTS, FINAL_TEST_FILE, MODEL_INPUTS, TEST_FILE, isValidation, parseCorpus } from '../src/triage/corpus';
import { benchClassify } from '../src/triage/bench';

const root = new URL('../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

const digest = (files: readonly string[], readFile: (p: string) => string) => {
  const h = createHash('sha256');
  for (const p of files) h.update(`${p}\0${readFile(p).replace(/\r\n/g, '\n')}\0`);
  return h.digest('hex').slice(0, 12);
};

/** Version: hash of every model input (line endings normalised, so a Windows checkout agrees). */
export function modelVersion(readFile: (p: string) => string = read): string {
  return `triage-${digest(MODEL_INPUTS, readFile)}`;
}

/** The feature code's hash (FEATURE_INPUTS): models retrained on the server carry the same one. */
export function featuresVersion(readFile: (p: string) => string = read): string {
  return `f-${digest(FEATURE_INPUTS, readFile)}`;
}

function report(name: string, s: Scores) {
  const f = (x: number) => (100 * x).toFixed(1) + '%';
  console.log(`${name}: n=${s.n} top1=${f(s.top1)} top3=${f(s.top3)} category=${f(s.category)} minRecall=${s.minRecall.department} ${f(s.minRecall.recall)} ` +
    `district=${f(s.districtRecall)} of ${s.districtTexts} (false ${s.districtFalse})`);
  console.log('  ' + Object.entries(s.recall).map(([d, r]) => `${d} ${Math.round(100 * r.recall)}`).join(', '));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const all = CORPUS_FILES.flatMap((f) => parseCorpus(read(`src/triage/corpus/${f}`), f));
  const train = all.filter((e) => !isValidation(e.id!)), validation = all.filter((e) => isValidation(e.id!));
  const test = parseCorpus(read(`src/triage/corpus/${TEST_FILE}`), TEST_FILE);
  const final = parseCorpus(read(`src/triage/corpus/${FINAL_TEST_FILE}`), FINAL_TEST_FILE);
  const t0 = performance.now();
  const model = trainModel(train, { departments: departments.departments, version: modelVersion(), features: featuresVersion(), log: console.log });
  console.log(`trained on ${train.length} texts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const json = JSON.stringify(model);
  writeFileSync(new URL('src/triage/model.json', root), json + '\n');
  console.log(`model.json ${model.version}: ${json.length} bytes, ${gzipSync(json).length} gzip`);
  const triage = createTriage(model);
  const v = evaluate(triage, validation), t = evaluate(triage, test), f = evaluate(triage, final);
  report('validation', v);
  report('test (hand-written)', t);
  report('final test (hand-written, after tuning)', f);
  const texts = [...validation, ...test, ...final].map((e) => e.text);
  triage.classify('warm up');
  const lat = benchClassify(triage, texts, 3);
  console.log(`classify latency in Node over ${lat.n} calls: p50 ${lat.p50} ms, p95 ${lat.p95} ms, max ${lat.max} ms`);
  if (process.argv.includes('--errors')) for (const e of [...v.errors, ...t.errors, ...f.errors]) console.log(`  ${e.expected} -> ${e.got.join(',')}: ${e.text.slice(0, 120)}`);
}
