/**
 * The triage engine: department (top 3, confidence), category within the department, the words that led
 * to them, districts and tehsil named in the text, and duplicate detection. Pure and synchronous; the
 * worker (src/workers/triage.worker.ts) and the CLI (cli.ts) both wrap `createTriage(model)`.
 */
import { analyse } from './analyse';
import { featureHits, toVector, cosine, type FeatureHit, type SparseVector } from './features';
import { decodeHead, logits, softmax, weightOf, type Head, type ModelJson } from './model';
import { keyOf, tokenise, type Token } from './normalise';
import type { PlaceMention } from './gazetteer';

/** Below this confidence the UI shows no suggestion (the CLI still prints the best guess). */
export const MIN_CONFIDENCE = 0.3;
/** Below this probability (within the department) no category is suggested. */
export const MIN_CATEGORY_CONFIDENCE = 0.4;

/**
 * A text of one or two words says little however sure the model is ("bijli" is energy, but which
 * problem, and is it really?): confidence is capped at 0.6 for one content word, 0.8 for two.
 */
const evidenceCap = (words: number) => (words >= 3 ? 1 : words === 2 ? 0.8 : words === 1 ? 0.6 : 0);
/** Cosine similarity from which two grievances of the same citizen count as duplicates (tuned, see tests). */
export const DUPLICATE_THRESHOLD = 0.5;

export type Reason = { word: string; weight: number };

/** Words that place a grievance in a village or in a town (folded keys). */
const RURAL = new Set(['gaon', 'gram', 'village', 'dhani', 'panchayat', 'sarpanch', 'gramin', 'vdo', 'गाँव', 'ग्राम', 'ढाणी', 'पंचायत', 'सरपंच', 'ग्रामीण'].map(keyOf));
const URBAN = new Set(['ward', 'colony', 'mohalla', 'shahar', 'city', 'town', 'nigam', 'parishad', 'palika', 'municipal', 'municipality', 'kasba', 'parshad', 'councillor',
  'वार्ड', 'कॉलोनी', 'मोहल्ला', 'शहर', 'निगम', 'परिषद', 'पालिका', 'कस्बा', 'पार्षद'].map(keyOf));
/** Words of state roads (PWD whatever the place): highway, PMGSY, main road, a road joining villages. */
const STATE_ROAD = new Set(['highway', 'haive', 'nh', 'sh', 'pmgsy', 'pradhanmantri', 'mukhya', 'main', 'jodne', 'jodti', 'jodta', 'connecting', 'megahighway',
  'हाईवे', 'हाइवे', 'पीएमजीएसवाई', 'प्रधानमंत्री', 'मुख्य', 'जोड़ने', 'जोड़ती', 'मेगा'].map(keyOf));

/**
 * The place-type rule (DOMAIN.md): roads, drains and street lights go to Panchayati Raj in a village and to
 * the urban body in a town. The model learns most of it from the corpus; this settles what the words
 * alone leave open ("gaon ki sadak tuti" reads as a PWD road). Keys: department/category → counterpart.
 */
const TO_RURAL: Record<string, string> = { 'lsg/sewer': 'rdpr/village-sanitation', 'lsg/garbage': 'rdpr/village-sanitation',
  'lsg/street-light': 'rdpr/works-quality', 'pwd/road-damage': 'rdpr/village-roads', 'pwd/construction-quality': 'rdpr/works-quality' };
const TO_URBAN: Record<string, string> = { 'rdpr/village-sanitation': 'lsg/sewer', 'rdpr/village-roads': 'lsg/', 'rdpr/works-quality': 'lsg/',
  'pwd/road-damage': 'lsg/', 'pwd/construction-quality': 'lsg/' };

export type TriageResult = {
  modelVersion: string;
  /** Best department code (always set; check `suggest` before showing it). */
  department: string;
  departmentTop3: { code: string; confidence: number }[];
  /** Calibrated-ish probability of `department`, 0..1 (0 when the text has no usable words). */
  confidence: number;
  /** Category code within `department`, or null when unsure. */
  category: string | null;
  categoryConfidence: number;
  /** Whether the suggestion is worth showing (enough words, confidence ≥ MIN_CONFIDENCE). */
  suggest: boolean;
  /** Words of the text that pushed most towards the department / the category. */
  why: Reason[];
  categoryWhy: Reason[];
  /** District codes named in the text, in order of appearance (abolished districts give their parent). */
  districts: string[];
  /** The tehsil or block named in the text (in the first district), as written there and as in LGD. */
  tehsil: { code: string; name: string; kind: 'tehsil' | 'block'; district: string; surface: string } | null;
  places: Pick<PlaceMention, 'kind' | 'name' | 'code' | 'districts' | 'surface' | 'start' | 'end'>[];
  /** Village or town, from words like gaon/ward/colony and from a town named (null when unclear). */
  areaType: 'rural' | 'urban' | null;
  /** Set when the place-type rule changed the model's department (e.g. "pwd→rdpr"). */
  rule: string | null;
  /** True when the text was longer than MAX_CHARS and only its beginning was read. */
  truncated: boolean;
};

