/**
 * Romanised Hindi as people type it ("paani nahi aa raha") to Devanagari: the hand-made word list first,
 * then Sanscript's ITRANS scheme on the word rewritten the way casual spelling means it: doubled vowels
 * are long (aa → A, ee → I, oo → U), a final "a" or "i" is long (raha → rahA, paani → pAnI), a final
 * consonant keeps its inherent vowel (sadak → सदक, not सदक्). Pure and synchronous; the caller loads this
 * module lazily (Sanscript and the word list are ~35 KB gzip, kept out of the first load).
 */
import Sanscript from '@indic-transliteration/sanscript';
import { HINDI_WORDS } from './hindi-words';

const VOWEL = /[aeiou]$/i;

/** The ITRANS spelling casual typing most likely means, and a second guess (short final vowel, nasal). */
export function itransGuesses(word: string): string[] {
  const w = word.toLowerCase().replace(/w/g, 'v').replace(/q/g, 'k');
  const long = w.replace(/aa/g, 'A').replace(/ee/g, 'I').replace(/oo/g, 'U');
  const guesses = new Set<string>();
  let main = long;
  if (/[^aeiouAIU]a$/.test(main) && main.length > 2) main = `${main.slice(0, -1)}A`;
  else if (/[^aeiouAIU]i$/.test(main)) main = `${main.slice(0, -1)}I`;
  if (!VOWEL.test(main) && !/[AIU]$/.test(main)) main = `${main}a`;
  guesses.add(main);
  guesses.add(VOWEL.test(long) || /[AIU]$/.test(long) ? long : `${long}a`);
  guesses.add(main.replace(/n(?=[kgcjTDtdpbm])/g, 'M')); // "pension" with a bindu: पेंशन
  return [...guesses];
}

const KEYS = Object.keys(HINDI_WORDS).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));

/**
 * Devanagari suggestions for one Roman word, best first (at most `max`): the word list's spelling, then
 * (while the word is still being typed, `complete`) listed words it begins, then the rules' guesses.
 */
export function suggestHindi(word: string, max = 5, complete = false): string[] {
  if (!/^[A-Za-z]+$/.test(word)) return [];
  const w = word.toLowerCase();
  const listed = HINDI_WORDS[w] ?? [];
  const completions = complete && w.length >= 2 ? KEYS.filter((k) => k.length > w.length && k.startsWith(w)).slice(0, 4).map((k) => HINDI_WORDS[k][0]) : [];
  const ruled = itransGuesses(word).map((g) => Sanscript.t(g, 'itrans', 'devanagari'));
  return [...new Set([...listed, ...completions, ...ruled])].filter((s) => !/[A-Za-z]/.test(s)).slice(0, max);
}

/** The Hindi for a finished word: the word list's, else the rules' first guess. */
export const toHindi = (word: string): string | undefined => suggestHindi(word, 1)[0];

/** A whole text: every Roman word becomes Hindi; Devanagari, digits and punctuation stay. */
export function transliterateText(text: string): string {
  return text.replace(/[A-Za-z]+/g, (w) => toHindi(w) ?? w);
}
