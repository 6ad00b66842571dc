/**
 * Time limits (working days per department and category) and the holiday calendar, with a due-date
 * check that counts with the same code the server uses (src/domain/working-days.ts), so an admin sees at
 * once what a holiday does to a grievance's due date.
 */
import { useEffect, useState } from 'preact/hooks';
import { HolidayList, TimeLimitList } from '../../domain/admin';
import { asciiDigits } from '../../domain/digits';
import { DEPARTMENTS, departmentByCode } from '../../domain/reference';
import { addWorkingDays } from '../../domain/working-days';
import type { SessionInfo } from '../../sync/auth-client';
import { categoryName, departmentName, formatDate, formatNumber } from '../format';
import { type KeyOf, type Lang, strings, type Vars } from '../i18n';
import { ADMIN_UI } from './admin-strings';
import { adminCall } from './admin-api';
import { AdminFrame, Outcome } from './admin-frame';
import { enterMovesFocus } from '../enter-key';

const t = strings(ADMIN_UI);

type Msg = { ok: boolean; text: string } | undefined;
const failed = (lang: Lang, r: { message: string; fields: { path: string; message: string; messageHi: string }[] }) =>
  t(lang, 'adm.failed', { msg: [r.message, ...r.fields.map((f) => (lang === 'hi' ? f.messageHi : f.message))].join(' ') });

