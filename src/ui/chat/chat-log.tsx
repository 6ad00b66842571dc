/**
 * The conversation as both chat screens show it (the public /chat page and the kiosk's guided mode): a log
 * region (role="log", polite live region) so a screen reader reads each reply, kept scrolled to the newest
 * line, and the assistant's last choices as buttons that send their label.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { type KeyOf, type Lang, strings } from '../i18n';
import { CHAT_UI } from './chat-strings';

const t = strings(CHAT_UI);

/** `photo`: the assistant asks for the optional photo (its first choice adds it); `image`: a photo the person sent (a thumbnail). */
export type ChatLine = { from: 'person' | 'assistant'; text: string; choices?: string[]; photo?: boolean; image?: string };

export function ChatLog({ lines, lang, busy, youKey, printable = true, onChoice, children }: {
  lines: readonly ChatLine[]; lang: Lang; busy: boolean;
  /** How a screen reader names the person's own lines ("You said", "The operator"). */
  youKey: KeyOf<typeof t>;
  /** false: left out of print (the guided mode prints only its receipt). */
  printable?: boolean;
  onChoice: (label: string) => void;
  /** Shown between the conversation and the choices (the public page's photo field). */
  children?: ComponentChildren;
}) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => end.current?.scrollIntoView?.({ block: 'nearest' }), [lines.length]);
  const last = lines.at(-1);
  const noPrint = printable ? '' : ' no-print';
  return (
    <>
      <div class={`chat__log${noPrint}`} role="log" aria-live="polite" aria-label={t(lang, 'chat.log')} tabIndex={0}>
        <ol class="chat__lines">
          {lines.map((l, i) => (
            <li key={i} class={`chat__line chat__line--${l.from === 'person' ? 'citizen' : 'assistant'}`} lang={lang}>
              <span class="sr-only">{t(lang, l.from === 'person' ? youKey : 'chat.bot')} </span>
              {l.text.split('\n').map((p, j) => <p key={j}>{p}</p>)}
              {l.image && <img src={l.image} alt={t(lang, 'chat.photo.sent')} class="chat__thumb" />}
            </li>
          ))}
        </ol>
        <div ref={end} class="chat__end" />
      </div>
      {children}
      {last?.from === 'assistant' && last.choices && last.choices.length > 0 && (
        <div class={`chat__choices${noPrint}`} role="group" aria-label={t(lang, 'chat.choices')}>
          {last.choices.map((c) => <button key={c} type="button" class="btn chat__choice" disabled={busy} onClick={() => onChoice(c)}>{c}</button>)}
        </div>
      )}
    </>
  );
}
