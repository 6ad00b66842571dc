/**
 * The page's door to the media worker: started on first use, ended after IDLE_MS without calls (a decoded
 * photo holds tens of megabytes). Only types come from the worker; Comlink is loaded with it.
 */
import type { Remote } from 'comlink';
import type { AttachmentLimits } from '../domain/attachments';
import type { MediaApi } from '../workers/media.worker';
import type { PrepareResult } from './attachment-rules';

export type { PrepareResult };

/** The worker is terminated after this long without a call. */
export const IDLE_MS = 30_000;

let worker: Worker | null = null;
let remote: Promise<Remote<MediaApi>> | null = null;
let idle: ReturnType<typeof setTimeout> | undefined;
let pending = 0;

function start(): Promise<Remote<MediaApi>> {
  if (!remote) {
    const w = new Worker(new URL('../workers/media.worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    // a worker that failed to load or crashed is dropped; the next call starts a fresh one
    w.addEventListener('error', () => { if (worker === w) stopMedia(); });
    remote = import('comlink').then(({ wrap }) => wrap<MediaApi>(w));
  }
  return remote;
}

async function call<T>(fn: (api: Remote<MediaApi>) => Promise<T>): Promise<T> {
  clearTimeout(idle);
  pending++;
  try {
    return await fn(await start());
  } finally {
    if (--pending === 0) idle = setTimeout(stopMedia, IDLE_MS);
  }
}

/** Checks and prepares one picked file or recorded note in the worker (see src/media/prepare-attachment.ts). */
export function prepareFile(file: Blob, claimed: { name: string; type: string }, limits: AttachmentLimits): Promise<PrepareResult> {
  return call((api) => api.prepare(file, claimed, limits) as Promise<PrepareResult>);
}

/** End the worker now (also done automatically after IDLE_MS). */
export function stopMedia(): void {
  clearTimeout(idle);
  worker?.terminate();
  worker = null;
  remote = null;
}
