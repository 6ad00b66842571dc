/**
 * Generates src/triage/corpus/generated.jsonl: grievances for every department and category in Hindi,
 * romanised Hindi and English, from the hand-written problems in triage-corpus/bank.ts and the places and
 * framing sentences in triage-corpus/frames.ts. Deterministic (seeded). Run with
 * `npx tsx scripts/triage-corpus.ts`, then `npx tsx scripts/train-triage.ts`.
 *
 * Each line: { id, text, department, category (null if none fits), districts (gold, from the reference
 * data, not from the recogniser), register, source: "generated" }.
 */
import { writeFileSync } from 'node:fs';
import places from '../src/domain/reference/places.json';
import departments from '../src/domain/reference/departments.json';
import { prng } from '../src/triage/train';
import { recognisePlaces } from '../src/triage/gazetteer';
import { BANK } from './triage-corpus/bank';
import { CUES } from './triage-corpus/cues';
import { TEHSILS, TOWNS, VILLAGES, COLONIES, NAMES, SALUTATIONS, DURATIONS, IMPACTS, REQUESTS, CLOSINGS, type Reg } from './triage-corpus/frames';

const rand = prng(20250601);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
const chance = (p: number) => rand() < p;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type District = { code: string; en: string; hi: string; variants: string[] };
const DISTRICTS: District[] = places.districts;
const tehsilDistrict = new Map([...places.blocks, ...places.tehsils].map((t) => [t.en, t.district]));
for (const [, en] of TEHSILS) if (!tehsilDistrict.has(en)) throw new Error(`not a tehsil: ${en}`);
const villages = VILLAGES.filter(([hi, en]) => !recognisePlaces(hi).mentions.length && !recognisePlaces(en).mentions.length);
if (villages.length < VILLAGES.length) console.warn(`dropped villages that are also place names: ${VILLAGES.filter((v) => !villages.includes(v)).map((v) => v[1]).join(', ')}`);

/** A district name as written in `reg`: Hindi name, English name or one of its spelling variants. */
function districtName(d: District, reg: Reg): string {
  if (reg === 'hi') return chance(0.92) ? d.hi : d.en;
  return chance(0.3) ? pick(d.variants.filter((v) => /^[A-Za-z .-]+$/.test(v))) ?? d.en : d.en;
}

type Place = { text: string; districts: string[] };

function ruralPlace(reg: Reg): Place {
  const [vh, ve] = pick(villages);
  const v = reg === 'hi' ? vh : ve;
  const useTehsil = chance(0.55), useDistrict = chance(0.6), abolished = chance(0.06);
  const [th, te] = pick(TEHSILS);
  const t = reg === 'hi' ? th : te;
  let d: District = DISTRICTS.find((x) => x.code === tehsilDistrict.get(te))!;
  if (!useTehsil) d = pick(DISTRICTS);
  const out: string[] = [];
  let dn = districtName(d, reg), codes = [d.code];
  if (abolished && !useTehsil) { const a = pick(places.abolished); dn = reg === 'hi' ? a.hi : a.en; codes = [a.parents[0]]; }
  const districts: string[] = [];
  if (useTehsil) districts.push(d.code);
  if (useDistrict) for (const c of codes) if (!districts.includes(c)) districts.push(c);
  const T = useTehsil, D = useDistrict;
  if (reg === 'hi') {
    const forms = [
      () => `ग्राम ${v}${T ? `, तहसील ${t}` : ''}${D ? `, जिला ${dn}` : ''}`,
      () => `गाँव ${v}${T ? ` (तहसील ${t})` : ''}${D ? ` जिला ${dn}` : ''}`,
      () => `हमारे गाँव ${v}${T ? `, पंचायत समिति ${t}` : ''}${D ? `, ${dn}` : ''}`,
      () => `ग्राम पंचायत ${v}${T ? ` तहसील ${t}` : ''}${D ? ` जिला ${dn}` : ''}`,
      () => `ढाणी ${v}${T ? `, ${t}` : ''}${D ? ` (${dn})` : ''}`,
    ];
    out.push(pick(forms)());
  } else if (reg === 'hg') {
    const forms = [
      () => `gaon ${v}${T ? ` tehsil ${t}` : ''}${D ? ` jila ${dn}` : ''}`,
      () => `${v} gaon${T ? ` teh. ${t}` : ''}${D ? `, ${dn}` : ''}`,
      () => `gram panchayat ${v}${T ? ` ${t}` : ''}${D ? ` distt ${dn}` : ''}`,
      () => `village ${v}${T ? ` tahsil ${t}` : ''}${D ? ` ${dn}` : ''}`,
      () => `${v} ki dhani${T ? ` ${t} tehsil` : ''}${D ? ` zila ${dn}` : ''}`,
    ];
    out.push(pick(forms)());
  } else {
    const forms = [
      () => `village ${v}${T ? `, tehsil ${t}` : ''}${D ? `, district ${dn}` : ''}`,
      () => `${v} village${T ? ` in ${t} tehsil` : ''}${D ? `, ${dn} district` : ''}`,
      () => `gram panchayat ${v}${T ? `, panchayat samiti ${t}` : ''}${D ? `, ${dn}` : ''}`,
      () => `our village ${v}${T ? ` (${t})` : ''}${D ? `, ${dn}` : ''}`,
    ];
    out.push(pick(forms)());
  }
  return { text: out.join(' '), districts };
}

