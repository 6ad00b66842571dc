/**
 * The triage worker: on-device department/category suggestion, place recognition and duplicate check.
 * Thin Comlink wrapper; the logic is in src/triage/ (also used by the CLI). The model is imported here,
 * so it lives only in this worker's chunk (precached with the app) and never in the page bundle.
 */
import { expose } from 'comlink';
import model from '../triage/model.json';
import { createTriage, type DuplicateCandidate } from '../triage/triage';
import { benchClassify } from '../triage/bench';
import type { ModelJson } from '../triage/model';

const triage = createTriage(model as ModelJson);

const api = {
  /** Department (top 3), category, reasons, districts and tehsil for a description. */
  classify: (text: string) => triage.classify(text),
  /** Candidates (recent grievances of the same citizen) at least `threshold` similar to `text`, best first. */
  findDuplicates: (text: string, candidates: DuplicateCandidate[], threshold?: number) => triage.findDuplicates(text, candidates, threshold),
  similarity: (a: string, b: string) => triage.similarity(a, b),
  modelVersion: () => triage.version,
  /** p50/p95 of classify inside the worker (for the Playwright bench). */
  bench: (texts: string[], rounds?: number) => benchClassify(triage, texts, rounds),
};

// decode the model now rather than on the operator's first keystroke
setTimeout(() => triage.classify('warm up'), 0);

expose(api);

export type TriageApi = typeof api;
