/**
 * Reading what a citizen typed, in Hindi (Devanagari), English or romanised Hindi: numbers (grievance,
 * receipt, mobile, code), yes/no, which thing they want (intent), and the labels of the buttons the
 * assistant offered. Keyword rules, not a language model: the text is only ever matched, never obeyed,
 * so "ignore your instructions…" is just words that match nothing.
 */
import { asciiDigits } from '../domain/digits';
import { normalizeMobile } from '../domain/identity';
import { parseGrievanceNumber, RECEIPT_PATTERN } from '../domain/numbers';
import { DISTRICTS } from '../domain/reference';
import { CHAT_STRINGS, type ChatKey } from './strings';

export type Intent = 'register' | 'status' | 'feedback' | 'faq' | 'human' | 'menu';

/** Lower case, ASCII digits, Devanagari nukta and chandrabindu folded, spaces collapsed. */
export function fold(text: string): string {
  return asciiDigits(text).toLowerCase().normalize('NFC').replace(/\u093C/g, '').replace(/\u0901/g, '\u0902').replace(/\s+/g, ' ').trim();
}

export interface Numbers {
  /** A 13-digit grievance number with a right check digit. */
  number?: string;
  /** 13 digits whose check digit is wrong. */
  badNumber?: boolean;
  receipt?: string;
  mobile?: string;
  /** Exactly 6 digits standing alone. */
  code?: string;
}

/** The numbers in a text: digit runs joined by hyphens (a space separates two numbers, except "+91 98…"). */
export function findNumbers(text: string): Numbers {
  const t = asciiDigits(text);
  const out: Numbers = {};
  const receipt = t.toUpperCase().match(/K\d{1,12}-\d{6}-[0-9A-HJKMNP-TV-Z]{5}-\d{4,9}/);
  const rest = receipt && RECEIPT_PATTERN.test(receipt[0]) ? ((out.receipt = receipt[0]), t.replace(new RegExp(receipt[0], 'i'), ' ')) : t;
  for (const m of rest.matchAll(/(\+91[\s-]?)?\d(?:[\d-]*\d)?/g)) {
    const digits = m[0].replace(/[^\d+]/g, '');
    const plain = digits.replace(/^\+91/, '');
    if (!m[1] && plain.length === 13) {
      const n = parseGrievanceNumber(plain);
      if (n) out.number ??= n;
      else out.badNumber = true;
    } else if (plain.length === 6 && !m[1]) out.code ??= plain;
    else {
      const mobile = normalizeMobile(m[0]);
      if (mobile) out.mobile ??= mobile;
    }
  }
  if (!out.mobile) {
    const spaced = spacedMobile(rest);
    if (spaced) out.mobile = spaced;
  }
  return out;
}

// A Latin word or number stands alone: "181" inside a code or a mobile number (118181, 9829181000) is not a call for 181.
const has = (t: string, words: readonly string[]) => words.some((w) => (/^[a-z0-9 ]+$/.test(w) ? new RegExp(`(^|[^a-z0-9])${w}($|[^a-z0-9])`).test(t) : t.includes(w)));

const YES = ['yes', 'y', 'ha', 'haan', 'han', 'haa', 'ji', 'ji haan', 'ok', 'okay', 'theek', 'thik', 'sahi', 'correct', 'right', 'sure', 'हाँ', 'हां', 'हा', 'जी', 'सही', 'ठीक', 'बिल्कुल'];
const NO = ['no', 'n', 'nahi', 'nahin', 'nai', 'na', 'galat', 'wrong', 'not', 'नहीं', 'नही', 'ना', 'गलत', 'ग़लत'];

/** Yes or no (null: neither, or both). */
export function yesNo(text: string): boolean | null {
  const t = fold(text);
  const y = has(t, YES) || t === fold(CHAT_STRINGS['choice.yes'].hi);
  const n = has(t, NO);
  return y === n ? null : y;
}

