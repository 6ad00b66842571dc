/**
 * Hindi typing on an English keyboard: a toggle for a form's free-text fields; while it is on, a Roman
 * word becomes Devanagari when a space or punctuation follows it ("paani nahi aa raha " → "पानी नहीं आ
 * रहा "), and the word being typed shows suggestions to pick with a click or Tab + Enter. Escape keeps the
 * current word in Roman letters. The transliterator (src/translit, Sanscript and a hand-made word list)
 * loads the first time the toggle is turned on, from the precache when offline.
 */
import type { TargetedEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type Lang } from '../i18n';

type Translit = typeof import('../../translit/romanised');
let module: Promise<Translit> | undefined;
const load = () => (module ??= import('../../translit/romanised'));

type Field = HTMLInputElement | HTMLTextAreaElement;
type Active = { id: string; start: number; end: number; options: string[] };
const DONE = /([A-Za-z]+)([\s.,!?;:।)]+)$/;

export function useHindiTyping() {
  const [on, setOn] = useState(false);
  const [tr, setTr] = useState<Translit>();
  const [active, setActive] = useState<Active>();
  const keepRoman = useRef(false);
  const setters = useRef(new Map<string, (v: string) => void>());
  useEffect(() => { if (on && !tr) void load().then(setTr); }, [on]);

  /**
   * Puts `text` in place of [start, end) of the field's value, the caret `skip` characters after it (past
   * the space just typed). The field is changed at once, then the form's state: the next key lands right.
   */
  const replace = (el: Field, start: number, end: number, text: string, set: (v: string) => void, skip = 0) => {
    const next = el.value.slice(0, start) + text + el.value.slice(end);
    const caret = start + text.length + skip;
    el.value = next;
    el.setSelectionRange(caret, caret);
    set(next);
  };

  /** Wraps a field's props: its own onInput runs first, then the word just ended is converted. */
  function wrap<P extends { value: string; onInput: (e: TargetedEvent<Field>) => void }>(id: string, props: P, set: (v: string) => void): P & { onKeyDown: (e: KeyboardEvent) => void } {
    setters.current.set(id, set);
    return {
      ...props,
      onInput: (e: TargetedEvent<Field>) => {
        props.onInput(e);
        if (!on || !tr) return;
        const el = e.currentTarget;
        const caret = el.selectionStart ?? el.value.length;
        const before = el.value.slice(0, caret);
        const done = DONE.exec(before);
        if (done) {
          const [, word, sep] = done;
          const hindi = keepRoman.current ? undefined : tr.toHindi(word);
          keepRoman.current = false;
          setActive(undefined);
          if (hindi) { const start = caret - sep.length - word.length; replace(el, start, start + word.length, hindi, set, sep.length); }
          return;
        }
        const typing = /[A-Za-z]+$/.exec(before);
        setActive(typing && !keepRoman.current ? { id, start: caret - typing[0].length, end: caret, options: tr.suggestHindi(typing[0], 5, true) } : undefined);
      },
      onKeyDown: (e: KeyboardEvent) => {
        if (e.key === 'Escape' && active?.id === id) { keepRoman.current = true; setActive(undefined); e.preventDefault(); }
      },
    };
  }

  const pick = (option: string) => {
    if (!active) return;
    const el = document.getElementById(active.id) as Field | null;
    const set = setters.current.get(active.id);
    if (!el || !set) return;
    replace(el, active.start, active.end, `${option} `, set);
    setActive(undefined);
    el.focus();
  };

  return { on, ready: on && !!tr, active, toggle: () => { setOn(!on); setActive(undefined); }, wrap, pick };
}
export type HindiTyping = ReturnType<typeof useHindiTyping>;

/** The toggle, with what it does once it is ready. */
export function HindiToggle({ typing, lang }: { typing: HindiTyping; lang: Lang }) {
  return (
    <div class="hindi-toggle no-print">
      <button type="button" class="btn btn--small" aria-pressed={typing.on} aria-describedby="hindi-typing-hint" onClick={typing.toggle}>
        {t(lang, 'ht.toggle')}
      </button>
      <p id="hindi-typing-hint" class="hint" aria-live="polite">{typing.on ? t(lang, typing.ready ? 'ht.hint' : 'ht.loading') : ''}</p>
    </div>
  );
}

/** The suggestions for the word being typed in field `id`. */
export function HindiSuggestions({ typing, id, lang }: { typing: HindiTyping; id: string; lang: Lang }) {
  const a = typing.active;
  if (!a || a.id !== id || a.options.length === 0) return null;
  return (
    <ul class="hindi-suggestions no-print" aria-label={t(lang, 'ht.suggestions')}>
      {a.options.map((o) => <li key={o}><button type="button" class="btn btn--small" lang="hi" onClick={() => typing.pick(o)}>{o}</button></li>)}
    </ul>
  );
}
