/**
 * The state dashboard for the chief secretary's review meeting (issue 11, item 4; GET /api/reports/dashboard):
 * per department pending, overdue, oldest, disposal within the time limit, satisfaction (and verified through
 * the chat), secretaries' review compliance over the last 30 days; pressing a department shows its districts,
 * a district its officers. What is shown downloads as CSV or XLSX, and prints on A4. Admins see the state,
 * ministers their departments.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Dashboard, DashboardRow } from '../../domain/leader-dashboards';
import { type Got, loadDashboard } from '../../sync/leader-reports-client';
import { departmentName, districtName, formatDateTime } from '../format';
import type { Entry } from '../../domain/catalogue';
import { type Lang, strings } from '../i18n';
import { Downloads, LEADER_FIGURES_UI } from './leader-figures';
import { errorText, TableScroll } from './workflow-bits';

export const STATE_DASHBOARD_UI = {
  'dash.title': { hi: 'राज्य डैशबोर्ड (मुख्य सचिव की समीक्षा बैठक)', en: "State dashboard (chief secretary's review meeting)" },
  'dash.caption.department': { hi: 'विभागवार, {time} तक; निस्तारण, संतुष्टि और समीक्षा: {from} से {to}', en: 'By department, as of {time}; disposal, satisfaction and reviews: {from} to {to}' },
  'dash.caption.district': { hi: '{dept}: जिलेवार, {time} तक', en: '{dept}: by district, as of {time}' },
  'dash.caption.officer': { hi: '{dept}, {district}: अधिकारीवार, {time} तक', en: '{dept}, {district}: by officer, as of {time}' },
  'dash.col.key.department': { hi: 'विभाग', en: 'Department' },
  'dash.col.key.district': { hi: 'जिला', en: 'District' },
  'dash.col.key.officer': { hi: 'अधिकारी', en: 'Officer' },
  'dash.col.pending': { hi: 'लंबित', en: 'Pending' },
  'dash.col.overdue': { hi: 'अवधिपार', en: 'Overdue' },
  'dash.col.oldest': { hi: 'सबसे पुराना (दिन)', en: 'Oldest (days)' },
  'dash.col.within': { hi: 'समय-सीमा में निस्तारण', en: 'Disposed within limit' },
  'dash.col.satisfaction': { hi: 'संतुष्टि', en: 'Satisfaction' },
  'dash.col.verified': { hi: 'संतुष्टि (सत्यापित)', en: 'Satisfaction (verified)' },
  'dash.col.compliance': { hi: 'सचिव समीक्षा अनुपालन', en: "Secretaries' review compliance" },
  'dash.drill': { hi: '{name}: विवरण देखें', en: '{name}: show details' },
  'dash.back': { hi: 'वापस: {to}', en: 'Back to {to}' },
  'dash.state': { hi: 'सभी विभाग', en: 'All departments' },
  'dash.unassigned': { hi: '(किसी अधिकारी के पास नहीं)', en: '(not with an officer)' },
  'dash.files': { hi: 'डैशबोर्ड की फ़ाइलें', en: 'Files of the dashboard' },
  'dash.none': { hi: 'कुछ लंबित नहीं, इस अवधि में कुछ नहीं।', en: 'Nothing pending, nothing in this period.' },
  'dash.total': { hi: 'कुल', en: 'Total' },
} satisfies Record<string, Entry>;

const t = strings(LEADER_FIGURES_UI, STATE_DASHBOARD_UI);

type At = { department?: string; district?: string };
const pctCell = (p: number | null, a: number, b: number | null) => (p === null ? '—' : <>{p}%<span class="hint">{a}/{b}</span></>);

export function StateDashboard({ lang }: { lang: Lang }) {
  const [at, setAt] = useState<At>({});
  const [got, setGot] = useState<Got<Dashboard>>();
  const heading = useRef<HTMLHeadingElement>(null);
  const go = (next: At, focus = true) => {
    setAt(next);
    setGot(undefined);
    void loadDashboard(next).then((g) => { setGot(g); if (focus) heading.current?.focus(); });
  };
  useEffect(() => go({}, false), []);
  const d = got?.ok ? got.data : undefined;
  const name = (r: DashboardRow, level: Dashboard['level']) => level === 'department' ? departmentName(r.key, lang)
    : level === 'district' ? districtName(r.key, lang) : r.key === '' ? t(lang, 'dash.unassigned') : `${r.name ?? r.key} (${r.key})`;
  const caption = d && t(lang, `dash.caption.${d.level}`, {
    time: formatDateTime(d.asOf, lang), from: d.window.from, to: d.window.to,
    dept: d.department ? departmentName(d.department, lang) : '', district: d.district ? districtName(d.district, lang) : '',
  });
  const q = { department: at.department, district: at.district, lang };
  const file = [at.department, at.district].filter(Boolean).join('-');
  return (
    <section class="wk-section dash" aria-labelledby="dash-title">
      <h2 id="dash-title" ref={heading} tabIndex={-1}>{t(lang, 'dash.title')}</h2>
      {at.department && (
        <p class="no-print actions">
          <button type="button" class="btn btn--small" onClick={() => go({})}>{t(lang, 'dash.back', { to: t(lang, 'dash.state') })}</button>
          {at.district && <button type="button" class="btn btn--small" onClick={() => go({ department: at.department })}>{t(lang, 'dash.back', { to: departmentName(at.department, lang) })}</button>}
        </p>
      )}
      {!got ? <p role="status">{t(lang, 'leaders.loading')}</p> : !got.ok ? <p class="form-alert" role="alert">{errorText(got.error, lang)}</p>
        : d!.rows.length === 0 ? <p class="empty">{t(lang, 'dash.none')}</p> : (
          <TableScroll labelledBy="dash-caption">
            <table class="wk-table">
              <caption id="dash-caption">{caption}</caption>
              <thead><tr>
                <th scope="col">{t(lang, `dash.col.key.${d!.level}`)}</th>
                {(['pending', 'overdue', 'oldest', 'within', 'satisfaction', 'verified'] as const).map((c) => <th key={c} scope="col" class="num">{t(lang, `dash.col.${c}`)}</th>)}
                {d!.level === 'department' && <th scope="col" class="num">{t(lang, 'dash.col.compliance')}</th>}
              </tr></thead>
              <tbody>
                {d!.rows.map((r) => {
                  const n = name(r, d!.level);
                  const next = d!.level === 'department' ? { department: r.key } : d!.level === 'district' ? { department: at.department, district: r.key } : undefined;
                  return (
                    <tr key={r.key}>
                      <th scope="row">{next ? <button type="button" class="wk-count" aria-label={t(lang, 'dash.drill', { name: n })} onClick={() => go(next)}>{n}</button> : n}</th>
                      <Cells r={r} compliance={d!.level === 'department'} />
                    </tr>
                  );
                })}
              </tbody>
              <tfoot><tr><th scope="row">{t(lang, 'dash.total')}</th><Cells r={d!.totals} compliance={d!.level === 'department'} /></tr></tfoot>
            </table>
          </TableScroll>
        )}
      <Downloads lang={lang} q={q} label={t(lang, 'dash.files')} files={[
        { file: 'dashboard.csv', name: `sampark-dashboard${file ? `-${file}` : ''}.csv`, what: 'CSV' },
        { file: 'dashboard.xlsx', name: `sampark-dashboard${file ? `-${file}` : ''}.xlsx`, what: 'XLSX' },
      ]} />
    </section>
  );
}

function Cells({ r, compliance }: { r: DashboardRow; compliance: boolean }) {
  return (
    <>
      <td class="num"><strong>{r.pending}</strong></td>
      <td class="num">{r.overdue}</td>
      <td class="num">{r.oldestDays ?? '—'}</td>
      <td class="num">{pctCell(r.withinLimitPct, r.disposedWithinLimit, r.disposedTimed)}</td>
      <td class="num">{pctCell(r.satisfactionPct, r.satisfied, r.reached)}</td>
      <td class="num">{pctCell(r.satisfactionVerifiedPct, r.satisfiedVerified, r.reachedVerified)}</td>
      {compliance && <td class="num">{pctCell(r.compliancePct, r.reviewDaysMet ?? 0, r.reviewDays)}</td>}
    </>
  );
}
