/**
 * Camps and Sampark Diwas (issue 12 item 1), for admins and nodal officers: the New camp form (kind, name,
 * date, district, tehsil, venue, departments present, officers present, operators taking part) and the
 * list of recent and coming ones. Checked with the shared CampEventInput schema before it is sent; the
 * server checks again (and that the named accounts exist with those roles).
 */
import { useEffect, useState } from 'preact/hooks';
import { CampEvent, CampEventInput, CampEventList, EVENT_KINDS } from '../../domain/events';
import { DEPARTMENTS, DISTRICTS } from '../../domain/reference';
import type { FieldError } from '../../domain/schemas';
import type { SessionInfo } from '../../sync/auth-client';
import { ErrorText, Field } from '../components/field';
import { departmentName, districtName } from '../format';
import { type KeyOf, type Lang, strings, type Vars } from '../i18n';
import { ADMIN_UI } from './admin-strings';
import { CAMP_EVENT_UI, CAMP_REPORT_UI } from '../camp-strings';
import { adminCall, fieldMessage } from './admin-api';
import { AdminFrame, Outcome } from './admin-frame';
import { fieldErrorsFromIssues } from './field-errors';
import { CampReportView } from './camp-report';

const t = strings(ADMIN_UI, CAMP_EVENT_UI, CAMP_REPORT_UI);

const EMPTY = { kind: 'camp', name: '', date: '', district: '', tehsil: '', venue: '', departments: [] as string[], officers: '', operators: '' };
const ids = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);

