/**
 * Accounts (issue 15): the list an admin (or a nodal officer, for the officers of their department and
 * district) manages, the New account form, and per account Disable / Enable, Reset password and Sign out
 * everywhere; for admins, the CSV import of kiosk operators. Every change is made and audited on the server.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Account, Role } from '../../domain/accounts';
import { AccountActionResult, AccountList, type AccountEntry, type AccountAction } from '../../domain/admin';
import type { SessionInfo } from '../../sync/auth-client';
import { departmentName, districtName } from '../format';
import { type KeyOf, type Lang, strings, type Vars } from '../i18n';
import { ADMIN_UI } from './admin-strings';
import { WORKFLOW_UI } from '../workflow-strings';
import { adminCall } from './admin-api';
import { AdminFrame, Outcome } from './admin-frame';
import { AccountForm } from './account-form';
import { ImportPanel } from './import-panel';

const t = strings(ADMIN_UI, WORKFLOW_UI);

const where = (a: Account, lang: Lang) => {
  switch (a.role) {
    case 'operator': return a.kioskCode;
    case 'officer': return [a.level, departmentName(a.departments[0], lang), a.district && districtName(a.district, lang)].filter(Boolean).join(' · ');
    case 'nodal': return [departmentName(a.departments[0], lang), a.district && districtName(a.district, lang)].filter(Boolean).join(' · ');
    case 'secretary': return a.departments.map((d) => departmentName(d, lang)).join(', ');
    case 'minister': return a.departments?.map((d) => departmentName(d, lang)).join(', ') ?? '';
    default: return '';
  }
};

export function AccountsScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [items, setItems] = useState<AccountEntry[]>();
  const [adding, setAdding] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const [resetFor, setResetFor] = useState<string>();
  const [password, setPassword] = useState('');
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);
  const roles: readonly Role[] = session.role === 'admin' ? ['operator', 'officer', 'nodal', 'secretary', 'minister', 'agent', 'admin'] : ['officer'];

  const load = async () => {
    const r = await adminCall(lang, '/api/admin/accounts', AccountList);
    if (r.ok) setItems(r.data.items);
    else setResult({ ok: false, text: r.message });
  };
  useEffect(() => { void load(); }, []);

  const act = async (id: string, action: AccountAction) => {
    const r = await adminCall(lang, `/api/admin/accounts/${encodeURIComponent(id)}/actions`, AccountActionResult, action);
    setResult(r.ok ? { ok: true, text: L('acc.done', { id, n: r.data.signedOut }) } : { ok: false, text: L('adm.failed', { msg: r.message }) });
    if (r.ok) { setResetFor(undefined); setPassword(''); await load(); }
  };

  return (
    <AdminFrame lang={lang} role={session.role} path="/admin/accounts">
      <Outcome ok={!!result?.ok} text={result?.text} />
      {adding
        ? <AccountForm lang={lang} roles={roles} onCancel={() => setAdding(false)}
            onCreated={(id) => { setAdding(false); setResult({ ok: true, text: L('acc.created', { id }) }); void load(); }} />
        : <p><button type="button" class="btn btn--primary" onClick={() => setAdding(true)}>{L('acc.new')}</button></p>}
      {session.role === 'admin' && <ImportPanel lang={lang} onImported={() => void load()} />}
      {!items ? <p>{L('adm.loading')}</p> : (
        <div class="adm-table-wrap" role="region" tabIndex={0} aria-labelledby="acc-list-title">
          <h2 id="acc-list-title">{L('acc.list')}</h2>
          <table class="adm-table">
            <thead><tr><th scope="col">{L('acc.id')}</th><th scope="col">{L('acc.name')}</th><th scope="col">{L('acc.role')}</th><th scope="col">{L('acc.where')}</th><th scope="col">{L('acc.state')}</th><th scope="col">{L('acc.actions')}</th></tr></thead>
            <tbody>
              {items.map(({ account: a, disabled, sessions }) => (
                <tr key={a.id}>
                  <th scope="row">{a.id}</th>
                  <td>{a.name}</td>
                  <td>{L(`role.${a.role}`)}</td>
                  <td>{where(a, lang)}</td>
                  <td>{disabled ? L('acc.disabled') : L('acc.active')}{sessions > 0 && <><br />{L('acc.devices', { n: sessions })}</>}</td>
                  <td>
                    <div class="adm-row-actions">
                      {a.id !== session.operatorId && <button type="button" class="btn btn--small" aria-label={`${L(disabled ? 'acc.enable' : 'acc.disable')} ${a.id}`}
                        onClick={() => void act(a.id, { type: disabled ? 'enable' : 'disable' })}>{L(disabled ? 'acc.enable' : 'acc.disable')}</button>}
                      <button type="button" class="btn btn--small" aria-label={`${L('acc.signOut')} ${a.id}`} onClick={() => void act(a.id, { type: 'sign-out' })}>{L('acc.signOut')}</button>
                      <button type="button" class="btn btn--small" aria-label={`${L('acc.reset')} ${a.id}`} aria-expanded={resetFor === a.id} onClick={() => setResetFor(resetFor === a.id ? undefined : a.id)}>{L('acc.reset')}</button>
                    </div>
                    {resetFor === a.id && (
                      <form class="adm-row-actions" onSubmit={(e) => { e.preventDefault(); void act(a.id, { type: 'reset-password', password }); }}>
                        <label for="acc-reset-pw" class="sr-only">{L('acc.newPassword', { id: a.id })}</label>
                        <input id="acc-reset-pw" type="password" autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
                        <button type="submit" class="btn btn--small btn--primary">{L('adm.save')}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminFrame>
  );
}
