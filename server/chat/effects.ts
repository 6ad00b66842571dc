/**
 * What the conversation engine (src/chat) may do on the server, for one conversation: one-time codes
 * (../otp/otp.ts, requester `chat:<conversationId>`), the citizen's grievances once a code is right,
 * feedback and reopen through the workflow as the citizen (the code stands for them), registration
 * through the same ingest as a kiosk (channel `chat`, routed to its officer in the same transaction),
 * the triage model, and hand-off to 181. Every step is audited with the mobile masked.
 *
 * A code for a grievance goes only to that grievance's own mobile: when the number is unknown or the
 * mobile typed is not the grievance's, nothing is sent and the engine's answer is the same.
 */
import { randomBytes } from 'node:crypto';
import { maskMobile } from '../../src/domain/identity';
import { type Lang, message } from '../../src/domain/messages';
import type { TriageRecord } from '../../src/domain/schemas';
import { check, type WorkflowConfig } from '../../src/domain/workflow';
import { CHAT_ACTOR, registerChatGrievance } from './register';
import { photoOf } from './photo';
import { understoodOf } from '../../src/chat/understood';
import type { ChatEffects, CodeSubject, GrievanceFacts, Understood } from '../../src/chat/types';
import { ApiProblem } from '../errors';
import type { OtpCaller, OtpService } from '../otp/otp';
import type { AuditLog } from '../store/audit';
import type { Db } from '../store/db';
import type { GrievanceStore } from '../store/grievances';
import { stateOf, WORKFLOW_COLUMNS, type WorkflowRow } from '../store/workflow';
import type { TriageModels } from '../triage/models';
import type { Workflow } from '../workflow/service';

export { CHAT_ACCOUNT, CHAT_DEVICE, CHAT_KIOSK } from './register';

export interface ChatDeps {
  db: Db;
  otp: OtpService;
  audit: AuditLog;
  clock: () => Date;
  config: WorkflowConfig;
  workflow: Pick<Workflow, 'act' | 'prepareRouting' | 'onRegistered'>;
  store: GrievanceStore;
  models: TriageModels;
  /** Asks the notification sender to run now (the citizen waits for the code). */
  sendSoon?: () => void;
}

export const chatRequester = (conversationId: string) => `chat:${conversationId}`;