function urbanPlace(reg: Reg): Place {
  const n = int(1, 60);
  const [ch, ce] = pick(COLONIES);
  const c = reg === 'hi' ? ch : ce;
  const townIsDistrictHq = chance(0.4);
  let townName: string, code: string;
  if (townIsDistrictHq) { const d = pick(DISTRICTS); townName = districtName(d, reg); code = d.code; }
  else { const [th, te, d] = pick(TOWNS); townName = reg === 'hi' ? th : te; code = d; }
  const named = chance(0.85);
  const districts = named ? [code] : [];
  if (reg === 'hi') {
    const forms = [
      () => `${named ? `${townName} शहर के ` : ''}वार्ड नंबर ${n}`,
      () => `वार्ड ${n}, ${c}${named ? `, ${townName}` : ''}`,
      () => `${c}${named ? `, ${townName}` : ''}`,
      () => `${named ? `${townName} ` : ''}नगर परिषद क्षेत्र के वार्ड ${n}`,
      () => `${named ? `${townName} ` : ''}नगर पालिका के वार्ड ${n} की ${c}`,
      () => `हमारी कॉलोनी ${c}, वार्ड ${n}${named ? `, ${townName}` : ''}`,
    ];
    return { text: pick(forms)(), districts };
  }
  if (reg === 'hg') {
    const forms = [
      () => `${named ? `${townName} ` : ''}ward no ${n}`,
      () => `${c} colony${named ? ` ${townName}` : ''}`,
      () => `ward ${n} ${c}${named ? ` ${townName}` : ''}`,
      () => `${named ? `${townName} ` : ''}nagar palika ward ${n}`,
      () => `${named ? `${townName} ` : ''}shahar me ${c}`,
    ];
    return { text: pick(forms)(), districts };
  }
  const forms = [
    () => `ward no. ${n}, ${c}${named ? `, ${townName}` : ''}`,
    () => `${c}${named ? ` in ${townName} town` : ''}`,
    () => `ward ${n}${named ? ` of ${townName} city` : ''}`,
    () => `${named ? `${townName} ` : ''}municipal area, ward ${n}`,
  ];
  return { text: pick(forms)(), districts };
}

const IN: Record<Reg, (place: string) => string> = { hi: (p) => `${p} में`, hg: (p) => `${p} me`, en: (p) => `in ${p}` };

