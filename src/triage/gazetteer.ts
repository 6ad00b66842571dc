/**
 * Place recognition: districts (with spelling variants and the 9 districts abolished in Dec 2024, mapped
 * to their parents), tehsils, panchayat samitis (blocks) and urban bodies named in a text, in Devanagari
 * or Latin script. Names and text go through the same transliteration and folding (normalise.ts), so
 * "बाड़मेर", "Barmer" and "Badmer" meet; a looser key (aspiration, ड़/र, short a and final nasal ignored)
 * catches the rest, e.g. "लूणकरणसर" and "Lunkaransar".
 */
import places from '../domain/reference/places.json' with { type: 'json' };
import { STOPWORDS, keyOf, tokenise, type Token } from './normalise';

export type PlaceKind = 'district' | 'abolished' | 'ulb' | 'tehsil' | 'block';

/** A place named in the text. `districts` are the current district codes it belongs to (none if unknown). */
export type PlaceMention = {
  kind: PlaceKind; name: string; code: string; districts: string[];
  surface: string; start: number; end: number; tokens: [number, number];
};

export type PlaceResult = {
  /** District codes in order of first mention, no duplicates (an abolished district gives its parent). */
  districts: string[];
  /** The first tehsil or block named whose district is the first district (to offer for the Tehsil field). */
  tehsil: { code: string; name: string; kind: 'tehsil' | 'block'; district: string; surface: string } | null;
  mentions: PlaceMention[];
};

type Entry = { kind: PlaceKind; name: string; code: string; districts: string[]; dev?: Set<string> };
type Name = { keys: string[]; entry: Entry };

const RANK: Record<PlaceKind, number> = { district: 0, abolished: 1, ulb: 2, tehsil: 3, block: 4 };

/**
 * Folded words that are also names of tehsils or blocks ("nagar" is a town, a word, and a tehsil): these
 * match only next to a place word such as tehsil, panchayat samiti, block or gaon.
 */
const COMMON_WORDS = new Set(['bari', 'nagar', 'rani', 'sum', 'nava', 'pahari', 'mandal', 'sahara', 'bhim',
  'luni', 'reni', 'bali', 'bap', 'dug', 'gida', 'seo', 'kotra', 'kotri', 'mania', 'duni', 'dhod', 'sikri', 'garhi',
  'bassi', 'deoli', 'devli', 'veir', 'baori', 'kaman', 'sarada', 'sapotra', 'tibi', 'tunga', 'hurda', 'talera',
  'lavan', 'savar', 'sahbad', 'begun', 'rohat', 'aau', 'sadi', 'sevar', 'badi', 'mitrapura', 'pavta', 'sidhmukh', 'sojat', 'ramsar',
  'raipur', 'ramgarh', 'fatehgarh', 'fatehpur', 'rajgarh', 'kalyanpur', 'narayanpur', 'govindgarh', 'lachhmangarh',
  'kisanganj', 'mangrol', 'sahpura', 'nayagaon', 'naugaon', 'badgaon', 'bargaon', 'kanod', 'semari', 'sabla', 'delvara',
  'bhinder', 'bhindar', 'chikhali', 'bajju', 'sepau', 'mandavar', 'kotkhavda', 'kherli', 'kheda', 'sanjhu', 'arain',
  'ganoda', 'amet', 'bakani', 'dalot', 'rasmi', 'suroth', 'hindoli', 'reodar', 'dechu', 'rahuvas', 'nagarfort', 'sahara',
  'kotputli', 'dudu', 'bandikui'].map((w) => keyOf(w)));
// (kotputli, dudu, bandikui are fine names; listed only to keep them out of the loose match)
for (const w of ['kotputli', 'dudu', 'bandikui']) COMMON_WORDS.delete(keyOf(w));

/**
 * Words of administration that make a doubtful name a place: "tehsil Nagar", "Bari panchayat samiti".
 * Town words (nagar palika, shahar) are left out on purpose: "नगर परिषद" must not make "नगर" a tehsil.
 */
const ADMIN_WORDS = new Set(['tehsil', 'tahsil', 'tahasil', 'teh', 'तहसील', 'jila', 'zila', 'jile', 'zile', 'जिला', 'जिले',
  'district', 'distt', 'dist', 'block', 'ब्लॉक', 'samiti', 'समिति', 'upkhand', 'उपखंड', 'subdivision'].map((w) => keyOf(w)));

/**
 * Written forms that read like a place but are common words: शिकार (hunting) folds like सीकर (Sikar).
 * A Devanagari word also counts only if it is spelt like the place's Hindi name (see devKey).
 */
