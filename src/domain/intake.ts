/**
 * From what the operator typed to a validated intake: normalise (Devanagari digits, +91/0 prefixes,
 * spaces), then parse with the shared schema. Errors come back per field as message keys.
 */
import { Intake, type IntakeFields } from './schemas';
import { asciiDigits } from './digits';
import { normalizeMobile, normalizeJanAadhaar, normalizePin } from './identity';

/** The form's raw values: every input is a string, checkboxes are booleans. */
export type IntakeInput = Partial<Record<Exclude<keyof IntakeFields, 'consent'>, string>> & { consent?: boolean };
export type FieldErrors = Partial<Record<keyof IntakeFields | 'aadhaar', string>>;

const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());

/** Normalises typed values; a value that cannot be normalised is passed on as typed so the schema names it. */
export function normalizeIntake(input: IntakeInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (typeof v === 'string') { const b = blank(v); if (b !== undefined) out[k] = b; } else if (v !== undefined) out[k] = v;
  }
  if (typeof out.mobile === 'string') out.mobile = normalizeMobile(out.mobile) ?? asciiDigits(out.mobile);
  if (typeof out.janAadhaarId === 'string') out.janAadhaarId = normalizeJanAadhaar(out.janAadhaarId) ?? out.janAadhaarId;
  if (typeof out.pin === 'string') out.pin = normalizePin(out.pin) ?? out.pin;
  if (out.consent !== true) delete out.consent;
  return out;
}

/** Parses typed values; on failure returns the first message key for each field. */
export function parseIntake(input: IntakeInput):
  | { ok: true; value: IntakeFields }
  | { ok: false; errors: FieldErrors } {
  const normalized = normalizeIntake(input);
  const r = Intake.safeParse(normalized);
  if (r.success) return { ok: true, value: r.data };
  const errors: FieldErrors = {};
  for (const i of r.error.issues) {
    const field = String(i.path[0] ?? '') as keyof FieldErrors;
    if (!field) continue; // unknown keys cannot come from the form
    errors[field] ??= normalized[field] === undefined && field !== 'consent' ? 'err.required' : i.message;
  }
  return { ok: false, errors };
}
