/**
 * The citizen assistant's conversation engine: a state machine with slots, not a language model.
 * `step(state, input, effects)` reads what the citizen typed (./nlu.ts), fills the slots of the current
 * flow, asks only for what is missing, confirms before acting, and answers with texts and buttons.
 *
 * Flows: status (number or receipt and mobile, or a mobile alone → a code → the status in words);
 * feedback on a disposed grievance (satisfied / not satisfied with a reason, reopen), verified by the code;
 * register (./register.ts); common questions (./faq.ts); hand-off to 181. Nothing about a grievance is
 * said before the code is right, and a wrong code, an unknown number or a mobile that is not the
 * grievance's all get the same answers. "Menu"/"cancel" and a new request ("status", "नई शिकायत")
 * change the flow at any point where the question is not free text.
 */
import type { Lang } from '../domain/messages';
import { outcomePhrase } from '../domain/labels';
import { formatGrievanceNumber } from '../domain/numbers';
import { departmentByCode, districtByCode } from '../domain/reference';
import { answerFaq, FAQ, faqByQuestion } from './faq';
import { codeOnly, describesProblem, findNumbers, fold, type Intent, intentOf, pickChoice, yesNo } from './nlu';
import { registerStep, startRegister } from './register';
import { checkTyped, type Ctx, reply, sendCode } from './reply';
import { type ChatKey, say, STATUS_WORDS } from './strings';
import { type ChatEffects, type ChatMessage, type ChatState, type GrievanceFacts, newState } from './types';

export interface StepResult { state: ChatState; messages: ChatMessage[] }

const MENU: ChatKey[] = ['choice.register', 'choice.status', 'choice.feedback', 'choice.faq', 'choice.human'];
/** The kiosk's guided mode offers only what works offline for a walk-in citizen. */
const GUIDED_MENU: ChatKey[] = ['choice.register', 'choice.faq'];
export const menuOf = (ctx: Ctx): ChatKey[] => (ctx.fx.guided ? GUIDED_MENU : MENU);
/** Awaits whose answer is free text: there only a button label or "menu" changes the flow. */
const FREE_TEXT = new Set(['description', 'reason', 'place', 'name']);


const toMenu = (ctx: Ctx, s: ChatState, key: ChatKey = 'menu'): ChatState => {
  const fresh = { ...newState(), subject: s.subject, verified: s.verified };
  reply(ctx, fresh, say(key, ctx.lang), menuOf(ctx));
  return fresh;
};

/** One turn of the conversation. `state` null: a new conversation. */
export async function step(state: ChatState | null, input: { text: string; lang: Lang }, fx: ChatEffects): Promise<StepResult> {
  const ctx: Ctx = { lang: input.lang, fx, out: [] };
  const s: ChatState = state ? structuredClone(state) : newState();
  const text = input.text.trim();
  if (!state && (text === '' || isGreeting(text))) {
    reply(ctx, s, say('welcome', ctx.lang), menuOf(ctx));
    return { state: s, messages: ctx.out };
  }
  const next = await turn(ctx, s, text);
  return { state: next, messages: ctx.out };
}

const GREETINGS = ['hi', 'hello', 'namaste', 'namaskar', 'hey', 'start', 'नमस्ते', 'नमस्कार', 'राम राम', 'ram ram'];
const isGreeting = (t: string) => GREETINGS.includes(fold(t).replace(/[!.,?]/g, '').trim());

