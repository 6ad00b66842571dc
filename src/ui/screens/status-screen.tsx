/**
 * Status at the kiosk: a citizen comes back with a grievance number, a receipt or just their mobile
 * number. Online the server answers (GET /api/status); offline the grievances registered on this device
 * that match are shown with the status last seen here, marked as possibly old. For a disposed grievance
 * the operator records the citizen's satisfaction or files a reopen with a reason, both queued on the
 * device like everything else and applied exactly once. A grievance registered at another kiosk shows
 * only where it stands, unless the citizen's own mobile number is given (their view) or the code sent to
 * it is typed (their view, and feedback and reopen): ../components/citizen-code.tsx.
 */
import { useRef, useState } from 'preact/hooks';
import type { ActionRow } from '../../db/db';
import { formatGrievanceNumber } from '../../domain/numbers';
import type { SessionInfo } from '../../sync/auth-client';
import { checkCode, lookupStatus, type LocalStatus, type StatusFound } from '../../sync/workflow-client';
import { ActionList } from '../components/action-list';
import { CitizenStatusCard } from '../components/citizen-status';
import { CitizenCodePanel, LimitedStatusCard } from '../components/citizen-code';
import { StatusBadge } from '../components/status-badge';
import { errorText, useReloadOnDone, useActions } from '../components/workflow-bits';
import { Field } from '../components/field';
import { departmentName, districtName, formatDateTime } from '../format';
import { type Lang, strings } from '../i18n';
import { STATUS_PRIVACY_UI } from '../status-strings';
import { WORKFLOW_UI } from '../workflow-strings';
import type { OutboxState } from '../../db/grievances';
import './workflow.css';

const t = strings(STATUS_PRIVACY_UI, WORKFLOW_UI);

/** What was asked: the query, the citizen's mobile if given, and the code that opened the answer. */
interface Asked { q: string; mobile?: string; code?: string }