export function TimeLimitsScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [rows, setRows] = useState<TimeLimitList['rows']>();
  const [f, setF] = useState({ department: DEPARTMENTS[0].code, category: '', days: '' });
  const [msg, setMsg] = useState<Msg>();
  const L = (k: KeyOf<typeof t>) => t(lang, k);
  useEffect(() => { void adminCall(lang, '/api/admin/time-limits', TimeLimitList).then((r) => r.ok && setRows(r.data.rows)); }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    const r = await adminCall(lang, '/api/admin/time-limits', TimeLimitList, { department: f.department, ...(f.category && { category: f.category }), days: Number(asciiDigits(f.days)) });
    if (r.ok) setRows(r.data.rows);
    setMsg(r.ok ? { ok: true, text: L('adm.saved') } : { ok: false, text: failed(lang, r) });
  };
  return (
    <AdminFrame lang={lang} role={session.role} path="/admin/time-limits">
      <p>{L('tl.note')}</p>
      <form class="adm-form" onSubmit={save} onKeyDown={enterMovesFocus} aria-label={L('adm.timeLimits')}>
        <div class="field"><label for="tl-dept">{L('acc.department')}</label>
          <select id="tl-dept" value={f.department} onChange={(e) => setF({ ...f, department: e.currentTarget.value, category: '' })}>{DEPARTMENTS.map((d) => <option key={d.code} value={d.code}>{d[lang]}</option>)}</select></div>
        <div class="field"><label for="tl-cat">{L('rt.category')}</label>
          <select id="tl-cat" value={f.category} onChange={(e) => setF({ ...f, category: e.currentTarget.value })}><option value="">{L('tl.default')}</option>
            {(departmentByCode(f.department)?.categories ?? []).map((c) => <option key={c.code} value={c.code}>{c[lang]}</option>)}</select></div>
        <div class="field"><label for="tl-days">{L('tl.days')}</label><input id="tl-days" inputMode="numeric" value={f.days} onInput={(e) => setF({ ...f, days: e.currentTarget.value })} /></div>
        <div><button type="submit" class="btn btn--primary">{L('adm.save')}</button></div>
      </form>
      <Outcome ok={!!msg?.ok} text={msg?.text} />
      {rows && (
        <div class="adm-table-wrap" role="region" tabIndex={0} aria-labelledby="tl-title">
          <h2 id="tl-title">{L('tl.list')}</h2>
          <table class="adm-table">
            <thead><tr><th scope="col">{L('acc.department')}</th><th scope="col">{L('rt.category')}</th><th scope="col">{L('tl.days')}</th></tr></thead>
            <tbody>{rows.map((r) => (
              <tr key={`${r.department}/${r.category}`}>
                <td>{r.department ? departmentName(r.department, lang) : L('tl.default')}</td>
                <td>{r.category ? categoryName(r.department, r.category, lang) : L('tl.default')}</td>
                <td>{formatNumber(r.days, lang)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </AdminFrame>
  );
}

const today = () => new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);

export function HolidaysScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [list, setList] = useState<HolidayList>();
  const [f, setF] = useState({ date: '', en: '', hi: '' });
  const [check, setCheck] = useState({ from: today(), days: '3' });
  const [msg, setMsg] = useState<Msg>();
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);
  useEffect(() => { void adminCall(lang, '/api/admin/holidays', HolidayList).then((r) => r.ok && setList(r.data)); }, []);
  const send = async (url: string, body: unknown) => {
    const r = await adminCall(lang, url, HolidayList, body);
    if (r.ok) setList(r.data);
    setMsg(r.ok ? { ok: true, text: L('adm.saved') } : { ok: false, text: failed(lang, r) });
  };
  const days = Number(asciiDigits(check.days));
  const from = Date.parse(`${asciiDigits(check.from)}T10:00:00+05:30`);
  const due = list && Number.isInteger(days) && days > 0 && days <= 365 && !Number.isNaN(from)
    ? addWorkingDays(new Date(from), days, new Set(list.items.map((h) => h.date))) : undefined;
  return (
    <AdminFrame lang={lang} role={session.role} path="/admin/holidays">
      <p>{L('hol.weekly')}</p>
      <form class="adm-form" onKeyDown={enterMovesFocus} onSubmit={(e) => { e.preventDefault(); void send('/api/admin/holidays', { date: asciiDigits(f.date), en: f.en, hi: f.hi }); }} aria-label={L('hol.add')}>
        <div class="field"><label for="hol-date">{L('hol.date')}</label><input id="hol-date" type="date" value={f.date} onInput={(e) => setF({ ...f, date: e.currentTarget.value })} /></div>
        <div class="field"><label for="hol-en">{L('hol.en')}</label><input id="hol-en" value={f.en} onInput={(e) => setF({ ...f, en: e.currentTarget.value })} /></div>
        <div class="field"><label for="hol-hi">{L('hol.hi')}</label><input id="hol-hi" lang="hi" value={f.hi} onInput={(e) => setF({ ...f, hi: e.currentTarget.value })} /></div>
        <div><button type="submit" class="btn btn--primary">{L('hol.add')}</button></div>
      </form>
      <Outcome ok={!!msg?.ok} text={msg?.text} />
      <section class="adm-form" aria-labelledby="hol-check-title">
        <h2 id="hol-check-title" class="adm-form__wide">{L('hol.check')}</h2>
        <div class="field"><label for="hol-from">{L('hol.from')}</label><input id="hol-from" type="date" value={check.from} onInput={(e) => setCheck({ ...check, from: e.currentTarget.value })} /></div>
        <div class="field"><label for="hol-days">{L('tl.days')}</label><input id="hol-days" inputMode="numeric" value={check.days} onInput={(e) => setCheck({ ...check, days: e.currentTarget.value })} /></div>
        <p class="adm-form__wide" role="status" aria-live="polite">{due ? L('hol.due', { date: formatDate(due, lang) }) : ''}</p>
      </section>
      {list && (list.items.length === 0 ? <p>{L('hol.none')}</p> : (
        <div class="adm-table-wrap" role="region" tabIndex={0} aria-labelledby="hol-title">
          <h2 id="hol-title">{L('hol.list')}</h2>
          <table class="adm-table">
            <thead><tr><th scope="col">{L('hol.date')}</th><th scope="col">{L('ref.name')}</th><th scope="col">{L('acc.actions')}</th></tr></thead>
            <tbody>{list.items.map((h) => (
              <tr key={h.date}>
                <td>{formatDate(new Date(`${h.date}T12:00:00+05:30`), lang)}</td><td>{h[lang]}</td>
                <td><button type="button" class="btn btn--small" aria-label={`${L('adm.remove')} ${h[lang]}`} onClick={() => void send('/api/admin/holidays/remove', { date: h.date })}>{L('adm.remove')}</button></td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      ))}
    </AdminFrame>
  );
}
