/**
 * Registering a grievance by chat: the slots of a kiosk's intake (description, department, district,
 * village or town, place, name, mobile), filled from whatever the citizen already said (the triage model
 * reads the department and the district from the first message), then asked for one by one. The mobile
 * is proved by a code; the whole is read back and registered only on "yes".
 */
import { IntakeFields } from '../domain/schemas';
import { DEPARTMENTS, departmentByCode, districtByCode } from '../domain/reference';
import { maskMobile } from '../domain/identity';
import { checkTyped, type Ctx, reply, sendCode } from './reply';
import { codeOnly, describesProblem, districtIn, findNumbers, fold, yesNo } from './nlu';
import { type ChatKey, say } from './strings';
import type { ChatState, Draft, Understood } from './types';

const deptName = (code: string, lang: 'hi' | 'en') => departmentByCode(code)?.[lang] ?? code;

/** Starts a registration; `text` is taken as the description when it describes a problem. */
export async function startRegister(ctx: Ctx, s: ChatState, text: string, known: Understood | null): Promise<ChatState> {
  s.flow = 'register';
  s.draft = {};
  const u = known ?? (describesProblem(text) ? await ctx.fx.understand(text) : null);
  if (u?.suggest) fill(s.draft, text, u);
  return ask(ctx, s);
}

function fill(d: Draft, text: string, u: Understood): void {
  d.description = text.slice(0, 4000);
  d.understood = u;
  d.districtCode ??= u.districts[0] ?? districtIn(text) ?? undefined;
  d.areaType ??= u.areaType ?? undefined;
  if (u.place) d.place ??= u.place;
}

/** Asks for the first slot still empty, or reads the grievance back for a "yes". */
export function ask(ctx: Ctx, s: ChatState): ChatState {
  const d = s.draft!;
  const { lang } = ctx;
  const q = (a: ChatState['await'], key: ChatKey, offer: ChatKey[] = ['choice.menu'], options: string[] = [], values = {}) => {
    s.await = a;
    reply(ctx, s, say(key, lang, values), offer, options);
    return s;
  };
  if (!d.description) return q('description', 'reg.askDescription');
  if (!d.departmentCode) {
    const u = d.understood;
    if (u?.suggest && !d.deptConfirmed) return q('dept', 'reg.confirmDept', ['choice.yes', 'choice.otherDept', 'choice.menu'], [], { department: deptName(u.department, lang) });
    return q('deptPick', 'reg.pickDept', ['choice.menu'], (u?.top3 ?? ['energy', 'phed', 'rdpr']).map((c) => deptName(c, lang)));
  }
  if (!d.districtCode) return q('district', 'reg.askDistrict');
  if (!d.areaType) return q('area', 'reg.askArea', ['choice.rural', 'choice.urban', 'choice.menu']);
  if (d.place === undefined) return q('place', 'reg.askPlace', ['choice.skip', 'choice.menu']);
  // The optional photo: only where the host keeps one (not the kiosk's guided mode: the form has its own).
  if (d.photo === undefined && ctx.fx.photo) return askPhoto(ctx, s, 'reg.askPhoto');
  if (!d.name) return q('name', 'reg.askName');
  const guided = !!ctx.fx.guided;
  if (!d.mobile) return q('regMobile', guided ? 'reg.askMobileGuided' : 'reg.askMobile');
  if (!d.mobileVerified && !guided) return s; // a code was sent: its question is already out
  return q('confirm', guided ? 'reg.summaryGuided' : 'reg.summary', ['choice.yes', 'choice.no'], [], {
    name: d.name, mobile: maskMobile(d.mobile), district: districtByCode(d.districtCode)?.[lang] ?? d.districtCode, place: d.place || '—',
    department: deptName(d.departmentCode, lang), description: d.description, photo: say(d.photo === 'added' ? 'reg.photoYes' : 'reg.photoNo', lang),
  });
}

/** Asks for the photo: "Add a photo" first (the page sends it once the photo is uploaded), then "Skip". */
function askPhoto(ctx: Ctx, s: ChatState, key: ChatKey): ChatState {
  s.await = 'photo';
  reply(ctx, s, say(key, ctx.lang), ['choice.addPhoto', 'choice.skip', 'choice.menu']);
  ctx.out[ctx.out.length - 1].photo = true;
  return s;
}

const PHOTO_WORDS = /photo|foto|pic|image|tasveer|tasvir|फ़ोटो|फोटो|तस्वीर|चित्र/;

/** A department named in the text (its Hindi or English name, or its code). */
function departmentIn(text: string, options: readonly string[], lang: 'hi' | 'en'): string | null {
  const t = fold(text);
  const byOption = options.find((o) => fold(o) === t);
  const pool = DEPARTMENTS.map((d) => ({ code: d.code, names: [d.code, d.en, d.hi, d.en.split(' (')[0], d.hi.split(' (')[0]].map(fold) }));
  if (byOption) return pool.find((p) => p.names.includes(fold(byOption)))?.code ?? DEPARTMENTS.find((d) => fold(d[lang]) === fold(byOption))?.code ?? null;
  return pool.find((p) => p.names.some((n) => n.length >= 3 && (t === n || (t.length >= 4 && n.includes(t)))))?.code ?? null;
}

