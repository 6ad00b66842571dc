/**
 * The kiosk's guided mode (/guided, operators; issue 13): the operator runs the citizen assistant's
 * dialogue for a walk-in citizen, in the browser and offline. The engine (src/chat) runs here with the
 * guided effects (src/chat/guided.ts): the triage model from its worker, and the grievance saved with
 * registerGrievance exactly as the intake form saves it (this operator's kiosk, the outbox sends it).
 * No code is sent to the citizen: the operator confirms the consent and the mobile before it is saved.
 * Then the normal receipt. A log region, choices as buttons, a labelled field (Enter sends), 360 px.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { step } from '../../chat/engine';
import { guidedEffects } from '../../chat/guided';
import type { ChatState } from '../../chat/types';
import { say } from '../../chat/strings';
import type { OutboxItem } from '../../db/grievances';
import { suggestTriage } from '../../triage/bridge';
import { isQuotaError, registerGrievance } from '../device';
import { ChatLog, type ChatLine } from './chat-log';
import { type KeyOf, type Lang, strings, type Vars } from '../i18n';
import { CHAT_UI } from './chat-strings';
import type { Prefs } from '../prefs';
import { Link } from '../router';
import type { SessionInfo } from '../../sync/auth-client';
import { Receipt } from '../components/lazy-receipt';
import './chat.css';

const t = strings(CHAT_UI);


export function GuidedScreen({ lang, prefs, session }: { lang: Lang; prefs: Prefs; session: SessionInfo }) {
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [receipt, setReceipt] = useState<OutboxItem>();
  const state = useRef<ChatState | null>(null);
  const saved = useRef<OutboxItem | undefined>(undefined);
  const input = useRef<HTMLTextAreaElement>(null);
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);

  const fx = useRef(guidedEffects({
    classify: (said) => suggestTriage(said),
    save: async (fields, l) => {
      const item = await registerGrievance(fields, l);
      saved.current = item;
      return { receiptNumber: item.receiptNumber };
    },
  }));

  async function send(said: string, fresh = false) {
    setBusy(true);
    setError(undefined);
    if (said && !fresh) setLines((ls) => [...ls, { from: 'person', text: said }]);
    try {
      const r = await step(fresh ? null : state.current, { text: said, lang }, fx.current);
      state.current = r.state;
      setLines((ls) => [...(fresh ? [] : ls), ...r.messages.map((m) => ({ from: 'assistant' as const, ...m }))]);
      setText('');
      if (saved.current) { setReceipt(saved.current); saved.current = undefined; }
    } catch (err) {
      const key = (err as Error)?.name === 'NotSignedIn' ? 'intake.notSignedIn' : (await isQuotaError(err)) ? 'err.quota' : 'err.save';
      setError(L(key));
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  }

  // A new citizen: straight into registration (the engine's own "New grievance").
  const begin = () => { setReceipt(undefined); void send(say('choice.register', lang), true); };
  useEffect(begin, [lang]);

  const submit = (e: Event) => {
    e.preventDefault();
    const said = text.trim();
    if (said && !busy) void send(said);
  };

  return (
    <section class="chat" aria-labelledby="guided-title">
      <h1 id="guided-title" tabIndex={-1} class="no-print">{L('guided.title')}</h1>
      <p class="chat__intro no-print">{L('guided.intro', { code: session.kioskCode ?? '' })} <Link href="/">{L('guided.form')}</Link></p>
      {receipt && (
        <Receipt item={receipt} lang={lang} paper={prefs.paper} focusOnShow onClose={begin} closeLabel={L('intake.next')} notice={L('intake.savedShort')} />
      )}
      <ChatLog lines={lines} lang={lang} busy={busy} youKey="guided.you" printable={false} onChoice={(c) => void send(c)} />
      {error && <p class="form-alert" role="alert">{error}</p>}
      <form class="chat__form no-print" onSubmit={submit} noValidate>
        <label for="guided-input">{L('guided.input')}</label>
        <p id="guided-hint" class="chat__hint">{L('guided.hint')}</p>
        <textarea id="guided-input" ref={input} rows={2} maxLength={1000} value={text} aria-describedby="guided-hint"
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) submit(e); }} />
        <div class="chat__actions">
          <button type="submit" class="btn btn--primary" disabled={busy}>{L('chat.send')}</button>
          <button type="button" class="btn" onClick={begin} disabled={busy}>{L('guided.restart')}</button>
        </div>
      </form>
    </section>
  );
}
