/**
 * The pendency report for nodal officers, secretaries and admins (GET /api/reports/pending): pending
 * grievances by department and district in the age bands 0–7, 8–15, 16–30, 31–60, 61–180 and over 180
 * days, with escalations, reopen rate and satisfaction; pressing a count lists that band's grievances
 * (drill-down, each linked to its history). Tables with row and column headers; prints on its own.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { DEPARTMENTS, DISTRICTS } from '../../domain/reference';
import { formatGrievanceNumber } from '../../domain/numbers';
import { devanagariDigits } from '../../domain/digits';
import { AGE_BUCKETS, type AgeBucket, type PendingQuery, type PendingReport } from '../../domain/workflow-api';
import type { SessionInfo } from '../../sync/auth-client';
import { loadPending, type Loaded } from '../../sync/workflow-client';
import { KeptNote, statusName, TableScroll } from '../components/workflow-bits';
import { departmentName, districtName, formatDateTime } from '../format';
import { type Lang, strings } from '../i18n';
import { WORKFLOW_UI } from '../workflow-strings';
import { Link } from '../router';
import { ReviewReportTable } from '../components/review-report';
import { LeaderFigures } from '../components/leader-figures';
import { SecretaryReportSection } from '../components/secretary-report';
import { StateDashboard } from '../components/state-dashboard';
import './workflow.css';

const t = strings(WORKFLOW_UI);

type Row = PendingReport['rows'][number];
type Drill = { department: string; district: string; bucket: AgeBucket };

const bucketName = (b: AgeBucket, lang: Lang) => (b === '180+' ? t(lang, 'reports.bucket.180+') : t(lang, 'reports.bucket', { b: b.replace('-', '–') }));
/** "25%" over "1/4" (of the grievances disposed, or the citizens reached). */
const rate = (p: number | null, a: number, b: number) => (p === null ? '—' : <>{Math.round(p * 100)}%<span class="hint">{a}/{b}</span></>);

