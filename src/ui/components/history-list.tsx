/**
 * A grievance's history as its officers see it: every step with its time, who took it (or the system),
 * the status it moved between, and its note; routing reasons and time-limit warnings are shown in the UI
 * language from their message keys (the stored note is the English of the same key).
 */
import type { HistoryEvent } from '../../domain/workflow-api';
import { formatDateTime } from '../format';
import { type Lang, messageText, strings } from '../i18n';
import { WORKFLOW_UI } from '../workflow-strings';
import { outcomeName, satisfactionName, statusName, stepName } from './workflow-bits';

const t = strings(WORKFLOW_UI);

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

function who(e: HistoryEvent, lang: Lang): string {
  if (!e.actorId) return t(lang, 'hist.system');
  const roleKey = `role.${e.actorRole}`;
  const role = e.actorRole && t.has(roleKey) ? t(lang, roleKey) : e.actorRole;
  return role ? `${e.actorId} (${role})` : e.actorId;
}

export function HistoryList({ events, lang }: { events: readonly HistoryEvent[]; lang: Lang }) {
  return (
    <ol class="wk-history" aria-label={t(lang, 'hist.list')}>
      {events.map((e) => {
        const route = e.details.route as { reason?: unknown } | undefined;
        const routeReason = str(route?.reason);
        const dueAt = str(e.details.dueAt);
        const outcome = str(e.details.outcome);
        const satisfaction = str(e.details.satisfaction);
        const instruction = str(e.details.instruction);
        const reviewNote = str(e.details.reviewNote);
        const fromLevel = str(e.details.fromLevel);
        const toLevel = str(e.details.toLevel);
        // System notes are the English of a message key: say them from the key instead.
        const note = e.action === 'review' ? reviewNote : routeReason || e.action === 'warn' ? undefined : e.note;
        return (
          <li key={e.id} class="wk-history__item">
            <p class="wk-history__head">
              <strong>{stepName(e.action, lang)}</strong>{' '}
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
            </p>
            <p class="hint">
              {t(lang, 'hist.by', { who: who(e, lang) })}
              {e.from && e.to && e.from !== e.to && <> · {t(lang, 'hist.move', { from: statusName(e.from, lang), to: statusName(e.to, lang) })}</>}
              {fromLevel && toLevel && <> · {t(lang, 'hist.toLevel', { from: fromLevel, to: toLevel })}</>}
              {(e.action === 'assign' || e.action === 'transfer' || e.action === 'escalate' || e.action === 'reopen') && e.holderId && (
                <> · {t(lang, 'hist.holder', { id: e.holderId, level: e.level ?? '' })}</>
              )}
            </p>
            {outcome && <p>{t(lang, 'wk.outcome')}: {outcomeName(outcome, lang)}</p>}
            {satisfaction && <p>{satisfactionName(satisfaction, lang)}</p>}
            {routeReason && <p>{messageText(lang, routeReason)}</p>}
            {e.action === 'warn' && dueAt && <p>{t(lang, 'hist.warnAt', { time: formatDateTime(dueAt, lang) })}</p>}
            {note && <p class="wk-history__note">{note}</p>}
            {instruction && <p class="wk-history__note">{t(lang, 'hist.instruction', { text: instruction })}</p>}
          </li>
        );
      })}
    </ol>
  );
}
