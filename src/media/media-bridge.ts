/**
 * The page's door to the media worker (the one bridge, ../workers/bridge.ts): started on first use, ended
 * after IDLE_MS without calls (a decoded photo holds tens of megabytes). Only types come from the worker.
 */
import type { AttachmentLimits } from '../domain/attachments';
import type { MediaApi } from '../workers/media.worker';
import { workerBridge } from '../workers/bridge';
import type { PrepareResult } from './attachment-rules';

export type { PrepareResult };

/** The worker is terminated after this long without a call. */
export const IDLE_MS = 30_000;

const media = workerBridge<MediaApi>(() => new Worker(new URL('../workers/media.worker.ts', import.meta.url), { type: 'module' }), IDLE_MS);

/** Checks and prepares one picked file or recorded note in the worker (see src/media/prepare-attachment.ts). */
export function prepareFile(file: Blob, claimed: { name: string; type: string }, limits: AttachmentLimits): Promise<PrepareResult> {
  return media.call((api) => api.prepare(file, claimed, limits) as Promise<PrepareResult>);
}

/** End the worker now (also done automatically after IDLE_MS). */
export const stopMedia = (): void => media.stop();