export function ReportsScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [department, setDepartment] = useState(session.departments?.length === 1 ? session.departments[0] : '');
  const [district, setDistrict] = useState(session.district ?? '');
  const [loaded, setLoaded] = useState<Loaded<PendingReport>>();
  const [drill, setDrill] = useState<Drill>();
  const [drilled, setDrilled] = useState<Loaded<PendingReport>>();
  const drillRef = useRef<HTMLHeadingElement>(null);
  const departments = session.departments?.length ? DEPARTMENTS.filter((d) => session.departments!.includes(d.code)) : DEPARTMENTS;

  const show = () => {
    const q: PendingQuery = { ...(department && { department }), ...(district && { district }) } as PendingQuery;
    setDrill(undefined);
    void loadPending(session, q).then(setLoaded);
  };
  useEffect(() => { if (session.role !== 'minister') show(); }, []); // a minister sees the leaders' figures only
  useEffect(() => { if (drilled) drillRef.current?.focus(); }, [drilled]);

  function open(d: Drill) {
    setDrill(d);
    setDrilled(undefined);
    void loadPending(session, { department: d.department, district: d.district, bucket: d.bucket } as PendingQuery).then(setDrilled);
  }

  const report = loaded && (loaded.state === 'live' || loaded.state === 'kept') ? loaded.data : undefined;
  const drillData = drilled && (drilled.state === 'live' || drilled.state === 'kept') ? drilled.data : undefined;

  if (session.role === 'minister') {
    return (
      <div class="wk-report">
        <h1 tabIndex={-1}>{t(lang, 'nav.reports')}</h1>
        <StateDashboard lang={lang} />
        <SecretaryReportSection lang={lang} />
        <LeaderFigures lang={lang} session={session} />
      </div>
    );
  }
  return (
    <div class="wk-report">
      <h1 tabIndex={-1}>{t(lang, 'reports.title')}</h1>
      <p class="no-print">{t(lang, 'reports.lead')}</p>
      <form class="wk-filters no-print" noValidate aria-label={t(lang, 'reports.filters')} onSubmit={(e) => { e.preventDefault(); show(); }}>
        <div class="field">
          <label for="rep-department">{t(lang, 'wk.department')}</label>
          <select id="rep-department" value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
            {departments.length > 1 && <option value="">{t(lang, 'reports.all')}</option>}
            {departments.map((d) => <option key={d.code} value={d.code}>{d[lang]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="rep-district">{t(lang, 'wk.district')}</label>
          <select id="rep-district" value={district} onChange={(e) => setDistrict(e.currentTarget.value)} disabled={!!session.district}>
            <option value="">{t(lang, 'reports.all')}</option>
            {DISTRICTS.map((d) => <option key={d.code} value={d.code}>{d[lang]}</option>)}
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="btn btn--primary">{t(lang, 'reports.show')}</button>
          <button type="button" class="btn" onClick={() => print()}>{t(lang, 'reports.print')}</button>
        </div>
      </form>
      {loaded ? <KeptNote loaded={loaded} lang={lang} /> : <p role="status">{t(lang, 'wk.loading')}</p>}
      {report && (report.rows.length === 0 ? <p class="empty">{t(lang, 'reports.noRows')}</p> : (
        <PendingTable report={report} lang={lang} current={drill} onOpen={open} />
      ))}
      {drill && (
        <section class="wk-section" aria-labelledby="rep-drill">
          <h2 id="rep-drill" ref={drillRef} tabIndex={-1}>
            {t(lang, 'reports.drillTitle', { dept: departmentName(drill.department, lang), district: districtName(drill.district, lang), b: bucketName(drill.bucket, lang) })}
          </h2>
          {drilled ? (drilled.state !== 'live' && <KeptNote loaded={drilled} lang={lang} />) : <p role="status">{t(lang, 'wk.loading')}</p>}
          {drillData?.grievances && <DrillTable rows={drillData.grievances} lang={lang} />}
          <button type="button" class="btn btn--small no-print" onClick={() => { setDrill(undefined); document.getElementById('rep-table')?.focus(); }}>{t(lang, 'reports.closeDrill')}</button>
        </section>
      )}
      {session.role === 'admin' && <StateDashboard lang={lang} />}
      {(session.role === 'admin' || session.role === 'secretary') && <SecretaryReportSection lang={lang} />}
      <LeaderFigures lang={lang} session={session} />
      {session.role === 'admin' && <ReviewReportTable session={session} lang={lang} />}
    </div>
  );
}

function PendingTable({ report, lang, current, onOpen }: { report: PendingReport; lang: Lang; current?: Drill; onOpen: (d: Drill) => void }) {
  const cells = (r: Omit<Row, 'departmentCode' | 'districtCode'>) => [
    <td key="p" class="num"><strong>{r.pending}</strong></td>,
    <td key="e" class="num">{r.escalatedPending}</td>,
    <td key="x" class="num">{r.escalations}</td>,
    <td key="r" class="num">{rate(r.reopenRate, r.reopened, r.disposed)}</td>,
    <td key="s" class="num">{rate(r.satisfaction, r.satisfied, r.reached)}</td>,
  ];
  return (
    <TableScroll labelledBy="rep-caption">
      <table class="wk-table" id="rep-table" tabIndex={-1}>
        <caption id="rep-caption">{t(lang, 'reports.caption', { time: formatDateTime(report.asOf, lang) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'wk.department')}</th>
            <th scope="col">{t(lang, 'wk.district')}</th>
            {AGE_BUCKETS.map((b) => <th key={b} scope="col" class="num">{bucketName(b, lang)}</th>)}
            <th scope="col" class="num">{t(lang, 'reports.pending')}</th>
            <th scope="col" class="num">{t(lang, 'reports.escalated')}</th>
            <th scope="col" class="num">{t(lang, 'reports.escalations')}</th>
            <th scope="col" class="num">{t(lang, 'reports.reopenRate')}</th>
            <th scope="col" class="num">{t(lang, 'reports.satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => {
            const dept = departmentName(r.departmentCode, lang);
            const dist = districtName(r.districtCode, lang);
            return (
              <tr key={`${r.departmentCode} ${r.districtCode}`}>
                <th scope="row">{dept}</th>
                <td>{dist}</td>
                {AGE_BUCKETS.map((b) => {
                  const n = r.buckets[b];
                  const isCurrent = current?.department === r.departmentCode && current.district === r.districtCode && current.bucket === b;
                  return (
                    <td key={b} class="num">
                      {n === 0 ? '0' : (
                        <button type="button" class="wk-count" aria-pressed={isCurrent ? 'true' : 'false'}
                          aria-label={t(lang, 'reports.drill', { n, dept, district: dist, b: bucketName(b, lang) })}
                          onClick={() => onOpen({ department: r.departmentCode, district: r.districtCode, bucket: b })}>
                          {lang === 'hi' ? devanagariDigits(String(n)) : n /* as in its label, which t() writes in Devanagari digits */}
                        </button>
                      )}
                    </td>
                  );
                })}
                {cells(r)}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>{t(lang, 'reports.total')}</th>
            {AGE_BUCKETS.map((b) => <td key={b} class="num">{report.totals.buckets[b]}</td>)}
            {cells(report.totals)}
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

function DrillTable({ rows, lang }: { rows: NonNullable<PendingReport['grievances']>; lang: Lang }) {
  return (
    <TableScroll labelledBy="rep-drill">
      <table class="wk-table">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'queue.number')}</th>
            <th scope="col">{t(lang, 'wk.status')}</th>
            <th scope="col">{t(lang, 'wk.holder')}</th>
            <th scope="col">{t(lang, 'wk.received')}</th>
            <th scope="col" class="num">{t(lang, 'reports.ageDays')}</th>
            <th scope="col" class="num">{t(lang, 'reports.escalations')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.number}>
              <th scope="row"><Link href={`/grievances/${g.number}`}>{formatGrievanceNumber(g.number)}</Link></th>
              <td>{statusName(g.status, lang)}{g.level && ` (${g.level})`}</td>
              <td>{g.holderId ?? '—'}</td>
              <td>{formatDateTime(g.receivedAt, lang)}</td>
              <td class="num">{g.ageDays}</td>
              <td class="num">{g.escalationCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
