/**
 * The figures for leaders on the Reports screen (issue 11): the day's infographic (the same SVG template
 * the server renders to PNG, drawn here from the day's JSON) with a date picker and PNG/SVG downloads, and
 * the month's department × district report with a month picker, a table and CSV/XLSX/PDF downloads.
 * Prints on A4 (the infographic on a page of its own).
 */
import { useEffect, useState } from 'preact/hooks';
import { infographicSvg } from '../../domain/infographic';
import { type DailyFigures, istDateOf, MONTHLY_COLUMNS, type MonthlyReport } from '../../domain/leader-reports';
import { DEPARTMENTS } from '../../domain/reference';
import type { SessionInfo } from '../../sync/auth-client';
import { type Got, loadDaily, loadMonthly, reportFile, type ReportFileName } from '../../sync/leader-reports-client';
import { departmentName, districtName } from '../format';
import type { Entry } from '../../domain/catalogue';
import { type Lang, strings } from '../i18n';
import { errorText, TableScroll } from './workflow-bits';
import { WORKFLOW_UI } from '../workflow-strings';

export const LEADER_FIGURES_UI = {
  'leaders.dailyTitle': { hi: 'दिन के आँकड़े (इन्फोग्राफ़िक)', en: 'Figures of the day (infographic)' },
  'leaders.date': { hi: 'तारीख', en: 'Date' },
  'leaders.show': { hi: 'दिखाएँ', en: 'Show' },
  'leaders.download': { hi: '{what} डाउनलोड करें', en: 'Download {what}' },
  'leaders.filesDaily': { hi: 'इन्फोग्राफ़िक की फ़ाइलें', en: 'Files of the infographic' },
  'leaders.filesMonthly': { hi: 'मासिक रिपोर्ट की फ़ाइलें', en: 'Files of the monthly report' },
  'leaders.downloading': { hi: 'फ़ाइल बन रही है…', en: 'Preparing the file…' },
  'leaders.downloaded': { hi: '{file} डाउनलोड हो गई।', en: '{file} downloaded.' },
  'leaders.monthlyTitle': { hi: 'मासिक विभागवार रिपोर्ट', en: 'Monthly department-wise report' },
  'leaders.month': { hi: 'महीना', en: 'Month' },
  'leaders.department': { hi: 'विभाग', en: 'Department' },
  'leaders.all': { hi: '— सभी —', en: '— All —' },
  'leaders.caption': { hi: '{month}: विभाग और जिले के अनुसार', en: '{month}: by department and district' },
  'leaders.noRows': { hi: 'इस महीने कोई परिवाद नहीं।', en: 'No grievances in this month.' },
  'leaders.loading': { hi: 'लोड हो रहा है…', en: 'Loading…' },
  'leaders.total': { hi: 'कुल', en: 'Total' },
  'leaders.col.registered': { hi: 'दर्ज', en: 'Registered' },
  'leaders.col.disposed': { hi: 'निस्तारित', en: 'Disposed' },
  'leaders.col.disposedWithinLimit': { hi: 'समय-सीमा में', en: 'Within limit' },
  'leaders.col.pendingAtMonthEnd': { hi: 'माह के अंत में लंबित', en: 'Pending at month end' },
  'leaders.col.medianDaysToDispose': { hi: 'निस्तारण के माध्य दिन', en: 'Median days to dispose' },
  'leaders.col.satisfied': { hi: 'संतुष्ट', en: 'Satisfied' },
  'leaders.col.notSatisfied': { hi: 'असंतुष्ट', en: 'Not satisfied' },
  'leaders.col.reopened': { hi: 'पुनः खुले', en: 'Reopened' },
  'leaders.col.escalated': { hi: 'उच्च स्तर पर', en: 'Escalated' },
} satisfies Record<string, Entry>;

const t = strings(LEADER_FIGURES_UI, WORKFLOW_UI);

