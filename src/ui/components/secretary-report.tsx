/**
 * The secretary's report to ministers on the Reports screen (issue 11, item 3; GET /api/reports/secretaries):
 * a day or a range (at most 31 days, India time); per secretary the days against the target of ten, and each
 * grievance reviewed with the note, the instruction and the officer's action after it. Print (A4) and
 * CSV/PDF downloads. A secretary sees their own; a minister their departments' secretaries; an admin all.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SecretaryReport } from '../../domain/leader-dashboards';
import { istDateOf, plusDays } from '../../domain/leader-reports';
import { formatGrievanceNumber } from '../../domain/numbers';
import { type Got, loadSecretaries } from '../../sync/leader-reports-client';
import { departmentName, districtName, formatDateTime } from '../format';
import type { Entry } from '../../domain/catalogue';
import { type Lang, strings } from '../i18n';
import { Downloads, LEADER_FIGURES_UI } from './leader-figures';
import { errorText, statusName, stepName, TableScroll } from './workflow-bits';

export const SECRETARY_REPORT_UI = {
  'secr.title': { hi: 'सचिव की समीक्षा रिपोर्ट (मंत्री हेतु)', en: "Secretary's review report (for the minister)" },
  'secr.from': { hi: 'से', en: 'From' },
  'secr.to': { hi: 'तक', en: 'To' },
  'secr.files': { hi: 'समीक्षा रिपोर्ट की फ़ाइलें', en: 'Files of the review report' },
  'secr.print': { hi: 'प्रिंट करें', en: 'Print' },
  'secr.none': { hi: 'इस अवधि के लिए कोई सचिव या समीक्षा नहीं।', en: 'No secretary or review for this period.' },
  'secr.summary': { hi: '{days} में से {met} दिन लक्ष्य पूरा · {n} समीक्षाएँ · {i} निर्देश, {a} पर कार्यवाही', en: 'Target met on {met} of {days} days · {n} reviews · {i} instructions, {a} acted on' },
  'secr.daysCaption': { hi: '{name}: प्रतिदिन 10 समीक्षाओं का लक्ष्य', en: '{name}: the target of 10 reviews a day' },
  'secr.itemsCaption': { hi: '{name}: समीक्षित परिवाद और उन पर कार्यवाही', en: '{name}: grievances reviewed and action taken' },
  'secr.date': { hi: 'तारीख', en: 'Date' },
  'secr.reviewed': { hi: 'समीक्षित', en: 'Reviewed' },
  'secr.target': { hi: 'लक्ष्य', en: 'Target' },
  'secr.met': { hi: 'लक्ष्य पूरा?', en: 'Target met?' },
  'secr.yes': { hi: 'हाँ', en: 'Yes' },
  'secr.no': { hi: 'नहीं', en: 'No' },
  'secr.number': { hi: 'परिवाद संख्या', en: 'Grievance number' },
  'secr.place': { hi: 'विभाग, जिला', en: 'Department, district' },
  'secr.age': { hi: 'आयु (दिन)', en: 'Age (days)' },
  'secr.status': { hi: 'स्थिति', en: 'Status' },
  'secr.note': { hi: 'टिप्पणी', en: 'Note' },
  'secr.instruction': { hi: 'निर्देश', en: 'Instruction' },
  'secr.acted': { hi: 'अधिकारी की कार्यवाही', en: "Officer's action" },
  'secr.notYet': { hi: 'अभी नहीं', en: 'Not yet' },
  'secr.noItems': { hi: 'इस अवधि में कोई समीक्षा नहीं।', en: 'No reviews in this period.' },
} satisfies Record<string, Entry>;

const t = strings(LEADER_FIGURES_UI, SECRETARY_REPORT_UI);

export function SecretaryReportSection({ lang }: { lang: Lang }) {
  const today = istDateOf(new Date());
  const [from, setFrom] = useState(plusDays(today, -6));
  const [to, setTo] = useState(today);
  const [got, setGot] = useState<Got<SecretaryReport>>();
  const show = () => { setGot(undefined); void loadSecretaries({ from, to }).then(setGot); };
  useEffect(show, []);
  const q = { from, to, lang };
  return (
    <section class="wk-section secr" aria-labelledby="secr-title">
      <h2 id="secr-title">{t(lang, 'secr.title')}</h2>
      <form class="wk-filters no-print" noValidate onSubmit={(e) => { e.preventDefault(); show(); }}>
        <div class="field">
          <label for="secr-from">{t(lang, 'secr.from')}</label>
          <input id="secr-from" type="date" value={from} max={today} min="2000-01-01" required onChange={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="secr-to">{t(lang, 'secr.to')}</label>
          <input id="secr-to" type="date" value={to} max={today} min="2000-01-01" required onChange={(e) => setTo(e.currentTarget.value)} />
        </div>
        <div class="actions">
          <button type="submit" class="btn btn--primary">{t(lang, 'leaders.show')}</button>
          <button type="button" class="btn" onClick={() => print()}>{t(lang, 'secr.print')}</button>
        </div>
      </form>
      {!got ? <p role="status">{t(lang, 'leaders.loading')}</p> : !got.ok ? <p class="form-alert" role="alert">{errorText(got.error, lang)}</p>
        : got.data.secretaries.length === 0 ? <p class="empty">{t(lang, 'secr.none')}</p>
          : got.data.secretaries.map((s) => <OneSecretary key={s.id} s={s} lang={lang} />)}
      <Downloads lang={lang} q={q} label={t(lang, 'secr.files')} files={[
        { file: 'secretaries.csv', name: `sampark-reviews-${from}-${to}.csv`, what: 'CSV' },
        { file: 'secretaries.pdf', name: `sampark-reviews-${from}-${to}.pdf`, what: 'PDF' },
      ]} />
    </section>
  );
}

function OneSecretary({ s, lang }: { s: SecretaryReport['secretaries'][number]; lang: Lang }) {
  const id = `secr-${s.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const name = `${s.name} (${s.id})`;
  return (
    <article class="secr-one" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{name} · {s.departments.map((d) => departmentName(d, lang)).join(', ')}</h3>
      <p>{t(lang, 'secr.summary', { met: s.daysMet, days: s.days.length, n: s.reviewed, i: s.instructions, a: s.instructionsActedOn })}</p>
      <TableScroll labelledBy={`${id}-days`}>
        <table class="wk-table">
          <caption id={`${id}-days`}>{t(lang, 'secr.daysCaption', { name })}</caption>
          <thead><tr>
            <th scope="col">{t(lang, 'secr.date')}</th><th scope="col" class="num">{t(lang, 'secr.reviewed')}</th>
            <th scope="col" class="num">{t(lang, 'secr.target')}</th><th scope="col">{t(lang, 'secr.met')}</th>
          </tr></thead>
          <tbody>
            {s.days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{d.date}</th><td class="num">{d.reviewed}</td><td class="num">{d.target}</td>
                <td>{d.met ? t(lang, 'secr.yes') : <strong>{t(lang, 'secr.no')}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {s.items.length === 0 ? <p class="empty">{t(lang, 'secr.noItems')}</p> : (
        <TableScroll labelledBy={`${id}-items`}>
          <table class="wk-table">
            <caption id={`${id}-items`}>{t(lang, 'secr.itemsCaption', { name })}</caption>
            <thead><tr>
              <th scope="col">{t(lang, 'secr.date')}</th><th scope="col">{t(lang, 'secr.number')}</th><th scope="col">{t(lang, 'secr.place')}</th>
              <th scope="col" class="num">{t(lang, 'secr.age')}</th><th scope="col">{t(lang, 'secr.status')}</th><th scope="col">{t(lang, 'secr.note')}</th>
              <th scope="col">{t(lang, 'secr.instruction')}</th><th scope="col">{t(lang, 'secr.acted')}</th>
            </tr></thead>
            <tbody>
              {s.items.map((i) => (
                <tr key={`${i.reviewDate} ${i.number}`}>
                  <td>{i.reviewDate}</td>
                  <th scope="row">{formatGrievanceNumber(i.number)}</th>
                  <td>{departmentName(i.departmentCode, lang)}, {districtName(i.districtCode, lang)}</td>
                  <td class="num">{i.ageDays}</td>
                  <td>{statusName(i.status, lang)}</td>
                  <td>{i.note ?? '—'}</td>
                  <td>{i.instruction ?? '—'}</td>
                  <td>{i.actedOn ? `${stepName(i.actedOn.action, lang)} · ${formatDateTime(i.actedOn.at, lang)}` : <strong>{t(lang, 'secr.notYet')}</strong>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </article>
  );
}
