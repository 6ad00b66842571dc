/**
 * The New account form (ACCEPTANCE.md names: Account ID, Name, Password, the native select Role, Kiosk
 * code, Level, Department, District, Save). Every field is always there, its hint saying which roles use
 * it; the account is built for the chosen role with the shared Account schema, so what the server refuses
 * the form refuses first, next to the field, in the UI language.
 */
import { useState } from 'preact/hooks';
import { Account, LEVELS, ROLES, type Role } from '../../domain/accounts';
import { AccountEntry } from '../../domain/admin';
import { asciiDigits } from '../../domain/digits';
import { DEPARTMENTS, DISTRICTS } from '../../domain/reference';
import { fieldErrorsFromIssues } from './field-errors';
import { Field } from '../components/field';
import { type KeyOf, type Lang, strings } from '../i18n';
import { ADMIN_UI } from './admin-strings';
import { WORKFLOW_UI } from '../workflow-strings';
import { adminCall, fieldMessage } from './admin-api';
import { Outcome } from './admin-frame';
import type { FieldError } from '../../domain/schemas';
import { enterMovesFocus } from '../enter-key';

const t = strings(ADMIN_UI, WORKFLOW_UI);

const EMPTY = { id: '', name: '', password: '', role: 'operator' as Role, kiosk: '', level: '', department: '', district: '', more: [] as string[] };
/** The department and the more departments chosen, each once (secretaries and ministers may have several). */
const departmentsOf = (f: typeof EMPTY) => [...new Set([f.department, ...f.more].filter(Boolean))];

function accountOf(f: typeof EMPTY): unknown {
  const base = { id: f.id.trim(), name: f.name, role: f.role };
  switch (f.role) {
    case 'operator': return { ...base, kioskCode: asciiDigits(f.kiosk.trim()).toUpperCase() };
    case 'officer': return { ...base, level: f.level || undefined, departments: [f.department], ...(f.district && { district: f.district }) };
    case 'nodal': return { ...base, departments: [f.department], ...(f.district && { district: f.district }) };
    case 'secretary': return { ...base, departments: departmentsOf(f) };
    case 'minister': return { ...base, ...(departmentsOf(f).length > 0 && { departments: departmentsOf(f) }) }; // none: the whole state
    default: return base;
  }
}

export function AccountForm({ lang, roles, onCreated, onCancel }: { lang: Lang; roles: readonly Role[]; onCreated: (id: string) => void; onCancel: () => void }) {
  const [f, setF] = useState({ ...EMPTY, role: roles[0] });
  const [fields, setFields] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const L = (k: KeyOf<typeof t>) => t(lang, k);
  const set = (k: keyof typeof EMPTY) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const err = (path: string) => fieldMessage(fields, path, lang);

  const save = async (e: Event) => {
    e.preventDefault();
    setFailure(undefined);
    const parsed = Account.safeParse(accountOf(f), { reportInput: true });
    const local = [...(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues)), ...(f.password.length < 8 ? fieldErrorsFromIssues([{ path: ['password'], message: 'err.password' }]) : [])];
    setFields(local);
    if (local.length > 0) return;
    setBusy(true);
    const r = await adminCall(lang, '/api/admin/accounts', AccountEntry, { account: parsed.data, password: f.password });
    setBusy(false);
    if (r.ok) onCreated(r.data.account.id);
    else { setFields(r.fields.map((x) => ({ ...x, path: x.path.replace(/^account\./, '') }))); setFailure(r.message); }
  };

  return (
    <form class="adm-form" onSubmit={save} onKeyDown={enterMovesFocus} noValidate aria-labelledby="acc-new-title">
      <h2 id="acc-new-title" class="adm-form__wide">{L('acc.new')}</h2>
      <Outcome ok={false} text={failure} />
      <Field id="acc-id" label={L('acc.id')} error={err('id')} required>{(p) => <input {...p} value={f.id} onInput={set('id')} autoComplete="off" autoCapitalize="none" spellcheck={false} />}</Field>
      <Field id="acc-name" label={L('acc.name')} error={err('name')} required>{(p) => <input {...p} value={f.name} onInput={set('name')} autoComplete="off" />}</Field>
      <Field id="acc-password" label={L('acc.password')} hint={L('setup.passwordHint')} error={err('password')} required>{(p) => <input {...p} type="password" value={f.password} onInput={set('password')} autoComplete="new-password" />}</Field>
      <Field id="acc-role" label={L('acc.role')} error={err('role')} required>
        {(p) => <select {...p} value={f.role} onChange={set('role')}>{ROLES.filter((r) => roles.includes(r)).map((r) => <option key={r} value={r}>{`${t(lang, `role.${r}`)} (${r})`}</option>)}</select>}
      </Field>
      <Field id="acc-kiosk" label={L('acc.kiosk')} hint={L('acc.kioskHint')} error={err('kioskCode')}>{(p) => <input {...p} value={f.kiosk} onInput={set('kiosk')} autoComplete="off" placeholder="K1023456" />}</Field>
      <Field id="acc-level" label={L('acc.level')} hint={L('acc.levelHint')} error={err('level')}>
        {(p) => <select {...p} value={f.level} onChange={set('level')}><option value="">{L('adm.none')}</option>{LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}</select>}
      </Field>
      <Field id="acc-department" label={L('acc.department')} hint={L('acc.departmentHint')} error={err('departments')}>
        {(p) => <select {...p} value={f.department} onChange={set('department')}><option value="">{L('adm.none')}</option>{DEPARTMENTS.map((d) => <option key={d.code} value={d.code}>{d[lang]}</option>)}</select>}
      </Field>
      <Field id="acc-more-departments" label={L('acc.moreDepartments')} hint={L('acc.moreDepartmentsHint')}>
        {(p) => (
          <select {...p} multiple size={5} onChange={(e) => setF({ ...f, more: [...e.currentTarget.selectedOptions].map((o) => o.value) })}>
            {DEPARTMENTS.map((d) => <option key={d.code} value={d.code} selected={f.more.includes(d.code)}>{d[lang]}</option>)}
          </select>
        )}
      </Field>
      <Field id="acc-district" label={L('acc.district')} hint={L('acc.districtHint')} error={err('district')}>
        {(p) => <select {...p} value={f.district} onChange={set('district')}><option value="">{L('adm.none')}</option>{DISTRICTS.map((d) => <option key={d.code} value={d.code}>{d[lang]}</option>)}</select>}
      </Field>
      <div class="adm-row-actions adm-form__wide">
        <button type="submit" class="btn btn--primary" aria-disabled={busy ? 'true' : undefined}>{L('adm.save')}</button>
        <button type="button" class="btn" onClick={onCancel}>{L('adm.cancel')}</button>
      </div>
    </form>
  );
}
