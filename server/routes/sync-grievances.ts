/**
 * POST /api/sync/grievances: the outbox's batch endpoint. The envelope must be right (else 400 and
 * nothing is written); then each record is parsed on its own, so one bad record gets an `invalid` result
 * and the rest of the batch still goes in. Results come back in request order.
 */
import * as z from 'zod/mini';
import { ClientId, GrievanceSubmission, MAX_BATCH, SyncRequest, SyncResponse, type SyncResult } from '../../src/domain/schemas';
import { ApiProblem, fieldErrorsFromZod } from '../errors';
import type { GrievanceStore } from '../store/grievances';
import type { ApiRoute } from './registry';

/** A full batch of typical records (~1.5 KB each, PERF-NOTES) with room for long ones. */
/** A record is at most ~15 KB (a 4,000-character Devanagari description is 12 KB of UTF-8). */
export const SYNC_BODY_LIMIT = MAX_BATCH * 16 * 1024;

/** What the body is documented as: the envelope, with each item described by the per-record schema. */
const DocumentedRequest = z.strictObject({
  grievances: z.array(GrievanceSubmission).check(z.minLength(1), z.maxLength(MAX_BATCH)),
});

/** The clientId to echo for an invalid record, when it has a usable one. */
const clientIdOf = (raw: unknown): string | null => {
  const id = typeof raw === 'object' && raw !== null ? (raw as { clientId?: unknown }).clientId : undefined;
  return ClientId.safeParse(id).success ? (id as string) : null;
};

export const syncGrievancesRoute = (store: GrievanceStore): ApiRoute => ({
  method: 'POST',
  url: '/api/sync/grievances',
  summary: `Register up to ${MAX_BATCH} grievances queued on a device; each is stored exactly once`,
  body: DocumentedRequest,
  response: SyncResponse,
  bodyLimit: SYNC_BODY_LIMIT,
  async handler(request): Promise<SyncResponse> {
    const envelope = SyncRequest.safeParse(request.body, { reportInput: true });
    if (!envelope.success) throw new ApiProblem(400, 'api.invalid', fieldErrorsFromZod(envelope.error.issues));

    const results: (SyncResult | undefined)[] = [];
    const valid: { index: number; record: GrievanceSubmission }[] = [];
    envelope.data.grievances.forEach((raw, index) => {
      const parsed = GrievanceSubmission.safeParse(raw, { reportInput: true });
      if (parsed.success) valid.push({ index, record: parsed.data });
      else results[index] = { clientId: clientIdOf(raw), status: 'invalid', errors: fieldErrorsFromZod(parsed.error.issues) };
    });
    const stored = await store.ingestBatch(valid.map((v) => v.record));
    valid.forEach((v, k) => (results[v.index] = stored[k]));
    return { results: results as SyncResult[] };
  },
});
