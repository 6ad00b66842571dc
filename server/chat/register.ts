/**
 * A grievance registered for a citizen outside a kiosk's own device: by the citizen assistant (the citizen
 * by chat) or by a 181 agent from a hand-off. It goes through the kiosk's ingest (numbered, routed to its
 * officer and audited in one transaction) as the chat "kiosk" K8000000001, device CHAT0, receipts from
 * `chat_receipt_seq`, and `grievances.channel = 'chat'`.
 */
import { ulid } from 'ulidx';
import type { Account } from '../../src/domain/accounts';
import { maskMobile } from '../../src/domain/identity';
import { type Lang, message } from '../../src/domain/messages';
import { receiptNumber } from '../../src/domain/numbers';
import { GrievanceSubmission, type IntakeFields, type TriageRecord } from '../../src/domain/schemas';
import type { Actor } from '../../src/domain/workflow';
import { linkAttachments } from '../attachments/service';
import type { AuditLog } from '../store/audit';
import type { Db, Queryable } from '../store/db';
import type { GrievanceStore } from '../store/grievances';
import type { PreparedRouting, Workflow } from '../workflow/service';

/** The kiosk code and device id grievances registered by chat carry (receipts K8000000001-…-CHAT0-…). */
export const CHAT_KIOSK = 'K8000000001';
export const CHAT_DEVICE = 'CHAT0';
/** The workflow's actor for the citizen by chat: an operator of the chat "kiosk" holding the citizen's code. */
export const CHAT_ACCOUNT: Account = { id: 'chat', name: 'Citizen assistant', role: 'operator', kioskCode: CHAT_KIOSK };
export const CHAT_ACTOR: Actor = { kind: 'account', account: CHAT_ACCOUNT, citizenCode: true };

export interface RegisterDeps {
  db: Db;
  audit: AuditLog;
  clock: () => Date;
  workflow: Pick<Workflow, 'prepareRouting' | 'onRegistered'>;
  store: GrievanceStore;
}

export interface Registrant { actorId: string; actorRole: string; ip: string }

/**
 * Registers `fields` (consent given) as a chat grievance; `details` go into the audit event besides the
 * receipt and kiosk; `then` runs in the same transaction with the number (e.g. to link a hand-off).
 */
export async function registerChatGrievance(
  deps: RegisterDeps, fields: Omit<IntakeFields, 'consent'> & Pick<GrievanceSubmission, 'attachments'>, opts: {
    lang: Lang; who: Registrant; triage?: TriageRecord; details: Record<string, unknown>;
    then?: (tx: Queryable, number: string) => Promise<void>;
  },
): Promise<{ ok: true; number: string; receiptNumber: string } | { ok: false; reason: string }> {
  const now = deps.clock();
  const [{ seq }] = await deps.db.query<{ seq: string }>("SELECT nextval('chat_receipt_seq')::text AS seq");
  const candidate = {
    ...fields,
    clientId: ulid(),
    receiptNumber: receiptNumber(CHAT_KIOSK, now, CHAT_DEVICE, Number(seq)),
    kioskCode: CHAT_KIOSK, deviceId: CHAT_DEVICE, operatorId: CHAT_ACCOUNT.id, createdAt: now.toISOString(), lang: opts.lang,
    consent: true as const,
    ...(opts.triage && { triage: opts.triage }),
  };
  const parsed = GrievanceSubmission.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: message(parsed.error.issues[0]?.message ?? 'err.invalid', opts.lang) };
  const { who } = opts;
  const [result] = await deps.store.ingestBatch([parsed.data], {
    prepare: (fresh) => deps.workflow.prepareRouting(fresh),
    onCreated: async (tx, created, prepared) => {
      await tx.query("UPDATE grievances SET channel = 'chat' WHERE number = ANY($1::text[]) RETURNING number", [created.map((c) => c.number)]);
      await linkAttachments(tx, created); // the citizen's photo by chat, as a kiosk's attachments are linked
      await deps.audit.append(created.map((c) => ({
        ...who, action: 'grievance.register', target: c.number,
        details: { receiptNumber: c.record.receiptNumber, kioskCode: CHAT_KIOSK, via: 'chat', mobile: maskMobile(fields.mobile), ...opts.details },
      })), tx);
      await deps.workflow.onRegistered(tx, created, who, prepared as PreparedRouting);
      if (opts.then) for (const c of created) await opts.then(tx, c.number);
    },
  });
  if (result.status !== 'created') return { ok: false, reason: message('err.invalid', opts.lang) };
  return { ok: true, number: result.number, receiptNumber: parsed.data.receiptNumber };
}
