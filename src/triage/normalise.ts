/**
 * Text normalisation for triage: Devanagari Hindi, English and romanised Hindi ("bijli nahi aa rahi",
 * "naregā") are brought to one rough Latin phonetic form so that the three registers share features.
 * Pure: runs in the triage worker and in Node (CLI, training).
 *
 * Steps: cap the length; transliterate Devanagari to Latin with inherent-vowel (schwa) deletion; strip
 * diacritics; fold spellings that vary in romanised Hindi (vowel length, ai/ay/e, au/o, sh/s, w/v, double
 * letters, nasalisation at the end of a word); map frequent variant spellings to one form.
 */

/** Texts longer than this are cut before any processing, so a pasted 10,000-character text stays cheap. */
export const MAX_CHARS = 2000;

const CONSONANTS: Record<string, string> = {
  'क': 'k', 'ख': 'kh', 'ग': 'g', 'घ': 'gh', 'ङ': 'n', 'च': 'ch', 'छ': 'chh', 'ज': 'j', 'झ': 'jh', 'ञ': 'n',
  'ट': 't', 'ठ': 'th', 'ड': 'd', 'ढ': 'dh', 'ण': 'n', 'त': 't', 'थ': 'th', 'द': 'd', 'ध': 'dh', 'न': 'n',
  'ऩ': 'n', 'प': 'p', 'फ': 'ph', 'ब': 'b', 'भ': 'bh', 'म': 'm', 'य': 'y', 'र': 'r', 'ऱ': 'r', 'ल': 'l',
  'ळ': 'l', 'ऴ': 'l', 'व': 'v', 'श': 'sh', 'ष': 'sh', 'स': 's', 'ह': 'h',
  // precomposed nukta letters (NFC keeps them decomposed, but typed text may hold either form)
  'क़': 'k', 'ख़': 'kh', 'ग़': 'g', 'ज़': 'z', 'ड़': 'd', 'ढ़': 'dh', 'फ़': 'f', 'य़': 'y',
};
/** A consonant followed by the nukta sign. ड़ is written "d" more often than "r" in typed Hinglish (sadak). */
const NUKTA: Record<string, string> = { 'क': 'k', 'ख': 'kh', 'ग': 'g', 'ज': 'z', 'ड': 'd', 'ढ': 'dh', 'फ': 'f', 'य': 'y' };
const VOWELS: Record<string, string> = {
  'अ': 'a', 'आ': 'aa', 'इ': 'i', 'ई': 'ii', 'उ': 'u', 'ऊ': 'uu', 'ऋ': 'ri', 'ॠ': 'ri', 'ऌ': 'li', 'ए': 'e',
  'ऐ': 'ai', 'ओ': 'o', 'औ': 'au', 'ऑ': 'o', 'ऍ': 'e', 'ऎ': 'e', 'ऒ': 'o',
};
const MATRAS: Record<string, string> = {
  'ा': 'aa', 'ि': 'i', 'ी': 'ii', 'ु': 'u', 'ू': 'uu', 'ृ': 'ri', 'ॄ': 'ri', 'े': 'e', 'ै': 'ai', 'ो': 'o',
  'ौ': 'au', 'ॉ': 'o', 'ॅ': 'e', 'ॆ': 'e', 'ॊ': 'o',
};
const VIRAMA = '्', NUKTA_SIGN = '़', ANUSVARA = 'ं', CHANDRABINDU = 'ँ', VISARGA = 'ः';

/** One written syllable: consonant (or '' for an independent vowel), its vowel ('a' inherent, '' after virama). */
type Unit = { c: string; v: string; inherent: boolean; nasal: boolean };

