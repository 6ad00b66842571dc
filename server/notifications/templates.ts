/**
 * The SMS / WhatsApp texts sent to citizens, in Hindi and English: on registration (the official number),
 * on disposal (the outcome and how to give feedback or reopen), on reopening, when the officer asks for
 * more information, and a one-time code (server/otp). A message goes in the language the grievance was
 * registered in.
 */
import { format, type Lang } from '../../src/domain/catalogue';
import { OUTCOME_PHRASES } from '../../src/domain/labels';
import { departmentByCode } from '../../src/domain/reference';
import type { Outcome } from '../../src/domain/workflow';

export const NOTIFICATION_KINDS = ['registered', 'disposed', 'reopened', 'info-requested', 'otp', 'report-ready', 'monthly-ready', 'chat'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type Channel = 'sms' | 'whatsapp';

const TEMPLATES: Record<NotificationKind, Record<Lang, string>> = {
  registered: {
    hi: 'राजस्थान सम्पर्क: आपका परिवाद दर्ज हो गया है। परिवाद संख्या {number} ({department})। स्थिति किसी भी ई-मित्र पर या 181 पर पूछें।',
    en: 'Rajasthan Sampark: your grievance is registered. Grievance number {number} ({department}). Ask its status at any e-Mitra or call 181.',
  },
  disposed: {
    hi: 'राजस्थान सम्पर्क: परिवाद {number} का निस्तारण हो गया: {outcome}। {days} दिन में किसी भी ई-मित्र पर या 181 पर बताएँ कि आप संतुष्ट हैं या नहीं; असंतुष्ट हों तो परिवाद पुनः खुलवा सकते हैं।',
    en: 'Rajasthan Sampark: grievance {number} has been disposed: {outcome}. Within {days} days, tell any e-Mitra or 181 whether you are satisfied; if not, you can have it reopened.',
  },
  reopened: {
    hi: 'राजस्थान सम्पर्क: परिवाद {number} पुनः खोला गया है और अधिकारी को भेजा गया है।',
    en: 'Rajasthan Sampark: grievance {number} has been reopened and sent back to the officer.',
  },
  'info-requested': {
    hi: 'राजस्थान सम्पर्क: परिवाद {number} पर अधिकारी को और जानकारी चाहिए। कृपया किसी भी ई-मित्र पर जाएँ या 181 पर कॉल करें।',
    en: 'Rajasthan Sampark: the officer needs more information on grievance {number}. Please visit any e-Mitra or call 181.',
  },
  // The code is the only 6-digit number in the text: the outbox blots it out once sent (./outbox.ts).
  otp: {
    hi: 'राजस्थान सम्पर्क: आपका कोड {code} है। इसे केवल वहीं बताएँ जहाँ आपने स्वयं माँगा हो (ई-मित्र पर या सम्पर्क चैट में), फ़ोन करने वाले किसी को नहीं। यह {minutes} मिनट तक मान्य है।',
    en: 'Rajasthan Sampark: your code is {code}. Give it only where you asked for it yourself (at an e-Mitra or in the Sampark chat), never to someone who calls you. It works for {minutes} minutes.',
  },
  // To an account subscribed to the daily figures (server/reports/daily-job.ts).
  'report-ready': {
    hi: 'राजस्थान सम्पर्क: {reportDate} के आँकड़े तैयार हैं: दर्ज {registered}, निस्तारित {disposed}, लंबित {pending}। इन्फोग्राफ़िक रिपोर्ट स्क्रीन पर देखें।',
    en: 'Rajasthan Sampark: the figures for {reportDate} are ready: registered {registered}, disposed {disposed}, pending {pending}. See the infographic on the Reports screen.',
  },
  // On the 1st, to an account subscribed to the monthly report.
  'monthly-ready': {
    hi: 'राजस्थान सम्पर्क: {month} की मासिक विभागवार रिपोर्ट तैयार है। रिपोर्ट स्क्रीन ({link}) पर महीना चुनकर CSV, XLSX या PDF डाउनलोड करें।',
    en: 'Rajasthan Sampark: the monthly department-wise report for {month} is ready. Pick the month on the Reports screen ({link}) to download CSV, XLSX or PDF.',
  },
  // The citizen assistant's reply to a message on WhatsApp (server/chat/whatsapp.ts), as the engine wrote it.
  chat: { hi: '{text}', en: '{text}' },
};


export interface TemplateFacts {
  /** The grievance it is about (none: a code sent to a mobile with no grievance yet). */
  number?: string;
  departmentCode?: string;
  outcome?: Outcome | null;
  reopenWindowDays?: number;
  /** The assistant's reply (kind `chat`). */
  text?: string;
  /** A one-time code and how many minutes it works. */
  code?: string;
  minutes?: number;
  /** The daily figures announced to a subscribed account. */
  reportDate?: string;
  /** The month of a monthly report (YYYY-MM) and where to find it. */
  month?: string;
  link?: string;
  registered?: number;
  disposed?: number;
  pending?: number;
}

/** The text of a notification of `kind` in `lang`. */
export function notificationText(kind: NotificationKind, lang: Lang, f: TemplateFacts): string {
  const dept = f.departmentCode ? departmentByCode(f.departmentCode) : undefined;
  const values: Record<string, string> = {
    number: f.number ?? '',
    code: f.code ?? '',
    minutes: String(f.minutes ?? ''),
    department: dept ? dept[lang] : (f.departmentCode ?? ''),
    outcome: f.outcome ? OUTCOME_PHRASES[f.outcome][lang] : '',
    days: String(f.reopenWindowDays ?? ''),
    reportDate: f.reportDate ?? '',
    month: f.month ?? '',
    link: f.link ?? '',
    registered: String(f.registered ?? ''),
    disposed: String(f.disposed ?? ''),
    pending: String(f.pending ?? ''),
    text: f.text ?? '',
  };
  return format(TEMPLATES[kind][lang], lang, values);
}

/** The channels each kind goes out on: the disposal (the action-taken report) also on WhatsApp, as Sampark does since 2026. */
export const CHANNELS: Record<NotificationKind, readonly Channel[]> = {
  registered: ['sms'], disposed: ['sms', 'whatsapp'], reopened: ['sms'], 'info-requested': ['sms'], otp: ['sms'], 'report-ready': ['sms'], 'monthly-ready': ['sms'], chat: ['whatsapp'],
};
