/**
 * A grievance as a kiosk may tell the citizen about it: status in words, department, dates, outcome and
 * the officer's remarks, and the steps so far; for a disposed one, the citizen's satisfaction (Satisfied /
 * Not satisfied) and Reopen with a Reason. Both are saved on the device first and sent by the replay, so
 * they work offline too (against the status last seen here).
 */
import { useState } from 'preact/hooks';
import { PENDING } from '../../db/actions';
import type { ActionRow } from '../../db/db';
import { formatGrievanceNumber } from '../../domain/numbers';
import type { Satisfaction, WorkflowAction } from '../../domain/workflow';
import type { CitizenStatus } from '../../domain/workflow-api';
import type { SessionInfo } from '../../sync/auth-client';
import { takeAction } from '../../sync/workflow-client';
import { categoryName, departmentName, districtName, formatDateTime } from '../format';
import { type Lang, strings } from '../i18n';
import { WORKFLOW_UI } from '../workflow-strings';
import { ActionForm } from './action-panel';
import { actionLabel } from './action-list';
import { outcomeName, satisfactionName, statusName, stepName } from './workflow-bits';

const t = strings(WORKFLOW_UI);

interface Props {
  status: CitizenStatus;
  session: SessionInfo;
  lang: Lang;
  /** The person's actions on this device (any grievance): those on this one hide what they already did. */
  rows: readonly ActionRow[];
  headingLevel: 2 | 3;
  /** When the status is a copy kept on the device, the time it was seen. */
  savedAt?: string;
  /** The citizen's one-time code that opened it to this kiosk (sent with feedback and a reopen). */
  code?: string;
}

export function CitizenStatusCard({ status: s, session, lang, rows, headingLevel, savedAt, code }: Props) {
  const [reopening, setReopening] = useState(false);
  const [saved, setSaved] = useState<string>();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const prefix = `s${s.number}-`;
  const waiting = rows.filter((r) => r.number === s.number && PENDING.includes(r.state));
  const reopenWaiting = waiting.some((r) => r.action.type === 'reopen');
  const feedbackWaiting = waiting.some((r) => r.action.type === 'feedback');
  const withinWindow = !s.reopenUntil || Date.parse(s.reopenUntil) >= Date.now();
  const canFeedback = s.canGiveFeedback && !reopenWaiting && !feedbackWaiting;
  const canReopen = s.canReopen && withinWindow && !reopenWaiting;

  async function act(action: WorkflowAction) {
    const row = await takeAction(session, s.number, action, s.version, code);
    setReopening(false);
    setSaved(t(lang, 'act.saved', { action: actionLabel(row, lang) }));
  }
  const feedback = (satisfaction: Satisfaction) => void act({ type: 'feedback', satisfaction });
  const id = `st-${s.number}`;

  return (
    <section class="wk-card" aria-labelledby={id}>
      <H id={id} class="wk-card__title">{t(lang, 'wk.number', { n: formatGrievanceNumber(s.number) })}</H>
      {savedAt && <p class="note">{t(lang, 'lookup.keptAsOf', { time: formatDateTime(savedAt, lang) })}</p>}
      <dl class="wk-facts">
        <div><dt>{t(lang, 'wk.status')}</dt><dd><strong class={`wk-status wk-status--${s.status}`}>{statusName(s.status, lang)}</strong></dd></div>
        <div><dt>{t(lang, 'wk.department')}</dt><dd>{departmentName(s.departmentCode, lang)}</dd></div>
        {s.categoryCode && <div><dt>{t(lang, 'wk.category')}</dt><dd>{categoryName(s.departmentCode, s.categoryCode, lang)}</dd></div>}
        <div><dt>{t(lang, 'wk.district')}</dt><dd>{districtName(s.districtCode, lang)}</dd></div>
        <div><dt>{t(lang, 'wk.registered')}</dt><dd>{formatDateTime(s.registeredAt, lang)}</dd></div>
        <div><dt>{t(lang, 'wk.updated')}</dt><dd>{formatDateTime(s.updatedAt, lang)}</dd></div>
        {s.disposedAt && <div><dt>{t(lang, 'wk.disposedAt')}</dt><dd>{formatDateTime(s.disposedAt, lang)}</dd></div>}
        {s.outcome && <div><dt>{t(lang, 'wk.outcome')}</dt><dd>{outcomeName(s.outcome, lang)}</dd></div>}
        {s.remarks && <div><dt>{t(lang, 'wk.remarksShown')}</dt><dd>{s.remarks}</dd></div>}
        {s.satisfaction && <div><dt>{t(lang, 'wk.satisfaction')}</dt><dd>{satisfactionName(s.satisfaction, lang)}</dd></div>}
        {s.reopenCount > 0 && <div><dt>{t(lang, 'wk.reopenCount')}</dt><dd>{s.reopenCount}</dd></div>}
        <div><dt>{t(lang, 'wk.receipt')}</dt><dd>{s.receiptNumber}</dd></div>
        <div><dt>{t(lang, 'wk.mobile')}</dt><dd>{s.mobile}</dd></div>
      </dl>

      {saved && <p class="saved-note" role="status">{saved}</p>}
      {canFeedback && (
        <div class="wk-group" role="group" aria-labelledby={`${id}-fb`}>
          <p id={`${id}-fb`}><strong>{t(lang, 'lookup.feedback')}</strong> {t(lang, 'lookup.feedbackLead')}</p>
          <div class="wk-actions">
            <button type="button" class="btn" onClick={() => feedback('satisfied')}>{t(lang, 'sat.satisfied')}</button>
            <button type="button" class="btn" onClick={() => feedback('not_satisfied')}>{t(lang, 'sat.not_satisfied')}</button>
          </div>
        </div>
      )}
      {canReopen && (
        <div class="wk-group">
          {s.reopenUntil && <p>{t(lang, 'lookup.reopenLead', { date: formatDateTime(s.reopenUntil, lang) })}</p>}
          <div class="wk-actions">
            <button type="button" id={`open-${prefix}reopen`} class={`btn${reopening ? ' btn--primary' : ''}`} aria-expanded={reopening ? 'true' : 'false'}
              aria-controls={`form-${prefix}reopen`} onClick={() => { setSaved(undefined); setReopening(!reopening); }}>
              {t(lang, 'act.reopen')}
            </button>
          </div>
          {reopening && (
            <ActionForm type="reopen" prefix={prefix} lang={lang} onSave={act}
              onCancel={() => { setReopening(false); document.getElementById(`open-${prefix}reopen`)?.focus(); }} />
          )}
        </div>
      )}

      {s.history.length > 0 && (
        <details class="wk-steps">
          <summary>{t(lang, 'lookup.history')}</summary>
          <ol>
            {s.history.map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{formatDateTime(h.at, lang)}</time> — {stepName(h.action, lang)}
                {h.status && <> ({statusName(h.status, lang)})</>}
                {h.note && <>: {h.note}</>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