export function CampsScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [items, setItems] = useState<CampEvent[]>();
  const [f, setF] = useState(EMPTY);
  const [fields, setFields] = useState<FieldError[]>([]);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const [reportOf, setReportOf] = useState<string>();
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);
  const set = (k: keyof typeof EMPTY) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const err = (path: string) => fieldMessage(fields, path, lang);

  const load = async () => {
    const r = await adminCall(lang, '/api/events', CampEventList);
    if (r.ok) setItems(r.data.events);
    else setResult({ ok: false, text: r.message });
  };
  useEffect(() => { void load(); }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    const body = {
      kind: f.kind, name: f.name, date: f.date, districtCode: f.district, ...(f.tehsil.trim() && { tehsilCode: f.tehsil.trim() }),
      venue: f.venue, departments: f.departments, officers: ids(f.officers), operators: ids(f.operators),
    };
    const parsed = CampEventInput.safeParse(body, { reportInput: true });
    if (!parsed.success) {
      setFields(fieldErrorsFromIssues(parsed.error.issues));
      setResult({ ok: false, text: L('camp.fix') });
      return;
    }
    setFields([]);
    setBusy(true);
    const r = await adminCall(lang, '/api/events', CampEvent, parsed.data);
    setBusy(false);
    if (r.ok) {
      setF(EMPTY);
      setResult({ ok: true, text: L('camp.created', { name: r.data.name }) });
      await load();
    } else {
      setFields(r.fields);
      setResult({ ok: false, text: r.message });
    }
  };

  const toggle = (code: string) => setF({ ...f, departments: f.departments.includes(code) ? f.departments.filter((d) => d !== code) : [...f.departments, code] });

  return (
    <AdminFrame lang={lang} role={session.role} path="/admin/camps">
      <Outcome ok={!!result?.ok} text={result?.text} />
      {reportOf && <CampReportView key={reportOf} lang={lang} id={reportOf} onClose={() => setReportOf(undefined)} />}
      <form class="adm-form" onSubmit={save} noValidate aria-labelledby="camp-new-title">
        <h2 id="camp-new-title" class="adm-form__wide">{L('camp.new')}</h2>
        <Field id="camp-kind" label={L('camp.kind')} error={err('kind')} required>
          {(p) => <select {...p} value={f.kind} onChange={set('kind')}>{EVENT_KINDS.map((k) => <option key={k} value={k}>{L(`camp.kind.${k}`)}</option>)}</select>}
        </Field>
        <Field id="camp-name" label={L('camp.name')} error={err('name')} required>{(p) => <input {...p} value={f.name} onInput={set('name')} autoComplete="off" />}</Field>
        <Field id="camp-date" label={L('camp.date')} error={err('date')} required>{(p) => <input {...p} type="date" value={f.date} onInput={set('date')} />}</Field>
        <Field id="camp-district" label={L('camp.district')} error={err('districtCode')} required>
          {(p) => (
            <select {...p} value={f.district} onChange={set('district')}>
              <option value="">{L('camp.choose')}</option>
              {DISTRICTS.map((d) => <option key={d.code} value={d.code}>{districtName(d.code, lang)}</option>)}
            </select>
          )}
        </Field>
        <Field id="camp-tehsil" label={L('camp.tehsil')} hint={L('camp.tehsilHint')} error={err('tehsilCode')}>
          {(p) => <input {...p} value={f.tehsil} onInput={set('tehsil')} inputMode="numeric" autoComplete="off" class="input--short" />}
        </Field>
        <Field id="camp-venue" label={L('camp.venue')} error={err('venue')} required>{(p) => <input {...p} value={f.venue} onInput={set('venue')} autoComplete="off" />}</Field>
        <fieldset class="field radios adm-form__wide camp-departments" aria-describedby={err('departments') ? 'camp-dep-error' : undefined}>
          <legend>{L('camp.departments')}</legend>
          {err('departments') && <ErrorText id="camp-dep-error">{err('departments')}</ErrorText>}
          <div class="camp-departments__list">
            {DEPARTMENTS.map((d) => (
              <label key={d.code} class="check"><input type="checkbox" checked={f.departments.includes(d.code)} onChange={() => toggle(d.code)} /> {departmentName(d.code, lang)}</label>
            ))}
          </div>
        </fieldset>
        <Field id="camp-officers" label={L('camp.officers')} hint={L('camp.idsHint')} error={err('officers')}>
          {(p) => <input {...p} value={f.officers} onInput={set('officers')} autoComplete="off" autoCapitalize="none" spellcheck={false} />}
        </Field>
        <Field id="camp-operators" label={L('camp.operators')} hint={L('camp.idsHint')} error={err('operators')} required>
          {(p) => <input {...p} value={f.operators} onInput={set('operators')} autoComplete="off" autoCapitalize="none" spellcheck={false} />}
        </Field>
        <div class="adm-form__wide">
          <button type="submit" class="btn btn--primary" aria-disabled={busy}>{L('camp.create')}</button>
        </div>
      </form>
      {!items ? <p>{L('adm.loading')}</p> : (
        <div class="adm-table-wrap" role="region" tabIndex={0} aria-labelledby="camp-list-title">
          <h2 id="camp-list-title">{L('camp.list')}</h2>
          {items.length === 0 ? <p>{L('camp.none')}</p> : (
            <table class="adm-table">
              <thead><tr><th scope="col">{L('camp.date')}</th><th scope="col">{L('camp.name')}</th><th scope="col">{L('camp.where')}</th><th scope="col">{L('camp.departments')}</th><th scope="col">{L('camp.people')}</th><th scope="col"><span class="sr-only">{L('camp.showReport')}</span></th></tr></thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id}>
                    <td>{e.date}</td>
                    <td>{e.name} <span class="hint">({L(`camp.kind.${e.kind}`)})</span></td>
                    <td>{e.venue}, {districtName(e.districtCode, lang)}{e.tehsilCode ? ` (${e.tehsilCode})` : ''}</td>
                    <td>{e.departments.map((d) => departmentName(d, lang)).join(', ')}</td>
                    <td>{L('camp.peopleLine', { o: e.operators.length, f: e.officers.length })}<br /><span class="hint">{[...e.operators, ...e.officers].join(', ')}</span></td>
                    <td><button type="button" class="btn btn--small" onClick={() => setReportOf(e.id)}>{L('camp.showReport')}<span class="sr-only"> {e.name}</span></button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </AdminFrame>
  );
}
