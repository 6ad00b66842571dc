/**
 * Visible strings of the triage suggestion (src/ui/components/triage-suggestion.tsx), in Hindi and
 * English, to be merged into the app's dictionary (src/ui/i18n.ts). Same shape as domain/messages.ts.
 * The duplicate warning's strings are in ./lazy-messages.ts (loaded with the warning only).
 */
import type { Entry } from '../domain/messages';

export const TRIAGE_MESSAGES = {
  'triage.title': { hi: 'विवरण से सुझाव', en: 'Suggestion from the description' },
  'triage.working': { hi: 'सुझाव तैयार हो रहा है…', en: 'Preparing a suggestion…' },
  'triage.none': { hi: 'विवरण से कोई पक्का सुझाव नहीं; विभाग स्वयं चुनें।', en: 'No confident suggestion; choose the department yourself.' },
  'triage.unavailable': { hi: 'सुझाव अभी उपलब्ध नहीं हैं।', en: 'Suggestions are not available right now.' },
  'triage.department': { hi: 'विभाग', en: 'Department' },
  'triage.category': { hi: 'श्रेणी', en: 'Category' },
  'triage.district': { hi: 'जिला', en: 'District' },
  'triage.tehsil': { hi: 'तहसील', en: 'Tehsil' },
  'triage.because': { hi: 'इन शब्दों से', en: 'Because of' },
  'triage.confidence': { hi: 'भरोसा', en: 'confidence' },
  'triage.lowConfidence': { hi: 'कम भरोसा, जाँच लें', en: 'low confidence, please check' },
  'triage.accept': { hi: 'सुझाव स्वीकारें', en: 'Accept suggestion' },
  'triage.acceptKey': { hi: 'Alt+S दबाकर स्वीकारें', en: 'Press Alt+S to accept' },
  'triage.alternatives': { hi: 'अन्य संभावित विभाग', en: 'Other likely departments' },
  'triage.applied': { hi: 'सुझाव लागू है', en: 'Suggestion applied' },
} satisfies Record<string, Entry>;

export type TriageMessageKey = keyof typeof TRIAGE_MESSAGES;
