/**
 * Status at the kiosk: a citizen comes back with a grievance number, a receipt or just their mobile
 * number. Online the server answers (GET /api/status); offline the grievances registered on this device
 * that match are shown with the status last seen here, marked as possibly old. For a disposed grievance
 * the operator records the citizen's satisfaction or files a reopen with a reason, both queued on the
 * device like everything else and applied exactly once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActionRow } from '../../db/db';
import { formatGrievanceNumber } from '../../domain/numbers';
import type { SessionInfo } from '../../sync/auth-client';
import { lookupStatus, type LocalStatus, type StatusFound } from '../../sync/workflow-client';
import { ActionList } from '../components/action-list';
import { CitizenStatusCard } from '../components/citizen-status';
import { StatusBadge } from '../components/status-badge';
import { errorText, useReloadOnDone, useActions } from '../components/workflow-bits';
import { Field } from '../components/field';
import { departmentName, districtName, formatDateTime } from '../format';
import { t, type Lang } from '../i18n';
import type { OutboxState } from '../../db/grievances';
import './workflow.css';

export function StatusScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState<string>();
  const [found, setFound] = useState<StatusFound>();
  const [busy, setBusy] = useState(false);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const rows = useActions(session.operatorKey);
  const askedRef = useRef<string | undefined>(undefined);
  askedRef.current = asked;

  async function look(query: string, focus: boolean) {
    setBusy(true);
    const r = await lookupStatus(session, query);
    setBusy(false);
    setFound(r);
    setAsked(query);
    const misread = r.state === 'error' && !!r.error.fields?.length;
    if (focus) requestAnimationFrame(() => (misread ? document.getElementById('lookup-q') : resultsRef.current)?.focus());
  }
  // After an action is accepted (or refused), show the grievance as it is now.
  useReloadOnDone(rows, () => { if (askedRef.current && navigator.onLine) void look(askedRef.current, false); });

  const submit = (e: Event) => {
    e.preventDefault();
    if (!busy && q.trim()) void look(q.trim(), true);
  };
  // A query the server cannot read (a mistyped number) is said at the field itself.
  const fieldMessage = found?.state === 'error' ? found.error.fields?.map((f) => (lang === 'hi' ? f.messageHi : f.message)).join(' ') || undefined : undefined;
  const count = found?.state === 'live' || found?.state === 'local' ? found.results.length : 0;
  const mine = (rows ?? []).filter((r) => r.route !== 'actions');

  return (
    <>
      <h1 tabIndex={-1}>{t(lang, 'lookup.title')}</h1>
      <form class="wk-lookup" role="search" noValidate onSubmit={submit} aria-label={t(lang, 'lookup.title')}>
        <Field id="lookup-q" label={t(lang, 'lookup.field')} hint={t(lang, 'lookup.hint')} error={fieldMessage}>
          {(p) => (
            <input {...p} type="text" inputMode="text" autocomplete="off" spellcheck={false} class="input--digits" value={q}
              onInput={(e) => setQ(e.currentTarget.value)} />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="btn btn--primary" aria-disabled={busy ? 'true' : undefined}>{t(lang, 'lookup.submit')}</button>
          {busy && <span role="status">{t(lang, 'lookup.busy')}</span>}
        </div>
      </form>

      {found && !fieldMessage && (
        <section class="wk-section" aria-labelledby="lookup-results">
          <h2 id="lookup-results" ref={resultsRef} tabIndex={-1}>{t(lang, 'lookup.results')}</h2>
          <p role="status">
            {found.state === 'error' ? t(lang, 'wk.failed', { msg: errorText(found.error, lang) })
              : count ? t(lang, 'lookup.found', { n: count }) : found.state === 'local' ? t(lang, 'lookup.localNone') : t(lang, 'lookup.none')}
          </p>
          {found.state === 'local' && count > 0 && <p class="note">{t(lang, 'lookup.local')}</p>}
          {found.state === 'live' && found.results.map((s) => (
            <CitizenStatusCard key={s.number} status={s} session={session} lang={lang} rows={rows ?? []} headingLevel={3} />
          ))}
          {found.state === 'local' && found.results.map((l) => <LocalCard key={l.receiptNumber} local={l} session={session} lang={lang} rows={rows ?? []} />)}
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
