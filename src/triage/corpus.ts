/**
 * Where the triage corpus lives and how it is split. Shared by the training script and the tests, so
 * both agree on which texts are held out and on which files make up the model's version hash.
 */
import { hash32 } from './features';
import type { LabelledExample } from './evaluate';

/** Training files under src/triage/corpus/: generated from templates, cue words, hand-written texts. */
export const CORPUS_FILES = ['generated.jsonl', 'lexicon.jsonl', 'handwritten.jsonl'] as const;
/** Hand-written test set, written apart from the templates and never trained on (seen while tuning). */
export const TEST_FILE = 'test.jsonl';
/** A second hand-written test set, written after tuning stopped: the least biased estimate. */
export const FINAL_TEST_FILE = 'test-final.jsonl';

/** Files (from the repository root) whose content defines the model: change one, retrain. */
export const MODEL_INPUTS = [
  ...CORPUS_FILES.map((f) => `src/triage/corpus/${f}`),
  'src/triage/normalise.ts', 'src/triage/features.ts', 'src/triage/gazetteer.ts', 'src/triage/analyse.ts',
  'src/triage/model.ts', 'src/triage/train.ts', 'src/triage/corpus.ts', 'scripts/train-triage.ts',
  'src/domain/reference/places.json', 'src/domain/reference/departments.json',
] as const;

/**
 * Files whose content decides how a text becomes features (and how a model file is read): a model is
 * usable only by code with the same hash of these (`features` in model.json), so a device never applies
 * a model retrained by a server of another release.
 */
export const FEATURE_INPUTS = [
  'src/triage/normalise.ts', 'src/triage/features.ts', 'src/triage/gazetteer.ts', 'src/triage/analyse.ts', 'src/triage/model.ts',
  'src/domain/reference/places.json', 'src/domain/reference/departments.json',
] as const;

/**
 * One text in five is held out for validation, chosen by a hash of its id (stable as the corpus grows).
 * Cue words (ids "lex-…") are vocabulary, not grievances: always trained on, never scored.
 */
export const isValidation = (id: string) => !id.startsWith('lex-') && hash32(`split:${id}`) % 5 === 0;

/** Parse a JSONL corpus file; throws with the line number on a malformed line. */
export function parseCorpus(text: string, file = 'corpus'): LabelledExample[] {
  const out: LabelledExample[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let e: LabelledExample;
    try { e = JSON.parse(line); } catch { throw new Error(`${file}:${i + 1}: not JSON`); }
    if (typeof e.text !== 'string' || typeof e.department !== 'string') throw new Error(`${file}:${i + 1}: needs text and department`);
    out.push({ id: e.id ?? `${file}:${i + 1}`, text: e.text, department: e.department, category: e.category ?? null, districts: e.districts });
  });
  return out;
}