function compose(reg: Reg, problem: string, place: Place | null, more: string[]): string {
  const style = rand();
  const dur = chance(0.5) ? pick(DURATIONS[reg])(int(2, 20)) : '';
  const extra = more.length && chance(0.6) ? pick(more) : '';
  const end = reg === 'hi' ? '।' : '.';
  if (style < 0.3) { // short, as an operator types it
    if (!place) return reg === 'en' ? cap(problem) : problem;
    if (reg === 'hi') return chance(0.5) ? `${problem}, ${place.text}` : `${IN.hi(place.text)} ${problem}`;
    if (reg === 'hg') return chance(0.5) ? `${problem} ${place.text}` : `${IN.hg(place.text)} ${problem}`;
    return chance(0.5) ? `${cap(problem)} - ${place.text}` : `${cap(problem)} ${IN.en(place.text)}`;
  }
  if (style < 0.75) { // one or two sentences
    const first = !place ? (reg === 'en' ? cap(problem) : problem)
      : reg === 'en' ? (chance(0.5) ? `In ${place.text}, ${problem}` : `${cap(problem)} at ${place.text}`)
      : `${IN[reg](place.text)} ${problem}`;
    return [first + end, extra, dur, chance(0.4) ? pick(REQUESTS[reg]) : ''].filter(Boolean).join(' ');
  }
  // a letter
  const [nh, ne] = pick(NAMES);
  const who = reg === 'hi' ? `मैं ${nh}${place ? `, ${place.text} का निवासी हूँ` : ' निवेदन करता हूँ'}।`
    : reg === 'hg' ? `main ${ne}${place ? ` ${place.text} se hu` : ''}.` : `I am ${ne}${place ? ` from ${place.text}` : ''}.`;
  return [pick(SALUTATIONS[reg]), who, (reg === 'en' ? cap(problem) : problem) + end, extra, dur, chance(0.6) ? pick(IMPACTS[reg]) : '',
    pick(REQUESTS[reg]), chance(0.5) ? pick(CLOSINGS[reg]) : ''].filter(Boolean).join(' ');
}

const known = new Map(departments.departments.map((d) => [d.code, new Set(d.categories.map((c) => c.code))]));
const lines: string[] = [];
const counters = new Map<string, number>();
for (const [dept, cats] of Object.entries(BANK)) {
  if (!known.has(dept)) throw new Error(`unknown department ${dept}`);
  const entries = Object.entries(cats);
  const total = dept === 'other' ? 110 : Math.min(120, 60 + 8 * entries.length);
  const weights = entries.map(([, b]) => b.weight ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < total; i++) {
    // categories in proportion to their weight, deterministic
    let r = rand() * sum, e = 0;
    while (r > weights[e]) { r -= weights[e]; e++; }
    const [cat, bank] = entries[Math.min(e, entries.length - 1)];
    const u = rand();
    const reg: Reg = u < 0.4 ? 'hi' : u < 0.75 ? 'hg' : 'en';
    const key = `${dept}/${cat}/${reg}`;
    const k = counters.get(key) ?? 0; counters.set(key, k + 1);
    const problem = bank[reg][k % bank[reg].length];
    const where = bank.place === 'any' ? (chance(0.5) ? 'rural' : 'urban') : bank.place;
    const place = chance(0.9) ? (where === 'rural' ? ruralPlace(reg) : urbanPlace(reg)) : null;
    let text = compose(reg, problem, place, bank.more?.[reg] ?? []);
    if (reg === 'hg' && chance(0.5)) text = text.toLowerCase();
    lines.push(JSON.stringify({ id: `g-${dept}-${String(i).padStart(3, '0')}`, text, department: dept, category: known.get(dept)!.has(cat) ? cat : null,
      districts: place?.districts ?? [], register: reg, source: 'generated' }));
  }
}
writeFileSync(new URL('../src/triage/corpus/generated.jsonl', import.meta.url), lines.join('\n') + '\n');
console.log(`generated.jsonl: ${lines.length} texts`);

// the cue words, one short text each ("_any": the department without a category)
const lex: string[] = [];
for (const [dept, cats] of Object.entries(CUES)) {
  if (!known.has(dept)) throw new Error(`unknown department ${dept}`);
  for (const [cat, cues] of Object.entries(cats)) {
    if (cat !== '_any' && !known.get(dept)!.has(cat) && !BANK[dept]?.[cat]) throw new Error(`unknown category ${dept}/${cat}`);
    cues.forEach((text, i) => lex.push(JSON.stringify({ id: `lex-${dept}-${cat}-${i}`, text, department: dept,
      category: known.get(dept)!.has(cat) ? cat : null, districts: [], register: 'cue', source: 'lexicon' })));
  }
}
writeFileSync(new URL('../src/triage/corpus/lexicon.jsonl', import.meta.url), lex.join('\n') + '\n');
console.log(`lexicon.jsonl: ${lex.length} cues`);
