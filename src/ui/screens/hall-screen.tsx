/**
 * The hall screen (issue 12 item 2): "now serving" per counter in digits large enough to read from 5 m
 * (at least 12 cm tall on a 32" screen), high contrast, in Hindi by default. It follows the queue of this
 * device live (src/db/tokens.ts; another window of the desk device), with no network.
 */
import { useEffect } from 'preact/hooks';
import { queueView, type QueueView } from '../../db/tokens';
import { devanagariDigits } from '../../domain/digits';
import { type KeyOf, type Lang, strings, type Vars } from '../i18n';
import { CAMP_TOKEN_UI } from '../camp-strings';
import { useObservable } from '../use-observable';
import './tokens.css';

const t = strings(CAMP_TOKEN_UI);

export function HallScreen({ lang }: { lang: Lang }) {
  const view = useObservable<QueueView | undefined>(queueView, undefined);
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);
  useEffect(() => { document.body.classList.add('hall-mode'); return () => document.body.classList.remove('hall-mode'); }, []);
  return (
    <section class="hall" aria-labelledby="hall-title">
      <h1 id="hall-title" tabIndex={-1} class="hall__title">{L('hall.title')}</h1>
      {!view ? null : view.serving.length === 0 ? <p class="hall__none">{L('hall.none')}</p> : (
        <ul class="hall__list" aria-live="polite">
          {view.serving.map((s) => (
            <li key={s.counter} class="hall__row">
              <span class="hall__counter">{L('hall.counter', { c: s.counter })}</span>
              <span class="hall__n">{L('tokens.token')} {lang === 'hi' ? devanagariDigits(String(s.token.n)) : s.token.n}</span>
              <span class="hall__full">{s.token.label}</span>
            </li>
          ))}
        </ul>
      )}
      {view && <p class="hall__waiting">{L('hall.waiting', { n: view.waiting.length })}</p>}
    </section>
  );
}