async function turn(ctx: Ctx, s: ChatState, text: string): Promise<ChatState> {
  const label = pickChoice(text, s.offered);
  const intent = labelIntent(label) ?? (FREE_TEXT.has(s.await) ? exactMenu(text) : intentOf(text));
  if (intent === 'menu') return toMenu(ctx, s);
  // Guided mode (a kiosk, offline): no codes, no hand-off; the Status screen is the place for those.
  if (ctx.fx.guided && (intent === 'human' || ((intent === 'status' || intent === 'feedback') && (s.await === 'intent' || !answers(s, text))))) {
    ctx.out.push({ text: say('guided.elsewhere', ctx.lang) });
    return toMenu(ctx, s);
  }
  if (intent === 'human') return handoff(ctx, s);
  // A new request where it is not the answer expected (changing one's mind).
  if (intent && intent !== s.flow && !(label && !labelIntent(label)) && (s.await === 'intent' || !answers(s, text))) return start(ctx, s, intent, text);
  const handled = await handle(ctx, s, text, label);
  if (handled) return handled;
  if (s.await === 'intent') {
    const n = findNumbers(text);
    if (!ctx.fx.guided && (n.number || n.receipt || n.mobile || n.badNumber)) return start(ctx, s, 'status', text);
    // Free text at the menu: a description of a problem starts a registration with it.
    const u = describesProblem(text) ? await ctx.fx.understand(text) : null;
    if (u?.suggest) return startRegister(ctx, s, text, u);
    const faq = answerFaq(text);
    if (faq) { reply(ctx, s, faq.a[ctx.lang], ['choice.faq', 'choice.menu']); return s; }
  }
  ctx.out.push({ text: say('notUnderstood', ctx.lang) });
  if (s.await === 'intent') reply(ctx, s, say('menu', ctx.lang), menuOf(ctx));
  else ctx.out[ctx.out.length - 1].choices = [...s.options, ...s.offered.map((k) => say(k, ctx.lang))];
  if (s.await === 'photo') ctx.out[ctx.out.length - 1].photo = true; // the page keeps its photo field
  return s;
}

function labelIntent(label: ChatKey | null): Intent | null {
  const m: Partial<Record<ChatKey, Intent>> = { 'choice.register': 'register', 'choice.status': 'status', 'choice.feedback': 'feedback', 'choice.faq': 'faq', 'choice.human': 'human', 'choice.menu': 'menu' };
  return label ? m[label] ?? null : null;
}
function exactMenu(text: string): Intent | null {
  const i = intentOf(text);
  return i === 'menu' && fold(text).split(' ').length <= 3 ? 'menu' : null;
}

/** Whether the text is a plausible answer to the question asked (then it is not taken as a new request). */
function answers(s: ChatState, text: string): boolean {
  const n = findNumbers(text);
  switch (s.await) {
    case 'code': case 'regCode': return !!codeOnly(text) || !!n.code;
    case 'query': case 'mobile': case 'regMobile': return !!(n.number || n.receipt || n.mobile);
    case 'satisfied': return /satisf|santusht|संतुष्ट/.test(fold(text)) || yesNo(text) !== null;
    default: return false;
  }
}

async function start(ctx: Ctx, s: ChatState, intent: Intent, text: string): Promise<ChatState> {
  const keep = { subject: s.subject, verified: s.verified };
  const fresh: ChatState = { ...newState(), ...keep };
  switch (intent) {
    case 'status': case 'feedback':
      fresh.flow = intent;
      return query(ctx, fresh, text, true);
    case 'register': return startRegister(ctx, fresh, text, null);
    case 'faq': {
      fresh.flow = 'faq';
      const hit = answerFaq(text);
      if (hit && fold(text) !== fold(say('choice.faq', ctx.lang))) { reply(ctx, fresh, hit.a[ctx.lang], ['choice.faq', 'choice.menu']); return fresh; }
      fresh.await = 'faq';
      reply(ctx, fresh, say('faq.pick', ctx.lang), ['choice.menu'], FAQ.map((e) => e.q[ctx.lang]));
      return fresh;
    }
    default: return toMenu(ctx, fresh);
  }
}

async function handoff(ctx: Ctx, s: ChatState): Promise<ChatState> {
  const { ref } = await ctx.fx.handoff(ctx.lang);
  const fresh = { ...newState(), subject: s.subject, verified: s.verified };
  reply(ctx, fresh, say('human.done', ctx.lang, { ref }), ['choice.menu']);
  return fresh;
}

