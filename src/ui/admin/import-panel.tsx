/** The CSV import of kiosk operators: choose a file, check it (dry run), see each row's outcome, import. */
import { useState } from 'preact/hooks';
import { ImportReport } from '../../domain/admin';
import { type KeyOf, type Lang, strings, type Vars } from '../i18n';
import { ADMIN_UI } from './admin-strings';
import { adminCall } from './admin-api';
import { Outcome } from './admin-frame';

const t = strings(ADMIN_UI);

export function ImportPanel({ lang, onImported }: { lang: Lang; onImported: () => void }) {
  const [csv, setCsv] = useState<string>();
  const [report, setReport] = useState<ImportReport>();
  const [failure, setFailure] = useState<string>();
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);

  const send = async (dryRun: boolean) => {
    if (!csv) return;
    setFailure(undefined);
    const r = await adminCall(lang, '/api/admin/accounts/import', ImportReport, { csv, dryRun });
    if (!r.ok) { setReport(undefined); setFailure(r.message); return; }
    setReport(r.data);
    if (r.data.applied) onImported();
  };

  return (
    <details class="wk-card">
      <summary>{L('acc.import')}</summary>
      <div class="field">
        <label for="acc-csv">{L('acc.importFile')}</label>
        <p id="acc-csv-hint" class="hint">{L('acc.importHint')}</p>
        <input id="acc-csv" type="file" accept=".csv,text/csv" aria-describedby="acc-csv-hint"
          onChange={async (e) => { const file = e.currentTarget.files?.[0]; setReport(undefined); setCsv(file ? await file.text() : undefined); }} />
      </div>
      <div class="adm-row-actions">
        <button type="button" class="btn" disabled={!csv} onClick={() => void send(true)}>{L('acc.dryRun')}</button>
        <button type="button" class="btn btn--primary" disabled={!csv} onClick={() => void send(false)}>{L('acc.importNow')}</button>
      </div>
      <Outcome ok={false} text={failure} />
      {report && <>
        <p role="status">{L('acc.summary', { c: report.counts.create, u: report.counts.update, e: report.counts.error })}. {report.applied ? L('acc.applied') : report.dryRun ? '' : L('acc.notApplied')}</p>
        <div class="adm-table-wrap" role="region" tabIndex={0} aria-label={L('acc.report')}>
          <table class="adm-table">
            <caption class="sr-only">{L('acc.report')}</caption>
            <thead><tr><th scope="col">{L('acc.line')}</th><th scope="col">{L('acc.id')}</th><th scope="col">{L('acc.outcome')}</th></tr></thead>
            <tbody>{report.rows.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td><td>{r.id ?? ''}</td>
                <td class={r.outcome === 'error' ? 'adm-error' : undefined}>{L(`acc.${r.outcome}`)}{r.errors.map((e) => ` — ${e.path}: ${lang === 'hi' ? e.messageHi : e.message}`).join('')}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      </>}
    </details>
  );
}
