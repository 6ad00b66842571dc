/**
 * The outbox: the signed-in operator's grievances on this device, newest first, live from IndexedDB
 * (outboxView is a Dexie liveQuery), with counts per status, the official number once synced, the reason
 * and what to do when a grievance needs attention, and the receipt to reprint. On a shared kiosk the
 * other operators' grievances appear only as counts: no citizen's details cross between operators.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OutboxItem, OutboxState, OutboxView } from '../../db/grievances';
import type { SessionInfo } from '../../sync/auth-client';
import { discardGrievance, outboxView, resendPoisoned, syncNow } from '../device';
import { POISON_KEY } from '../../db/db';
import { Link } from '../router';
import { StatusBadge } from '../components/status-badge';
import { departmentName, formatDateTime, formatGrievanceNo, fieldLabel } from '../format';
import { GroupedNumber } from '../components/grouped-number';
import { errorWords, type Key, type Lang, strings } from '../i18n';
import { OUTBOX_POISON_UI } from '../outbox-strings';
import type { Prefs } from '../prefs';
import { Receipt } from '../components/lazy-receipt';
import { AttachmentThumbs } from '../components/lazy-attachments';
import { useObservable } from '../use-observable';
import { HandoverExport } from '../components/handover';

const t = strings(OUTBOX_POISON_UI);

const STATES: OutboxState[] = ['saved', 'sending', 'synced', 'attention'];
/** Rendering thousands of rows would slow an old kiosk PC; the list grows a page at a time. */
const PAGE = 100;

export function OutboxScreen({ lang, prefs, session }: { lang: Lang; prefs: Prefs; session: SessionInfo }) {
  const view = useObservable<OutboxView | undefined>(() => outboxView(session.operatorId), undefined);
  const items = view?.own;
  const [limit, setLimit] = useState(PAGE);
  const [shownId, setShownId] = useState<string>();
  const L = (k: Key, vars?: Record<string, string | number>) => t(lang, k, vars);
  const shown = shownId ? items?.find((i) => i.clientId === shownId) : undefined;

  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
  for (const i of items ?? []) counts[i.state]++;

  return (
    <>
      <h1 tabIndex={-1} class="no-print">{L('outbox.title')}</h1>

      <section class="counts no-print" aria-labelledby="counts-title">
        <h2 id="counts-title" class="sr-only">{L('outbox.counts')}</h2>
        <ul class="counts__list">
          {STATES.map((s) => (
            <li key={s} class={`counts__item counts__item--${s}`}>
              <span class="counts__n">{counts[s]}</span>
              <StatusBadge state={s} lang={lang} />
            </li>
          ))}
          <li class="counts__item counts__item--total">
            <span class="counts__n">{items?.length ?? 0}</span>
            <span class="counts__label">{L('outbox.total')}</span>
          </li>
        </ul>
        {view && <OthersLine others={view.others} lang={lang} />}
      </section>

      {session.role === 'operator' && <HandoverExport lang={lang} />}

      {shown && (
        <Receipt item={shown} lang={lang} paper={prefs.paper} focusOnShow onClose={() => {
          document.getElementById(`reprint-${shownId}`)?.focus(); // back where the operator came from
          setShownId(undefined);
        }} />
      )}

      {items === undefined ? (
        <p class="no-print">{L('app.loading')}</p>
      ) : items.length === 0 ? (
        <p class="empty no-print">{L('outbox.empty')}</p>
      ) : (
        <>
          <ol class="outbox no-print" aria-label={L('outbox.list')}>
            {items.slice(0, limit).map((item) => (
              <OutboxRow key={item.clientId} item={item} lang={lang} onReprint={() => setShownId(item.clientId)} />
            ))}
          </ol>
          {items.length > limit && (
            <p class="no-print">
              <button type="button" class="btn" onClick={() => setLimit((n) => n + PAGE)}>
                {L('outbox.more', { n: items.length - limit })}
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}

/** "3 by other operators on this device: 2 synced, 1 waiting": counts only, never whose or what. */
function OthersLine({ others, lang }: { others: OutboxView['others']; lang: Lang }) {
  const total = STATES.reduce((n, s) => n + others[s], 0);
  if (total === 0) return null;
  const waiting = others.saved + others.sending;
  const parts = [
    others.synced && t(lang, 'outbox.othersSynced', { n: others.synced }),
    waiting && t(lang, 'outbox.othersWaiting', { n: waiting }),
    others.attention && t(lang, 'outbox.othersAttention', { n: others.attention }),
  ].filter(Boolean);
  return <p class="others">{t(lang, 'outbox.others', { n: total })} {parts.join(', ')}</p>;
}

function OutboxRow({ item, lang, onReprint }: { item: OutboxItem; lang: Lang; onReprint: () => void }) {
  const L = (k: Key, vars?: Record<string, string | number>) => t(lang, k, vars);
  const id = `ob-${item.clientId}`;
  return (
    <li class={`outbox__item outbox__item--${item.state}`} aria-labelledby={`${id}-title`}>
      <div class="outbox__head">
        <h2 id={`${id}-title`} class="outbox__title">
          <span class="outbox__name">{item.name}</span>
          <GroupedNumber class="outbox__receipt" value={item.receiptNumber} />
        </h2>
        <StatusBadge state={item.state} lang={lang} />
      </div>
      <dl class="outbox__facts">
        <div><dt>{L('outbox.time')}</dt><dd>{formatDateTime(item.createdAt, lang)}</dd></div>
        <div><dt>{L('outbox.department')}</dt><dd>{departmentName(item.departmentCode, lang)}</dd></div>
        {item.number && (
          <div class="outbox__official"><dt>{L('outbox.official')}</dt><dd><GroupedNumber value={formatGrievanceNo(item.number)} /></dd></div>
        )}
      </dl>
      {!!item.attachmentCount && <AttachmentThumbs clientId={item.clientId} count={item.attachmentCount} lang={lang} />}
      {item.state === 'attention' && <Attention item={item} lang={lang} />}
      {item.state === 'saved' && item.attempts > 0 && (
        <p class="outbox__retry">
          {L('outbox.lastError', { n: item.attempts, msg: errorText(item, lang) })}
          {item.nextAttemptAt ? ` ${L('outbox.nextAttempt', { time: formatDateTime(item.nextAttemptAt, lang) })}` : ''}
        </p>
      )}
      <button type="button" class="btn btn--small" id={`reprint-${item.clientId}`} onClick={onReprint}>
        {L('outbox.reprint')}
        <span class="sr-only"> {item.receiptNumber}</span>
      </button>
    </li>
  );
}

/** Why a grievance was stopped, in plain words, and what the operator should do next. */
function Attention({ item, lang }: { item: OutboxItem; lang: Lang }) {
  const e = item.lastError;
  const fields = e?.fields ?? [];
  const key = e?.key ?? '';
  const todo: Key | keyof typeof OUTBOX_POISON_UI = key === POISON_KEY ? 'todo.poison' : /conflict/i.test(key) ? 'todo.conflict' : key === 'corrupt' ? 'todo.corrupt' : key === 'auth.forbidden' ? 'todo.forbidden'
    : key.startsWith('err.attachment') || key === 'attachmentLost' || fields.some((f) => f.path.startsWith('attachments')) ? 'todo.attachment'
    : fields.length || /invalid/i.test(key) ? 'todo.invalid' : 'todo.other';
  return (
    <div class="outbox__attention">
      <p><strong>{t(lang, 'outbox.reason')}:</strong> {errorText(item, lang)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.path}>{f.path && `${fieldLabel(f.path, lang)}: `}{lang === 'hi' ? f.messageHi : f.message}</li>
          ))}
        </ul>
      )}
      <p><strong>{t(lang, 'outbox.todo')}:</strong> {t(lang, todo)}</p>
      <AttentionActions item={item} lang={lang} correctable={todo === 'todo.invalid' || todo === 'todo.conflict' || todo === 'todo.poison'} resendable={todo === 'todo.poison'} />
    </div>
  );
}