const COMMON_SURFACES = new Set(['shikar', 'shikaar', 'shadi', 'shaadi']);

/** Tolerant Devanagari spelling key: nukta, chandrabindu, vowel length of i/u, श/ष/स, ण/न ignored; ा kept. */
const devKey = (s: string) => s.normalize('NFC').replace(/\u093c/g, '').replace(/ँ/g, 'ं').replace(/ी/g, 'ि').replace(/ू/g, 'ु')
  .replace(/[शष]/g, 'स').replace(/ई/g, 'इ').replace(/ऊ/g, 'उ').replace(/[णङञ]्?/g, (m) => (m.length > 1 ? 'ं' : 'न'))
  .replace(/न्(?=[क-ह])/g, 'ं').replace(/म्(?=[पफबभ])/g, 'ं').replace(/([ािुेैोौ])\1+/g, '$1').replace(/ं(?=$|\s)/g, '').replace(/[\s-]+/g, '');

/** Other names in use for a few places (LGD spelling → what people write). */
const ALIASES: Record<string, string[]> = {
  Amber: ['Amer', 'आमेर'], 'Marwar Junction': ['मारवाड़ जंक्शन', 'Marwar Jn'], 'Phulera (Hq.Sambhar)': ['Phulera', 'Sambhar', 'फुलेरा', 'सांभर'],
  Hindaun: ['Hindaun City', 'हिंडौन सिटी'], 'Pipar Shahar': ['Pipar', 'पीपाड़'], Pokaran: ['Pokhran', 'पोकरण'],
  Kheenvsar: ['Khinvsar', 'Khinwsar', 'खींवसर'], Gudhagorji: ['Gudha Gorji'], Osian: ['Osiyan', 'ओसियां'], Ahore: ['आहोर'],
};

/** Looser key for place names: no aspiration, ड़/ड = र, no short a after the first letter, no final nasal. */
export function looseKey(key: string): string {
  return key.replace(/([^aeiou])h/g, '$1').replace(/(?!^)d/g, 'r').replace(/y/g, 'i').replace(/v/g, 'b')
    .replace(/([aeiou])n$/, '$1').replace(/([^aeiou])e$/, '$1').replace(/(?!^)a/g, '').replace(/([a-z])\1+/g, '$1');
}

/**
 * Urban bodies whose LGD name matches no district, tehsil or block of one district: the district of the
 * tehsil they lie in (our own compilation, post-2023 districts; verify against LGD before production).
 */
const ULB_DISTRICT: Record<string, string> = {
  Amet: 'rajsamand', Anta: 'baran', Baggar: 'jhunjhunu', Bagru: 'jaipur', Bali: 'pali', Bari: 'dholpur', BASSI: 'jaipur',
  Begun: 'chittorgarh', Bhinder: 'udaipur', Bhiwadi: 'khairthal-tijara', Bissau: 'jhunjhunu', Chhapar: 'churu', Deoli: 'tonk',
  Deshnoke: 'bikaner', Falna: 'pali', Fatehnagar: 'udaipur', Fatehpur: 'sikar', Gajsinghpur: 'sri-ganganagar',
  'Greater Jaipur': 'jaipur', 'Jaipur Heritage': 'jaipur', Gulabpura: 'bhilwara', JAWAL: 'sirohi', 'Jodhpur-North': 'jodhpur',
  'Jodhpur-South': 'jodhpur', Kaithoon: 'kota', Kaman: 'deeg', Kaprain: 'bundi', Kesrisinghpur: 'sri-ganganagar',
  Khatushyamji: 'sikar', kishangarhbas: 'khairthal-tijara', 'Kota-North': 'kota', 'Kota-South': 'kota', Kuchera: 'nagaur',
  Lakheri: 'bundi', 'LALGARH-JATTAN': 'sri-ganganagar', 'LAXMANGARH (ALWAR)': 'alwar', Losal: 'sikar', MANDAWARI: 'dausa',
  Mangrol: 'baran', 'Merta City': 'nagaur', 'Mount Abu': 'sirohi', Mukandgarh: 'jhunjhunu', Nagar: 'deeg',
  Nawa: 'didwana-kuchaman', 'partapur -garhi': 'banswara', 'Pipar City': 'jodhpur', Rajaldesar: 'churu',
  'Rajgarh (Alwar)': 'alwar', 'Rajgarh(Churu)': 'churu', 'RAMGARH (ALWAR)': 'alwar', Rani: 'pali', Ratannagar: 'churu',
  Reengus: 'sikar', Sadri: 'pali', SAPOTRA: 'karauli', 'shahpura..(Bhilwara)': 'bhilwara', sikri: 'deeg', Sojat: 'pali',
  Srikaranpur: 'sri-ganganagar', Srivijainagar: 'sri-ganganagar', Takhatgarh: 'pali', Vidyavihar: 'jhunjhunu', Weir: 'bharatpur',
};

