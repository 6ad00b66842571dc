/** Messages between the page and the service worker, parsed on both sides (zod/mini: the worker stays small). */
import * as z from 'zod/mini';

export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('REPLAY'), trigger: z.enum(['message', 'online', 'timer', 'manual']), batchSize: z.optional(z.number()) }),
  /** The operator accepted the update: activate the waiting worker (after any replay in progress). */
  z.object({ type: z.literal('SKIP_WAITING') }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

const SyncErrorShape = z.object({ key: z.string(), message: z.optional(z.string()), messageHi: z.optional(z.string()) });

/** The worker's answer to REPLAY: the replay's report (src/sync/replay-run.ts), or why it failed. */
export const ReplayReply = z.union([
  z.object({
    trigger: z.enum(['sync', 'message', 'sw-start', 'online', 'timer', 'manual', 'page']),
    requests: z.number(), synced: z.number(), attention: z.number(), waiting: z.number(),
    error: z.optional(SyncErrorShape), skipped: z.optional(z.literal('backoff')),
  }),
  z.object({ failed: z.string() }),
]);
export type ReplayReply = z.infer<typeof ReplayReply>;

/** From a replay to every page (src/sync/in-flight.ts): the grievances it is sending now. */
export const InFlightMessage = z.object({ type: z.literal('IN_FLIGHT'), ids: z.array(z.string()) });
export type InFlightMessage = z.infer<typeof InFlightMessage>;
