/**
 * My queue: the grievances the signed-in officer (or nodal officer) holds, the one due soonest first,
 * each with its official number as a link to it. The list is kept on the device, so in the field without a
 * network it still shows, with the time it was fetched; the actions taken on this device are listed below
 * with where each stands (saved on device, sending, done, needs attention).
 */
import { useEffect, useState } from 'preact/hooks';
import type { ActionRow } from '../../db/db';
import { formatGrievanceNumber } from '../../domain/numbers';
import type { Queue, QueueItem } from '../../domain/workflow-api';
import type { SessionInfo } from '../../sync/auth-client';
import { keptQueue, loadQueue, type Loaded } from '../../sync/workflow-client';
import { ActionList } from '../components/action-list';
import { KeptNote, statusName, TableScroll, timeLeft, useReloadOnDone, useActions } from '../components/workflow-bits';
import { categoryName, departmentName, districtName, excerpt } from '../format';
import { type Lang, strings } from '../i18n';
import { WORKFLOW_UI } from '../workflow-strings';
import { Link } from '../router';
import './workflow.css';

const t = strings(WORKFLOW_UI);

/** Soonest due first; those without a time limit last, then oldest received first. */
export function byTimeLeft(a: QueueItem, b: QueueItem): number {
  if (a.dueAt !== b.dueAt) return a.dueAt === null ? 1 : b.dueAt === null ? -1 : Date.parse(a.dueAt) - Date.parse(b.dueAt);
  return Date.parse(a.receivedAt) - Date.parse(b.receivedAt);
}

export function QueueScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [loaded, setLoaded] = useState<Loaded<Queue>>();
  const rows = useActions(session.operatorKey);
  const load = () => { void loadQueue(session).then(setLoaded); };
  useEffect(() => {
    // The kept list at once (a slow network must not leave the screen empty), then the server's.
    void keptQueue(session).then((k) => { if (k) setLoaded((l) => l ?? { state: 'kept', ...k }); });
    load();
  }, []);
  useReloadOnDone(rows, load);
  const queue = loaded && (loaded.state === 'live' || loaded.state === 'kept') ? loaded.data : undefined;
  const items = queue ? [...queue.items].sort(byTimeLeft) : undefined;
  const now = Date.now();

  return (
    <>
      <h1 tabIndex={-1}>{t(lang, 'queue.title')}</h1>
      <p>{t(lang, 'queue.lead')}</p>
      <div class="wk-bar">
        {loaded ? <KeptNote loaded={loaded} lang={lang} /> : <p role="status">{t(lang, 'wk.loading')}</p>}
        <button type="button" class="btn btn--small" onClick={load}>{t(lang, 'wk.refresh')}</button>
      </div>
      {items && items.length === 0 && <p class="empty">{t(lang, 'queue.empty')}</p>}
      {items && items.length > 0 && (
        <TableScroll labelledBy="queue-caption">
          <table class="wk-table">
            <caption id="queue-caption">{t(lang, 'queue.caption', { n: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'queue.number')}</th>
                <th scope="col">{t(lang, 'wk.department')}</th>
                <th scope="col">{t(lang, 'wk.category')}</th>
                <th scope="col">{t(lang, 'wk.district')}</th>
                <th scope="col">{t(lang, 'wk.status')}</th>
                <th scope="col">{t(lang, 'wk.timeLeft')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((g) => {
                const left = timeLeft(g.dueAt, now, lang);
                return (
                  <tr key={g.number} class={left.overdue ? 'wk-row--overdue' : undefined}>
                    <th scope="row">
                      <Link href={`/grievances/${g.number}`} class="wk-number">{formatGrievanceNumber(g.number)}</Link>
                      <span class="wk-excerpt">{excerpt(g.excerpt, 90)}</span>
                    </th>
                    <td>{departmentName(g.departmentCode, lang)}</td>
                    <td>{g.categoryCode ? categoryName(g.departmentCode, g.categoryCode, lang) : '—'}</td>
                    <td>{districtName(g.districtCode, lang)}</td>
                    <td>{statusName(g.status, lang)}{g.level && ` (${g.level})`}</td>
                    <td>
                      <span class={left.overdue ? 'wk-overdue' : undefined}>{left.text}</span>
                      {g.warned && !left.overdue && <span class="wk-warned"> · {t(lang, 'wk.warned')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ActionList rows={rows ?? []} lang={lang} title={t(lang, 'queue.deviceActions')} showNumber />
    </>
  );
}