/** Saves a blob under `name` through a temporary link. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Downloads({ lang, files, q, label }: { lang: Lang; files: { file: ReportFileName; name: string; what: string }[]; q: Record<string, string | undefined>; label: string }) {
  const [note, setNote] = useState('');
  const get = async (f: (typeof files)[number]) => {
    setNote(t(lang, 'leaders.downloading'));
    const r = await reportFile(f.file, q);
    if (!r.ok) return setNote(errorText(r.error, lang));
    save(r.data, f.name);
    setNote(t(lang, 'leaders.downloaded', { file: f.name }));
  };
  return (
    <div class="actions no-print" role="group" aria-label={label}>
      {files.map((f) => <button key={f.file} type="button" class="btn" onClick={() => void get(f)}>{t(lang, 'leaders.download', { what: f.what })}</button>)}
      <p role="status" class="hint">{note}</p>
    </div>
  );
}

export function LeaderFigures({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const today = istDateOf(new Date());
  const [date, setDate] = useState(today);
  const [daily, setDaily] = useState<Got<DailyFigures>>();
  // `?month=YYYY-MM` (the link in the SMS of the 1st) picks the month.
  const [month, setMonth] = useState(() => new URLSearchParams(location.search).get('month')?.match(/^\d{4}-(0[1-9]|1[0-2])$/)?.[0] ?? today.slice(0, 7));
  const departments = session.departments?.length ? DEPARTMENTS.filter((d) => session.departments!.includes(d.code)) : DEPARTMENTS;
  const [department, setDepartment] = useState(departments.length === 1 ? departments[0].code : '');
  const [monthly, setMonthly] = useState<Got<MonthlyReport>>();
  const showDaily = () => { setDaily(undefined); void loadDaily({ date }).then(setDaily); };
  const showMonthly = () => { setMonthly(undefined); void loadMonthly({ month, department: department || undefined }).then(setMonthly); };
  useEffect(() => { showDaily(); showMonthly(); }, []);

  const dq = { date, lang };
  const mq = { month, lang, department: department || undefined };
  return (
    <>
      <section class="wk-section lf-daily" aria-labelledby="lf-daily-title">
        <h2 id="lf-daily-title">{t(lang, 'leaders.dailyTitle')}</h2>
        <form class="wk-filters no-print" noValidate onSubmit={(e) => { e.preventDefault(); showDaily(); }}>
          <div class="field">
            <label for="lf-date">{t(lang, 'leaders.date')}</label>
            <input id="lf-date" type="date" value={date} max={today} min="2000-01-01" required onChange={(e) => setDate(e.currentTarget.value)} />
          </div>
          <div class="actions"><button type="submit" class="btn btn--primary">{t(lang, 'leaders.show')}</button></div>
        </form>
        {!daily ? <p role="status">{t(lang, 'leaders.loading')}</p> : !daily.ok ? <p class="form-alert" role="alert">{errorText(daily.error, lang)}</p> : (
          // The SVG comes from our own template, every text escaped in it (src/domain/infographic.ts).
          <div class="lf-infographic" dangerouslySetInnerHTML={{ __html: infographicSvg(daily.data, lang) }} />
        )}
        <Downloads lang={lang} q={dq} label={t(lang, 'leaders.filesDaily')} files={[
          { file: 'daily.png', name: `sampark-${date}-${lang}.png`, what: 'PNG' },
          { file: 'daily.svg', name: `sampark-${date}-${lang}.svg`, what: 'SVG' },
        ]} />
      </section>
      <section class="wk-section lf-monthly" aria-labelledby="lf-monthly-title">
        <h2 id="lf-monthly-title">{t(lang, 'leaders.monthlyTitle')}</h2>
        <form class="wk-filters no-print" noValidate onSubmit={(e) => { e.preventDefault(); showMonthly(); }}>
          <div class="field">
            <label for="lf-month">{t(lang, 'leaders.month')}</label>
            <input id="lf-month" type="month" value={month} max={today.slice(0, 7)} min="2000-01" required onChange={(e) => setMonth(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="lf-department">{t(lang, 'leaders.department')}</label>
            <select id="lf-department" value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
              {departments.length > 1 && <option value="">{t(lang, 'leaders.all')}</option>}
              {departments.map((d) => <option key={d.code} value={d.code}>{d[lang]}</option>)}
            </select>
          </div>
          <div class="actions"><button type="submit" class="btn btn--primary">{t(lang, 'leaders.show')}</button></div>
        </form>
        {!monthly ? <p role="status">{t(lang, 'leaders.loading')}</p> : !monthly.ok ? <p class="form-alert" role="alert">{errorText(monthly.error, lang)}</p>
          : monthly.data.rows.length === 0 ? <p class="empty">{t(lang, 'leaders.noRows')}</p> : <MonthlyTable report={monthly.data} lang={lang} />}
        <Downloads lang={lang} q={mq} label={t(lang, 'leaders.filesMonthly')} files={[
          { file: 'monthly.csv', name: `sampark-${month}.csv`, what: 'CSV' },
          { file: 'monthly.xlsx', name: `sampark-${month}.xlsx`, what: 'XLSX' },
          { file: 'monthly.pdf', name: `sampark-${month}.pdf`, what: 'PDF' },
        ]} />
      </section>
    </>
  );
}

const COUNTS = MONTHLY_COLUMNS.filter((c) => c !== 'departmentCode' && c !== 'districtCode') as Exclude<(typeof MONTHLY_COLUMNS)[number], 'departmentCode' | 'districtCode'>[];

function MonthlyTable({ report, lang }: { report: MonthlyReport; lang: Lang }) {
  const n = (v: number | null) => (v === null ? '—' : lang === 'hi' ? v.toLocaleString('hi-IN-u-nu-deva') : v.toLocaleString('en-IN'));
  const total = (c: (typeof COUNTS)[number]) => (c === 'medianDaysToDispose' ? null : report.rows.reduce((s, r) => s + r[c], 0));
  return (
    <TableScroll labelledBy="lf-caption">
      <table class="wk-table">
        <caption id="lf-caption">{t(lang, 'leaders.caption', { month: report.month })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'wk.department')}</th>
            <th scope="col">{t(lang, 'wk.district')}</th>
            {COUNTS.map((c) => <th key={c} scope="col" class="num">{t(lang, `leaders.col.${c}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={`${r.departmentCode}/${r.districtCode}`}>
              <th scope="row">{departmentName(r.departmentCode, lang)}</th>
              <td>{districtName(r.districtCode, lang)}</td>
              {COUNTS.map((c) => <td key={c} class="num">{n(r[c])}</td>)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>{t(lang, 'leaders.total')}</th>
            {COUNTS.map((c) => <td key={c} class="num">{n(total(c))}</td>)}
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
