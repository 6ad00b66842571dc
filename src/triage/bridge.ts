/**
 * The page's door to the triage worker: starts it on first use, ends it after IDLE_MS without calls
 * (a new call starts it again). Only types are imported from the worker, so none of the model or the
 * classifier reaches the page bundle; Comlink itself is loaded with the worker.
 */
import { workerBridge } from '../workers/bridge';
import type { ModelInfo, TriageApi } from '../workers/triage.worker';
import type { DuplicateCandidate, DuplicateMatch, TriageResult } from './triage';

export type { DuplicateCandidate, DuplicateMatch, TriageResult, ModelInfo };

/** The worker is terminated after this long without a call (it holds ~5 MB once the model is decoded). */
export const IDLE_MS = 2 * 60_000;

const triage = workerBridge<TriageApi>(() => new Worker(new URL('../workers/triage.worker.ts', import.meta.url), { type: 'module' }), IDLE_MS);
const call = triage.call;

/** Suggest department, category and places for a grievance description (runs in the worker). */
export function suggestTriage(text: string): Promise<TriageResult> {
  return call((api) => api.classify(text));
}

/** Recent grievances of the same citizen that look like `text` (score ≥ threshold), best first. */
export function findDuplicates(text: string, candidates: DuplicateCandidate[], threshold?: number): Promise<DuplicateMatch[]> {
  return call((api) => api.findDuplicates(text, candidates, threshold));
}

/** The model in use: version, feature code, built in or downloaded (shown in Settings). */
export function triageModelInfo(): Promise<ModelInfo> {
  return call((api) => api.modelInfo());
}

/** How often the page asks the server for a newer model (at most). */
const REFRESH_MS = 30 * 60_000;
let lastRefresh = 0;

/**
 * Picks up a model retrained on the server: GET /api/triage/model with the version in use as
 * If-None-Match (304: nothing new) and this code's feature hash (404: none for this release). A new one
 * is handed to the worker, which checks it, keeps it (Cache API) and uses it. At most every REFRESH_MS
 * unless `force`; offline, signed out or on any failure it quietly keeps the model it has.
 */
export async function refreshTriageModel(force = false): Promise<ModelInfo> {
  const info = await triageModelInfo();
  if ((!force && Date.now() - lastRefresh < REFRESH_MS) || (typeof navigator !== 'undefined' && !navigator.onLine)) return info;
  lastRefresh = Date.now();
  try {
    const { authorizedFetch } = await import('../sync/auth');
    const res = await authorizedFetch(`/api/triage/model?features=${encodeURIComponent(info.features)}`, {
      headers: { 'if-none-match': `"${info.version}"` }, signal: AbortSignal.timeout(60_000), credentials: 'same-origin',
    });
    if (res.status !== 200) return info;
    return await call((api) => res.text().then((text) => api.installModel(text)));
  } catch {
    return info; // offline after all, signed out, timed out: the next refresh tries again
  }
}

/** End the worker now (also done automatically after IDLE_MS). */
export const stopTriage = (): void => triage.stop();
