/**
 * The workflow actions taken on this device and where each stands: saved on the device, sending, done
 * (accepted by the server) or needs attention, with the reason and what to do. A refused action (e.g. the
 * grievance moved on: wf.stale) is never sent again; its person reads why and dismisses it.
 */
import type { ActionRow } from '../../db/db';
import { dismissAction } from '../../db/actions';
import { formatGrievanceNumber } from '../../domain/numbers';
import { formatDateTime } from '../format';
import { type Lang, strings } from '../i18n';
import { WORKFLOW_UI } from '../workflow-strings';
import { Link } from '../router';
import { StatusBadge } from './status-badge';
import { errorText, outcomeName, satisfactionName, statusName, stepName } from './workflow-bits';

const t = strings(WORKFLOW_UI);

/** "Dispose: Relief given", "Not satisfied", "Reopen". */
export function actionLabel(row: Pick<ActionRow, 'action'>, lang: Lang): string {
  const a = row.action;
  if (a.type === 'dispose') return `${t(lang, 'act.dispose')}: ${outcomeName(a.outcome, lang)}`;
  if (a.type === 'feedback') return satisfactionName(a.satisfaction, lang);
  return t(lang, `act.${a.type}`);
}

function ActionBadge({ state, lang }: { state: ActionRow['state']; lang: Lang }) {
  if (state !== 'done') return <StatusBadge state={state} lang={lang} />;
  return (
    <span class="badge badge--synced">
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" />
      </svg>
      {t(lang, 'act.state.done')}
    </span>
  );
}

export function ActionList({ rows, lang, title, showNumber }: { rows: readonly ActionRow[]; lang: Lang; title: string; showNumber?: boolean }) {
  if (rows.length === 0) return null;
  return (
    <section class="wk-section" aria-labelledby="actions-title">
      <h2 id="actions-title">{title}</h2>
      <ol class="outbox" aria-label={t(lang, 'act.list')}>
        {rows.map((r) => <ActionItem key={r.actionId} row={r} lang={lang} showNumber={showNumber} />)}
      </ol>
    </section>
  );
}

function ActionItem({ row, lang, showNumber }: { row: ActionRow; lang: Lang; showNumber?: boolean }) {
  const id = `act-${row.actionId}`;
  const label = actionLabel(row, lang);
  const e = row.lastError;
  const stale = e?.key === 'wf.stale';
  const state = row.state === 'done' ? 'synced' : row.state;
  return (
    <li class={`outbox__item outbox__item--${state}`} aria-labelledby={`${id}-title`}>
      <div class="outbox__head">
        <h3 id={`${id}-title`} class="outbox__title">{showNumber ? t(lang, 'act.of', { action: label, n: formatGrievanceNumber(row.number) }) : label}</h3>
        <ActionBadge state={row.state} lang={lang} />
      </div>
      <p class="hint">
        {t(lang, 'act.takenAt', { time: formatDateTime(row.createdAt, lang) })}
        {showNumber && <> · <Link href={`/grievances/${row.number}`}>{t(lang, 'wk.number', { n: formatGrievanceNumber(row.number) })}</Link></>}
      </p>
      {row.state === 'saved' && row.attempts > 0 && <p class="outbox__retry">{t(lang, 'act.retry', { n: row.attempts, msg: errorText(e, lang) })}</p>}
      {row.state === 'attention' && (
        <div class="outbox__attention">
          <p><strong>{t(lang, 'act.reason')}:</strong> {errorText(e, lang)}</p>
          {e?.fields?.map((f) => <p key={f.path}>{lang === 'hi' ? f.messageHi : f.message}</p>)}
          {e?.movedOn && (
            <p>{t(lang, 'act.movedOn', { status: statusName(e.movedOn.status, lang), action: stepName(e.movedOn.action, lang), time: formatDateTime(e.movedOn.at, lang) })}</p>
          )}
          <p><strong>{t(lang, 'outbox.todo')}:</strong> {t(lang, stale ? 'act.todo.stale' : 'act.todo.other')}</p>
          <button type="button" class="btn btn--small" onClick={() => void dismissAction(row.actionId)}>
            {t(lang, 'act.dismiss')}<span class="sr-only"> {label}</span>
          </button>
        </div>
      )}
    </li>
  );
}
