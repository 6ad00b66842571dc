/** The report for ministers: review lists and reviews done per secretary per day (GET /api/reports/reviews). */
import { useEffect, useState } from 'preact/hooks';
import type { ReviewReport } from '../../domain/workflow-api';
import type { SessionInfo } from '../../sync/auth-client';
import { loadReviewReport, type Loaded } from '../../sync/workflow-client';
import { type Lang, strings } from '../i18n';
import { WORKFLOW_UI } from '../workflow-strings';
import { KeptNote, TableScroll } from './workflow-bits';

const t = strings(WORKFLOW_UI);

/** Reviews listed and done per secretary per day (GET /api/reports/reviews): a secretary sees their own. */
export function ReviewReportTable({ session, lang }: { session: SessionInfo; lang: Lang }) {
  const [loaded, setLoaded] = useState<Loaded<ReviewReport>>();
  useEffect(() => { void loadReviewReport(session).then(setLoaded); }, []);
  const report = loaded && (loaded.state === 'live' || loaded.state === 'kept') ? loaded.data : undefined;
  return (
    <section class="wk-section wk-report" aria-labelledby="review-report">
      <h2 id="review-report">{t(lang, 'reviews.report')}</h2>
      {loaded && loaded.state !== 'live' && <KeptNote loaded={loaded} lang={lang} />}
      {report && (report.rows.length === 0 ? <p class="empty">{t(lang, 'reviews.noRows')}</p> : (
        <TableScroll labelledBy="review-report-caption">
          <table class="wk-table">
            <caption id="review-report-caption">{t(lang, 'reviews.reportCaption', { from: report.from, to: report.to })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'reviews.date')}</th>
                <th scope="col">{t(lang, 'reviews.secretary')}</th>
                <th scope="col" class="num">{t(lang, 'reviews.listed')}</th>
                <th scope="col" class="num">{t(lang, 'reviews.reviewed')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={`${r.date} ${r.secretaryId}`}>
                  <th scope="row">{r.date}</th>
                  <td>{r.secretaryName} ({r.secretaryId})</td>
                  <td class="num">{r.listed}</td>
                  <td class="num">{r.reviewed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ))}
    </section>
  );
}