type Index = { exact: Map<string, Name[]>; loose: Map<string, Entry[]> };
let index: Index | null = null;

const keysOf = (name: string) => tokenise(name).map((t) => t.key).filter(Boolean);

function addName(ix: Index, raw: string, entry: Entry) {
  const keys = keysOf(raw);
  if (!keys.length) return;
  if (/[\u0900-\u097f]/.test(raw)) (entry.dev ??= new Set()).add(devKey(raw));
  const put = (ks: string[]) => {
    const list = ix.exact.get(ks[0]) ?? [];
    if (!list.some((n) => n.entry === entry && n.keys.join(' ') === ks.join(' '))) list.push({ keys: ks, entry });
    ix.exact.set(ks[0], list);
  };
  put(keys);
  if (keys.length > 1) put([keys.join('')]); // "Neem Ka Thana" is also written नीमकाथाना
  const joined = keys.join('');
  const lk = looseKey(joined);
  if (lk.length >= 3 && joined.length >= 5 && !COMMON_WORDS.has(joined)) {
    const list = ix.loose.get(lk) ?? [];
    if (!list.includes(entry)) list.push(entry);
    ix.loose.set(lk, list);
  }
}

/** Build the index once (about 1,000 names); later calls reuse it. */
function buildIndex(): Index {
  if (index) return index;
  const ix: Index = { exact: new Map(), loose: new Map() };
  const districtOfKey = new Map<string, string>();
  for (const d of places.districts) {
    const e: Entry = { kind: 'district', name: d.en, code: d.code, districts: [d.code] };
    for (const n of [d.en, d.hi, ...d.variants]) { addName(ix, n, e); districtOfKey.set(keysOf(n).join(''), d.code); }
    // "Sri Ganganagar" is also just "Ganganagar"; "Sawai Madhopur" just "Madhopur" is too vague to add.
  }
  for (const a of places.abolished) {
    const e: Entry = { kind: 'abolished', name: a.en, code: keyOf(a.en.replace(/\s+/g, '')), districts: a.parents };
    for (const n of [a.en, a.hi, a.en.replace(/Rural$/, 'Gramin')]) addName(ix, n, e);
  }
  // Tehsils and blocks: their districts by name, to resolve urban bodies (which carry no district code).
  const subDistricts = new Map<string, Set<string>>();
  for (const [kind, list] of [['tehsil', places.tehsils], ['block', places.blocks]] as const) {
    for (const t of list) {
      const name = t.en.replace(/\s*\(.*\)\s*/g, ' ').trim();
      const e: Entry = { kind, name, code: t.code, districts: [t.district] };
      for (const n of [name, ...(ALIASES[t.en] ?? [])]) addName(ix, n, e);
      const k = keysOf(name).join('');
      subDistricts.set(k, (subDistricts.get(k) ?? new Set()).add(t.district));
    }
  }
  for (const u of places.ulbs) {
    const k = keysOf(u.en).join('');
    const sub = subDistricts.get(k);
    const district = districtOfKey.get(k) ?? ULB_DISTRICT[u.en] ?? (sub && sub.size === 1 ? [...sub][0] : undefined);
    const name = u.en.replace(/\s*\(.*\)|\.\..*$/g, '').replace(/^\w/, (c) => c.toUpperCase());
    const e: Entry = { kind: 'ulb', name, code: u.code, districts: district ? [district] : [] };
    addName(ix, name, e); if (u.hi) addName(ix, u.hi.replace(/\s*\(.*\)/g, ''), e);
  }
  return (index = ix);
}

/** Same first letter and a Damerau-Levenshtein distance of at most 1 (2 for names of 8 letters or more). */
function near(a: string, b: string): boolean {
  if (a[0] !== b[0]) return false;
  const max = Math.min(a.length, b.length) >= 8 ? 2 : 1;
  if (Math.abs(a.length - b.length) > max) return false;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
    d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
  }
  return d[a.length][b.length] <= max;
}

/** Pick among entries sharing a name: a district beats an abolished district beats a town beats a tehsil. */
function choose(entries: Entry[]): Entry[] {
  const best = Math.min(...entries.map((e) => RANK[e.kind]));
  return entries.filter((e) => RANK[e.kind] === best);
}

