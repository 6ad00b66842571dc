/**
 * The media worker: checks, compresses and hashes attachments off the main thread (a 12-megapixel photo
 * takes a few hundred milliseconds to decode). Thin Comlink wrapper; the logic is in src/media/.
 */
import { expose } from 'comlink';
import type { AttachmentLimits } from '../domain/attachments';
import { prepareAttachment } from '../media/prepare-attachment';

const api = {
  /** Checks a file from its bytes and makes it ready to attach (photos re-encoded), or says why not. */
  prepare: (file: Blob, claimed: { name: string; type: string }, limits: AttachmentLimits) => prepareAttachment(file, claimed, limits),
};

expose(api);

export type MediaApi = typeof api;
