/**
 * The camp's entrance desk and counters (issue 12 item 2), on one device and offline: **Give token** prints
 * a slip on the 80 mm printer (large digits, a QR of the token, the camp) the moment it is tapped; a counter
 * picks its number and **Call next token**; the hall screen (/hall, another window of this device) follows
 * live. The queue is in src/db/tokens.ts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { callNext, COUNTERS, issueToken, queueView, type QueueView, type Token } from '../../db/tokens';
import type { SessionInfo } from '../../sync/auth-client';
import { campState } from '../../sync/events';
import { QrCode } from '../components/qr-code';
import { formatDateTime } from '../format';
import { type KeyOf, type Lang, strings, type Vars } from '../i18n';
import { CAMP_TOKEN_UI } from '../camp-strings';
import { setPageSize } from '../print';
import { useObservable } from '../use-observable';
import './tokens.css';

const t = strings(CAMP_TOKEN_UI);

export function TokensScreen({ lang }: { lang: Lang; session: SessionInfo }) {
  const view = useObservable<QueueView | undefined>(queueView, undefined);
  const camp = useObservable(campState, undefined)?.chosen;
  const [slip, setSlip] = useState<Token>();
  const [counter, setCounter] = useState(1);
  const [note, setNote] = useState('');
  const slipRef = useRef<HTMLElement>(null);
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);

  // The slip prints as soon as it is on screen: the 80 mm page box follows its height.
  useEffect(() => {
    if (!slip) return;
    setPageSize('thermal', slipRef.current);
    window.print();
  }, [slip?.label]);

  async function give() {
    const token = await issueToken(Date.now(), camp?.id);
    setNote(L('tokens.given', { label: token.label }));
    setSlip(token);
  }

  async function call() {
    const token = await callNext(counter);
    setNote(token ? L('tokens.called', { label: token.label, c: counter }) : L('tokens.nobody'));
  }

  return (
    <>
      <h1 tabIndex={-1} class="no-print">{L('nav.tokens')}</h1>
      <p class="hint no-print" id="tokens-hint">{L('tokens.hint')}</p>
      <div class="tokens__desk no-print">
        <button type="button" class="btn btn--primary btn--big" aria-describedby="tokens-hint" onClick={() => void give()}>{L('tokens.give')}</button>
        {slip && <button type="button" class="btn" onClick={() => window.print()}>{L('tokens.print')} <span class="sr-only">{slip.label}</span></button>}
      </div>
      <p role="status" class="no-print">{note}</p>

      {slip && (
        <section ref={slipRef} class="token-slip" aria-label={L('tokens.slip')}>
          <p class="token-slip__head">{L('app.name')}</p>
          {camp && <p class="token-slip__camp">{camp.name}</p>}
          <p class="token-slip__label">{L('tokens.token')}</p>
          <p class="token-slip__n">{String(slip.n).padStart(3, '0')}</p>
          <p class="token-slip__full">{slip.label}</p>
          <QrCode text={slip.label} label={slip.label} class="token-slip__qr" />
          <p class="token-slip__time">{formatDateTime(slip.issuedAt, lang)}</p>
          <p class="token-slip__wait">{L('tokens.wait')}</p>
        </section>
      )}

      <section class="tokens__counter no-print" aria-labelledby="tokens-counter-title">
        <h2 id="tokens-counter-title">{L('tokens.callNext')}</h2>
        <div class="field">
          <label for="tokens-counter">{L('tokens.counter')}</label>
          <select id="tokens-counter" class="input--short" value={String(counter)} onChange={(e) => setCounter(Number(e.currentTarget.value))}>
            {COUNTERS.map((c) => <option key={c} value={String(c)}>{c}</option>)}
          </select>
        </div>
        <button type="button" class="btn btn--primary" onClick={() => void call()}>{L('tokens.callNext')}</button>
      </section>

      {view && (
        <section class="tokens__state no-print" aria-labelledby="tokens-state-title">
          <h2 id="tokens-state-title">{L('nav.hall')}</h2>
          {view.serving.length === 0 ? <p>{L('hall.none')}</p> : (
            <ul class="tokens__serving">
              {view.serving.map((s) => <li key={s.counter}>{L('hall.counter', { c: s.counter })}: <strong>{s.token.label}</strong></li>)}
            </ul>
          )}
          <p>{L('tokens.waiting', { n: view.waiting.length })}</p>
          {view.averageWaitMin !== null && <p>{L('tokens.served', { n: view.served, m: view.averageWaitMin })}</p>}
          <p><a href={`/hall?lang=${lang}`} target="_blank" rel="noopener">{L('tokens.openHall')}</a></p>
        </section>
      )}
    </>
  );
}
