/**
 * Saving what the intake form holds, as a page service: seal the Aadhaar with the server's public key,
 * record the triage suggestion that was on screen (and whether the operator kept it), then register the
 * grievance as the signed-in operator's, or replace the record being corrected. Nothing is half-saved
 * (the device writes one transaction); a refusal comes back as a typed reason the screen words in Hindi
 * or English, never as an exception to compare by name.
 */
import { normalizeAadhaar } from '../../domain/identity';
import { hasSealKey, sealAadhaar } from '../../domain/seal';
import { keptSuggestion, type IntakeFields, type IntakeWithTriage, type TriageRecord } from '../../domain/schemas';
import type { Lang } from '../../domain/messages';
import type { OutboxItem } from '../../db/grievances';
import { AttachmentsRefused, NotCorrectable, NotSignedIn } from '../../db/errors';
import type { PreparedAttachment } from '../../media/attachment-rules';
import type { TriageShown } from '../components/triage-slot';
import { correctGrievance, isQuotaError, registerGrievance } from '../device';

/** The record being corrected ("Correct and resend" from the Outbox): what the form does not show but keeps. */
export type Correcting = { clientId: string; receiptNumber: string; aadhaarLast4?: string; aadhaarSealed?: string; files: number };

export type SaveRefusal =
  /** The device has no key to seal Aadhaar: shown next to the Aadhaar field. */
  | { kind: 'aadhaarKey' }
  /** The files cannot go with the grievance: shown next to Attachments. */
  | { kind: 'attachments'; key: string }
  /** Shown above the Register button. */
  | { kind: 'form'; key: 'intake.notSignedIn' | 'correct.missing' | 'err.quota' | 'err.save' };

export type SaveResult = { ok: true; item: OutboxItem } | { ok: false; refusal: SaveRefusal };

export interface SaveRequest {
  /** The parsed form (src/domain/intake.ts parseIntake). */
  fields: IntakeFields;
  /** The Aadhaar number as typed (may be empty). */
  aadhaar: string;
  /** The suggestion on screen when Register was pressed, if any. */
  triage: TriageShown | null;
  files: readonly PreparedAttachment[];
  correcting?: Correcting;
  lang: Lang;
}

/** Whether this device can seal an Aadhaar number at all (asked early, when the field is left). */
export const canSealAadhaar = (typed: string): boolean => !normalizeAadhaar(typed) || hasSealKey();

/** The triage record stored with the grievance: what was suggested, and whether the operator kept it. */
export function triageRecord(shown: TriageShown, fields: IntakeFields): TriageRecord {
  const suggested = { suggestedDepartment: shown.department as TriageRecord['suggestedDepartment'], ...(shown.category ? { suggestedCategory: shown.category } : {}) };
  return { modelVersion: shown.modelVersion, ...suggested, confidence: shown.confidence, accepted: keptSuggestion(suggested, fields.departmentCode, fields.categoryCode) };
}

export async function saveIntake(r: SaveRequest): Promise<SaveResult> {
  let fields: IntakeFields = r.fields;
  const aadhaar = normalizeAadhaar(r.aadhaar);
  if (aadhaar) {
    const sealed = await sealAadhaar(aadhaar);
    if (!sealed) return { ok: false, refusal: { kind: 'aadhaarKey' } };
    fields = { ...fields, aadhaarLast4: sealed.last4, aadhaarSealed: sealed.sealed };
  } else if (r.correcting?.aadhaarLast4 && r.correcting.aadhaarSealed) {
    // Left empty while correcting: the Aadhaar given at registration (sealed) is kept.
    fields = { ...fields, aadhaarLast4: r.correcting.aadhaarLast4, aadhaarSealed: r.correcting.aadhaarSealed };
  }
  const withTriage: IntakeWithTriage = r.triage ? { ...fields, triage: triageRecord(r.triage, fields) } : fields;
  try {
    const item = r.correcting ? await correctGrievance(r.correcting.clientId, withTriage, r.lang) : await registerGrievance(withTriage, r.lang, r.files);
    return { ok: true, item };
  } catch (err) {
    if (err instanceof AttachmentsRefused) return { ok: false, refusal: { kind: 'attachments', key: err.key } };
    if (err instanceof NotSignedIn) return { ok: false, refusal: { kind: 'form', key: 'intake.notSignedIn' } };
    if (err instanceof NotCorrectable) return { ok: false, refusal: { kind: 'form', key: 'correct.missing' } };
    return { ok: false, refusal: { kind: 'form', key: (await isQuotaError(err)) ? 'err.quota' : 'err.save' } };
  }
}