const INTENT_WORDS: Record<Exclude<Intent, 'menu'>, readonly string[]> = {
  human: ['181', 'human', 'person', 'agent', 'operator', 'insaan', 'insan', 'aadmi', 'baat karni', 'baat karna', 'call', 'helpline', 'इंसान', 'व्यक्ति', 'बात करनी', 'बात करना', 'हेल्पलाइन', 'कॉल'],
  feedback: ['feedback', 'satisfied', 'santusht', 'asantusht', 'reopen', 'dobara khol', 'phir se khol', 'rai', 'राय', 'संतुष्ट', 'असंतुष्ट', 'पुनः खोल', 'दोबारा खोल', 'फीडबैक'],
  status: ['status', 'sthiti', 'stithi', 'track', 'kya hua', 'kahan tak', 'kab tak', 'progress', 'स्थिति', 'क्या हुआ', 'कहाँ तक', 'कहां तक', 'स्टेटस'],
  faq: ['faq', 'question', 'document', 'documents', 'kagaz', 'kaagaz', 'dastavez', 'kitne din', 'time limit', 'samay seema', 'kaun sa vibhag', 'which department', 'how long', 'प्रश्न', 'दस्तावेज', 'कागज', 'कितने दिन', 'समय सीमा', 'कौन सा विभाग', 'सवाल'],
  register: ['register', 'new complaint', 'new grievance', 'complaint', 'shikayat darj', 'shikayat karni', 'nayi shikayat', 'naya parivad', 'darj karna', 'darj karni', 'file a', 'शिकायत दर्ज', 'नई शिकायत', 'नया परिवाद', 'दर्ज करना', 'दर्ज करनी', 'शिकायत करनी'],
};
const MENU_WORDS = ['menu', 'start over', 'restart', 'cancel', 'shuru', 'band karo', 'rehne do', 'मेनू', 'मुख्य मेनू', 'रद्द', 'शुरू से', 'रहने दो'];
const CHOICE_INTENT: Partial<Record<ChatKey, Intent>> = {
  'choice.register': 'register', 'choice.status': 'status', 'choice.feedback': 'feedback', 'choice.faq': 'faq', 'choice.human': 'human', 'choice.menu': 'menu',
};

/** Which of the offered choices (keys) the text is: its label in either language, or its position ("2"). */
export function pickChoice(text: string, offered: readonly ChatKey[]): ChatKey | null {
  const t = fold(text);
  for (const k of offered) if (t === fold(CHAT_STRINGS[k].hi) || t === fold(CHAT_STRINGS[k].en)) return k;
  if (/^\d$/.test(t) && Number(t) >= 1 && Number(t) <= offered.length) return offered[Number(t) - 1];
  return null;
}

/** What the text asks for, if it says (a button label, or words like "status", "स्थिति", "shikayat darj"). */
export function intentOf(text: string): Intent | null {
  const t = fold(text);
  for (const [k, intent] of Object.entries(CHOICE_INTENT)) {
    const e = CHAT_STRINGS[k as ChatKey];
    if (t === fold(e.hi) || t === fold(e.en)) return intent;
  }
  if (has(t, MENU_WORDS)) return 'menu';
  for (const intent of ['human', 'feedback', 'status', 'faq', 'register'] as const) if (has(t, INTENT_WORDS[intent])) return intent;
  return null;
}

/** A district named in the text (its code), by its English or Hindi name or a known variant. */
export function districtIn(text: string): string | null {
  const t = fold(text);
  for (const d of DISTRICTS) {
    const names = [d.en, d.hi, ...d.variants].map(fold).filter((n) => n.length >= 3);
    if (names.some((n) => (/^[a-z ]+$/.test(n) ? new RegExp(`(^|[^a-z])${n}($|[^a-z])`).test(t) : t.includes(n)))) return d.code;
  }
  return null;
}

/** A code typed alone (6 digits, ASCII or Devanagari, spaces allowed between them). */
export function codeOnly(text: string): string | null {
  const d = asciiDigits(text).replace(/\s/g, '');
  return /^\d{6}$/.test(d) ? d : null;
}

/** Words that ask to register without saying what the problem is. */
const REQUEST_WORDS = new Set([
  'i', 'a', 'an', 'the', 'to', 'my', 'me', 'want', 'wish', 'would', 'like', 'need', 'file', 'lodge', 'make', 'register', 'new', 'complaint', 'grievance',
  'please', 'pls', 'help', 'mujhe', 'muje', 'meri', 'mera', 'ek', 'nayi', 'naya', 'nai', 'shikayat', 'parivad', 'darj', 'karni', 'karna', 'karwani', 'hai', 'he', 'h',
  'मुझे', 'मेरी', 'मेरा', 'एक', 'नई', 'नया', 'शिकायत', 'परिवाद', 'दर्ज', 'करनी', 'करना', 'करवानी', 'है', 'कृपया',
]);

/** Whether the text says something of the problem itself (two or more words besides "I want to file a complaint"). */
export function describesProblem(text: string): boolean {
  const words = fold(text).replace(/[^\p{L}\p{M}\p{N}\s]/gu, ' ').split(' ').filter((w) => w.length >= 2 && !REQUEST_WORDS.has(w));
  return words.length >= 2 && text.trim().length >= 10;
}

/** A mobile typed as two groups of five ("98290 62222", "+91 98290 62222"). */
export function spacedMobile(text: string): string | null {
  const m = asciiDigits(text).match(/(?<![\d+])(?:\+?91[\s-]?)?([6-9]\d{4})\s(\d{5})(?!\d)/);
  return m ? m[1] + m[2] : null;
}