/**
 * "Correct and resend" (the intake form, prefilled) where correcting can help, "Send again" for a record the
 * server failed on every time, and "Discard" after a confirmation.
 */
function AttentionActions({ item, lang, correctable, resendable }: { item: OutboxItem; lang: Lang; correctable: boolean; resendable: boolean }) {
  const L = (k: Key | keyof typeof OUTBOX_POISON_UI, vars?: Record<string, string | number>) => t(lang, k, vars);
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  const id = `discard-${item.clientId}`;
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => { if (confirming) keepRef.current?.focus(); }, [confirming]);
  const keep = () => {
    setConfirming(false);
    requestAnimationFrame(() => document.getElementById(id)?.focus());
  };
  const discard = () => {
    setFailed(false);
    discardGrievance(item.clientId).catch(() => { setFailed(true); setConfirming(false); });
  };
  const sr = <span class="sr-only"> {item.receiptNumber}</span>;
  return (
    <div class="outbox__actions">
      {confirming ? (
        <div role="group" aria-labelledby={`${id}-q`} class="outbox__confirm">
          <p id={`${id}-q`}>{L('outbox.discardConfirm', { n: item.receiptNumber })}</p>
          <button type="button" class="btn btn--small" onClick={discard}>{L('outbox.discardYes')}{sr}</button>
          <button type="button" class="btn btn--small" ref={keepRef} onClick={keep}>{L('outbox.discardKeep')}{sr}</button>
        </div>
      ) : (
        <>
          {resendable && (
            <button type="button" class="btn btn--small" onClick={() => void resendPoisoned(item.clientId).then((ok) => ok && syncNow())}>{L('outbox.resend')}{sr}</button>
          )}
          {correctable && (
            <Link class="btn btn--small" href={`/?correct=${encodeURIComponent(item.clientId)}`}>{L('outbox.correct')}{sr}</Link>
          )}
          <button type="button" class="btn btn--small" id={id} onClick={() => setConfirming(true)}>{L('outbox.discard')}{sr}</button>
        </>
      )}
      {failed && <p class="form-alert" role="alert">{L('outbox.discardFailed')}</p>}
    </div>
  );
}

/** The error in the UI language (one rule for every screen: errorWords). */
const errorText = (item: OutboxItem, lang: Lang): string => (item.lastError ? errorWords(lang, item.lastError, t) : '');