/** The answer to the question asked; null when the text is not one. */
async function handle(ctx: Ctx, s: ChatState, text: string, label: ChatKey | null): Promise<ChatState | null> {
  switch (s.await) {
    case 'query': return query(ctx, s, text, false);
    case 'mobile': {
      const { mobile } = findNumbers(text);
      if (!mobile) { reply(ctx, s, say('reg.badMobile', ctx.lang), ['choice.menu']); return s; }
      s.subject = { ...s.subject!, mobile };
      return sendCode(ctx, s, 'feedback');
    }
    case 'code': return code(ctx, s, text, label);
    case 'pick': {
      const t = text.replace(/[\s-]/g, '');
      const n = s.options.find((o) => o.replace(/-/g, '') === t) ?? findNumbers(text).number;
      if (!n || !s.options.some((o) => o.replace(/-/g, '') === n.replace(/-/g, ''))) return null;
      s.picked = n.replace(/-/g, '');
      return askSatisfied(ctx, s);
    }
    case 'satisfied': {
      const t = fold(text);
      const not = label === 'choice.notSatisfied' || /not satisf|asantusht|असंतुष्ट|संतुष्ट नहीं|santusht nahi/.test(t) || (label !== 'choice.satisfied' && yesNo(text) === false);
      const yes = !not && (label === 'choice.satisfied' || /satisf|santusht|संतुष्ट/.test(t) || yesNo(text) === true);
      if (not) { s.await = 'reason'; reply(ctx, s, say('feedback.askReason', ctx.lang), ['choice.menu']); return s; }
      if (!yes) return null;
      const r = await ctx.fx.feedback(s.picked!, s.subject!, 'satisfied', null, ctx.lang);
      return r.ok ? toMenu(ctx, s, 'feedback.thanks') : refused(ctx, s, r.reason);
    }
    case 'reason': {
      if (text.trim().length < 5) { reply(ctx, s, say('feedback.askReason', ctx.lang), ['choice.menu']); return s; }
      s.reason = text.slice(0, 500);
      const r = await ctx.fx.feedback(s.picked!, s.subject!, 'not_satisfied', s.reason, ctx.lang);
      if (!r.ok) return refused(ctx, s, r.reason);
      const facts = (await ctx.fx.grievances(s.subject!)).find((g) => g.number === s.picked);
      if (!facts?.canReopen) return toMenu(ctx, s, 'status.more');
      s.await = 'reopen';
      reply(ctx, s, say('feedback.recorded', ctx.lang), ['choice.yes', 'choice.no']);
      return s;
    }
    case 'reopen': {
      const yes = label === 'choice.yes' ? true : label === 'choice.no' ? false : yesNo(text);
      if (yes === null) return null;
      if (!yes) return toMenu(ctx, s, 'feedback.notReopened');
      const r = await ctx.fx.reopen(s.picked!, s.subject!, s.reason!, ctx.lang);
      if (!r.ok) return refused(ctx, s, r.reason);
      ctx.out.push({ text: say('feedback.reopened', ctx.lang, { number: formatGrievanceNumber(s.picked!) }) });
      return toMenu(ctx, s, 'status.more');
    }
    case 'faq': {
      const hit = faqByQuestion(text) ?? answerFaq(text);
      if (!hit) { reply(ctx, s, say('faq.none', ctx.lang), ['choice.human', 'choice.menu']); return s; }
      reply(ctx, s, hit.a[ctx.lang], ['choice.faq', 'choice.menu']);
      s.await = 'intent';
      return s;
    }
    case 'intent': return null;
    default: return registerStep(ctx, s, text, label);
  }
}

function refused(ctx: Ctx, s: ChatState, reason: string): ChatState {
  ctx.out.push({ text: say('feedback.refused', ctx.lang, { reason }) });
  return toMenu(ctx, s, 'status.more');
}