/** The effects for one message of conversation `conversationId` from address `ip`. */
export function chatEffects(deps: ChatDeps, conversationId: string, ip: string, transcript: () => unknown[]): ChatEffects {
  const { db, otp, audit, clock } = deps;
  const requester = chatRequester(conversationId);
  const caller: OtpCaller = { actorId: requester, actorRole: 'citizen', ip };
  const who = { actorId: requester, actorRole: 'citizen', ip };

  /** The grievance a subject names, if it is registered with the subject's mobile; undefined when it names none. */
  async function named(subject: CodeSubject): Promise<WorkflowRow | null | undefined> {
    if (!subject.number && !subject.receipt) return undefined;
    const [row] = await db.query<WorkflowRow>(`SELECT ${WORKFLOW_COLUMNS} FROM grievances WHERE ${subject.number ? 'number' : 'receipt_number'} = $1`, [subject.number ?? subject.receipt]);
    return row && row.mobile === subject.mobile ? row : null;
  }

  const facts = (r: WorkflowRow, now: Date): GrievanceFacts => {
    const s = stateOf(r);
    return {
      number: r.number, status: r.status, departmentCode: r.department_code, districtCode: r.district_code, registeredAt: r.received_at.toISOString(),
      outcome: r.outcome, canFeedback: check(s, 'feedback', CHAT_ACTOR, now, deps.config).ok, canReopen: check(s, 'reopen', CHAT_ACTOR, now, deps.config).ok,
    };
  };

  const act = async (number: string, subject: CodeSubject, action: Parameters<Workflow['act']>[1]['action'], lang: Lang) => {
    const row = await named({ mobile: subject.mobile, number });
    if (!row) return { ok: false as const, reason: message('wf.notFound', lang) };
    try {
      await deps.workflow.act(number, { action }, CHAT_ACTOR, { ip });
      return { ok: true as const };
    } catch (err) {
      if (err instanceof ApiProblem) return { ok: false as const, reason: message(err.key, lang) };
      throw err;
    }
  };

  return {
    async sendCode(purpose, subject, lang) {
      const row = await named(subject);
      if (row === null) {
        await audit.append({ action: 'otp.request', target: subject.number ?? null, ...who, details: { purpose, requester, mobile: maskMobile(subject.mobile), sent: false, reason: 'no grievance with this mobile' } });
        return { ok: true };
      }
      const issued = await db.transaction((tx) => otp.issue(tx, { purpose, requester, subject: { mobile: subject.mobile, number: row?.number ?? null }, lang, caller }, clock()));
      if (!issued.ok) return { ok: false, retryAfterS: issued.retryAfterS };
      deps.sendSoon?.();
      return { ok: true };
    },

    async checkCode(purpose, subject, code) {
      const row = await named(subject);
      if (row === null) {
        await audit.append({ action: 'otp.check', target: subject.number ?? null, ...who, details: { wanted: purpose, requester, mobile: maskMobile(subject.mobile), ok: false, reason: 'otp.none' } });
        return { ok: false, reason: 'otp.none', triesLeft: 0 };
      }
      return db.transaction((tx) => otp.check(tx, { wanted: purpose, requester, subject: { mobile: subject.mobile, number: row?.number ?? null }, code, caller, use: 'chat' }, clock()));
    },

    async grievances(subject) {
      const now = clock();
      const row = await named(subject);
      const rows = row === undefined
        ? await db.query<WorkflowRow>(`SELECT ${WORKFLOW_COLUMNS} FROM grievances WHERE mobile = $1 ORDER BY seq DESC LIMIT 20`, [subject.mobile])
        : row ? [row] : [];
      await audit.append({ action: 'status.lookup', target: row?.number ?? null, ...who, details: { by: row === undefined ? 'mobile' : 'number', mobile: maskMobile(subject.mobile), withCode: true, found: rows.length, via: 'chat' } });
      return rows.map((r) => facts(r, now));
    },

    feedback: (number, subject, satisfaction, note, lang) => act(number, subject, { type: 'feedback', satisfaction, ...(note && { note }) }, lang),
    reopen: (number, subject, reason, lang) => act(number, subject, { type: 'reopen', reason }, lang),

    async register(d, lang) {
      const u = d.understood;
      // The photo the conversation holds now, if the citizen added it (not skipped, nor removed since): linked
      // to the grievance and released from the conversation in the transaction that registers it.
      const photo = d.photo === 'added' ? await photoOf(db, conversationId) : null;
      const r = await registerChatGrievance(deps, {
        ...(photo && { attachments: [{ sha256: photo.sha256, bytes: photo.bytes, type: photo.type, name: photo.name }] }),
        name: d.name, mobile: d.mobile, ...(d.place && { address: d.place }), areaType: d.areaType, districtCode: d.districtCode,
        departmentCode: d.departmentCode, ...(d.categoryCode && { categoryCode: d.categoryCode }), description: d.description,
      } as Parameters<typeof registerChatGrievance>[1], {
        lang, who, details: { conversationId, ...(photo && { photo: photo.sha256 }) },
        ...(photo && { then: async (tx) => { await tx.query('DELETE FROM chat_photos WHERE conversation_id = $1 AND sha256 = $2', [conversationId, photo.sha256]); } }),
        ...(u && {
          triage: {
            modelVersion: u.modelVersion, suggestedDepartment: u.department, ...(u.category && { suggestedCategory: u.category }), confidence: u.confidence,
            accepted: u.department === d.departmentCode && (!u.category || u.category === d.categoryCode),
          } as TriageRecord,
        }),
      });
      if (!r.ok) return r;
      deps.sendSoon?.();
      return { ok: true, number: r.number };
    },

    photo: () => photoOf(db, conversationId),

    async understand(text): Promise<Understood> {
      const { triage } = await deps.models.current();
      return understoodOf(triage.classify(text));
    },

    async handoff(lang) {
      const ref = `C${randomBytes(5).toString('hex').toUpperCase()}`;
      await db.query('INSERT INTO chat_handoffs (ref, conversation_id, transcript, lang, created_at) VALUES ($1, $2, $3::jsonb, $4, $5)',
        [ref, conversationId, JSON.stringify(transcript()), lang, clock().toISOString()]);
      await audit.append({ action: 'chat.handoff', target: ref, ...who, details: { conversationId, messages: transcript().length } });
      return { ref };
    },
  };
}
