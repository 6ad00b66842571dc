/**
 * The place in the intake form, below the description, where the on-device triage suggestion appears.
 * The suggestion component, the Comlink bridge and (through it) the worker with the model are fetched
 * only once the operator has typed a few words, so none of it is in the first-load JavaScript; all of
 * it is in the service worker's precache, so it works offline.
 */
import { lazyComponent } from '../lazy';
import { t, type Lang } from '../i18n';

/** What a suggestion can fill in; the operator applies it with one action, nothing changes by itself. */
export type TriageApply = { departmentCode?: string; categoryCode?: string; districtCode?: string; tehsilCode?: string };

/** The suggestion on screen (stored with the grievance, see TriageRecord in domain/schemas.ts). */
export type TriageShown = { modelVersion: string; department: string; category: string | null; confidence: number };

export type TriageSlotProps = {
  /** The grievance description as typed (Hindi, English or romanised Hindi). */
  text: string;
  lang: Lang;
  /** The operator's current choices: a suggestion never overwrites them by itself. */
  departmentCode?: string;
  categoryCode?: string;
  districtCode?: string;
  /** Fills department, category, district and/or tehsil in the form; the form re-validates them. */
  onApply: (s: TriageApply) => void;
  /** The suggestion now shown, or null when none is (too short, unsure, unavailable). */
  onShown?: (s: TriageShown | null) => void;
};

/** Below this many characters there is nothing to suggest from (the component's own minimum). */
const MIN_CHARS = 8;

const Suggestion = lazyComponent(() => import('./triage-suggestion').then((m) => m.TriageSuggestion));

export function TriageSlot(props: TriageSlotProps) {
  if (props.text.trim().length < MIN_CHARS) return null;
  return (
    <Suggestion text={props.text} lang={props.lang} departmentCode={props.departmentCode} categoryCode={props.categoryCode}
      districtCode={props.districtCode} minChars={MIN_CHARS} t={(key) => t(props.lang, key)} onAccept={props.onApply} onShown={props.onShown} />
  );
}
