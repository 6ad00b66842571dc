/**
 * What every step of the chat shares: the turn's context, adding a reply with its buttons, and sending and
 * checking a one-time code. Used by the main flow (engine.ts) and the registration flow (register.ts), so
 * neither imports the other's internals (no import cycle).
 */
import type { Lang } from '../domain/messages';
import { maskMobile } from '../domain/identity';
import { codeOnly, findNumbers } from './nlu';
import { type ChatKey, say } from './strings';
import type { ChatEffects, ChatMessage, ChatState, CodePurpose } from './types';

/** One turn's context: the language, the effects (send a code, look up a grievance…) and the replies so far. */
export interface Ctx { lang: Lang; fx: ChatEffects; out: ChatMessage[] }

/** Adds a reply; `offer` puts buttons (keys, then plain options) on it and records them on the state. */
export function reply(ctx: Ctx, s: ChatState, text: string, offer: ChatKey[] = [], options: string[] = []): void {
  s.offered = offer;
  s.options = options;
  const choices = [...options, ...offer.map((k) => say(k, ctx.lang))];
  ctx.out.push(choices.length ? { text, choices } : { text });
}

/** Sends a one-time code for `purpose` and asks for it (or says when too many were sent). */
export async function sendCode(ctx: Ctx, s: ChatState, purpose: CodePurpose): Promise<ChatState> {
  const subject = purpose === 'register' ? { mobile: s.draft!.mobile! } : s.subject!;
  const sent = await ctx.fx.sendCode(purpose, subject, ctx.lang);
  s.codeTries = 0;
  if (!sent.ok) {
    reply(ctx, s, say('code.tooMany', ctx.lang, { minutes: Math.ceil(sent.retryAfterS / 60) }), ['choice.human', 'choice.menu']);
    s.await = 'intent';
    return s;
  }
  s.await = purpose === 'register' ? 'regCode' : 'code';
  const key = subject.number || subject.receipt ? 'code.sent' : 'code.sentMobile';
  reply(ctx, s, say(key, ctx.lang, { mobile: maskMobile(subject.mobile) }), ['choice.resend', 'choice.menu']);
  return s;
}

/** A typed code: checked; whatever the reason it is refused, the citizen learns nothing of the grievance. */
export async function checkTyped(ctx: Ctx, s: ChatState, text: string, label: ChatKey | null, purpose: CodePurpose): Promise<'ok' | ChatState | null> {
  if (label === 'choice.resend') return sendCode(ctx, s, purpose);
  const typed = codeOnly(text) ?? findNumbers(text).code;
  if (!typed) return null;
  const subject = purpose === 'register' ? { mobile: s.draft!.mobile! } : s.subject!;
  const r = await ctx.fx.checkCode(purpose, subject, typed);
  if (r.ok) return 'ok';
  s.codeTries = (s.codeTries ?? 0) + 1;
  const left = r.reason === 'otp.wrong' ? r.triesLeft : r.reason === 'otp.none' ? Math.max(0, 3 - s.codeTries) : 0;
  if (left > 0) reply(ctx, s, say('code.wrong', ctx.lang, { tries: left }), ['choice.resend', 'choice.menu']);
  else reply(ctx, s, say(r.reason === 'otp.expired' ? 'code.expired' : 'code.locked', ctx.lang), ['choice.resend', 'choice.menu']);
  return s;
}
