/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import model from '../../src/triage/model.json';
import { createTriage } from '../../src/triage/triage';
import { evaluate } from '../../src/triage/evaluate';
import { CORPUS_FILES, TEST_FILE, isValidation, parseCorpus } from '../../src/triage/corpus';
import { modelVersion } from '../../scripts/train-triage';
import type { ModelJson } from '../../src/triage/model';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');
const triage = createTriage(model as ModelJson);
const corpus = CORPUS_FILES.flatMap((f) => parseCorpus(read(`src/triage/corpus/${f}`), f));
const validation = corpus.filter((e) => isValidation(e.id!));
const test = parseCorpus(read(`src/triage/corpus/${TEST_FILE}`), TEST_FILE);

describe('triage model', () => {
  it('is up to date with the corpus and the code (else run: npx tsx scripts/train-triage.ts)', () => {
    expect(model.version).toBe(modelVersion());
  });

  it('fits the budget: at most 300 KB gzip', () => {
    expect(gzipSync(read('src/triage/model.json')).length).toBeLessThanOrEqual(300 * 1024);
  });

  it('has a corpus of at least 40 texts for every department, and a held-out split', () => {
    const per = new Map<string, number>();
    for (const e of corpus) if (!e.id!.startsWith('lex-')) per.set(e.department, (per.get(e.department) ?? 0) + 1);
    expect(per.size).toBe(model.department.classes.length);
    for (const [d, n] of per) expect(n, d).toBeGreaterThanOrEqual(40);
    expect(validation.length).toBeGreaterThan(300);
  });

  describe('on the validation split (never trained on)', () => {
    const s = evaluate(triage, validation);
    it('department top-1 ≥ 85%, top-3 ≥ 97%', () => {
      expect(s.top1).toBeGreaterThanOrEqual(0.85);
      expect(s.top3).toBeGreaterThanOrEqual(0.97);
    });
    it('no department recall below 70%', () => {
      expect(s.minRecall.recall, s.minRecall.department).toBeGreaterThanOrEqual(0.7);
    });
    it('finds the district in ≥ 95% of the texts that name one, and rarely one that is not named', () => {
      expect(s.districtRecall).toBeGreaterThanOrEqual(0.95);
      expect(s.districtFalse / s.n).toBeLessThan(0.02);
    });
  });

  describe('on the hand-written test set (not from the templates)', () => {
    const s = evaluate(triage, test);
    it('department top-1 ≥ 85%, top-3 ≥ 97%', () => {
      expect(s.top1).toBeGreaterThanOrEqual(0.85);
      expect(s.top3).toBeGreaterThanOrEqual(0.97);
    });
    it('finds the district in ≥ 95% of the texts that name one', () => {
      expect(s.districtRecall).toBeGreaterThanOrEqual(0.95);
    });
  });
});
