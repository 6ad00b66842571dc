/** Messages between the page and the service worker, parsed on both sides with the shared schema style. */
import * as z from 'zod/mini';

export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('REPLAY'), trigger: z.enum(['message', 'online', 'timer', 'manual']), batchSize: z.optional(z.number()) }),
  /** The operator accepted the update: activate the waiting worker (after any replay in progress). */
  z.object({ type: z.literal('SKIP_WAITING') }),
]);
export type ToWorker = z.infer<typeof ToWorker>;
