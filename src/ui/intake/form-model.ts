/**
 * The intake form's model: the values as typed, which fields the operator has left (touched), and the
 * errors the shared schema gives (src/domain/intake.ts parseIntake, the same parser the device and the
 * server use). Errors show next to a field once it has been left with something in it, or after a submit.
 * Lengths come from the schema (INTAKE_LIMITS); the other `maxLength`s allow for what people type around
 * the digits (spaces, +91), which the parser strips.
 */
import type { TargetedEvent } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { normalizeAadhaar } from '../../domain/identity';
import { parseIntake, type IntakeInput } from '../../domain/intake';
import { INTAKE_LIMITS, type GrievanceSubmission } from '../../domain/schemas';
import { NO_LOCAL, type LocalChoice } from '../components/local-choice';

export type Form = {
  name: string; mobile: string; janAadhaarId: string; aadhaar: string; address: string; pin: string;
  areaType: '' | 'rural' | 'urban'; districtCode: string; tehsil: string; departmentCode: string;
  categoryCode: string; description: string; consent: boolean;
} & LocalChoice;
export type Name = keyof Form;

export const EMPTY: Form = {
  name: '', mobile: '', janAadhaarId: '', aadhaar: '', address: '', pin: '', areaType: '', districtCode: '',
  tehsil: '', departmentCode: '', categoryCode: '', description: '', consent: false, ...NO_LOCAL,
};

/** `maxLength` of each text control: the schema's for free text, room for spaces and +91 around digits. */
export const MAX_LENGTH = {
  name: INTAKE_LIMITS.name.max, address: INTAKE_LIMITS.address.max, description: INTAKE_LIMITS.description.max,
  mobile: 20, janAadhaarId: 16, aadhaar: 16, pin: 8,
} as const;

/** The tehsil/block select needs distinct values (LGD tehsil and block codes overlap): "t:629", "b:629". */
const lgdCode = (v: string, kind: 't' | 'b') => (v.startsWith(`${kind}:`) && v.slice(2)) || undefined;

/** A stored submission as the form shows it, for "Correct and resend" (the full Aadhaar is not on the device). */
export function formOf(s: GrievanceSubmission): Form {
  return {
    name: s.name, mobile: s.mobile, janAadhaarId: s.janAadhaarId ?? '', aadhaar: '', address: s.address ?? '', pin: s.pin ?? '',
    areaType: s.areaType, districtCode: s.districtCode, tehsil: s.tehsilCode ? `t:${s.tehsilCode}` : s.blockCode ? `b:${s.blockCode}` : '',
    departmentCode: s.departmentCode, categoryCode: s.categoryCode ?? '', description: s.description, consent: s.consent,
    villageCode: s.villageCode ?? '', gramPanchayatCode: s.gramPanchayatCode ?? '', wardCode: s.wardCode ?? '',
  };
}

/** The form's values as the shared parser takes them. */
export function toInput(f: Form): IntakeInput {
  return {
    name: f.name, mobile: f.mobile, janAadhaarId: f.janAadhaarId, address: f.address, pin: f.pin,
    areaType: f.areaType, districtCode: f.districtCode, tehsilCode: lgdCode(f.tehsil, 't'), blockCode: lgdCode(f.tehsil, 'b'),
    departmentCode: f.departmentCode, categoryCode: f.categoryCode, description: f.description, consent: f.consent,
    villageCode: f.villageCode, gramPanchayatCode: f.gramPanchayatCode, wardCode: f.wardCode,
  };
}

/** Message keys per form field; the schema's `tehsilCode` error belongs to the `tehsil` control. */
export function validate(f: Form): Partial<Record<Name, string>> {
  const r = parseIntake(toInput(f));
  const errors: Partial<Record<Name, string>> = {};
  if (!r.ok) {
    for (const [k, v] of Object.entries(r.errors)) {
      const name = (k === 'tehsilCode' || k === 'blockCode' ? 'tehsil' : k === 'aadhaarLast4' ? 'aadhaar' : k) as Name;
      if (v) errors[name] = v;
    }
  }
  if (f.aadhaar.trim() && !normalizeAadhaar(f.aadhaar)) errors.aadhaar = 'err.aadhaar';
  return errors;
}

export interface IntakeFormModel {
  form: Form;
  errors: Partial<Record<Name, string>>;
  /** The message key to show next to `n` now (touched or submitted), if any. */
  shown(n: Name): string | undefined;
  set<N extends Name>(n: N, v: Form[N]): void;
  /** Several values at once (a triage suggestion, the village picker). */
  merge(v: Partial<Form>): void;
  touch(...ns: Name[]): void;
  /** Props for a text input or textarea bound to `n`. */
  text(n: Name): { value: string; onInput: (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => void; onBlur: () => void };
  /** Props for a select bound to `n` (a choice counts as touched). */
  select(n: Name): { value: string; onChange: (e: TargetedEvent<HTMLSelectElement>) => void; onBlur: () => void };
  submitted: boolean;
  setSubmitted(v: boolean): void;
  /** This device has no key to seal Aadhaar (found out on blur or at submit). */
  keyMissing: boolean;
  setKeyMissing(v: boolean): void;
  /** Back to an empty form (or to `to`), nothing touched. */
  reset(to?: Form): void;
}

/**
 * The form's state. `onBlurField` runs after the field's own blur handling (the screen checks the
 * Aadhaar key there).
 */
export function useIntakeForm(onBlurField?: (n: Name, form: Form) => void): IntakeFormModel {
  const [form, setForm] = useState<Form>(EMPTY);
  const [touched, setTouched] = useState<ReadonlySet<Name>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [keyMissing, setKeyMissing] = useState(false);
  const errors = useMemo(() => validate(form), [form]);

  const set = <N extends Name>(n: N, v: Form[N]) =>
    setForm((f) => {
      const next = { ...f, [n]: v };
      if (n === 'districtCode' && v !== f.districtCode) Object.assign(next, { tehsil: '', ...NO_LOCAL });
      if (n === 'areaType' && v !== f.areaType) Object.assign(next, NO_LOCAL);
      if (n === 'departmentCode' && v !== f.departmentCode) next.categoryCode = '';
      return next;
    });
  const touch = (...ns: Name[]) => setTouched((s) => (ns.every((n) => s.has(n)) ? s : new Set([...s, ...ns])));
  /** On blur: a field that has something in it is checked; an empty one waits for submit. */
  const blur = (n: Name) => () => {
    if (String(form[n]).trim() || touched.has(n)) touch(n);
    onBlurField?.(n, form);
  };
  const aadhaarKeyError = keyMissing && form.aadhaar.trim() && !errors.aadhaar ? 'err.aadhaarKey' : undefined;

  return {
    form, errors, submitted, setSubmitted, keyMissing, setKeyMissing, set, touch,
    merge: (v) => setForm((f) => ({ ...f, ...v })),
    shown: (n) => {
      const key = n === 'aadhaar' ? errors.aadhaar ?? aadhaarKeyError : errors[n];
      return key && (submitted || touched.has(n)) ? key : undefined;
    },
    text: (n) => ({
      value: form[n] as string,
      onInput: (e) => set(n, e.currentTarget.value as never),
      onBlur: blur(n),
    }),
    select: (n) => ({
      value: form[n] as string,
      onChange: (e) => { set(n, e.currentTarget.value as never); touch(n); },
      onBlur: blur(n),
    }),
    reset: (to = EMPTY) => {
      setForm(to);
      setTouched(new Set());
      setSubmitted(false);
      setKeyMissing(false);
    },
  };
}
