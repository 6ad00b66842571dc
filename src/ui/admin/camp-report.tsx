/**
 * The camp report (issue 12 item 5) on the Camps screen: registered, disposed and pending at the event,
 * in all and by department, from GET /api/events/:id/report; printable (the admin form and menu do not print).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { CampReport } from '../../domain/events';
import { departmentName, districtName } from '../format';
import { type KeyOf, type Lang, strings, type Vars } from '../i18n';
import { ADMIN_UI } from './admin-strings';
import { CAMP_DISPOSAL_UI } from '../camp-disposal-strings';
import { CAMP_REPORT_UI } from '../camp-strings';
import { adminCall } from './admin-api';
import { Outcome } from './admin-frame';
import './camp-report.css';

const t = strings(ADMIN_UI, CAMP_DISPOSAL_UI, CAMP_REPORT_UI);

export function CampReportView({ lang, id, onClose }: { lang: Lang; id: string; onClose: () => void }) {
  const [report, setReport] = useState<CampReport>();
  const [failure, setFailure] = useState<string>();
  const headRef = useRef<HTMLHeadingElement>(null);
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);
  useEffect(() => {
    void adminCall(lang, `/api/events/${encodeURIComponent(id)}/report`, CampReport).then((r) => (r.ok ? setReport(r.data) : setFailure(r.message)));
  }, [id]);
  useEffect(() => { if (report) headRef.current?.focus(); }, [report]);
  if (failure) return <Outcome ok={false} text={failure} />;
  if (!report) return <p>{L('adm.loading')}</p>;
  const e = report.event;
  return (
    <section class="camp-report" aria-labelledby="camp-report-title">
      <h2 id="camp-report-title" tabIndex={-1} ref={headRef}>{L('camp.report')}: {e.name}</h2>
      <p>{e.date}, {e.venue}, {districtName(e.districtCode, lang)}</p>
      <table class="adm-table">
        <thead><tr><th scope="col">{L('outbox.department')}</th><th scope="col">{L('camp.registered')}</th><th scope="col">{L('camp.disposed')}</th><th scope="col">{L('camp.onTheSpot')}</th><th scope="col">{L('camp.pending')}</th></tr></thead>
        <tbody>
          {report.byDepartment.map((d) => (
            <tr key={d.departmentCode}><td>{departmentName(d.departmentCode, lang)}</td><td>{d.registered}</td><td>{d.disposed}</td><td>{d.onTheSpot}</td><td>{d.pending}</td></tr>
          ))}
        </tbody>
        <tfoot><tr><th scope="row">{L('outbox.total')}</th><td>{report.registered}</td><td>{report.disposed}</td><td>{report.onTheSpot}</td><td>{report.pending}</td></tr></tfoot>
      </table>
      <h3>{L('camp.tokensTitle')}</h3>
      {report.tokens.issued === 0 ? <p>{L('camp.noTokens')}</p> : (
        <>
          <table class="adm-table" id="camp-tokens">
            <thead><tr><th scope="col">{L('camp.counterCol')}</th><th scope="col">{L('camp.tokensServed')}</th><th scope="col">{L('camp.waitMedian')}</th><th scope="col">{L('camp.waitP90')}</th></tr></thead>
            <tbody>
              {report.tokens.byCounter.map((c) => (
                <tr key={c.counter}><td>{c.counter === 0 ? '—' : L('camp.counter', { c: c.counter })}</td><td>{c.served}</td><td>{c.medianWaitMin ?? '—'}</td><td>{c.p90WaitMin ?? '—'}</td></tr>
              ))}
            </tbody>
            <tfoot><tr><th scope="row">{L('camp.allCounters')}</th><td>{report.tokens.served}</td><td>{report.tokens.medianWaitMin ?? '—'}</td><td>{report.tokens.p90WaitMin ?? '—'}</td></tr></tfoot>
          </table>
          <p>{L('camp.tokensIssued')}: <strong>{report.tokens.issued}</strong>. {L('camp.tokenDevices', { n: report.tokens.devices })}</p>
        </>
      )}
      <p class="no-print">
        <button type="button" class="btn" onClick={() => window.print()}>{L('camp.print')}</button>{' '}
        <button type="button" class="btn" onClick={onClose}>{L('camp.closeReport')}</button>
      </p>
    </section>
  );
}