/** Devanagari run (one word) to Latin, deleting the inherent 'a' where Hindi does not pronounce it. */
function devanagariWord(word: string): string {
  const units: Unit[] = [];
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    const cons = CONSONANTS[ch];
    if (cons !== undefined) {
      let c = cons;
      if (word[i + 1] === NUKTA_SIGN) { c = NUKTA[ch] ?? cons; i++; }
      units.push({ c, v: 'a', inherent: true, nasal: false });
      continue;
    }
    const last = units[units.length - 1];
    if (ch in MATRAS) { if (last && last.inherent) { last.v = MATRAS[ch]; last.inherent = false; } else units.push({ c: '', v: MATRAS[ch], inherent: false, nasal: false }); continue; }
    if (ch === VIRAMA) { if (last && last.inherent) { last.v = ''; last.inherent = false; } continue; }
    if (ch === ANUSVARA || ch === CHANDRABINDU) { if (last) last.nasal = true; continue; }
    if (ch === VISARGA) { if (last) last.v += 'h'; continue; }
    if (ch === NUKTA_SIGN) continue;
    if (ch in VOWELS) { units.push({ c: '', v: VOWELS[ch], inherent: false, nasal: false }); continue; }
    const code = ch.charCodeAt(0);
    if (code >= 0x0966 && code <= 0x096f) { units.push({ c: String(code - 0x0966), v: '', inherent: false, nasal: false }); continue; }
    // other signs (avagraha, om, vedic marks): ignore
  }
  const n = units.length;
  // Schwa deletion, right to left (Ohala's rule): drop the final inherent 'a' of a word of two or more
  // syllables unless it follows a conjunct (मित्र = mitra), and a medial one in the context V C _ C V.
  for (let i = n - 1; i >= 0; i--) {
    const u = units[i];
    if (!u.inherent || u.nasal) continue;
    if (i === n - 1) {
      if (n > 1 && units[i - 1].v !== '') u.v = '';
    } else if (i > 0 && units[i - 1].v !== '' && units[i + 1].c !== '' && units[i + 1].v !== '') {
      u.v = '';
    }
  }
  let out = '';
  for (let i = 0; i < n; i++) {
    const u = units[i];
    out += u.c + u.v;
    // Nasalisation is written 'n' before a consonant (सांगानेर = sanganer) and dropped at the end of a
    // word or before a vowel (नहीं = nahi, में = me), as people type it.
    if (u.nasal && i < n - 1 && units[i + 1].c !== '') out += 'n';
  }
  return out;
}

const isDevanagari = (code: number) => code >= 0x0900 && code <= 0x097f;

/** Transliterate every Devanagari run in `text` to rough Latin; other characters are left as they are. */
export function transliterate(text: string): string {
  let out = '', run = '';
  for (const ch of text) {
    if (isDevanagari(ch.charCodeAt(0)) && ch !== '।' && ch !== '॥') run += ch;
    else { if (run) { out += devanagariWord(run); run = ''; } out += ch === '।' || ch === '॥' ? '.' : ch; }
  }
  return run ? out + devanagariWord(run) : out;
}

/**
 * Fold one Latin token to its phonetic key: vowel length, ai/ay→e, au/ou→o, sh→s, ph→f, w→v, z→j, q→k,
 * double letters. Applied after transliteration, so "पानी", "paani" and "pani" all give "pani".
 */
export function foldToken(tok: string): string {
  let t = tok;
  t = t.replace(/chh/g, 'ch').replace(/sh/g, 's').replace(/ph/g, 'f').replace(/w/g, 'v').replace(/z/g, 'j')
    .replace(/q/g, 'k').replace(/x/g, 'ks').replace(/ck/g, 'k').replace(/m(?=[bp])/g, 'n');
  t = t.replace(/ee|ii/g, 'i').replace(/oo|uu/g, 'u');
  t = t.replace(/a+/g, 'a');
  t = t.replace(/a[iy](?![aeiou])/g, 'e').replace(/ai/g, 'e').replace(/a[uv](?![aeiou])|ou/g, 'o');
  t = t.replace(/([a-z])\1+/g, '$1');
  return t;
}

