/**
 * The kiosk's guided mode (issue 13): the conversation engine run in the browser by an operator for a
 * walk-in citizen, offline. The triage model answers from its worker; the grievance is checked with the
 * intake's own parser (parseIntake) and saved through the same path as the intake form (the host's `save`,
 * registerGrievance on the kiosk: the signed-in operator's kiosk code, the outbox sends it). The mobile
 * is not verified by a code: the operator attests it and the citizen's consent when confirming (the
 * engine's "reg.summaryGuided"), so `consent` is true exactly as when the form's box is ticked.
 */
import { type Lang, message } from '../domain/messages';
import { parseIntake } from '../domain/intake';
import { type IntakeWithTriage, keptSuggestion, type TriageRecord } from '../domain/schemas';
import type { TriageResult } from '../triage/triage';
import type { ChatEffects } from './types';
import { understoodOf } from './understood';

export interface GuidedHost {
  /** The triage model (on the kiosk: its worker, src/triage/bridge.ts). */
  classify(text: string): Promise<TriageResult>;
  /** Saves an intake record as the intake form does; its receipt number. */
  save(fields: IntakeWithTriage, lang: Lang): Promise<{ receiptNumber: string }>;
}

/** Not offered in guided mode (the engine never asks): codes, lookups and hand-offs need the server. */
const serverOnly = (what: string) => () => Promise.reject(new Error(`guided mode: ${what} needs the server`));

export function guidedEffects(host: GuidedHost): ChatEffects {
  return {
    guided: true,
    async understand(text) {
      return understoodOf(await host.classify(text));
    },
    async register(d, lang) {
      const parsed = parseIntake({
        name: d.name, mobile: d.mobile, address: d.place ?? '', areaType: d.areaType, districtCode: d.districtCode,
        departmentCode: d.departmentCode, categoryCode: d.categoryCode ?? '', description: d.description, consent: true,
      });
      if (!parsed.ok) {
        const [, key] = Object.entries(parsed.errors)[0] ?? ['', 'err.invalid'];
        return { ok: false, reason: message(key, lang) };
      }
      const u = d.understood;
      const triage: TriageRecord | undefined = u ? {
        modelVersion: u.modelVersion, suggestedDepartment: u.department as TriageRecord['suggestedDepartment'], ...(u.category ? { suggestedCategory: u.category } : {}),
        confidence: u.confidence, accepted: keptSuggestion({ suggestedDepartment: u.department as TriageRecord['suggestedDepartment'], suggestedCategory: u.category ?? undefined }, parsed.value.departmentCode, parsed.value.categoryCode),
      } : undefined;
      const { receiptNumber } = await host.save(triage ? { ...parsed.value, triage } : parsed.value, lang);
      return { ok: true, number: receiptNumber, receipt: true };
    },
    sendCode: serverOnly('a one-time code'),
    checkCode: serverOnly('a one-time code'),
    grievances: serverOnly('a status'),
    feedback: serverOnly('feedback'),
    reopen: serverOnly('a reopen'),
    handoff: serverOnly('a hand-off to 181'),
  };
}