export type DuplicateCandidate = { id: string; text: string };
export type DuplicateMatch = { id: string; score: number };

export type Triage = {
  version: string;
  classify(text: string): TriageResult;
  similarity(a: string, b: string): number;
  findDuplicates(text: string, candidates: DuplicateCandidate[], threshold?: number): DuplicateMatch[];
};

/**
 * Words (by surface form) ranked by how much they pushed towards class k; words far weaker than the
 * strongest are left out. Place names are not reasons for a department (they are shown as the place).
 */
function reasons(head: Head, k: number, hits: FeatureHit[], scale: number, tokens: Token[], placeSurface: Map<number, string>, limit = 4): Reason[] {
  const byTok = new Map<number, number>();
  for (const h of hits) {
    const c = weightOf(head, h.bucket, k) * h.value * scale;
    if (!c) continue;
    if (h.tok2 >= 0) { byTok.set(h.tok, (byTok.get(h.tok) ?? 0) + c / 2); byTok.set(h.tok2, (byTok.get(h.tok2) ?? 0) + c / 2); }
    else byTok.set(h.tok, (byTok.get(h.tok) ?? 0) + c);
  }
  const byWord = new Map<string, number>();
  const placeWords = new Set(placeSurface.values());
  for (const [t, c] of byTok) {
    const w = placeSurface.get(t) ?? tokens[t].surface.toLowerCase();
    byWord.set(w, (byWord.get(w) ?? 0) + c);
  }
  const ranked = [...byWord].filter(([w, c]) => c > 0.05 && !placeWords.has(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const strongest = ranked[0]?.[1] ?? 0;
  return ranked.filter(([, c]) => c >= strongest / 5).slice(0, limit).map(([word, c]) => ({ word, weight: Math.round(c * 100) / 100 }));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Reasons after the place-type rule: the village/town word first, then the words of the problem. */
function placeReason(tokens: Token[], problem: Reason[]): Reason[] {
  const t = tokens.find((x) => RURAL.has(x.key) || URBAN.has(x.key));
  const word = t?.surface.toLowerCase();
  return word ? [{ word, weight: problem[0]?.weight ?? 1 }, ...problem.filter((r) => r.word !== word)] : problem;
}

export function createTriage(model: ModelJson): Triage {
  let dept: Head | null = null, cat: Head | null = null;
  let catsOf: Map<number, number[]>;
  // decode lazily: the first classify pays ~20 ms, loading the worker pays nothing
  const heads = () => {
    if (!dept || !cat) {
      dept = decodeHead(model.department); cat = decodeHead(model.category);
      const d = dept;
      catsOf = new Map(d.classes.map((_, k) => [k, [] as number[]]));
      cat.classes.forEach((c, j) => catsOf.get(d.classes.indexOf(c.split('/')[0]))?.push(j));
    }
    return { dept: dept!, cat: cat! };
  };

  function classify(text: string): TriageResult {
    const { dept, cat } = heads();
    const a = analyse(text);
    const v = toVector(a.hits, model.normFloor);
    const pd = softmax(logits(dept, v.idx, v.val), dept.temperature);
    const order = Array.from(pd.keys()).sort((x, y) => pd[y] - pd[x] || x - y);
    const evidence = v.idx.length > 0;
    const words = new Set(a.hits.filter((h) => h.tok2 < 0).map((h) => h.tok)).size;
    const cap = evidenceCap(words);
    const zc = logits(cat, v.idx, v.val);
    const bestCategory = (d: number) => {
      const subset = catsOf.get(d)!;
      const pc = softmax(zc, cat.temperature, subset);
      const j = subset.reduce((b, x) => (pc[x] > pc[b] ? x : b), subset[0]);
      return { j, p: pc[j] };
    };
    let top = order[0];
    const modelTop = top;
    let best = bestCategory(top);
    let categoryCode: string | null = cat.classes[best.j].split('/')[1];
    // the place-type rule
    const rural = a.tokens.some((t) => RURAL.has(t.key));
    // (a town's name alone does not count: most are also tehsils, and a road between two is a PWD road)
    const urban = a.tokens.some((t) => URBAN.has(t.key));
    const areaType = rural && !urban ? 'rural' : urban && !rural ? 'urban' : null;
    let rule: string | null = null;
    const from = `${dept.classes[top]}/${categoryCode}`;
    const stateRoad = a.tokens.some((t) => STATE_ROAD.has(t.key)) || a.places.mentions.length >= 2;
    const to = areaType === 'rural' ? TO_RURAL[from] : areaType === 'urban' ? TO_URBAN[from] : undefined;
    if (evidence && to && !(from.startsWith('pwd/') && stateRoad)) {
      const [d, c] = to.split('/');
      const k = dept.classes.indexOf(d);
      // the model's certainty that it is a road/drain/light problem moves to the department of the place;
      // the department it chose stays among the alternatives
      [pd[k], pd[top]] = [pd[top], pd[k]];
      const rest = order.filter((x) => x !== k && x !== top);
      order.splice(0, order.length, k, top, ...rest);
      rule = `${dept.classes[top]}→${d}`;
      top = k;
      best = { j: cat.classes.indexOf(to), p: c ? 1 : 0 };
      categoryCode = c || null;
    }
    const confidence = evidence ? Math.min(pd[top], cap) : 0;
    const catConf = evidence && categoryCode ? Math.min(rule ? pd[top] : best.p, cap) : 0;
    const category = evidence && categoryCode && confidence >= MIN_CONFIDENCE && catConf >= MIN_CATEGORY_CONFIDENCE ? categoryCode : null;
    const bestCat = best.j;
    const placeSurface = new Map(a.places.mentions.map((m) => [m.tokens[0], m.surface]));
    return {
      modelVersion: model.version,
      department: dept.classes[top],
      departmentTop3: order.slice(0, 3).map((k) => ({ code: dept.classes[k], confidence: evidence ? round(Math.min(pd[k], cap)) : 0 })),
      confidence: round(confidence),
      category,
      categoryConfidence: round(catConf),
      suggest: evidence && confidence >= MIN_CONFIDENCE,
      why: !evidence ? [] : rule ? placeReason(a.tokens, reasons(dept, modelTop, a.hits, v.scale, a.tokens, placeSurface, 4)) : reasons(dept, top, a.hits, v.scale, a.tokens, placeSurface),
      categoryWhy: category && bestCat >= 0 ? reasons(cat, bestCat, a.hits, v.scale, a.tokens, placeSurface, 3) : [],
      districts: a.places.districts,
      tehsil: a.places.tehsil,
      places: a.places.mentions.map(({ kind, name, code, districts, surface, start, end }) => ({ kind, name, code, districts, surface, start, end })),
      areaType,
      rule,
      truncated: a.truncated,
    };
  }

  /**
   * What a text is about, for duplicate detection: its word/character features (place names kept: the
   * same village in two texts is evidence of the same problem), the probability of each
   * department/category pair, and the districts it names.
   */
  type Profile = { vec: SparseVector; topic: Map<number, number>; districts: string[] };
  function profile(text: string): Profile {
    const { dept, cat } = heads();
    const a = analyse(text);
    const v = toVector(a.hits, model.normFloor);
    const topic = new Map<number, number>();
    if (v.idx.length) {
      const pd = softmax(logits(dept, v.idx, v.val), dept.temperature);
      const zc = logits(cat, v.idx, v.val);
      for (let d = 0; d < pd.length; d++) {
        if (pd[d] < 0.01) continue;
        const subset = catsOf.get(d)!;
        const pc = softmax(zc, cat.temperature, subset);
        for (const j of subset) topic.set(j, pd[d] * pc[j]);
      }
    }
    return { vec: toVector(featureHits(tokenise(text))), topic, districts: a.places.districts };
  }

  /** Half word overlap (cosine), half agreement on department and category; halved when the districts differ. */
  function score(x: Profile, y: Profile): number {
    let same = 0;
    for (const [j, p] of x.topic) same += p * (y.topic.get(j) ?? 0);
    const s = 0.5 * cosine(x.vec, y.vec) + 0.5 * same;
    const apart = x.districts.length > 0 && y.districts.length > 0 && !x.districts.some((d) => y.districts.includes(d));
    return round(apart ? s / 2 : s);
  }

  function similarity(x: string, y: string): number {
    return score(profile(x), profile(y));
  }

  function findDuplicates(text: string, candidates: DuplicateCandidate[], threshold = DUPLICATE_THRESHOLD): DuplicateMatch[] {
    const p = profile(text);
    if (!p.vec.idx.length || !Array.isArray(candidates)) return [];
    const out: DuplicateMatch[] = [];
    // the caller passes one citizen's recent grievances; the cap keeps a bad caller from stalling the worker
    for (const c of candidates.slice(0, 200)) {
      if (!c || typeof c.text !== 'string') continue;
      const s = score(p, profile(c.text));
      if (s >= threshold) out.push({ id: String(c.id), score: s });
    }
    return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  }

  return { version: model.version, classify, similarity, findDuplicates };
}
