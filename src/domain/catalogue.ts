/**
 * The one string catalogue of the product, for the page, the workers and the server: its types, the one
 * `format()` that fills `{name}` placeholders, and typed lookups over namespaced parts.
 *
 * A part is a plain object of bilingual entries kept beside the code that shows it: the validation and API
 * messages (`./messages.ts`), the lifecycle labels every channel uses (`./labels.ts`), the first screen's
 * words (`src/ui/i18n.ts`), one `*-strings.ts` per lazily loaded group of screens, the assistant's replies
 * (`src/chat/strings.ts`), the notification texts (`server/notifications/templates.ts`). A part travels in the
 * chunk that imports it, and a lookup's key type is the union of the parts it was made from: a key can only
 * be used where its part is loaded, and nothing is registered at import.
 */
import { devanagariDigits } from './digits';

export type Lang = 'hi' | 'en';
export type Entry = { readonly hi: string; readonly en: string };
export type Part = Readonly<Record<string, Entry>>;
/** Values for the placeholders: numbers are written in Devanagari digits in Hindi; strings (codes, numbers typed back) as given. */
export type Vars = Readonly<Record<string, string | number | undefined>>;

/** `template` with each `{name}` replaced by `vars[name]` (an absent or undefined value by nothing). */
export function format(template: string, lang: Lang, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = vars[k];
    return v === undefined ? '' : typeof v === 'number' && lang === 'hi' ? devanagariDigits(String(v)) : String(v);
  });
}

/** The keys of a list of parts. */
export type KeysOf<Ps extends readonly Part[]> = { [I in keyof Ps]: keyof Ps[I] & string }[number];

/** The text of a key in a language, placeholders filled; `has` tells a key that came as data from one of these. */
export type Lookup<K extends string> = ((lang: Lang, key: K, vars?: Vars) => string) & {
  has(key: string): key is K;
  /** Every entry of the parts (for the catalogue's tests). */
  readonly entries: Readonly<Record<K, Entry>>;
};

/** One lookup over `parts`; a key defined twice with different texts is a mistake, found at once. */
export function lookup<const Ps extends readonly Part[]>(...parts: Ps): Lookup<KeysOf<Ps>> {
  const all: Record<string, Entry> = {};
  for (const part of parts) {
    for (const k in part) {
      if (all[k] && all[k] !== part[k]) throw new Error(`strings: ${k} is defined twice`);
      all[k] = part[k];
    }
  }
  const text = (lang: Lang, key: string, vars?: Vars) => format(all[key]?.[lang] ?? key, lang, vars);
  return Object.assign(text, { has: (key: string): key is KeysOf<Ps> => key in all, entries: all as Record<KeysOf<Ps>, Entry> });
}
