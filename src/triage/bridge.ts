/**
 * The page's door to the triage worker: starts it on first use, ends it after IDLE_MS without calls
 * (a new call starts it again). Only types are imported from the worker, so none of the model or the
 * classifier reaches the page bundle; Comlink itself is loaded with the worker.
 */
import type { Endpoint, Remote } from 'comlink';
import type { ModelInfo, TriageApi } from '../workers/triage.worker';
import type { DuplicateCandidate, DuplicateMatch, TriageResult } from './triage';

export type { DuplicateCandidate, DuplicateMatch, TriageResult, ModelInfo };

/** The worker is terminated after this long without a call (it holds ~5 MB once the model is decoded). */
export const IDLE_MS = 2 * 60_000;

/**
 * The page's Worker constructor, declared here rather than taken from lib.dom (this file once had to
 * compile without DOM types; the server project now leaves it out). Vite still sees `new Worker(new URL(…), …)`
 * and bundles the worker.
 */
declare const Worker: new (url: URL, options: { type: 'module' }) => TriageWorker;
type TriageWorker = Endpoint & { terminate(): void };

let worker: TriageWorker | null = null;
let remote: Promise<Remote<TriageApi>> | null = null;
let idle: ReturnType<typeof setTimeout> | undefined;
let pending = 0;

function start(): Promise<Remote<TriageApi>> {
  if (!remote) {
    const w = new Worker(new URL('../workers/triage.worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    // a worker that failed to load or crashed is dropped; the next call starts a fresh one
    w.addEventListener('error', () => { if (worker === w) stopTriage(); });
    remote = import('comlink').then(({ wrap }) => wrap<TriageApi>(w));
  }
  return remote;
}

async function call<T>(fn: (api: Remote<TriageApi>) => Promise<T>): Promise<T> {
  clearTimeout(idle);
  pending++;
  try {
    return await fn(await start());
  } finally {
    if (--pending === 0) idle = setTimeout(stopTriage, IDLE_MS);
  }
}

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
export function stopTriage(): void {
  clearTimeout(idle);
  worker?.terminate();
  worker = null;
  remote = null;
}
