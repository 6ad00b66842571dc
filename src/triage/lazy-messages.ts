/**
 * Visible strings of the lazily loaded triage pieces, in Hindi and English: the duplicate warning
 * (src/ui/components/duplicate-warning.tsx) and the model line in Settings (triage-model-line.tsx). Kept
 * out of the app's first-load dictionary (src/ui/i18n.ts), since only those chunks need them;
 * tests/unit/triage-duplicate-window.test.ts holds them to the dictionary's rules.
 */
import { lookup, type Entry, type Lang, type Vars } from '../domain/catalogue';
import { statusLabel } from '../domain/labels';

export const LAZY_TRIAGE_MESSAGES = {
  'dup.title': { hi: 'इस परिवादी का मिलता-जुलता परिवाद पहले से दर्ज है', en: 'This citizen already has a similar grievance' },
  'dup.lead': { hi: 'वही परिवाद दोबारा दर्ज करने के बजाय उससे जोड़ें; नई समस्या हो तो फिर भी दर्ज करें।', en: 'Link to it instead of filing the same grievance again; if it is a new problem, register anyway.' },
  'dup.choose': { hi: 'पहले चुनें: "इससे जोड़ें" या "फिर भी दर्ज करें"।', en: 'Choose first: "Link to it" or "Register anyway".' },
  'dup.onDevice': { hi: 'इस डिवाइस पर, अभी भेजा नहीं गया', en: 'on this device, not sent yet' },
  'dup.registered': { hi: 'दर्ज {date}', en: 'registered {date}' },
  'dup.similar': { hi: '{pct} मिलता-जुलता', en: '{pct} similar' },
  'dup.byMobile': { hi: 'वही मोबाइल नंबर', en: 'same mobile number' },
  'dup.byAadhaar': { hi: 'वही आधार', en: 'same Aadhaar' },
  'dup.byBoth': { hi: 'वही मोबाइल नंबर और आधार', en: 'same mobile number and Aadhaar' },
  'dup.link': { hi: 'इससे जोड़ें', en: 'Link to it' },
  'dup.anyway': { hi: 'फिर भी दर्ज करें', en: 'Register anyway' },
  'dup.linkedLocal': { hi: 'दोबारा दर्ज नहीं किया गया: यह पहले से दर्ज परिवाद {n} की पावती है।', en: 'Not registered again: this is the receipt of the existing grievance {n}.' },
  'dup.linkedRemote': { hi: 'दोबारा दर्ज नहीं किया गया। पहले से दर्ज परिवाद {n} ({department}, दर्ज {date}): {status}। परिवादी को यही संख्या बताएँ।', en: 'Not registered again. The existing grievance {n} ({department}, registered {date}): {status}. Give the citizen this number.' },
  'model.label': { hi: 'सुझाव मॉडल', en: 'Triage model' },
  'model.builtIn': { hi: 'ऐप के साथ आया', en: 'built into the app' },
  'model.downloaded': { hi: 'सर्वर से अद्यतन, {date}', en: 'updated from the server, {date}' },
  'model.checking': { hi: 'जाँच हो रही है…', en: 'checking…' },
} satisfies Record<string, Entry>;

export type LazyTriageMessageKey = keyof typeof LAZY_TRIAGE_MESSAGES;

const text = lookup(LAZY_TRIAGE_MESSAGES);
/** The text of `key` in `lang`, `{name}` placeholders filled. */
export const lazyText = (lang: Lang, key: LazyTriageMessageKey, vars?: Vars): string => text(lang, key, vars);
/** A grievance's status as the warning says it ("with the officer"): the one label, in a sentence's case in English. */
export const statusInSentence = (status: string, lang: Lang): string => (lang === 'en' ? statusLabel(status, lang).toLowerCase() : statusLabel(status, lang));
