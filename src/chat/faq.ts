/**
 * The small reviewed knowledge base (./faq.json): the entry whose keywords the question matches best,
 * or none. Matching only: an answer is always one of the reviewed texts, never composed.
 */
import type { Lang } from '../domain/messages';
import faqJson from './faq.json' with { type: 'json' };
import { fold } from './nlu';

export interface FaqEntry { id: string; words: string[]; q: Record<Lang, string>; a: Record<Lang, string> }

export const FAQ: readonly FaqEntry[] = faqJson.entries;

const hits = (t: string, w: string) => (/^[a-z0-9 -]+$/.test(w) ? new RegExp(`(^|[^a-z])${w}($|[^a-z])`).test(t) : t.includes(w));

/** The best-matching entry (most keywords found, the longest first on a tie), or null. */
export function answerFaq(question: string): FaqEntry | null {
  const t = fold(question);
  let best: { e: FaqEntry; score: number } | null = null;
  for (const e of FAQ) {
    const score = e.words.map(fold).filter((w) => hits(t, w)).reduce((s, w) => s + 1 + w.length / 100, 0);
    if (score > 0 && (!best || score > best.score)) best = { e, score };
  }
  return best?.e ?? null;
}

/** The entry whose question (as a button label, in either language) the text is. */
export function faqByQuestion(text: string): FaqEntry | null {
  const t = fold(text);
  return FAQ.find((e) => fold(e.q.hi) === t || fold(e.q.en) === t) ?? null;
}