export function StatusScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [q, setQ] = useState('');
  const [mobile, setMobile] = useState('');
  const [asked, setAsked] = useState<Asked>();
  const [found, setFound] = useState<StatusFound>();
  const [busy, setBusy] = useState(false);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const rows = useActions(session.operatorKey);
  const askedRef = useRef<Asked | undefined>(undefined);
  askedRef.current = asked;

  const show = (r: StatusFound, a: Asked, focus: boolean) => {
    setFound(r);
    setAsked(a);
    const misread = r.state === 'error' && !!r.error.fields?.length;
    if (focus) requestAnimationFrame(() => (misread ? document.getElementById(r.error.fields?.[0]?.path === 'mobile' ? 'lookup-mobile' : 'lookup-q') : resultsRef.current)?.focus());
  };
  async function look(a: Asked, focus: boolean) {
    setBusy(true);
    // A view opened by the citizen's code is looked at again with it (while it lasts), else as asked.
    const opened = a.code ? await checkCode(a.q, a.code) : undefined;
    const r = opened?.state === 'live' ? opened : await lookupStatus(session, a.q, a.mobile);
    setBusy(false);
    show(r, opened?.state === 'live' ? a : { q: a.q, mobile: a.mobile }, focus);
  }
  // After an action is accepted (or refused), show the grievance as it is now.
  useReloadOnDone(rows, () => { if (askedRef.current && navigator.onLine) void look(askedRef.current, false); });

  const submit = (e: Event) => {
    e.preventDefault();
    if (!busy && q.trim()) void look({ q: q.trim(), ...(mobile.trim() && { mobile: mobile.trim() }) }, true);
  };
  // A query the server cannot read (a mistyped number) is said at the field itself.
  const fieldsSaid = (path: string) => found?.state === 'error'
    ? found.error.fields?.filter((f) => f.path === path).map((f) => (lang === 'hi' ? f.messageHi : f.message)).join(' ') || undefined : undefined;
  const qMessage = fieldsSaid('q');
  const mobileMessage = fieldsSaid('mobile');
  const count = found?.state === 'live' || found?.state === 'local' ? found.results.length : 0;
  const mine = (rows ?? []).filter((r) => r.route !== 'actions');
  // Another kiosk's grievance: the citizen's code opens it (or its feedback and reopen, after the mobile was shown).
  const needsCode = found?.state === 'live' && !found.code && found.results.some((r) => r.view === 'limited' ||
    (!!asked?.mobile && !r.canGiveFeedback && !r.canReopen && (r.status === 'disposed' || r.status === 'closed')));

  return (
    <>
      <h1 tabIndex={-1}>{t(lang, 'lookup.title')}</h1>
      <form class="wk-lookup" role="search" noValidate onSubmit={submit} aria-label={t(lang, 'lookup.title')}>
        <Field id="lookup-q" label={t(lang, 'lookup.field')} hint={t(lang, 'lookup.hint')} error={qMessage}>
          {(p) => (
            <input {...p} type="text" inputMode="text" autocomplete="off" spellcheck={false} class="input--digits" value={q}
              onInput={(e) => setQ(e.currentTarget.value)} />
          )}
        </Field>
        <Field id="lookup-mobile" label={t(lang, 'lookup.mobile')} hint={t(lang, 'lookup.mobileHint')} error={mobileMessage}>
          {(p) => (
            <input {...p} type="tel" inputMode="tel" autocomplete="off" class="input--digits" value={mobile}
              onInput={(e) => setMobile(e.currentTarget.value)} />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="btn btn--primary" aria-disabled={busy ? 'true' : undefined}>{t(lang, 'lookup.submit')}</button>
          {busy && <span role="status">{t(lang, 'lookup.busy')}</span>}
        </div>
      </form>

      {found && !qMessage && !mobileMessage && (
        <section class="wk-section" aria-labelledby="lookup-results">
          <h2 id="lookup-results" ref={resultsRef} tabIndex={-1}>{t(lang, 'lookup.results')}</h2>
          <p role="status">
            {found.state === 'error' ? t(lang, 'wk.failed', { msg: errorText(found.error, lang) })
              : count ? t(lang, 'lookup.found', { n: count }) : found.state === 'local' ? t(lang, 'lookup.localNone') : t(lang, 'lookup.none')}
          </p>
          {found.state === 'live' && found.code && <p class="saved-note">{t(lang, 'code.ok')}</p>}
          {found.state === 'local' && count > 0 && <p class="note">{t(lang, 'lookup.local')}</p>}
          {found.state === 'live' && found.results.map((s, i) => (s.view === 'citizen'
            ? <CitizenStatusCard key={s.number} status={s} session={session} lang={lang} rows={rows ?? []} headingLevel={3} code={found.code} />
            : <LimitedStatusCard key={`limited-${i}`} status={s} lang={lang} index={i} mismatch={!!asked?.mobile} />))}
          {found.state === 'local' && found.results.map((l) => <LocalCard key={l.receiptNumber} local={l} session={session} lang={lang} rows={rows ?? []} />)}
          {needsCode && asked && (
            <CitizenCodePanel key={asked.q} q={asked.q} lang={lang} onOpened={(r) => {
              show(r, { ...asked, code: r.code }, true);
            }} />
          )}
        </section>
      )}

      <ActionList rows={mine} lang={lang} title={t(lang, 'queue.deviceActions')} showNumber />
    </>
  );
}

/** Offline: a grievance registered on this device, with the status last seen here if there is one. */
function LocalCard({ local: l, session, lang, rows }: { local: LocalStatus; session: SessionInfo; lang: Lang; rows: readonly ActionRow[] }) {
  if (l.kept) return <CitizenStatusCard status={l.kept.data} savedAt={l.kept.savedAt} session={session} lang={lang} rows={rows} headingLevel={3} />;
  const id = `local-${l.receiptNumber}`;
  return (
    <section class="wk-card" aria-labelledby={id}>
      <h3 id={id} class="wk-card__title">{l.number ? t(lang, 'wk.number', { n: formatGrievanceNumber(l.number) }) : l.receiptNumber}</h3>
      <dl class="wk-facts">
        <div><dt>{t(lang, 'wk.receipt')}</dt><dd>{l.receiptNumber}</dd></div>
        <div><dt>{t(lang, 'lookup.deviceState')}</dt><dd><StatusBadge state={l.deviceState as OutboxState} lang={lang} /></dd></div>
        <div><dt>{t(lang, 'wk.department')}</dt><dd>{departmentName(l.departmentCode, lang)}</dd></div>
        <div><dt>{t(lang, 'wk.district')}</dt><dd>{districtName(l.districtCode, lang)}</dd></div>
        <div><dt>{t(lang, 'wk.registered')}</dt><dd>{formatDateTime(l.createdAt, lang)}</dd></div>
      </dl>
      <p class="hint">{t(lang, 'lookup.noStatus')}</p>
    </section>
  );
}