/** Status and feedback: what the text names (number, receipt, mobile), then the code. */
async function query(ctx: Ctx, s: ChatState, text: string, first: boolean): Promise<ChatState> {
  const n = findNumbers(text);
  if (n.badNumber && !n.number && !n.receipt) { s.await = 'query'; reply(ctx, s, say('status.badNumber', ctx.lang), ['choice.menu']); return s; }
  const named = n.number ?? n.receipt;
  if (named || n.mobile) {
    s.verified = false;
    s.subject = { mobile: n.mobile ?? '', ...(n.number ? { number: n.number } : n.receipt ? { receipt: n.receipt } : {}) };
    if (!n.mobile) { s.await = 'mobile'; reply(ctx, s, say('status.askMobile', ctx.lang), ['choice.menu']); return s; }
    return sendCode(ctx, s, 'feedback');
  }
  // Already verified in this conversation (e.g. status, then feedback): no second code.
  if (s.verified && s.subject && first) return afterCode(ctx, s);
  s.await = 'query';
  reply(ctx, s, say('status.ask', ctx.lang), ['choice.menu']);
  return s;
}

async function code(ctx: Ctx, s: ChatState, text: string, label: ChatKey | null): Promise<ChatState | null> {
  // Another number or mobile instead of the code: a new question (a typo corrected), a new code.
  const n = findNumbers(text);
  if (!codeOnly(text) && !n.code && (n.number || n.receipt || n.mobile || n.badNumber)) return query(ctx, s, text, false);
  const r = await checkTyped(ctx, s, text, label, 'feedback');
  if (r !== 'ok') return r;
  s.verified = true;
  return afterCode(ctx, s);
}

const date = (iso: string, lang: Lang) => new Date(iso).toLocaleDateString(lang === 'hi' ? 'hi-IN' : 'en-IN', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Kolkata' });


/** One grievance's status in words. */
export function statusLine(g: GrievanceFacts, lang: Lang): string {
  return say('status.line', lang, {
    number: formatGrievanceNumber(g.number), status: STATUS_WORDS[g.status][lang],
    department: departmentByCode(g.departmentCode)?.[lang] ?? g.departmentCode, district: districtByCode(g.districtCode)?.[lang] ?? g.districtCode,
    registered: date(g.registeredAt, lang),
    outcome: g.outcome && (g.status === 'disposed' || g.status === 'closed') ? say('status.outcome', lang, { outcome: outcomePhrase(g.outcome, lang) }) : '',
  });
}

/** With a right code: the status of each grievance, then feedback where it can be given. */
async function afterCode(ctx: Ctx, s: ChatState): Promise<ChatState> {
  const list = await ctx.fx.grievances(s.subject!);
  if (list.length === 0) return toMenu(ctx, s, 'status.none');
  for (const g of list.slice(0, 5)) ctx.out.push({ text: statusLine(g, ctx.lang) });
  const open = list.filter((g) => g.canFeedback);
  if (s.flow === 'feedback' && open.length === 0) return toMenu(ctx, s, 'feedback.notDisposed');
  if (open.length === 1 && (s.flow === 'feedback' || list.length === 1)) { s.picked = open[0].number; return askSatisfied(ctx, s); }
  if (open.length > 1 && s.flow === 'feedback') {
    s.await = 'pick';
    reply(ctx, s, say('feedback.pick', ctx.lang), ['choice.menu'], open.map((g) => formatGrievanceNumber(g.number)));
    return s;
  }
  return toMenu(ctx, s, 'status.more');
}

function askSatisfied(ctx: Ctx, s: ChatState): ChatState {
  s.await = 'satisfied';
  s.flow = 'feedback';
  reply(ctx, s, say('status.canFeedback', ctx.lang), ['choice.satisfied', 'choice.notSatisfied', 'choice.menu']);
  return s;
}
