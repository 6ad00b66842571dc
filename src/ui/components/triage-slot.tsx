/**
 * ── TRIAGE SLOT ── the place in the intake form, below the description, where the on-device triage
 * suggestion goes. The triage team delivers ./triage-suggestion.tsx; wire it here with a dynamic
 * `import('./triage-suggestion')` (the worker bridge must stay out of the entry chunk) and render it with
 * these props. Until then this renders nothing.
 */
import type { Lang } from '../i18n';

/** What a suggestion can fill in; the operator applies it with one action, nothing changes by itself. */
export type TriageApply = { departmentCode?: string; categoryCode?: string; districtCode?: string };

export type TriageSlotProps = {
  /** The grievance description as typed (Hindi, English or romanised Hindi). */
  text: string;
  lang: Lang;
  /** The district chosen so far, if any (helps the place-dependent routing: rdpr vs lsg). */
  districtCode?: string;
  areaType?: 'rural' | 'urban';
  /** Fills department, category and/or district in the form; the form re-validates them. */
  onApply: (s: TriageApply) => void;
};

export function TriageSlot(_props: TriageSlotProps) {
  return null;
}
