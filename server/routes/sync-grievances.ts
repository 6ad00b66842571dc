/**
 * POST /api/sync/grievances: the outbox's batch endpoint, for signed-in operators. The envelope must be
 * right (else 400 and nothing is written); then each record is parsed and checked on its own, so one bad
 * record gets an `invalid` result and the rest of the batch still goes in. Results come back in request
 * order.
 *
 * Who may send what: the caller's kiosk must be each record's kioskCode and its receipt number's kiosk,
 * and each record's operatorId (who registered it, perhaps offline and perhaps another operator of this
 * shared kiosk) must be an
 * operator account of that kiosk. A disabled operator still counts: what they registered before being
 * disabled is still delivered. Each refused record and each created grievance is audited, the latter in
 * the same transaction as the grievance itself.
 */
import * as z from 'zod/mini';
import { operatorKey } from '../../src/domain/accounts';
import { receiptKiosk } from '../../src/domain/numbers';
import { ClientId, GrievanceSubmission, MAX_BATCH, SyncRequest, SyncResponse, type SyncResult } from '../../src/domain/schemas';
import { principalOf } from '../auth/guard';
import { fieldError, fieldErrorsFromZod, parseBody } from '../errors';
import { findOperators } from '../store/accounts';
import type { AttachmentService } from '../attachments/service';
import type { AuditEntry, AuditLog } from '../store/audit';
import type { Db } from '../store/db';
import type { GrievanceStore } from '../store/grievances';
import type { PreparedRouting, Workflow } from '../workflow/service';
import type { ApiRoute } from './registry';

/** A record is at most ~16 KB (a 4,000-character Devanagari description is 12 KB of UTF-8; five attachment references with Devanagari names ~2 KB). */
export const SYNC_BODY_LIMIT = MAX_BATCH * 20 * 1024;

/** What the body is documented as: the envelope, with each item described by the per-record schema. */
const DocumentedRequest = z.strictObject({
  grievances: z.array(GrievanceSubmission).check(z.minLength(1), z.maxLength(MAX_BATCH)),
});

/** The clientId to echo for an invalid record, when it has a usable one. */
const clientIdOf = (raw: unknown): string | null => {
  const id = typeof raw === 'object' && raw !== null ? (raw as { clientId?: unknown }).clientId : undefined;
  return ClientId.safeParse(id).success ? (id as string) : null;
};

export interface IngestDeps {
  db: Db; store: GrievanceStore; audit: AuditLog; attachments: AttachmentService;
  /** Routes each new grievance to its officer in the ingest's transaction (server/workflow/service.ts). */
  workflow?: Pick<Workflow, 'prepareRouting' | 'onRegistered'>;
}

export const syncGrievancesRoute = (deps: IngestDeps & { maxInFlight: number }): ApiRoute => ({
  method: 'POST',
  url: '/api/sync/grievances',
  summary: `Register up to ${MAX_BATCH} grievances queued on a device; each is stored exactly once`,
  body: DocumentedRequest,
  response: SyncResponse,
  bodyLimit: SYNC_BODY_LIMIT,
  auth: { roles: ['operator'] },
  maxInFlight: deps.maxInFlight,
  async handler(request): Promise<SyncResponse> {
    const caller = principalOf(request);
    if (caller.account.role !== 'operator') throw new Error('unreachable: the guard admits operators only');
    const envelope = parseBody(SyncRequest, request.body);
    const who = { actorId: caller.account.id, actorRole: caller.role, deviceId: caller.deviceId, ip: request.ip };
    return { results: await ingestSubmissions(deps, caller.account.kioskCode, who, envelope.grievances) };
  },
});

/** Who sends a batch, as the audit log names them. */
export interface Sender { actorId: string; actorRole: string; deviceId: string | null; ip: string }

/**
 * The exactly-once ingest of up to MAX_BATCH raw records registered at `kiosk`: each parsed on its own,
 * checked (kiosk, receipt, operator of that kiosk, attachments present), stored once by clientId, routed
 * and audited in one transaction. Sync sends the caller's kiosk; a hand-over import (./handover.ts) the
 * kiosk whose device signed the file. `via` goes into each audit entry (e.g. the hand-over's origin).
 */