/** Frequent variant spellings (after folding) mapped to one form: typed Hinglish is very loose. */
const RAW_VARIANTS: Record<string, string> = {
  nhi: 'nahi', nahin: 'nahi', nahim: 'nahi', nah: 'nahi', ni: 'nahi',
  h: 'he', hy: 'he', hey: 'he', hain: 'he', hen: 'he',
  rhi: 'rahi', rha: 'raha', rhe: 'rahe', kr: 'kar', krne: 'karne', kro: 'karo', krte: 'karte', hui: 'hui',
  mai: 'me', mei: 'me', men: 'me', mein: 'me', mujhe: 'muje', mje: 'muje',
  ganv: 'gaon', gav: 'gaon', gao: 'gaon', gaom: 'gaon', gon: 'gaon', ganon: 'gaon', gava: 'gaon',
  nrega: 'narega', manrega: 'narega', mnrega: 'narega', mgnrega: 'narega', mgnarega: 'narega', manarega: 'narega', naregha: 'narega',
  bijali: 'bijli', bjli: 'bijli', bijlee: 'bijli',
  panni: 'pani',
  sadak: 'sadak', sarak: 'sadak', sdak: 'sadak', sadk: 'sadak',
  nali: 'nali', naali: 'nali', nale: 'nali', nalee: 'nali',
  rasan: 'rasan', rashan: 'rasan',
  pension: 'pensan',
  sikayat: 'sikayat', shikayat: 'sikayat', sikayt: 'sikayat',
  trasformar: 'transformer', tansfarmar: 'transformer', transfarmar: 'transformer', tranfarmar: 'transformer', transformar: 'transformer', trans: 'transformer', tr: 'transformer', trafo: 'transformer',
  kachara: 'kachra', kacra: 'kachra', kachda: 'kachra', kacda: 'kachra',
  hendpamp: 'handpamp', hendpump: 'handpamp', handpump: 'handpamp', handpmp: 'handpamp', hedpamp: 'handpamp',
  polis: 'pulis', police: 'pulis', polic: 'pulis', pulice: 'pulis',
  aspatal: 'aspatal', haspatal: 'aspatal', hospital: 'aspatal',
  dr: 'doktar', doctor: 'doktar', daktar: 'doktar', doktor: 'doktar', doctar: 'doktar',
  skul: 'skul', school: 'skul', iskul: 'skul', vidyalay: 'vidyalay',
  lite: 'lait', light: 'lait', lit: 'lait',
  mitra: 'mitr', emitra: 'emitr',
  // English loanwords as typed in Latin and as written in Devanagari: one key for both
  meter: 'मीटर', voltage: 'वोल्टेज', ration: 'राशन', ambulance: 'एम्बुलेंस', licence: 'लाइसेंस', license: 'लाइसेंस',
  roadways: 'रोडवेज', tanker: 'टैंकर', connection: 'कनेक्शन', supply: 'सप्लाई', pipeline: 'पाइपलाइन', pipe: 'पाइप',
  sewer: 'सीवर', colony: 'कॉलोनी', teacher: 'टीचर', card: 'कार्ड', bank: 'बैंक', loan: 'लोन', online: 'ऑनलाइन',
  mobile: 'मोबाइल', road: 'रोड', bus: 'बस', fir: 'एफआईआर', kcc: 'केसीसी', dap: 'डीएपी', rte: 'आरटीई', sho: 'एसएचओ',
  jen: 'जेईएन', aen: 'एईएन', phed: 'पीएचईडी', pwd: 'पीडब्ल्यूडी', sso: 'एसएसओ', otp: 'ओटीपी', sdm: 'एसडीएम',
  bdo: 'बीडीओ', vdo: 'वीडीओ', tc: 'टीसी', cc: 'सीसी', current: 'करंट', office: 'ऑफिस', complaint: 'कंप्लेंट',
  garbage: 'गार्बेज', tractor: 'ट्रैक्टर', motor: 'मोटर', number: 'नंबर', form: 'फॉर्म', registry: 'रजिस्ट्री',
  patta: 'पट्टा',
};
const rawKey = (w: string) => {
  const latin = transliterate(w).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
  return /^\d+$/.test(latin) ? latin : foldToken(latin);
};
const VARIANTS: Record<string, string> = {};
for (const [k, v] of Object.entries(RAW_VARIANTS)) {
  // the Devanagari spelling of a loanword takes the key of its Latin spelling, and vice versa for Hindi words
  const [from, to] = /[\u0900-\u097f]/.test(v) ? [rawKey(v), rawKey(k)] : [rawKey(k), rawKey(v)];
  if (from !== to) VARIANTS[from] = to;
}

