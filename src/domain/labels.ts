/**
 * The lifecycle words every channel uses, written once (part of the one catalogue, ./catalogue.ts): a
 * grievance's status and a disposal's outcome as a label (screens, the duplicate warning) and, for the
 * outcome, as the phrase a sentence needs (the assistant's replies, the SMS texts). Words follow PRODUCT.md.
 */
import type { Entry, Lang } from './catalogue';
import type { Outcome, Status as GrievanceStatus } from './workflow';

/** A status as a label: "With the officer". */
export const STATUS_LABELS = {
  registered: { hi: 'दर्ज', en: 'Registered' },
  assigned: { hi: 'अधिकारी को सौंपा गया', en: 'With the officer' },
  in_progress: { hi: 'कार्यवाही जारी', en: 'Being worked on' },
  disposed: { hi: 'निस्तारित', en: 'Disposed' },
  closed: { hi: 'बंद', en: 'Closed' },
  reopened: { hi: 'पुनः खोला गया', en: 'Reopened' },
} as const satisfies Record<GrievanceStatus, Entry>;

/** An outcome as a label: "Relief given". */
export const OUTCOME_LABELS = {
  relief: { hi: 'राहत दी गई', en: 'Relief given' },
  'interim-relief': { hi: 'अंतरिम राहत', en: 'Interim relief' },
  rejected: { hi: 'अस्वीकृत', en: 'Rejected' },
  'false-case': { hi: 'असत्य परिवाद', en: 'False case' },
  filed: { hi: 'दाखिल दफ्तर', en: 'Filed' },
  'not-possible': { hi: 'कार्यवाही संभव नहीं', en: 'Not possible' },
} as const satisfies Record<Outcome, Entry>;

/** An outcome inside a sentence: "Disposal: relief given." */
export const OUTCOME_PHRASES = {
  relief: { hi: 'राहत दी गई', en: 'relief given' },
  'interim-relief': { hi: 'अंतरिम राहत दी गई', en: 'interim relief given' },
  rejected: { hi: 'अस्वीकृत', en: 'rejected' },
  'false-case': { hi: 'परिवाद असत्य पाया गया', en: 'found to be a false complaint' },
  filed: { hi: 'दाखिल दफ़्तर', en: 'filed' },
  'not-possible': { hi: 'कार्यवाही संभव नहीं', en: 'action not possible' },
} as const satisfies Record<Outcome, Entry>;

/** A status label, or the code itself for a status this build does not know (a newer server). */
export const statusLabel = (status: string, lang: Lang): string => (STATUS_LABELS as Record<string, Entry>)[status]?.[lang] ?? status;
/** An outcome phrase, or the code itself for an outcome this build does not know. */
export const outcomePhrase = (outcome: string, lang: Lang): string => (OUTCOME_PHRASES as Record<string, Entry>)[outcome]?.[lang] ?? outcome;

/** The same labels as catalogue entries under `wfs.*` and `outcome.*`, for the screens' lookups. */
export const LIFECYCLE_PART = {
  ...Object.fromEntries(Object.entries(STATUS_LABELS).map(([k, e]) => [`wfs.${k}`, e])),
  ...Object.fromEntries(Object.entries(OUTCOME_LABELS).map(([k, e]) => [`outcome.${k}`, e])),
} as { readonly [K in `wfs.${GrievanceStatus}` | `outcome.${Outcome}`]: Entry };