export async function registerStep(ctx: Ctx, s: ChatState, text: string, label: ChatKey | null): Promise<ChatState | null> {
  const d = s.draft ?? (s.draft = {});
  switch (s.await) {
    case 'description': {
      if (text.length < 10) { reply(ctx, s, say('reg.shortDescription', ctx.lang), ['choice.menu']); return s; }
      const u = await ctx.fx.understand(text);
      fill(d, text, u);
      return ask(ctx, s);
    }
    case 'dept': {
      if (label === 'choice.otherDept') { d.deptConfirmed = true; return ask(ctx, s); }
      const yes = label === 'choice.yes' ? true : yesNo(text);
      if (yes === null) {
        const named = departmentIn(text, [], ctx.lang);
        if (!named) return null;
        d.departmentCode = named;
        return ask(ctx, s);
      }
      d.deptConfirmed = true;
      if (yes) { d.departmentCode = d.understood!.department; d.categoryCode = d.understood!.category; }
      return ask(ctx, s);
    }
    case 'deptPick': {
      const code = departmentIn(text, s.options, ctx.lang);
      if (!code) return null;
      d.departmentCode = code;
      d.categoryCode = d.understood?.department === code ? d.understood.category : null;
      return ask(ctx, s);
    }
    case 'district': {
      const code = districtIn(text);
      if (!code) { reply(ctx, s, say('reg.badDistrict', ctx.lang), ['choice.menu']); return s; }
      d.districtCode = code;
      return ask(ctx, s);
    }
    case 'area': {
      const t = fold(text);
      if (label === 'choice.rural' || /gaon|gav|village|rural|गाँव|गांव|ग्राम/.test(t)) d.areaType = 'rural';
      else if (label === 'choice.urban' || /shahar|town|city|urban|शहर|नगर|कस्बा/.test(t)) d.areaType = 'urban';
      else return null;
      return ask(ctx, s);
    }
    case 'place': {
      d.place = label === 'choice.skip' ? '' : text.slice(0, 200);
      return ask(ctx, s);
    }
    case 'photo': {
      if (label === 'choice.skip' || (label === null && yesNo(text) === false)) { d.photo = 'skipped'; return ask(ctx, s); }
      if (label !== 'choice.addPhoto' && !PHOTO_WORDS.test(fold(text)) && yesNo(text) !== true) return null;
      // The photo itself comes another way (uploaded by the page, an image on WhatsApp): is it there?
      if (!(await ctx.fx.photo?.())) return askPhoto(ctx, s, 'reg.photoWaiting');
      d.photo = 'added';
      ctx.out.push({ text: say('reg.photoReceived', ctx.lang) });
      return ask(ctx, s);
    }
    case 'name': {
      const name = text.replace(/\s+/g, ' ').trim();
      if (!IntakeFields.shape.name.safeParse(name).success) { reply(ctx, s, say('reg.badName', ctx.lang), ['choice.menu']); return s; }
      d.name = name;
      return ask(ctx, s);
    }
    case 'regMobile': {
      const { mobile } = findNumbers(text);
      if (!mobile) { reply(ctx, s, say('reg.badMobile', ctx.lang), ['choice.menu']); return s; }
      d.mobile = mobile;
      d.mobileVerified = false;
      // Guided mode: no code at the kiosk; the operator attests the mobile when confirming.
      return ctx.fx.guided ? ask(ctx, s) : sendCode(ctx, s, 'register');
    }
    case 'regCode': {
      const typo = findNumbers(text);
      if (!codeOnly(text) && !typo.code && typo.mobile) { d.mobile = typo.mobile; return sendCode(ctx, s, 'register'); }
      const r = await checkTyped(ctx, s, text, label, 'register');
      if (r !== 'ok') return r;
      d.mobileVerified = true;
      return ask(ctx, s);
    }
    case 'confirm': {
      const yes = label === 'choice.yes' ? true : label === 'choice.no' ? false : yesNo(text);
      if (yes === null) return null;
      const done = { ...newMenu(s) };
      const after = ctx.fx.guided ? GUIDED_AFTER : MENU_AFTER;
      if (!yes) { reply(ctx, done, say('reg.cancelled', ctx.lang), after); return done; }
      const r = await ctx.fx.register({
        ...d, description: d.description!, departmentCode: d.departmentCode!, districtCode: d.districtCode!, areaType: d.areaType!, name: d.name!, mobile: d.mobile!,
      }, ctx.lang);
      if (!r.ok) { reply(ctx, s, say('reg.failed', ctx.lang, { reason: r.reason }), ['choice.yes', 'choice.human', 'choice.menu']); return s; }
      if (r.receipt) { reply(ctx, done, say('reg.savedGuided', ctx.lang, { number: r.number }), after); return done; }
      reply(ctx, done, say('reg.done', ctx.lang, { number: r.number.replace(/^(\d{4})(\d{4})(\d{4})(\d)$/, '$1-$2-$3-$4') }), after);
      return done;
    }
    default: return null;
  }
}

const MENU_AFTER: ChatKey[] = ['choice.status', 'choice.register', 'choice.menu'];
const GUIDED_AFTER: ChatKey[] = ['choice.register', 'choice.menu'];
const newMenu = (s: ChatState): ChatState => ({ v: 1, flow: 'menu', await: 'intent', offered: [], options: [], subject: s.subject, verified: s.verified });