/** The key of one word: transliterated, folded, and its variant spelling mapped to the common form. */
export function keyOf(word: string): string {
  const k = rawKey(word);
  return VARIANTS[k] ?? k;
}

/** Hindi, Hinglish and English function words: no features, never shown as a reason. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  // Hindi/Hinglish (folded)
  'ka', 'ke', 'ki', 'ko', 'se', 'me', 'par', 'pe', 'he', 'ho', 'tha', 'the', 'thi', 'hu', 'hun', 'or', 'aur', 'ya',
  'ye', 'yah', 'vah', 'vo', 'is', 'us', 'isi', 'usi', 'in', 'un', 'ek', 'bhi', 'to', 'hi', 'ne', 'jo', 'ki', 'kya',
  'koi', 'kuch', 'sab', 'hame', 'ham', 'hamare', 'hamara', 'hamari', 'mera', 'meri', 'mere', 'muje', 'apne',
  'apni', 'apna', 'aap', 'aapke', 'kripya', 'krpya', 'sri', 'srimaan', 'mahoday', 'mahodaya', 'jii', 'ji', 'sevaa',
  'seva', 'gaya', 'gai', 'gaye', 'raha', 'rahi', 'rahe', 'kar', 'kiya', 'kiye', 'karne', 'karke', 'diya', 'di',
  'diye', 'liye', 'lie', 'ab', 'tak', 'jab', 'tab', 'kab', 'ise', 'use', 'inhe', 'unhe', 'unka', 'unki', 'unke',
  'iska', 'iski', 'iske', 'vale', 'vala', 'vali', 'dvara', 'baad', 'bad', 'pahle', 'sath', 'saath', 'lekin',
  'parantu', 'kintu', 'agar', 'taki', 'jisse', 'jis', 'jise', 'kahi', 'yaha', 'vaha', 'abhi', 'bahut', 'bhut',
  // the frame of any complaint (greeting, request, thanks): says nothing about the department
  'namaste', 'namaskar', 'pranam', 'nivedan', 'savinay', 'prarthna', 'prarthi', 'sikayat', 'complaint', 'dhanyavad',
  'thanks', 'thank', 'bhavdiy', 'sriman', 'manniy', 'respected', 'dear', 'regards', 'faithfully', 'request',
  'samasya', 'pareshani', 'dikkat', 'problem', 'samadhan', 'karvae', 'karvaye', 'karvaen', 'madad', 'help',
  'jaldi', 'sighr', 'turant', 'urgent', 'nivasi', 'resident', 'sevame',
  // English
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'is', 'are', 'was', 'were', 'be', 'been', 'it', 'its',
  'this', 'that', 'and', 'or', 'but', 'we', 'our', 'us', 'my', 'me', 'i', 'you', 'your', 'he', 'she', 'his',
  'her', 'they', 'their', 'them', 'has', 'have', 'had', 'do', 'does', 'did', 'from', 'by', 'with', 'as', 'so',
  'please', 'sir', 'madam', 'kindly', 'am', 'will', 'would', 'can', 'could', 'there', 'here', 'since', 'also',
  'very', 'which', 'who', 'what', 'when', 'all', 'any', 'into', 'than', 'then', 'about', 'still',
].map((w) => keyOf(w)));

/** A word of the input: where it is in the (capped) text, how it was written, and its folded key. */
export type Token = { key: string; surface: string; start: number; end: number };

/** Longer "words" (a run of letters pasted without spaces) are cut: no real word is this long. */
const MAX_WORD = 30;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Split `text` (capped to MAX_CHARS) into words with their folded keys, in order. Never throws. */
export function tokenise(text: string): Token[] {
  const src = typeof text === 'string' ? text.slice(0, MAX_CHARS).normalize('NFC') : '';
  const out: Token[] = [];
  for (const m of src.matchAll(WORD)) {
    const surface = m[0];
    const key = keyOf(surface.slice(0, MAX_WORD));
    if (!key) continue;
    out.push({ key, surface, start: m.index!, end: m.index! + surface.length });
  }
  return out;
}

/** The normalised form of a whole text: folded keys joined by spaces (for tests and debugging). */
export function normalise(text: string): string {
  return tokenise(text).map((t) => t.key).join(' ');
}