export async function ingestSubmissions(deps: IngestDeps, kiosk: string, who: Sender, raws: readonly unknown[], via?: Record<string, unknown>): Promise<SyncResult[]> {
  const results: (SyncResult | undefined)[] = [];
  const parsed: { index: number; record: GrievanceSubmission }[] = [];
  raws.forEach((raw, index) => {
    const p = GrievanceSubmission.safeParse(raw, { reportInput: true });
    if (p.success && p.data.attachments?.length === 0) delete p.data.attachments; // [] and none are the same grievance
    if (p.success) parsed.push({ index, record: p.data });
    else results[index] = { clientId: clientIdOf(raw), status: 'invalid', errors: fieldErrorsFromZod(p.error.issues) };
  });

  // The ingest's own reads (stored rows, numbers, routing) start now, alongside the operators' look-up:
  // one round trip before the write instead of three. They cover every parsed record; refused ones only
  // leave gaps in the numbers.
  const prepare = deps.workflow && ((fresh: readonly GrievanceSubmission[]) => deps.workflow!.prepareRouting(fresh));
  const ahead = parsed.length > 0 ? deps.store.readAhead(parsed.map((p) => p.record), prepare) : undefined;
  ahead?.catch(() => undefined); // awaited below; a failure is not left unhandled if the look-up fails first
  const operators = await findOperators(deps.db, parsed.flatMap(({ record }) => (record.operatorId ? [record.operatorId] : [])));
  const refusals: AuditEntry[] = [];
  const valid = parsed.filter(({ index, record }) => {
    const refuse = (path: 'kioskCode' | 'operatorId' | 'receiptNumber', key: 'err.otherKiosk' | 'err.operator' | 'err.receiptKiosk', reason: string) => {
      results[index] = { clientId: record.clientId, status: 'invalid', errors: [fieldError(path, key)] };
      refusals.push({ ...who, action: 'sync.refused', target: record.clientId, details: { reason, kioskCode: record.kioskCode, operatorId: record.operatorId ?? null } });
      return false;
    };
    if (record.kioskCode !== kiosk) return refuse('kioskCode', 'err.otherKiosk', 'other-kiosk');
    // A receipt is made at its kiosk (src/domain/numbers.ts): one with another kiosk's code would mislead the citizen and the lookups.
    if (receiptKiosk(record.receiptNumber) !== kiosk) return refuse('receiptNumber', 'err.receiptKiosk', 'receipt-other-kiosk');
    const registeredBy = record.operatorId ? operators.get(operatorKey(record.operatorId)) : undefined;
    if (!registeredBy || registeredBy.kioskCode !== kiosk) return refuse('operatorId', 'err.operator', record.operatorId ? 'operator-not-of-kiosk' : 'no-operator');
    return true;
  });

  // A device uploads a grievance's attachments before the grievance (src/domain/attachments.ts): one that
  // names a file not complete here (held by its kiosk, with that size and type) waits, the rest go in.
  const present = await deps.attachments.referencesPresent(valid.map((v) => v.record));
  // A grievance registered at a camp names an event the server knows (src/domain/events.ts).
  const eventIds = [...new Set(valid.flatMap(({ record }) => (record.eventId ? [record.eventId] : [])))];
  const events = new Set(eventIds.length === 0 ? [] : (await deps.db.query<{ id: string }>('SELECT id FROM camp_events WHERE id = ANY($1::text[])', [eventIds])).map((r) => r.id));
  const ready = valid.filter(({ index, record }, k) => {
    if (record.eventId && !events.has(record.eventId)) {
      results[index] = { clientId: record.clientId, status: 'invalid', errors: [fieldError('eventId', 'event.unknown')] };
      refusals.push({ ...who, action: 'sync.refused', target: record.clientId, details: { reason: 'unknown-event', kioskCode: record.kioskCode, operatorId: record.operatorId ?? null } });
      return false;
    }
    if (present[k]) return true;
    results[index] = { clientId: record.clientId, status: 'invalid', errors: [fieldError('attachments', 'err.attachmentMissing')] };
    refusals.push({ ...who, action: 'sync.refused', target: record.clientId, details: { reason: 'attachment-missing', kioskCode: record.kioskCode, operatorId: record.operatorId ?? null } });
    return false;
  });

  const counts = (all: readonly (SyncResult | undefined)[]) => {
    const c: Record<string, number> = { created: 0, duplicate: 0, conflict: 0, invalid: 0 };
    for (const r of all) c[r!.status]++;
    return c;
  };
  const batchAudit = () => [...refusals, { ...who, action: 'sync.batch', target: kiosk, details: { ...counts(results), ...via } }];
  let audited = false;
  const stored = await deps.store.ingestBatch(ready.map((v) => v.record), {
    prepare, ahead,
    onCreated: async (tx, created, prepared) => {
      await deps.attachments.link(tx, created); // commits with the grievances, or not at all
      await deps.audit.append(created.map((c) => ({
        ...who, action: 'grievance.register', target: c.number,
        details: { clientId: c.record.clientId, receiptNumber: c.record.receiptNumber, kioskCode: c.record.kioskCode, operatorId: c.record.operatorId, deviceId: c.record.deviceId, ...via },
      })), tx);
      await deps.workflow?.onRegistered(tx, created, who, prepared as PreparedRouting); // routed to an officer, or visibly not, with the grievance
    },
    beforeCommit: async (tx, batchResults) => {
      ready.forEach((v, k) => (results[v.index] = batchResults[k]));
      await deps.audit.append(batchAudit(), tx); // the batch's own entry goes in the same statement as the rest
      audited = true;
    },
  });
  ready.forEach((v, k) => (results[v.index] = stored[k]));
  if (!audited) await deps.audit.append(batchAudit());
  return results as SyncResult[];
}
