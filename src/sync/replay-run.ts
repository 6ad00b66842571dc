/**
 * What one replay shares between its two record kinds (grievances: src/sync/replay-grievances.ts;
 * workflow actions: src/sync/actions.ts): the trigger and what it overrides, the options with their
 * defaults resolved once, the authorised fetch, and the report. The engine (src/sync/replay.ts) makes one
 * run and hands it to each kind in turn; neither kind imports the other or the engine.
 */
import type { SyncError } from '../db/db';
import { authorizedFetch, isAuthRequired } from './auth';

export type Trigger = 'sync' | 'message' | 'sw-start' | 'online' | 'timer' | 'manual' | 'page';

/**
 * Triggers a person or the network caused: they override the backoff (global and per record). Background
 * Sync is one of them: the browser fires it when connectivity returns and applies its own backoff.
 */
export const URGENT: readonly Trigger[] = ['manual', 'online', 'sync'];

export interface ReplayOptions {
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** Records per request; 1 reproduces one-request-per-grievance replay (for the benchmark). */
  batchSize?: number;
  timeoutMs?: number;
  /** Base URL of the API; '' means same origin. */
  baseUrl?: string;
  /** Bytes per attachment chunk; default the server's advertised chunkBytes (64 KiB on a 2G link). */
  chunkBytes?: number;
  /** Waits between attachment retries (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

export interface ReplayReport {
  trigger: Trigger;
  requests: number;
  synced: number;
  attention: number;
  /** Records still waiting (transient failure or backoff). */
  waiting: number;
  error?: SyncError;
  skipped?: 'backoff';
}

/** The report's error when the replay waits for a sign-in (the header turns it into words). */
export const SIGN_IN_ERROR: SyncError = { key: 'auth.signin' };

/** Per request, unless the options say otherwise. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** One replay's resolved options and helpers. */
export interface ReplayRun {
  trigger: Trigger;
  urgent: boolean;
  doFetch: typeof fetch;
  now: () => number;
  random: () => number;
  baseUrl?: string;
  timeoutMs: number;
  opts: ReplayOptions;
  /** Records due before this time are sent: now, or any time for an urgent trigger (waits ignored). */
  horizon(): number;
  /** fetch with the signed-in person's token (refreshed as needed); `url` is a path under baseUrl. */
  authed(path: string, init?: RequestInit): Promise<Response>;
  /**
   * POSTs JSON to `path` (idempotent on the server) and answers the response; a connection reset or an
   * answer lost on the way back is retried at once, once, before the caller backs off (the server applies
   * the request once however often it comes). Throws AuthRequired, or the network error of the retry.
   */
  postJson(path: string, body: unknown): Promise<Response>;
  /** The same run acting as another person still signed in on this device (a camp officer who handed it back). */
  as(operatorKey: string): ReplayRun;
}

/** `as`: act as this signed-in person (operatorKey) rather than the one at the keyboard (src/sync/auth.ts). */
export function startRun(trigger: Trigger, opts: ReplayOptions = {}, as?: string): ReplayRun {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const now = opts.now ?? Date.now;
  const urgent = URGENT.includes(trigger);
  const timeoutMs = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const authed = (path: string, init: RequestInit = {}) => authorizedFetch(`${opts.baseUrl ?? ''}${path}`, init, { fetch: doFetch, now, baseUrl: opts.baseUrl, ...(as !== undefined && { as }) });
  const once = (path: string, body: string) => authed(path, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs), credentials: 'same-origin',
  });
  return {
    trigger, urgent, doFetch, now, random: opts.random ?? Math.random, baseUrl: opts.baseUrl, timeoutMs, opts,
    horizon: () => (urgent ? Number.MAX_SAFE_INTEGER : now()),
    authed,
    as: (key) => startRun(trigger, opts, key),
    async postJson(path, body) {
      const text = JSON.stringify(body);
      try {
        return await once(path, text);
      } catch (e) {
        if (isAuthRequired(e) || !isLostConnection(e)) throw e;
        return once(path, text);
      }
    },
  };
}

/** A reset connection or an answer lost on the way (fetch's TypeError), not a timeout or a sign-in. */
export const isLostConnection = (e: unknown): boolean => e instanceof TypeError;

/** The key a failed request is recorded under. */
export const networkErrorKey = (e: unknown): 'timeout' | 'net' => ((e as Error)?.name === 'TimeoutError' ? 'timeout' : 'net');