/** Recognise places in `text` (capped like all triage input). Never throws; cost is linear in the text. */
export function recognisePlaces(text: string, tokens: Token[] = tokenise(text)): PlaceResult {
  const ix = buildIndex();
  const mentions: PlaceMention[] = [];
  const nearPlaceWord = (i: number, j: number) => ADMIN_WORDS.has(tokens[i - 1]?.key ?? '') || ADMIN_WORDS.has(tokens[j + 1]?.key ?? '')
    || ADMIN_WORDS.has(tokens[i - 2]?.key ?? '') && (tokens[i - 1]?.key.length ?? 0) <= 3;
  for (let i = 0; i < tokens.length; i++) {
    const k = tokens[i].key;
    let found: { entries: Entry[]; len: number } | null = null;
    // longest exact name starting here
    for (const n of ix.exact.get(k) ?? []) {
      const len = n.keys.length;
      if (len >= (found?.len ?? 0) && n.keys.every((nk, o) => tokens[i + o]?.key === nk)) {
        if (!found || len > found.len) found = { entries: [n.entry], len };
        else if (len === found.len && !found.entries.includes(n.entry)) found.entries.push(n.entry);
      }
    }
    // looser: a name written in one word or two, with a different spelling (लूणकरणसर, Kumbhalgadh)
    for (let len = 2; !found && len >= 1; len--) {
      if (i + len > tokens.length || (len === 2 && STOPWORDS.has(tokens[i].key))) continue;
      const joined = tokens.slice(i, i + len).map((t) => t.key).join('');
      if (joined.length < 5) continue;
      const hit = ix.loose.get(looseKey(joined))?.filter((e) => {
        const name = keysOf(e.name);
        return (len === 1 || name.length > 1) && near(name.join(''), joined);
      });
      if (hit?.length) found = { entries: hit, len };
    }
    if (!found) continue;
    let entries = choose(found.entries);
    const j = i + found.len - 1;
    const joined = tokens.slice(i, j + 1).map((t) => t.key).join('');
    const surface = tokens.slice(i, j + 1).map((t) => t.surface).join(' ');
    // district names in Hindi are curated, so a Devanagari word spelt otherwise (शिकार ≠ सीकर) is doubtful
    const misspeltDev = /[\u0900-\u097f]/.test(surface) && entries.every((e) => (e.kind === 'district' || e.kind === 'abolished') && e.dev && !e.dev.has(devKey(surface)));
    const minor = entries.every((e) => e.kind === 'tehsil' || e.kind === 'block' || e.kind === 'ulb');
    const weak = misspeltDev || COMMON_SURFACES.has(surface.toLowerCase()) || (minor && (COMMON_WORDS.has(joined) || joined.length <= 4));
    if (weak && !nearPlaceWord(i, j)) continue;
    if (entries.length > 1) {
      // same name in several districts (Raipur, Bassi, Shahpura): keep the ones in a district named elsewhere
      const named = new Set(mentions.flatMap((m) => m.districts));
      const inNamed = entries.filter((e) => e.districts.some((d) => named.has(d)));
      entries = inNamed.length ? inNamed : entries;
    }
    const e = entries[0];
    const districts = entries.length === 1 ? e.districts : [...new Set(entries.flatMap((x) => x.districts))].length === 1 ? e.districts : [];
    mentions.push({ kind: e.kind, name: e.name, code: e.code, districts: e.kind === 'abolished' ? e.districts.slice(0, 1) : districts,
      surface, start: tokens[i].start, end: tokens[j].end, tokens: [i, j] });
    i = j;
  }
  // Tehsils named before their district (ambiguous until then): resolve against the districts found.
  const named = new Set(mentions.filter((m) => m.kind === 'district' || m.kind === 'abolished').flatMap((m) => m.districts));
  for (const m of mentions) {
    if (m.districts.length || m.kind === 'district') continue;
    const all = (ix.exact.get(tokens[m.tokens[0]].key) ?? []).map((n) => n.entry).filter((e) => e.name === m.name);
    const hit = all.find((e) => e.districts.some((d) => named.has(d)));
    if (hit) { m.districts = hit.districts; m.code = hit.code; }
  }
  const districts: string[] = [];
  for (const m of mentions) for (const d of m.districts) if (!districts.includes(d)) districts.push(d);
  const first = districts[0];
  const t = first ? mentions.find((m) => (m.kind === 'tehsil' || m.kind === 'block') && m.districts[0] === first) : undefined;
  return { districts, mentions, tehsil: t ? { code: t.code, name: t.name, kind: t.kind as 'tehsil' | 'block', district: first, surface: t.surface } : null };
}
