/**
 * The triage worker: on-device department/category suggestion, place recognition and duplicate check.
 * Thin Comlink wrapper; the logic is in src/triage/ (also used by the CLI). The built-in model is imported
 * here, so it lives only in this worker's chunk (precached with the app) and never in the page bundle.
 *
 * A newer model retrained on the server (GET /api/triage/model, fetched by the page: see bridge.ts
 * refreshTriageModel) is kept in the Cache API and used from then on, in every worker this device starts,
 * as long as it suits this code (same `features` hash); otherwise, or if it cannot be read, the
 * built-in model is used.
 */
import { expose } from 'comlink';
import builtIn from '../triage/model.json';
import { createTriage, type DuplicateCandidate, type Triage } from '../triage/triage';
import { usableModel, type ModelJson } from '../triage/model';

const BUILT_IN = builtIn as ModelJson;
/** Where a downloaded model is kept (Cache API: readable here, in the page and in the service worker). */
export const MODEL_CACHE = 'sampark-triage-model';
const MODEL_KEY = '/triage/model.json';

export type ModelInfo = { version: string; features: string; source: 'built-in' | 'downloaded'; createdAt?: string };
type Loaded = { triage: Triage; info: ModelInfo };

const fromBuiltIn = (): Loaded => ({ triage: createTriage(BUILT_IN), info: { version: BUILT_IN.version, features: BUILT_IN.features, source: 'built-in' } });
const fromModel = (m: ModelJson): Loaded => ({ triage: createTriage(m), info: { version: m.version, features: m.features, source: 'downloaded', createdAt: m.createdAt } });

/** A model file's text, if it is one this code can use and it actually classifies. */
function parseModel(text: string): ModelJson | null {
  try {
    const m = usableModel(JSON.parse(text), BUILT_IN.features);
    if (!m) return null;
    const r = createTriage(m).classify('bijli nahi aa rahi transformer jal gaya'); // decodes both heads: a corrupt file throws here
    return r.departmentTop3.length > 0 ? m : null;
  } catch {
    return null;
  }
}

async function storedModel(): Promise<Loaded> {
  try {
    const res = await (await caches.open(MODEL_CACHE)).match(MODEL_KEY);
    const m = res && parseModel(await res.text());
    if (m) return fromModel(m);
  } catch { /* no Cache API here, or nothing stored: the built-in model */ }
  return fromBuiltIn();
}

let current: Promise<Loaded> = storedModel();

const api = {
  /** Department (top 3), category, reasons, districts and tehsil for a description. */
  classify: async (text: string) => (await current).triage.classify(text),
  /** Candidates (recent grievances of the same citizen) at least `threshold` similar to `text`, best first. */
  findDuplicates: async (text: string, candidates: DuplicateCandidate[], threshold?: number) => (await current).triage.findDuplicates(text, candidates, threshold),
  /** The model in use: version, feature code, whether built in or downloaded. */
  modelInfo: async (): Promise<ModelInfo> => (await current).info,
  /**
   * Takes a model file downloaded from the server: if this code can use it, keeps it (Cache API) and uses
   * it from now on. Answers the model in use afterwards (unchanged when the file was refused).
   */
  installModel: async (text: string): Promise<ModelInfo> => {
    const m = parseModel(text);
    if (!m) return (await current).info;
    try {
      await (await caches.open(MODEL_CACHE)).put(MODEL_KEY, new Response(text, { headers: { 'content-type': 'application/json', 'x-model-version': m.version } }));
    } catch { /* not kept (no Cache API, quota): used in this worker only */ }
    const next = fromModel(m);
    current = Promise.resolve(next);
    return next.info;
  },
};

// decode the model now rather than on the operator's first keystroke
setTimeout(() => void current.then((c) => c.triage.classify('warm up')), 0);

expose(api);

export type TriageApi = typeof api;
